/* format_fasttext: the fastText model file (.bin, written by `fasttext
 * skipgram|cbow|supervised`), not the .vec text. The table holds the
 * vocabulary words' vectors as fastText computes them (the word's row and
 * its character n-gram rows, averaged), and keeps the file mapped so that a
 * word outside the vocabulary gets its vector from its n-grams
 * (table_oov_vector). Quantized models (.ftz) are refused. */
#ifndef EMBX_FORMAT_FASTTEXT_H
#define EMBX_FORMAT_FASTTEXT_H
#include <stdint.h>
#include "registry.h"

/* Its registry code (recorded nowhere yet: the model is never cached). */
#define FMT_FASTTEXT_BIN ((enum embx_format)13)

/* True when the bytes start with fastText's model magic number. */
int fasttext_is_magic(const unsigned char *b, size_t len);
/* Reads a fastText .bin model (see struct format_desc). */
int fasttext_read(const char *path, const struct read_opts *o, embx_table **out, struct read_report *r,
                  embx_err *e);
/* fastText's n-gram hash (32-bit FNV-1a over bytes taken as signed char). */
uint32_t fasttext_hash(const char *s, size_t len);

#endif
