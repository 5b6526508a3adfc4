/* floatfmt: float32 to text exactly as printf("%.9g") writes it (nine
 * significant digits: always enough to read back the same float), without
 * printf's cost: exact integer arithmetic for the usual range, printf for
 * the rest. */
#ifndef EMBX_FLOATFMT_H
#define EMBX_FLOATFMT_H
#include <stddef.h>

/* Writes f as "%.9g" would into buf (at least 20 bytes, NUL-terminated);
 * returns the length. */
size_t float_format9(float f, char *buf);

#endif
