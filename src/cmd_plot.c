/* cmd_plot: the plot commands (rows of the command table and their handlers). */
#include <stddef.h>
#include "commands.h"

const struct command cmds_plot[] = {
    {0}
};
