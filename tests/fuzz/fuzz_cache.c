/* fuzz_cache: validation of a cached table. At start a real source file is
 * loaded into the cache (cache_store); each input then replaces that cache
 * file, either whole (when it starts with the .embx magic) or as edits of the
 * valid entry (fuzz_patch), and cache_lookup must either return a sound
 * table or refuse with a reason. The file name comes from the cache itself,
 * so the harness does not depend on how keys are spelled. */
#include <dirent.h>
#include <sys/stat.h>
#include <stdint.h>
#include <stdlib.h>
#include "cache.h"
#include "native.h"
#include "fuzz_common.h"

static char source[4200], entry[4200];
static uint8_t *base;
static size_t base_len;
static struct read_opts ropts;

/* The one regular file under dir (recursively), into out. */
static int find_entry(const char *dir, char *out, size_t len)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    struct dirent *de;
    int found = -1;
    while (found < 0 && (de = readdir(d))) {
        if (de->d_name[0] == '.') continue;
        char p[4200];
        snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
        struct stat st;
        if (stat(p, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) found = find_entry(p, out, len);
        else if (S_ISREG(st.st_mode)) {
            FILE *fp = fopen(p, "rb");
            unsigned char m[64];
            size_t got = fp ? fread(m, 1, sizeof m, fp) : 0;
            if (fp) fclose(fp);
            if (native_is_magic(m, got)) {
                snprintf(out, len, "%s", p);
                found = 0;
            }
        }
    }
    closedir(d);
    return found;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *dir = fuzz_scratch_dir();
    snprintf(source, sizeof source, "%s/source.txt", dir);
    embx_table *t = fuzz_small_table();
    FILE *fp = fopen(source, "w");
    if (!fp) abort();
    for (size_t i = 0; i < t->n; i++) {
        fputs(t->words[i], fp);
        for (size_t j = 0; j < t->dim; j++) fprintf(fp, " %.9g", table_row(t, i)[j]);
        fputc('\n', fp);
    }
    fclose(fp);
    ropts.quiet = true;
    ropts.threads = 1;
    embx_err e;
    if (cache_store(source, &ropts, t, &e) != EMBX_OK) {
        fprintf(stderr, "fuzz_cache: cache_store: %s\n", e.msg);
        abort();
    }
    table_free(t);
    char cdir[4200];
    if (cache_dir(cdir, sizeof cdir, &e) != EMBX_OK || find_entry(cdir, entry, sizeof entry) != 0) {
        fprintf(stderr, "fuzz_cache: no cache entry found under %s\n", cdir);
        abort();
    }
    fp = fopen(entry, "rb");
    if (!fp) abort();
    fseek(fp, 0, SEEK_END);
    base_len = (size_t)ftell(fp);
    rewind(fp);
    base = malloc(base_len);
    if (!base || fread(base, 1, base_len, fp) != base_len) abort();
    fclose(fp);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *img = data;
    uint8_t *patched = NULL;
    size_t len = size;
    if (!native_is_magic(data, size)) {
        patched = malloc(base_len);
        if (!patched) return 0;
        memcpy(patched, base, base_len);
        len = base_len;
        fuzz_patch(patched, &len, data, size);
        img = patched;
    }
    FILE *fp = fopen(entry, "wb");
    if (!fp) abort();
    if (len && fwrite(img, 1, len, fp) != len) abort();
    fclose(fp);
    free(patched);
    embx_table *t = NULL;
    embx_err e;
    e.msg[0] = '\0';
    fuzz_expect_read(cache_lookup(source, &ropts, &t, &e), &t, &e);
    return 0;
}
