/* native: write and map the .embx format (layout in doc/embx-format.md).
 * Opening never trusts the file: every size and offset is checked against
 * the file size and against each other, the header and vocabulary carry
 * CRC-32s, and the norms are checked for sanity, so a damaged or truncated
 * file is refused with a message instead of being used. */
#include <errno.h>
#include <float.h>
#include <stdbool.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <xxhash.h>
#include "atomic_file.h"
#include "mapcheck.h"
#include "mapguard.h"
#include "native.h"

#define EMBX_MAGIC "\x89" "EMBX\r\n\x1a"
#define EMBX_VERSION 1u
#define HDR_SIZE 256u
#define MATRIX_ALIGN 4096u

/* Header fields, all little-endian, at these byte offsets. */
enum {
    H_MAGIC = 0, H_VERSION = 8, H_HDRSIZE = 12, H_N = 16, H_DIM = 24,
    H_VOCAB_OFF = 32, H_VOCAB_LEN = 40, H_VECS_OFF = 48, H_VECS_LEN = 56,
    H_NORMS_OFF = 64, H_NORMS_LEN = 72, H_FILE_SIZE = 80,
    H_SRC_SIZE = 88, H_SRC_MTIME = 96, H_SRC_MTIME_NS = 104, H_SRC_LIMIT = 112,
    H_SRC_FORMAT = 120, H_SRC_PATH_LEN = 124, H_SRC_PATH_OFF = 128,
    H_VOCAB_CRC = 136, H_HDR_CRC = 140,
    /* added without a version change: older files have zeros here */
    H_VECS_XXH = 144, H_NORMS_XXH = 152, H_FLAGS = 160, H_END = 164
};

/* H_FLAGS bits */
enum { F_XXH = 1u };    /* H_VECS_XXH (mapcheck_hash) and H_NORMS_XXH (XXH3-64) are set */

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}
static void put64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) p[i] = (unsigned char)(v >> (8 * i));
}
static uint32_t get32(const unsigned char *p)
{
    uint32_t v = 0;
    for (int i = 3; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}
static uint64_t get64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

int native_is_magic(const unsigned char *buf, size_t len)
{
    return len >= 8 && memcmp(buf, EMBX_MAGIC, 8) == 0;
}

static uint64_t align_up(uint64_t x, uint64_t a) { return (x + a - 1) / a * a; }

/* Writes n floats little-endian (a no-op conversion on little-endian hosts). */
static int write_floats(FILE *fp, const float *v, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    for (size_t i = 0; i < n; i++) {
        uint32_t u;
        memcpy(&u, &v[i], 4);
        unsigned char b[4];
        put32(b, u);
        if (fwrite(b, 4, 1, fp) != 1) return -1;
    }
    return 0;
#else
    return fwrite(v, sizeof(float), n, fp) == n ? 0 : -1;
#endif
}

/* Checksums of the matrix and norms as they are in the file (little-endian:
 * a big-endian host writes none, it cannot map the file anyway). */
static void set_checksums(unsigned char *h, const float *vecs, uint64_t vecs_len,
                          const float *norms, uint64_t norms_len)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    (void)h; (void)vecs; (void)vecs_len; (void)norms; (void)norms_len;
#else
    put64(h + H_VECS_XXH, mapcheck_hash(vecs, (size_t)vecs_len));
    put64(h + H_NORMS_XXH, XXH3_64bits(norms, (size_t)norms_len));
    put32(h + H_FLAGS, F_XXH);
#endif
}

