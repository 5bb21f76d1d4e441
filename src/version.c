/* version.c - the version of the linked library. */
#include "newstag.h"

const char *nt_version(void)
{
    return NT_VERSION_STRING;
}
