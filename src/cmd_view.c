/* cmd_view: commands about the drawn plot (rows of the command table). */
#include <stddef.h>
#include "commands.h"

const struct command cmds_view[] = {
    {0}
};
