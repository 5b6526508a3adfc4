/* format_write: text and word2vec binary writers, optionally gzip, always
 * through atomic_file (temp + fsync + rename). Text values are written as
 * %.9g writes them (floatfmt.h), the shortest printf precision that always
 * reads back to the same float32.
 * Rows are formatted in parallel blocks and written in order. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#include "atomic_file.h"
#include "floatfmt.h"
#include "floatparse.h"
#include "formats.h"
#include "native.h"
#include "progress.h"

#define BLOCK_ROWS 256

struct sink {
    FILE *fp;
    gzFile gz;
};

static int sink_write(struct sink *s, const void *p, size_t n)
{
    if (!n) return 0;
    if (s->gz) {
        const char *c = p;
        while (n) {
            unsigned part = n > (1u << 30) ? (1u << 30) : (unsigned)n;
            if (gzwrite(s->gz, c, part) != (int)part) return -1;
            c += part;
            n -= part;
        }
        return 0;
    }
    return fwrite(p, 1, n, s->fp) == n ? 0 : -1;
}

struct strbuf {
    char *p;
    size_t len, cap;
    bool oom;
};

static void sb_reserve(struct strbuf *b, size_t more)
{
    if (b->len + more <= b->cap) return;
    size_t nc = b->cap ? b->cap : 1u << 16;
    while (nc < b->len + more) nc *= 2;
    char *q = realloc(b->p, nc);
    if (!q) {
        b->oom = true;
        return;
    }
    b->p = q;
    b->cap = nc;
}

/* Formats rows [r0, r1) as text into b. */
static void format_rows(const embx_table *t, size_t r0, size_t r1, bool trailing_space,
                        struct strbuf *b)
{
    b->len = 0;
    for (size_t i = r0; i < r1 && !b->oom; i++) {
        size_t wl = strlen(t->words[i]);
        sb_reserve(b, wl + t->dim * 21 + 4);
        if (b->oom) return;
        memcpy(b->p + b->len, t->words[i], wl);
        b->len += wl;
        const float *v = table_row(t, i);
        for (size_t j = 0; j < t->dim; j++) {
            b->p[b->len++] = ' ';
            b->len += float_format9(v[j], b->p + b->len);
        }
        if (trailing_space) b->p[b->len++] = ' ';
        b->p[b->len++] = '\n';
    }
}

static int check_words(const embx_table *t, enum embx_format f, const char *path, embx_err *e)
{
    for (size_t i = 0; i < t->n; i++) {
        const char *w = t->words[i];
        if (!*w) return err_set(e, "%s: row %zu has an empty word; %s cannot hold it", path, i + 1,
                                format_name(f));
        if (strchr(w, '\n'))
            return err_set(e, "%s: word %zu contains a newline; %s cannot hold it", path, i + 1,
                           format_name(f));
        size_t wl = strlen(w);
        if (f != FMT_WORD2VEC_BIN && wl && (w[0] == ' ' || w[0] == '\t' || w[wl - 1] == ' ' ||
                                            w[wl - 1] == '\t'))
            return err_set(e, "%s: word '%s' starts or ends with a blank; %s cannot hold it", path,
                           w, format_name(f));
        const char *last = w + wl;
        while (last > w && last[-1] != ' ' && last[-1] != '\t') last--;
        float v;
        if (f != FMT_WORD2VEC_BIN && last > w && float_parse(last, w + wl, &v) == w + wl)
            return err_set(e, "%s: word '%s' ends in a number after a blank, which would read "
                           "back as a value; %s cannot hold it", path, w, format_name(f));
        if (f == FMT_WORD2VEC_BIN && strchr(w, ' '))
            return err_set(e, "%s: word '%s' contains a space, which word2vec-bin cannot hold "
                           "(use --format glove or word2vec)", path, w);
    }
    return EMBX_OK;
}

