/* fuzz_bench: the benchmark-file readers (analogy questions, word-similarity
 * pairs). */
#include <stdint.h>
#include <stdlib.h>
#include "fuzz_common.h"

/* The benchmark readers have not been merged into this tree yet. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)data;
    (void)size;
    return 0;
}
