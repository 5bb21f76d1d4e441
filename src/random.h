/* random.h - a number no other model in the process will have drawn. */
#ifndef NT_RANDOM_H
#define NT_RANDOM_H

#include <stdint.h>

/* 64 random bits from the kernel (getrandom); if it fails, the clock and the stack address
 * mixed. Not for secrets: it tells objects apart. */
uint64_t nt_random64(void);

#endif
