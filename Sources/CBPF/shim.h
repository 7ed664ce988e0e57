// libbpf as Swift sees it. Only SluiceKernel imports this module.
#include <bpf/libbpf.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <linux/bpf.h>
#include <linux/if_link.h>
#include <net/if.h>
// For SluiceKernel's bpffs handling (statfs magic, mount) and namespaces.
#include <sys/vfs.h>
#include <sys/mount.h>
#include <linux/magic.h>
#include <unistd.h>
#include <sys/syscall.h>
// setns(2) for network namespaces; glibc declares setns only under
// _GNU_SOURCE, which a module header cannot turn on.
static inline int sluice_setns_net(int fd) {
    return (int)syscall(SYS_setns, fd, 0x40000000 /* CLONE_NEWNET */);
}
