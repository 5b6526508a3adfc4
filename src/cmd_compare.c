/* cmd_compare: the compare commands (rows of the command table and their handlers). */
#include <stddef.h>
#include "commands.h"

const struct command cmds_compare[] = {
    {0}
};
