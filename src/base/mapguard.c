/* mapguard: survive SIGBUS from a mapped file that shrank (see mapguard.h). */
#include "config.h"
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "mapguard.h"

enum { SLOTS = 64 };

/* Signal-handling state, shared by every thread: slots are claimed and read
 * with atomics, as the handler can run at any moment in any thread. */
static struct region {
    uintptr_t start;     /* 0 = free */
    size_t len;
    size_t page;         /* the page size, found at registration: the handler may not call sysconf() */
    int damaged;
} regions[SLOTS];

static void on_sigbus(int sig, siginfo_t *si, void *ctx)
{
    (void)ctx;
    uintptr_t a = (uintptr_t)si->si_addr;
    for (int i = 0; i < SLOTS; i++) {
        uintptr_t s = __atomic_load_n(&regions[i].start, __ATOMIC_ACQUIRE);
        size_t l = __atomic_load_n(&regions[i].len, __ATOMIC_ACQUIRE);
        if (!s || a < s || a - s >= l) continue;
        size_t page_size = __atomic_load_n(&regions[i].page, __ATOMIC_ACQUIRE);
        /* zero pages from the lost one to the end of the region: reads go
         * on, and the command layer sees `damaged` before trusting them */
        uintptr_t p = a & ~(uintptr_t)(page_size - 1);
        void *m = mmap((void *)p, s + l - p, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (m == MAP_FAILED) break;
        __atomic_store_n(&regions[i].damaged, 1, __ATOMIC_RELEASE);
        return;
    }
    /* not a guarded mapping: the default action (the read is retried and
     * ends the process, as it would without this handler) */
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigaction(sig, &dfl, NULL);
}

void mapguard_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigbus;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGBUS, &sa, NULL);
}

int mapguard_register(const void *addr, size_t len)
{
    if (!addr || !len) return 0;
    long ps = sysconf(_SC_PAGESIZE);
    size_t page = ps > 0 ? (size_t)ps : 4096;
    for (int i = 0; i < SLOTS; i++) {
        uintptr_t expect = 0;
        /* claim with the start, then publish the length: a free slot's
         * length is 0, so until then the handler skips it */
        if (__atomic_compare_exchange_n(&regions[i].start, &expect, (uintptr_t)addr, false,
                                        __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
            __atomic_store_n(&regions[i].damaged, 0, __ATOMIC_RELEASE);
            __atomic_store_n(&regions[i].page, page, __ATOMIC_RELEASE);
            __atomic_store_n(&regions[i].len, len, __ATOMIC_RELEASE);
            return i + 1;
        }
    }
    return 0;
}

void mapguard_unregister(int handle)
{
    if (handle < 1 || handle > SLOTS) return;
    struct region *r = &regions[handle - 1];
    __atomic_store_n(&r->len, 0, __ATOMIC_RELEASE);
    __atomic_store_n(&r->damaged, 0, __ATOMIC_RELEASE);
    __atomic_store_n(&r->start, 0, __ATOMIC_RELEASE);
}

bool mapguard_damaged(int handle)
{
    if (handle < 1 || handle > SLOTS) return false;
    return __atomic_load_n(&regions[handle - 1].damaged, __ATOMIC_ACQUIRE) != 0;
}
