import SluiceBytecode

/// Fuzz invariant for the program codecs (`ProgramCodec`): whatever a
/// decoder accepts, encoding it and decoding again gives the same program
/// (for `-d`, which omits fields, the same text), in its own format and in
/// every other one, and format detection recognises each text encoding.
///
/// Input: first byte picks the format (values past the last: detection),
/// the rest is the document.
public enum CodecRoundTrip {
    /// The formats in input order.
    static let formats: [ProgramFormat] = [.binary, .tcpdumpD, .tcpdumpDD, .tcpdumpDDD, .assembly]

    /// Checks the invariant on one input.
    public static func check(_ input: [UInt8]) -> FuzzFailure? {
        guard let selector = input.first else { return nil }
        let document = Array(input.dropFirst())
        let format = Int(selector) < formats.count ? formats[Int(selector)] : ProgramFormat.detect(document)
        guard let program = try? ProgramCodec.decode(document, format: format) else { return nil }
        // Its own format: decode → encode → decode is stable.
        let encoded = ProgramCodec.encode(program, format: format)
        let again: Program
        do {
            again = try ProgramCodec.decode(encoded, format: format)
        } catch {
            return FuzzFailure("re-decode failed", "\(format.displayName) of \(describe(program)) does not decode: \(error)\n\(show(encoded))")
        }
        if format == .tcpdumpD {
            let twice = ProgramCodec.encode(again, format: format)
            if twice != encoded {
                return FuzzFailure("-d not stable", "\(show(encoded)) became \(show(twice))")
            }
        } else if again != program {
            return FuzzFailure("round trip changed the program", "\(format.displayName): \(describe(program)) became \(describe(again))")
        }
        guard !program.isEmpty else { return nil }
        // Every other exact format carries the program too.
        for other in formats where other != .tcpdumpD && format != .tcpdumpD {
            let text = ProgramCodec.encode(program, format: other)
            guard let back = try? ProgramCodec.decode(text, format: other), back == program else {
                return FuzzFailure("cross-format round trip", "\(other.displayName) of \(describe(program)) does not read back\n\(show(text))")
            }
            if other.isText, ProgramFormat.detect(text) != other {
                return FuzzFailure("detection", "\(other.displayName) detected as \(ProgramFormat.detect(text).displayName)\n\(show(text))")
            }
        }
        return nil
    }

    static func describe(_ program: Program) -> String {
        let shown = program.prefix(8).map { "(\($0.code),\($0.jt),\($0.jf),\($0.k))" }.joined(separator: " ")
        return "\(program.count) instructions [\(shown)\(program.count > 8 ? " ..." : "")]"
    }

    static func show(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(400), as: UTF8.self).debugDescription
    }
}
