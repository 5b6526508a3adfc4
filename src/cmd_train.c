/* cmd_train: the train commands (rows of the command table and their handlers). */
#include <stddef.h>
#include "commands.h"

const struct command cmds_train[] = {
    {0}
};
