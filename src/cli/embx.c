/* embx: main. Options, then a shell subcommand, -c commands, a script on
 * stdin, or the interactive REPL. Only main exits. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include "commands.h"
#include "config.h"
#include "editdist.h"
#include "load.h"
#include "registry.h"
#include "mapguard.h"
#include "progress.h"
#include "repl.h"
#include "strutil.h"

static void usage(FILE *fp)
{
    fprintf(fp,
        "usage: embx [OPTIONS] [FILE]\n"
        "       embx SUBCOMMAND ARGS...        (train, train-pairs)\n"
        "\n"
        "Explore an embedding table: nearest neighbours, analogies, benchmarks and\n"
        "PCA/t-SNE plots in the terminal. FILE is GloVe, word2vec (text or binary),\n"
        "fastText .vec, any of them gzipped, or native .embx; with no FILE the demo\n"
        "table opens; FILE - reads it from stdin (commands then from -c or the terminal).\n"
        "\n"
        "options:\n"
        "  -c, --command CMDS   run CMDS (separated by ';') and exit\n"
        "      --bail           stop at the first failing command\n"
        "      --echo           print each command as a '#' line before its output\n"
        "      --format F       format of FILE (default: detected from content)\n"
        "      --limit N        read only the first N rows of FILE\n"
        "      --no-cache       neither use nor write the cache\n"
        "      --skip-bad       skip malformed rows of FILE\n"
        "      --tensor NAME    the 2-D tensor of FILE to open (npz, safetensors, PyTorch)\n"
        "      --vocab FILE     row labels: one a line, vocab.txt or tokenizer.json\n"
        "      --meta FILE      row metadata: TSV, header row, first column the label\n"
        "  -t, --threads N      threads (default: all cores)\n"
        "  -q, --quiet          no notes on stderr\n"
        "  -h, --help           show this help\n"
        "  -V, --version        show the version\n"
        "\n"
        "Without -c, commands are read from the terminal (readline, history, Tab\n"
        "completion) or, when stdin is not a terminal, one per line from stdin.\n"
        "Type 'help' inside embx for the commands.\n");
}

/* "embx: unknown option '--foo'" with the nearest option, or the hint to --help. */
static void bad_option(const char *arg, int shrt, const struct option *longopts)
{
    const char *name = arg + strspn(arg, "-"), *best = NULL;
    size_t len = strcspn(name, "="), bestd = edit_limit(len) + 1;
    if (!shrt && arg[0] == '-' && arg[1] == '-')
        for (const struct option *o = longopts; o->name; o++) {
            size_t d = edit_distance(name, len, o->name, strlen(o->name), bestd - 1);
            if (d < bestd) { bestd = d; best = o->name; }
        }
    if (shrt) fprintf(stderr, "embx: unknown option '-%c'", shrt);
    else fprintf(stderr, "embx: unknown option '%s'", arg);
    if (best) fprintf(stderr, " (did you mean --%s?)\n", best);
    else fputs(" (embx --help lists the options)\n", stderr);
}

/* The demo table: installed data first, then the source tree's data/. */
static const char *demo_path(void)
{
    static const char *const cand[] = {EMBX_DATADIR "/demo.vec", EMBX_SRCDATADIR "/demo.vec"};
    const char *env = getenv("EMBX_DEMO");
    struct stat st;
    if (env) return *env && stat(env, &st) == 0 ? env : NULL;
    for (size_t i = 0; i < sizeof cand / sizeof cand[0]; i++)
        if (stat(cand[i], &st) == 0 && S_ISREG(st.st_mode)) return cand[i];
    return NULL;
}

static bool is_subcommand(const char *word)
{
    struct stat st;
    if (stat(word, &st) == 0) return false;   /* an existing file wins */
    size_t n = command_count();
    for (size_t i = 0; i < n; i++) {
        const struct command *c = command_at(i);
        if ((c->flags & SHELL_SUBCOMMAND) && strcmp(c->name, word) == 0) return true;
    }
    return false;
}

/* OpenBLAS starts its worker threads when it is loaded, and each one retries
 * mapping its 128 MB buffer forever when that fails: under an address-space
 * limit (ulimit -v) embx would spin and never exit, even after `info`. knn
 * runs OpenBLAS single-threaded anyway, so under such a limit embx starts
 * itself again without the workers. */