static int write_file(const embx_table *t, const char *path, const struct native_source *src,
                      bool durable, embx_err *e)
{
    /* vocabulary size and checksum first: the header precedes it */
    uint64_t vocab_len = 0;
    uLong crc = crc32(0L, Z_NULL, 0);
    for (size_t i = 0; i < t->n; i++) {
        size_t l = strlen(t->words[i]) + 1;
        vocab_len += l;
        crc = crc32(crc, (const Bytef *)t->words[i], (uInt)l);
    }
    size_t plen = src ? strnlen(src->path, sizeof src->path) : 0;
    uint64_t path_off = HDR_SIZE;
    uint64_t vocab_off = path_off + plen;
    uint64_t vecs_off = align_up(vocab_off + vocab_len, MATRIX_ALIGN);
    uint64_t vecs_len = (uint64_t)t->n * t->dim * sizeof(float);
    uint64_t norms_off = vecs_off + vecs_len;
    uint64_t norms_len = (uint64_t)t->n * sizeof(float);
    uint64_t file_size = norms_off + norms_len;

    unsigned char h[HDR_SIZE];
    memset(h, 0, sizeof h);
    memcpy(h + H_MAGIC, EMBX_MAGIC, 8);
    put32(h + H_VERSION, EMBX_VERSION);
    put32(h + H_HDRSIZE, HDR_SIZE);
    put64(h + H_N, t->n);
    put64(h + H_DIM, t->dim);
    put64(h + H_VOCAB_OFF, vocab_off);
    put64(h + H_VOCAB_LEN, vocab_len);
    put64(h + H_VECS_OFF, vecs_off);
    put64(h + H_VECS_LEN, vecs_len);
    put64(h + H_NORMS_OFF, norms_off);
    put64(h + H_NORMS_LEN, norms_len);
    put64(h + H_FILE_SIZE, file_size);
    if (src) {
        put64(h + H_SRC_SIZE, src->size);
        put64(h + H_SRC_MTIME, (uint64_t)src->mtime_sec);
        put64(h + H_SRC_MTIME_NS, (uint64_t)src->mtime_nsec);
        put64(h + H_SRC_LIMIT, src->limit);
        put32(h + H_SRC_FORMAT, src->format);
    }
    put32(h + H_SRC_PATH_LEN, (uint32_t)plen);
    put64(h + H_SRC_PATH_OFF, path_off);
    put32(h + H_VOCAB_CRC, (uint32_t)crc);
    put32(h + H_HDR_CRC, (uint32_t)crc32(crc32(0L, Z_NULL, 0), h, H_HDR_CRC));

    float *norms = t->inv_norms;
    float *tmp_norms = NULL;
    if (norms) {
        set_checksums(h, t->vecs, vecs_len, norms, norms_len);
    } else {
        tmp_norms = malloc((t->n ? t->n : 1) * sizeof(float));
        if (!tmp_norms) return err_set(e, "%s: out of memory", path);
        for (size_t i = 0; i < t->n; i++) {
            const float *r = table_row(t, i);
            double s = 0;
            for (size_t j = 0; j < t->dim; j++) s += (double)r[j] * r[j];
            double inv = s > 0 ? 1.0 / sqrt(s) : 0.0;   /* as table_compute_norms */
            tmp_norms[i] = inv <= FLT_MAX ? (float)inv : 0.0f;
        }
        norms = tmp_norms;
        set_checksums(h, t->vecs, vecs_len, norms, norms_len);
    }

    atomic_file a;
    if (atomic_open(&a, path, e)) {
        free(tmp_norms);
        return EMBX_ERR;
    }
    int bad = fwrite(h, 1, sizeof h, a.fp) != sizeof h;
    if (!bad && plen) bad = fwrite(src->path, 1, plen, a.fp) != plen;
    for (size_t i = 0; !bad && i < t->n; i++) {
        size_t l = strlen(t->words[i]) + 1;
        bad = fwrite(t->words[i], 1, l, a.fp) != l;
    }
    static const unsigned char zeros[MATRIX_ALIGN];
    size_t pad = (size_t)(vecs_off - vocab_off - vocab_len);
    if (!bad && pad) bad = fwrite(zeros, 1, pad, a.fp) != pad;
    if (!bad) bad = write_floats(a.fp, t->vecs, t->n * t->dim) != 0;
    if (!bad) bad = write_floats(a.fp, norms, t->n) != 0;
    free(tmp_norms);
    if (bad) {
        int err = errno;
        atomic_abort(&a);
        return err_set(e, "%s: write failed: %s", path, strerror(err ? err : EIO));
    }
    if (durable) return atomic_commit(&a, e);
    /* the atomic_file steps but fsync: flush, close, rename */
    int err = 0;
    if (fflush(a.fp) != 0 || ferror(a.fp)) err = errno ? errno : EIO;
    if (fclose(a.fp) != 0 && !err) err = errno;
    a.fp = NULL;
    if (!err && rename(a.tmp, a.path) != 0) err = errno;
    if (err) {
        atomic_abort(&a);
        return err_set(e, "%s: write failed: %s", path, strerror(err));
    }
    free(a.tmp);
    free(a.path);
    return EMBX_OK;
}

