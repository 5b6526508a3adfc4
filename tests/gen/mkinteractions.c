/* mkinteractions: writes a deterministic synthetic interaction file with
 * planted structure, and an item metadata file, for the recsys tests, the
 * demo table and bench/recsys.
 *
 * usage: mkinteractions RATINGS ITEMS [--users N] [--items N]
 *            [--interactions N] [--genres G] [--seed S] [--implicit]
 *            [--sep tab|comma|dcolon|pipe]
 *
 * Items belong to one genre (a third also to a second one) and have a
 * Zipf-like popularity. Each user likes a mixture of one to three genres and
 * has an opinion of every genre; they pick an item by first picking a genre
 * (mostly from their mixture) and then an item of it by popularity. The
 * rating is 3 + user bias + item quality + the user's opinion of the item's
 * genres + noise, rounded to 1..5, so a factor model can explain what
 * biases alone cannot. ITEMS is written in the movies.csv layout (header,
 * "quoted, titles", genres joined by '|'). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "splitmix.h"

static long below(long n) { return (long)(uniform() * n); }

static const char *const genre_names[] = {
    "Action", "Comedy", "Drama", "Horror", "Romance", "Sci-Fi", "Documentary", "Animation",
    "Thriller", "Western", "Musical", "Mystery", "Fantasy", "War", "Crime", "Adventure"};
#define MAX_GENRES 16
static const char *const adjectives[] = {
    "Silent", "Crimson", "Last", "Hidden", "Broken", "Golden", "Endless", "Lonely", "Wild",
    "Frozen", "Burning", "Distant", "Secret", "Midnight", "Electric", "Forgotten"};
static const char *const nouns[] = {
    "Harbor", "Empire", "Garden", "Frontier", "Signal", "Mirror", "River", "Kingdom", "Orbit",
    "Highway", "Letter", "Island", "Machine", "Carnival", "Lantern", "Storm", "Echo"};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Index of the first cumulative weight above r (binary search). */
static long pick(const double *cum, long n, double r)
{
    long lo = 0, hi = n - 1;
    while (lo < hi) {
        long mid = (lo + hi) / 2;
        if (cum[mid] > r) hi = mid; else lo = mid + 1;
    }
    return lo;
}

