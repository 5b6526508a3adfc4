/* fuzz_safetensors: the safetensors reader and its JSON header parser. The
 * input is the whole file; it is opened without and with --tensor and its
 * tensors listed; a table that opens must hold every invariant. */
#include <stdint.h>
#include <stdlib.h>
#include "format_safetensors.h"
#include "json.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_file("in.safetensors", data, size);
    const char *names[] = {NULL, "emb", "w"};
    for (size_t k = 0; k < 3; k++) {
        struct read_opts o = {0};
        o.tensor = names[k];
        o.limit = (fuzz_hash(data, size) & 3) == 0 ? 2 : 0;
        struct read_report r = {0};
        embx_table *t = NULL;
        embx_err e;
        e.msg[0] = '\0';
        fuzz_expect_read(safetensors_read(path, &o, &t, &r, &e), &t, &e);
    }
    struct tensor_list l;
    embx_err e;
    if (safetensors_list(path, &l, &e) == EMBX_OK) tensor_list_free(&l);
    /* the JSON parser on the raw bytes too */
    struct json j;
    if (json_parse((const char *)data, size, &j, &e) == EMBX_OK) json_free(&j);
    return 0;
}
