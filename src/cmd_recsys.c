/* cmd_recsys: the recsys commands (rows of the command table and their handlers). */
#include <stddef.h>
#include "commands.h"

const struct command cmds_recsys[] = {
    {0}
};
