import SluicePcap

/// Opens and reads captures for the subcommands, turning libpcap's errors
/// into `CLIFailure.badInput` (exit 2) that name the file and the packet.
public enum CaptureInput {
    /// Opens `path`. Expressions are compiled for Ethernet, so a capture of
    /// another link type is refused for them (a program file runs on any).
    public static func open(_ path: String, source: FilterInput.Source) throws(CLIFailure) -> CaptureReader {
        let reader: CaptureReader
        do {
            reader = try CaptureReader(path: path)
        } catch {
            throw .badInput(error.description)
        }
        if case .expression = source, reader.linkType != 1 {
            throw .badInput("\(path): link type \(reader.linkType) is not Ethernet (1); filter expressions are compiled for Ethernet, use --program for other links")
        }
        return reader
    }

    /// The next packet, nil at the end.
    public static func next(from reader: CaptureReader) throws(CLIFailure) -> CapturedPacket? {
        do {
            return try reader.next()
        } catch {
            throw .badInput(error.description)
        }
    }
}

/// Collects stdout text and writes it in large pieces (one `print` per
/// packet would dominate a run over a big capture).
public struct BufferedOutput {
    private var pending = ""

    /// Makes an empty buffer.
    public init() {}

    /// Adds text, writing the buffer out once it is large.
    public mutating func append(_ text: String) {
        pending += text
        if pending.utf8.count >= 1 << 16 { flush() }
    }

    /// Writes out what is pending.
    public mutating func flush() {
        if !pending.isEmpty { print(pending, terminator: "") }
        pending = ""
    }
}
