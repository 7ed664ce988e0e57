/// Reads and writes programs in every `ProgramFormat`.
///
/// `decode(encode(p, format: f), format: f) == p` for every program `p` with
/// at least one instruction, in every format, except that `-d` text shows
/// only the fields libpcap's `bpf_image` prints (see
/// `TcpdumpImage.represents`). Text output is UTF-8 and every line ends in `\n`.
public enum ProgramCodec {
    /// The most instructions any decoder accepts: a guard against absurd
    /// input, far above Linux's `BPF_MAXINSNS` (4096), which is the
    /// verifier's rule, not a decoding error.
    public static let maximumInstructions = 1 << 20

    /// Reads a program written in `format`.
    public static func decode(_ bytes: [UInt8], format: ProgramFormat) throws(DecodingError) -> Program {
        switch format {
        case .binary: try BinaryCodec.decode(bytes)
        case .tcpdumpD: try TcpdumpImageParser.decode(bytes)
        case .tcpdumpDD: try DumpCodec.decodeDD(bytes)
        case .tcpdumpDDD: try DumpCodec.decodeDDD(bytes)
        case .assembly: try Assembler.decode(bytes)
        }
    }

    /// Reads a program in the format `ProgramFormat.detect` finds.
    public static func decode(_ bytes: [UInt8]) throws(DecodingError) -> Program {
        try decode(bytes, format: ProgramFormat.detect(bytes))
    }

    /// Writes `program` in `format`.
    public static func encode(_ program: Program, format: ProgramFormat) -> [UInt8] {
        switch format {
        case .binary: BinaryCodec.encode(program)
        case .tcpdumpD: Array(TcpdumpImage.text(program).utf8)
        case .tcpdumpDD: Array(DumpCodec.encodeDD(program).utf8)
        case .tcpdumpDDD: Array(DumpCodec.encodeDDD(program).utf8)
        case .assembly: Array(AssemblyPrinter.text(program).utf8)
        }
    }

    /// Writes `program` in a text format, as a `String`.
    public static func text(_ program: Program, format: ProgramFormat) -> String {
        String(decoding: encode(program, format: format), as: UTF8.self)
    }
}