static int usage(void)
{
    fprintf(stderr, "usage: mkinteractions RATINGS ITEMS [--users N] [--items N] [--interactions N]\n"
                    "         [--genres G] [--seed S] [--implicit] [--sep tab|comma|dcolon|pipe]\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 3) return usage();
    const char *out = argv[1], *items_out = argv[2], *sep = "\t";
    long nusers = 2000, nitems = 400, ninter = 50000, ngenres = 8;
    uint64_t seed = 1;
    int implicit = 0;
    for (int a = 3; a < argc; a++) {
        const char *v = a + 1 < argc ? argv[a + 1] : NULL;
        if (!strcmp(argv[a], "--implicit")) { implicit = 1; continue; }
        if (!v) return usage();
        if (!strcmp(argv[a], "--users")) nusers = atol(v);
        else if (!strcmp(argv[a], "--items")) nitems = atol(v);
        else if (!strcmp(argv[a], "--interactions")) ninter = atol(v);
        else if (!strcmp(argv[a], "--genres")) ngenres = atol(v);
        else if (!strcmp(argv[a], "--seed")) seed = strtoull(v, NULL, 10);
        else if (!strcmp(argv[a], "--sep")) {
            sep = !strcmp(v, "tab") ? "\t" : !strcmp(v, "comma") ? "," : !strcmp(v, "dcolon") ? "::"
                : !strcmp(v, "pipe") ? "|" : NULL;
            if (!sep) return usage();
        } else return usage();
        a++;
    }
    if (nusers < 2 || nitems < 2 || ninter < 1 || ngenres < 2 || ngenres > MAX_GENRES) {
        fprintf(stderr, "mkinteractions: need users, items >= 2, interactions >= 1, 2 <= genres <= %d\n", MAX_GENRES);
        return 2;
    }
    state = seed;

    /* items: genres, quality, popularity */
    int *g1 = malloc(nitems * sizeof *g1), *g2 = malloc(nitems * sizeof *g2);
    double *quality = malloc(nitems * sizeof *quality), *popw = malloc(nitems * sizeof *popw);
    long *perm = malloc(nitems * sizeof *perm);
    for (long i = 0; i < nitems; i++) perm[i] = i;
    for (long i = nitems - 1; i > 0; i--) { long j = below(i + 1), t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
    for (long i = 0; i < nitems; i++) {
        g1[i] = (int)(i % ngenres);
        g2[i] = uniform() < 0.33 ? (int)below(ngenres) : -1;
        if (g2[i] == g1[i]) g2[i] = -1;
        quality[i] = 0.4 * gauss();
        popw[i] = 1.0 / pow((double)perm[i] + 5.0, 0.9);   /* Zipf-like skew */
    }
    /* per genre: cumulative popularity over its items */
    long *gcount = calloc(ngenres, sizeof *gcount), **gitems = malloc(ngenres * sizeof *gitems);
    double **gcum = malloc(ngenres * sizeof *gcum);
    for (long i = 0; i < nitems; i++) { gcount[g1[i]]++; if (g2[i] >= 0) gcount[g2[i]]++; }
    for (int g = 0; g < ngenres; g++) {
        gitems[g] = malloc((gcount[g] + 1) * sizeof **gitems);
        gcum[g] = malloc((gcount[g] + 1) * sizeof **gcum);
        gcount[g] = 0;
    }
    for (long i = 0; i < nitems; i++) {
        int gs[2] = {g1[i], g2[i]};
        for (int k = 0; k < 2; k++) {
            if (gs[k] < 0) continue;
            long c = gcount[gs[k]]++;
            gitems[gs[k]][c] = i;
            gcum[gs[k]][c] = (c ? gcum[gs[k]][c - 1] : 0) + popw[i];
        }
    }

    FILE *fp = fopen(out, "w");
    if (!fp) { perror(out); return 1; }
    if (implicit) fprintf(fp, "user%sitem\n", sep);
    else fprintf(fp, "user%sitem%srating%stimestamp\n", sep, sep, sep);
    long per_user = ninter / nusers, extra = ninter % nusers;
    double *taste = malloc(ngenres * sizeof *taste), *opinion = malloc(ngenres * sizeof *opinion);
    double *tcum = malloc(ngenres * sizeof *tcum);
    long *mine = malloc((per_user + 2) * sizeof *mine);
    long stamp = 880000000;
    for (long u = 0; u < nusers; u++) {
        int nfav = 1 + (int)below(3);
        for (int g = 0; g < ngenres; g++) { taste[g] = 0.12; opinion[g] = 0.9 * gauss() - 0.3; }
        for (int k = 0; k < nfav; k++) {
            int g = (int)below(ngenres);
            taste[g] += 0.2 + uniform();
            opinion[g] = 0.6 + 0.6 * uniform();
        }
        for (int g = 0; g < ngenres; g++) tcum[g] = (g ? tcum[g - 1] : 0) + taste[g];
        double ubias = 0.35 * gauss();
        long n = per_user + (u < extra);
        long have = 0;
        for (long k = 0; k < n; k++) {
            long item = -1;
            for (int tries = 0; tries < 20 && item < 0; tries++) {
                int g = (int)pick(tcum, ngenres, uniform() * tcum[ngenres - 1]);
                long c = gcount[g];
                if (!c) continue;
                long cand = gitems[g][pick(gcum[g], c, uniform() * gcum[g][c - 1])];
                int dup = 0;
                for (long j = 0; j < have && !dup; j++) dup = mine[j] == cand;
                if (!dup) item = cand;
            }
            if (item < 0) continue;
            mine[have++] = item;
            double op = g2[item] >= 0 ? 0.5 * (opinion[g1[item]] + opinion[g2[item]]) : opinion[g1[item]];
            double r = 3.2 + ubias + quality[item] + op + 0.4 * gauss();
            int ri = (int)lround(r);
            if (ri < 1) ri = 1;
            if (ri > 5) ri = 5;
            stamp += 1 + below(90);
            if (implicit) fprintf(fp, "%ld%s%ld\n", u + 1, sep, item + 1);
            else fprintf(fp, "%ld%s%ld%s%d%s%ld\n", u + 1, sep, item + 1, sep, ri, sep, stamp);
        }
    }
    if (fclose(fp)) { perror(out); return 1; }

    FILE *ip = fopen(items_out, "w");
    if (!ip) { perror(items_out); return 1; }
    fprintf(ip, "movieId,title,genres\n");
    for (long i = 0; i < nitems; i++) {
        const char *adj = adjectives[(i * 7 + i / 16) % COUNT(adjectives)];
        const char *noun = nouns[(i / 3 + i * 5) % COUNT(nouns)];
        long year = 1950 + (i * 37) % 70;
        /* every fifth title takes the "Name, The" form that needs CSV quoting */
        if (i % 5 == 0)
            fprintf(ip, "%ld,\"%s %s, The (%ld)\",", i + 1, adj, noun, year);
        else
            fprintf(ip, "%ld,%s %s %ld (%ld),", i + 1, adj, noun, i + 1, year);
        fprintf(ip, "%s", genre_names[g1[i]]);
        if (g2[i] >= 0) fprintf(ip, "|%s", genre_names[g2[i]]);
        fprintf(ip, "\n");
    }
    if (fclose(ip)) { perror(items_out); return 1; }

    for (int g = 0; g < ngenres; g++) { free(gitems[g]); free(gcum[g]); }
    free(gitems); free(gcum); free(gcount); free(g1); free(g2); free(quality); free(popw);
    free(perm); free(taste); free(opinion); free(tcum); free(mine);
    return 0;
}
