/* cmd_query: the query commands (rows of the command table and their handlers). */
#include <stddef.h>
#include "commands.h"

const struct command cmds_query[] = {
    {0}
};
