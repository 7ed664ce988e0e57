// The benchmark's filters written by hand in C, the peer our generated eBPF
// is measured against. Compiled at benchmark time with
//   clang -O2 -target bpf -c filters.bpf.c
// Each function has the semantics libpcap gives the expression (IPv4 and
// IPv6 where the expression covers both, IPv4 fragments excluded from port
// tests, no VLAN tags): XDP_PASS on a match, XDP_DROP otherwise.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define MATCH XDP_PASS
#define MISS XDP_DROP

// Where the transport header starts, with the IP protocol, or 0 when the
// frame is not IPv4/IPv6 or is too short; IPv4 non-first fragments give 0
// when `ports` is set, since they carry no port numbers.
struct l4 { unsigned char *start; __u8 proto; };

static __always_inline struct l4 transport(unsigned char *data, unsigned char *end, int ports) {
    struct l4 none = { 0, 0 };
    if (data + 14 > end) return none;
    __u16 type = (data[12] << 8) | data[13];
    if (type == ETH_P_IPV6) {
        if (data + 54 > end) return none;
        struct l4 r = { data + 54, data[20] };
        return r;
    }
    if (type != ETH_P_IP) return none;
    if (data + 34 > end) return none;
    if (ports && (((data[20] << 8) | data[21]) & 0x1fff)) return none;
    struct l4 r = { data + 14 + (data[14] & 0x0f) * 4, data[23] };
    return r;
}

static __always_inline int port_is(unsigned char *l4, unsigned char *end, int which, __u16 port) {
    if (l4 + 4 > end) return 0;
    __u16 src = (l4[0] << 8) | l4[1], dst = (l4[2] << 8) | l4[3];
    return (which != 2 && src == port) || (which != 1 && dst == port);
}

SEC("xdp")
int empty_pass(struct xdp_md *ctx) {
    return XDP_PASS;
}

// tcp dst port 80
SEC("xdp")
int tcp_dport_80(struct xdp_md *ctx) {
    unsigned char *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
    struct l4 t = transport(data, end, 1);
    if (!t.start || t.proto != IPPROTO_TCP) return MISS;
    return port_is(t.start, end, 2, 80) ? MATCH : MISS;
}

// ip host 10.0.0.1 and tcp
SEC("xdp")
int host_and_tcp(struct xdp_md *ctx) {
    unsigned char *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
    if (data + 34 > end) return MISS;
    if (data[12] != 0x08 || data[13] != 0x00) return MISS;
    __u32 src = (data[26] << 24) | (data[27] << 16) | (data[28] << 8) | data[29];
    __u32 dst = (data[30] << 24) | (data[31] << 16) | (data[32] << 8) | data[33];
    if (src != 0x0a000001 && dst != 0x0a000001) return MISS;
    return data[23] == IPPROTO_TCP ? MATCH : MISS;
}

// tcp port 80 or tcp port 443 or udp port 53 or icmp
SEC("xdp")
int web_dns_icmp(struct xdp_md *ctx) {
    unsigned char *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
    if (data + 34 <= end && data[12] == 0x08 && data[13] == 0x00 && data[23] == IPPROTO_ICMP) return MATCH;
    struct l4 t = transport(data, end, 1);
    if (!t.start) return MISS;
    if (t.proto == IPPROTO_TCP)
        return port_is(t.start, end, 0, 80) || port_is(t.start, end, 0, 443) ? MATCH : MISS;
    if (t.proto == IPPROTO_UDP) return port_is(t.start, end, 0, 53) ? MATCH : MISS;
    return MISS;
}

char LICENSE[] SEC("license") = "GPL";
