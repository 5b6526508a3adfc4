/* timecmds: runs embx command lines one by one in one session and prints
 * the wall-clock seconds of each, so a benchmark sees single-command latency
 * without the table load. Results go to OUT (stdout of the commands is
 * discarded unless OUT_KEEP is given).
 * usage: timecmds TABLE TIMES_OUT [CMD_OUT] < commands */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "commands.h"
#include "progress.h"
#include "session.h"

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: timecmds TABLE TIMES_OUT [CMD_OUT] < commands\n"); return 2; }
    FILE *times = fopen(argv[2], "w");
    if (!times) { perror(argv[2]); return 1; }
    struct session s;
    session_init(&s);
    char load[4200];
    snprintf(load, sizeof load, "load \"%s\"", argv[1]);
    if (command_run_line(&s, load) != EMBX_OK) return 1;
    if (!freopen(argc > 3 ? argv[3] : "/dev/null", "w", stdout)) { perror("stdout"); return 1; }
    char line[8192];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        if (!line[0]) continue;
        double t0 = progress_now();
        int rc = command_run_line(&s, line);
        double dt = progress_now() - t0;
        fprintf(times, "%.6f\t%d\t%s\n", dt, rc, line);
    }
    fclose(times);
    session_free(&s);
    return 0;
}
