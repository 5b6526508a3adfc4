/* cmd_eval: the eval commands (rows of the command table and their handlers). */
#include <stddef.h>
#include "commands.h"

const struct command cmds_eval[] = {
    {0}
};
