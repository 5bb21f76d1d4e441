/* file_image.h - the bytes of a whole file, read-only: mapped where the system allows,
 * read into memory otherwise. A model keeps its image and uses the arrays in it in place. */
#ifndef NT_FILE_IMAGE_H
#define NT_FILE_IMAGE_H

#include <stddef.h>

#include "newstag.h"

typedef struct nt_file_image {
    const unsigned char *p;
    size_t len;
    int mapped; /* 1: munmap on close; 0: free */
} nt_file_image;

/* Opens path (a regular file of at most max_len bytes). The start is aligned for any
 * number type. Returns NT_OK, or NT_EIO / NT_EFORMAT / NT_ENOMEM with err filled. */
int nt_file_image_open(nt_file_image *im, const char *path, size_t max_len, nt_error *err);
/* Is p inside the image? (Then it is not the caller's to free.) */
int nt_file_image_holds(const nt_file_image *im, const void *p);
void nt_file_image_close(nt_file_image *im);

#endif