int formats_write(const embx_table *t, const char *path, enum embx_format f, bool gz, embx_err *e)
{
    if (f == FMT_EMBX && !gz) return native_write(t, path, NULL, e);
    if (f == FMT_EMBX) return err_set(e, "%s: the embx format is not compressed", path);
    if (f == FMT_AUTO) f = FMT_GLOVE;
    if (f != FMT_GLOVE && f != FMT_WORD2VEC && f != FMT_FASTTEXT && f != FMT_WORD2VEC_BIN)
        return err_set(e, "%s: unknown format", path);
    if (check_words(t, f, path, e)) return EMBX_ERR;
    atomic_file a;
    if (atomic_open(&a, path, e)) return EMBX_ERR;
    struct sink s = {a.fp, NULL};
    if (gz) {
        int fd = dup(fileno(a.fp));
        s.gz = fd >= 0 ? gzdopen(fd, "wb6") : NULL;
        if (!s.gz) {
            if (fd >= 0) close(fd);
            atomic_abort(&a);
            return err_set(e, "%s: cannot start gzip compression", path);
        }
        gzbuffer(s.gz, 1u << 18);
    }
    int bad = 0;
    if (f != FMT_GLOVE) {
        char hdr[64];
        int hl = snprintf(hdr, sizeof hdr, "%zu %zu\n", t->n, t->dim);
        bad = sink_write(&s, hdr, (size_t)hl);
    }
    int cancelled = 0;
    progress pg;
    progress_start(&pg, "writing", (double)t->n);
    if (f == FMT_WORD2VEC_BIN) {
        unsigned char *row = malloc(t->dim * 4 + 1);
        if (!row) bad = 1;
        for (size_t i = 0; !bad && i < t->n; i++) {
            const char *w = t->words[i];
            bad = sink_write(&s, w, strlen(w)) || sink_write(&s, " ", 1);
            const float *v = table_row(t, i);
            for (size_t j = 0; j < t->dim; j++) {
                uint32_t u;
                memcpy(&u, &v[j], 4);
                for (int k = 0; k < 4; k++) row[j * 4 + k] = (unsigned char)(u >> (8 * k));
            }
            row[t->dim * 4] = '\n';
            if (!bad) bad = sink_write(&s, row, t->dim * 4 + 1);
            if ((i & 4095) == 4095) {
                if (progress_cancelled()) {
                    cancelled = 1;
                    break;
                }
                progress_update(&pg, (double)i, NULL);
            }
        }
        free(row);
    } else {
        int nt = 1;
#ifdef _OPENMP
        nt = omp_get_max_threads();
#endif
        size_t nblocks = (size_t)nt * 4;
        struct strbuf *bufs = calloc(nblocks, sizeof *bufs);
        if (!bufs) bad = 1;
        bool trailing = f == FMT_FASTTEXT;
        for (size_t r0 = 0; !bad && r0 < t->n; r0 += nblocks * BLOCK_ROWS) {
            #pragma omp parallel for schedule(dynamic, 1) if (t->n > BLOCK_ROWS)
            for (size_t b = 0; b < nblocks; b++) {
                size_t a0 = r0 + b * BLOCK_ROWS, a1 = a0 + BLOCK_ROWS;
                if (a0 > t->n) a0 = t->n;
                if (a1 > t->n) a1 = t->n;
                format_rows(t, a0, a1, trailing, &bufs[b]);
            }
            for (size_t b = 0; !bad && b < nblocks; b++) {
                if (bufs[b].oom) bad = 1;
                else bad = sink_write(&s, bufs[b].p, bufs[b].len);
            }
            if (progress_cancelled()) {
                cancelled = 1;
                break;
            }
            progress_update(&pg, (double)r0, NULL);
        }
        for (size_t b = 0; bufs && b < nblocks; b++) free(bufs[b].p);
        free(bufs);
    }
    progress_finish(&pg);
    int err = errno;
    if (s.gz && gzclose_w(s.gz) != Z_OK && !bad) bad = 1;
    if (bad || cancelled) {
        atomic_abort(&a);
        if (cancelled) return err_cancelled(e);
        return err_set(e, "%s: write failed: %s", path, strerror(err ? err : EIO));
    }
    return atomic_commit(&a, e);
}
