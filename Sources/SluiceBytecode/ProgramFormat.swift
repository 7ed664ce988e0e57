/// The ways a classic BPF program is written down.
public enum ProgramFormat: String, Hashable, Sendable, CaseIterable {
    /// Little-endian Linux `struct sock_filter` records, 8 bytes each
    /// (what `SO_ATTACH_FILTER` takes, on a little-endian machine).
    case binary = "bin"
    /// tcpdump `-d`: one libpcap `bpf_image()` line per instruction.
    case tcpdumpD = "d"
    /// tcpdump `-dd`: C initialisers `{ 0x28, 0, 0, 0x0000000c },` (libpcap `bpf_dump` level 2).
    case tcpdumpDD = "dd"
    /// tcpdump `-ddd`: a count line, then `code jt jf k` in decimal (libpcap `bpf_dump` level 3).
    case tcpdumpDDD = "ddd"
    /// Sluice's assembler syntax with labels (`docs/assembler.md`).
    case assembly = "asm"

    /// The short name used on the command line (`bin`, `d`, `dd`, `ddd`, `asm`).
    public var shortName: String { rawValue }

    /// The format with this short name, if any.
    public init?(shortName: String) {
        self.init(rawValue: shortName)
    }

    /// A name for messages.
    public var displayName: String {
        switch self {
        case .binary: "binary sock_filter"
        case .tcpdumpD: "-d text"
        case .tcpdumpDD: "-dd text"
        case .tcpdumpDDD: "-ddd text"
        case .assembly: "assembly"
        }
    }

    /// True for the text formats (UTF-8, one line per instruction).
    public var isText: Bool { self != .binary }
}
