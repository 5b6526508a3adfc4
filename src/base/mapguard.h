/* mapguard: a file embx has mapped that another program truncates makes the
 * next read of a lost page raise SIGBUS, which would end the session. Mapped
 * regions are registered here; the SIGBUS handler (in whichever thread read
 * the page, OpenMP workers included) puts zero pages in place of the lost
 * ones, marks the region damaged and lets the read go on. The command layer
 * then fails the command, naming the file, and drops the table. A SIGBUS
 * outside every registered region keeps its default action. */
#ifndef EMBX_MAPGUARD_H
#define EMBX_MAPGUARD_H
#include <stdbool.h>
#include <stddef.h>

/* Installs the SIGBUS handler (once, from main; without it nothing is guarded). */
void mapguard_install(void);
/* Registers [addr, addr+len); returns a handle > 0, or 0 when the table of
 * regions is full (the region then stays unguarded). */
int mapguard_register(const void *addr, size_t len);
/* Forgets a region (before it is unmapped); handle 0 is ignored. */
void mapguard_unregister(int handle);
/* True once a read of the region found its file shorter than the mapping. */
bool mapguard_damaged(int handle);

#endif
