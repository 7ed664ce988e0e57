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