int native_write(const embx_table *t, const char *path, const struct native_source *src, embx_err *e)
{
    return write_file(t, path, src, true, e);
}

int native_write_nosync(const embx_table *t, const char *path, const struct native_source *src,
                        embx_err *e)
{
    return write_file(t, path, src, false, e);
}

/* True when [off, off+len) lies within size (no overflow). */
static bool in_file(uint64_t off, uint64_t len, uint64_t size)
{
    return off <= size && len <= size - off;
}

static int damaged(const char *path, const char *why, embx_err *e)
{
    return err_set(e, "%s: damaged .embx file: %s", path, why);
}

int native_read_source(const char *path, struct native_source *src, embx_err *e)
{
    memset(src, 0, sizeof *src);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return err_set(e, "%s: cannot open: %s", path, strerror(errno));
    unsigned char h[HDR_SIZE];
    struct stat st;
    int rc = EMBX_OK;
    if (fstat(fd, &st) != 0 || pread(fd, h, HDR_SIZE, 0) != (ssize_t)HDR_SIZE)
        rc = damaged(path, "shorter than its header", e);
    else if (!native_is_magic(h, 8) || get32(h + H_HDR_CRC) != (uint32_t)crc32(crc32(0L, Z_NULL, 0), h, H_HDR_CRC))
        rc = damaged(path, "bad header", e);
    uint64_t off = get64(h + H_SRC_PATH_OFF), len = get32(h + H_SRC_PATH_LEN);
    if (rc == EMBX_OK && (len >= sizeof src->path || !in_file(off, len, (uint64_t)st.st_size)))
        rc = damaged(path, "bad source path offset", e);
    if (rc == EMBX_OK && len && pread(fd, src->path, (size_t)len, (off_t)off) != (ssize_t)len)
        rc = damaged(path, "cannot read the source path", e);
    close(fd);
    if (rc) return rc;
    src->path[len] = '\0';
    src->size = get64(h + H_SRC_SIZE);
    src->mtime_sec = (int64_t)get64(h + H_SRC_MTIME);
    src->mtime_nsec = (int64_t)get64(h + H_SRC_MTIME_NS);
    src->limit = get64(h + H_SRC_LIMIT);
    src->format = get32(h + H_SRC_FORMAT);
    return EMBX_OK;
}

int native_open(const char *path, embx_table **out, struct native_source *src, embx_err *e)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        if (err == ENOENT) return err_set(e, "%s: no such file", path);
        if (err == EACCES) return err_set(e, "%s: permission denied", path);
        return err_set(e, "%s: cannot open: %s", path, strerror(err));
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return err_set(e, "%s: not a regular file", path);
    }
    uint64_t size = (uint64_t)st.st_size;
    if (size < HDR_SIZE) {
        close(fd);
        return damaged(path, "shorter than its header", e);
    }
    void *map = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    int err = errno;
    close(fd);
    if (map == MAP_FAILED) return err_set(e, "%s: cannot map: %s", path, strerror(err));
    const unsigned char *h = map;
    const char *why = NULL;
    uint64_t n = get64(h + H_N), dim = get64(h + H_DIM);
    uint64_t vocab_off = get64(h + H_VOCAB_OFF), vocab_len = get64(h + H_VOCAB_LEN);
    uint64_t vecs_off = get64(h + H_VECS_OFF), vecs_len = get64(h + H_VECS_LEN);
    uint64_t norms_off = get64(h + H_NORMS_OFF), norms_len = get64(h + H_NORMS_LEN);
    uint64_t path_off = get64(h + H_SRC_PATH_OFF), path_len = get32(h + H_SRC_PATH_LEN);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    why = "the matrix is little-endian and this host is big-endian";
