/* projector: Embedding Projector export (see projector.h). */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "projector.h"
#include "atomic_file.h"
#include "strutil.h"

static int make_dir(const char *dir, embx_err *e)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (errno != ENOENT || mkdir(dir, 0777) != 0) return err_set(e, "cannot create directory '%s': %s", dir, strerror(errno));
    } else if (!S_ISDIR(st.st_mode)) {
        return err_set(e, "'%s' is not a directory", dir);
    }
    return EMBX_OK;
}

int projector_export(const char *dir, const embx_table *t, const size_t *rows, size_t n,
                     const int *group, char *const *group_names, embx_err *e)
{
    if (make_dir(dir, e) != EMBX_OK) return EMBX_ERR;
    char *vpath = str_join_path(dir, "vectors.tsv"), *mpath = str_join_path(dir, "metadata.tsv");
    int rc = EMBX_ERR;
    atomic_file av = {0}, am = {0};
    if (!vpath || !mpath) { err_set(e, "out of memory"); goto done; }
    if (atomic_open(&av, vpath, e) != EMBX_OK) goto done;
    if (atomic_open(&am, mpath, e) != EMBX_OK) { atomic_abort(&av); goto done; }
    /* The Projector reads a one-column metadata file without a header and a
     * multi-column one with a header row. */
    bool groups = group != NULL;
    if (groups) fputs("word\tgroup\n", am.fp);
    for (size_t i = 0; i < n; i++) {
        const float *v = table_row(t, rows[i]);
        for (size_t j = 0; j < t->dim; j++) fprintf(av.fp, j ? "\t%.9g" : "%.9g", v[j]);
        fputc('\n', av.fp);
        str_put_field(am.fp, t->words[rows[i]]);
        if (groups) {
            fputc('\t', am.fp);
            if (group[i] >= 0) str_put_field(am.fp, group_names[group[i]]);
        }
        fputc('\n', am.fp);
    }
    if (atomic_commit(&av, e) != EMBX_OK) { atomic_abort(&am); goto done; }
    if (atomic_commit(&am, e) != EMBX_OK) goto done;
    rc = EMBX_OK;
done:
    free(vpath);
    free(mpath);
    return rc;
}
