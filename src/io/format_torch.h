/* format_torch: PyTorch checkpoints written by torch.save (the zip layout of
 * PyTorch 1.6 and later): a state_dict (nested dicts too) or a bare tensor.
 * The pickle is read by a small interpreter that knows only the opcodes
 * and the few globals such files use for tensors and ordered dicts; any
 * other global is refused by name, so opening a file executes nothing. */
#ifndef EMBX_FORMAT_TORCH_H
#define EMBX_FORMAT_TORCH_H
#include "registry.h"

/* True when the bytes start a zip whose first member is .../data.pkl. */
int torch_is_magic(const unsigned char *b, size_t len);
/* Reader and tensor listing (see struct format_desc). */
int torch_read(const char *path, const struct read_opts *o, embx_table **out, struct read_report *r, embx_err *e);
int torch_list(const char *path, struct tensor_list *out, embx_err *e);

#endif