static void avoid_blas_worker_spin(char **argv)
{
#ifdef HAVE_OPENBLAS
    struct rlimit rl;
    if (getenv("OPENBLAS_NUM_THREADS") || getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
        return;
    if (setenv("OPENBLAS_NUM_THREADS", "1", 1) != 0) return;
    execv("/proc/self/exe", argv);
    /* no exec (no /proc): carry on as before */
#else
    (void)argv;
#endif
}

int main(int argc, char **argv)
{
    avoid_blas_worker_spin(argv);
    struct session s;
    session_init(&s);
    mapguard_install();    /* a mapped file truncated by another program fails a command, not the session */
    progress_install_sigint();

    if (argc >= 2 && is_subcommand(argv[1])) {
        s.shell_subcommand = true;
        int rc = command_run_argv(&s, argc - 1, argv + 1);
        session_free(&s);
        return rc == EMBX_OK ? 0 : 1;
    }

    static const struct option longopts[] = {
        {"command", required_argument, NULL, 'c'},
        {"bail", no_argument, NULL, 'b'},
        {"echo", no_argument, NULL, 'e'},
        {"format", required_argument, NULL, 'f'},
        {"limit", required_argument, NULL, 'l'},
        {"no-cache", no_argument, NULL, 'n'},
        {"skip-bad", no_argument, NULL, 's'},
        {"tensor", required_argument, NULL, 'T'},
        {"vocab", required_argument, NULL, 'v'},
        {"meta", required_argument, NULL, 'm'},
        {"threads", required_argument, NULL, 't'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {0, 0, 0, 0},
    };
    struct load_opts lo;
    memset(&lo, 0, sizeof lo);
    char **cmds = NULL;
    size_t ncmds = 0;
    bool bail = false;
    int opt;
    long v;
    opterr = 0;   /* our own one-line messages, not getopt's with the binary's path */
    while ((opt = getopt_long(argc, argv, ":c:t:qhV", longopts, NULL)) != -1) {
        switch (opt) {
        case 'c': {
            char **nc = realloc(cmds, (ncmds + 1) * sizeof *nc);
            if (!nc) return 1;
            cmds = nc;
            cmds[ncmds++] = optarg;
            break;
        }
        case 'b': bail = true; break;
        case 'e': s.echo = true; break;
        case 'f':
            if (format_parse(optarg, &lo.read.format) != 0) {
                char names[512];
                fprintf(stderr, "embx: --format: unknown format '%s' (%s)\n", optarg,
                        format_names(names, sizeof names, false));
                return 2;
            }
            break;
        case 'l':
            if (!str_parse_long(optarg, &v) || v < 1) {
                fprintf(stderr, "embx: --limit takes a whole number of at least 1, not '%s'\n", optarg);
                return 2;
            }
            lo.read.limit = (size_t)v;
            break;
        case 'n': lo.no_cache = true; break;
        case 's': lo.read.skip_bad = true; break;
        case 't':
            if (!str_parse_long(optarg, &v) || v < 0 || v > 1024) {
                fprintf(stderr, "embx: --threads takes 0 (all cores) to 1024, not '%s'\n", optarg);
                return 2;
            }
            s.threads = (int)v;
            break;
        case 'q': s.quiet = true; break;
        case 'T': lo.read.tensor = optarg; break;
        case 'v': lo.vocab = optarg; break;
        case 'm': lo.meta = optarg; break;
        case 'h': usage(stdout); return 0;
        case 'V': printf("embx %s (CBLAS: %s)\n", PACKAGE_VERSION, EMBX_BLAS_NAME); return 0;
        case ':':
            fprintf(stderr, "embx: option '%s' needs a value (embx --help lists the options)\n", argv[optind - 1]);
            return 2;
        default:
            bad_option(argv[optind - 1], optopt, longopts);
            return 2;
        }
    }
    if (argc - optind > 1) {
        fprintf(stderr, "embx: one FILE at most (got '%s' and '%s')\n", argv[optind], argv[optind + 1]);
        return 2;
    }
    session_note_threads(&s, s.threads);
    lo.read.threads = s.threads;
    embx_err e;
    err_clear(&e);
    /* `embx -`: the table comes from stdin, so the commands come from -c or
     * the terminal */
    bool table_on_stdin = optind < argc && strcmp(argv[optind], "-") == 0;
    if (table_on_stdin && !cmds && isatty(STDIN_FILENO)) {
        fprintf(stderr, "embx: '-' reads the table from stdin: pipe it in (cat t.vec | embx -)\n");
        return 2;
    }
    if (optind < argc) {
        int rc = cmd_load_path(&s, table_on_stdin ? "/dev/stdin" : argv[optind], &lo, &e);
        if (rc != EMBX_OK) {
            /* reader errors name the file already; a cancellation does not */
            if (rc == EMBX_CANCELLED) fprintf(stderr, "embx: %s: %s\n", argv[optind], e.msg);
            else fprintf(stderr, "embx: %s\n", e.msg);
            session_free(&s);
            free(cmds);
            return 1;
        }
    } else {
        const char *demo = demo_path();
        bool interactive = !cmds && isatty(STDIN_FILENO);
        if (demo) {
            if (cmd_load_path(&s, demo, &lo, &e) != EMBX_OK)
                fprintf(stderr, "embx: demo table: %s\n", e.msg);
            else if (interactive)
                fprintf(stderr, "embx: this is the demo table; 'load FILE' opens yours, 'help' lists commands\n");
        } else if (interactive) {
            fprintf(stderr, "embx: no table loaded; 'load FILE' opens one, 'help' lists commands\n");
        }
    }

    int status = 0;
    if (table_on_stdin && !cmds && !freopen("/dev/tty", "r", stdin)) {
        fprintf(stderr, "embx: the table came from stdin and there is no terminal for commands: give them with -c\n");
        session_free(&s);
        return 2;
    }
    if (cmds) {
        s.origin = "-c";
        for (size_t i = 0; i < ncmds && !s.quit; i++)
            if (command_run_script_line(&s, cmds[i], bail) != EMBX_OK) {
                status = 1;
                if (bail) break;
            }
        free(cmds);
    } else if (isatty(STDIN_FILENO)) {
        status = repl_run(&s);
    } else {
        status = repl_batch(&s, stdin, bail);
    }
    session_free(&s);
    return status;
}