#endif
    if (why) {
        /* refused above, whatever the header says */
    } else if (!native_is_magic(h, 8)) why = "bad magic";
    else if (get32(h + H_VERSION) != EMBX_VERSION) why = "unsupported version";
    else if (get32(h + H_HDRSIZE) != HDR_SIZE) why = "bad header size";
    else if (get32(h + H_HDR_CRC) != (uint32_t)crc32(crc32(0L, Z_NULL, 0), h, H_HDR_CRC))
        why = "header checksum mismatch";
    else if (get64(h + H_FILE_SIZE) != size) why = "file size differs from the header (truncated?)";
    else if (dim == 0 || dim > (1u << 24)) why = "bad dimension";
    else if (n >= UINT32_MAX) why = "bad row count";
    else if (vecs_len != n * dim * sizeof(float)) why = "matrix size disagrees with N x D";
    else if (norms_len != n * sizeof(float)) why = "norms size disagrees with N";
    else if (path_off < HDR_SIZE || !in_file(path_off, path_len, size)) why = "bad source path offset";
    else if (vocab_off < path_off + path_len || !in_file(vocab_off, vocab_len, size))
        why = "bad vocabulary offset";
    else if (vecs_off % MATRIX_ALIGN || vecs_off < vocab_off + vocab_len ||
             !in_file(vecs_off, vecs_len, size))
        why = "bad matrix offset";
    else if (norms_off % sizeof(float) || norms_off < vecs_off + vecs_len ||
             !in_file(norms_off, norms_len, size))
        why = "bad norms offset";
    else if ((n > 0) != (vocab_len > 0)) why = "vocabulary size disagrees with N";
    else if (get32(h + H_VOCAB_CRC) !=
             (uint32_t)crc32_z(crc32(0L, Z_NULL, 0), h + vocab_off, (z_size_t)vocab_len))
        why = "vocabulary checksum mismatch";
    if (why) {
        munmap(map, (size_t)size);
        return damaged(path, why, e);
    }
    const float *norms = (const float *)(h + norms_off);
    for (uint64_t i = 0; i < n; i++)
        if (!(norms[i] >= 0.0f) || !isfinite(norms[i])) {
            munmap(map, (size_t)size);
            return damaged(path, "invalid norms", e);
        }
    /* the norms are read whole here anyway: their checksum costs little */
    bool sums = (get32(h + H_FLAGS) & F_XXH) != 0;
    if (sums && XXH3_64bits(norms, (size_t)norms_len) != get64(h + H_NORMS_XXH)) {
        munmap(map, (size_t)size);
        return damaged(path, "norms checksum mismatch", e);
    }
    embx_table *t = calloc(1, sizeof *t);
    if (!t) {
        munmap(map, (size_t)size);
        return err_set(e, "out of memory");
    }
    t->map = map;
    t->map_len = (size_t)size;
    t->n = (size_t)n;
    t->cap = (size_t)n;
    t->dim = (size_t)dim;
    t->vecs = (float *)((unsigned char *)map + vecs_off);
    t->inv_norms = (float *)((unsigned char *)map + norms_off);
    t->vecs_owned = t->norms_owned = false;
    /* a truncation while mapped fails a command instead of the session */
    t->map_guard = mapguard_register(map, (size_t)size);
    /* the matrix is checked in the background: opening stays instant */
    if (sums) t->check = mapcheck_start(h + vecs_off, (size_t)vecs_len, get64(h + H_VECS_XXH));
    if (table_set_vocab(t, (char *)map + vocab_off, (size_t)vocab_len, false, e) ||
        table_build_hash(t, e)) {
        char msg[sizeof e->msg];
        snprintf(msg, sizeof msg, "%s", e->msg);
        table_free(t);
        return damaged(path, msg, e);
    }
    if (src) {
        memset(src, 0, sizeof *src);
        size_t pl = path_len < sizeof src->path ? (size_t)path_len : sizeof src->path - 1;
        memcpy(src->path, h + path_off, pl);
        src->size = get64(h + H_SRC_SIZE);
        src->mtime_sec = (int64_t)get64(h + H_SRC_MTIME);
        src->mtime_nsec = (int64_t)get64(h + H_SRC_MTIME_NS);
        src->limit = get64(h + H_SRC_LIMIT);
        src->format = get32(h + H_SRC_FORMAT);
    }
    t->source = strdup(path);
    snprintf(t->format, sizeof t->format, "embx");
    *out = t;
    return EMBX_OK;
}
