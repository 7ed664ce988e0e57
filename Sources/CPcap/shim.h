// libpcap as Swift sees it. libpcap and libbpf both define struct bpf_insn
// and struct bpf_program, differently; renaming libpcap's struct tags lets
// one Swift module see both. Functions keep their names (and symbols).
#define bpf_insn pcap_bpf_insn
#define bpf_program pcap_bpf_program
#include <pcap/pcap.h>
#undef bpf_insn
#undef bpf_program
