import SluiceBytecode
import SluiceCompiler
import SluiceInterpreter
import SluiceTestSupport
import SluiceVerifier

/// Fuzz invariant for the pcap-filter parser and compiler: every
/// expression the parser accepts compiles (unless too long for cBPF) to a
/// program the verifier accepts, from the same IR; the canonical printer's
/// text parses back to that IR; and on random packets the optimized and
/// unoptimized programs return what `IREvaluator` says libpcap's meaning is.
///
/// Input: a selector byte (mostly a synthesized expression, sometimes the
/// bytes as text), the expression's bytes, then bytes for `RandomPackets`.
public enum CompilerAgreement {
    /// The snap length compiled programs return on a match.
    static let snapLength: UInt32 = 262_144

    /// Checks the invariant on one input.
    public static func check(_ input: [UInt8]) -> FuzzFailure? {
        var bytes = FuzzBytes(input)
        let expression: String
        if bytes.byte() % 8 == 0 {
            let length = bytes.below(64)
            expression = String(decoding: bytes.bytes(length), as: UTF8.self)
        } else {
            expression = ExpressionSynthesis.expression(&bytes)
        }
        return check(expression: expression, packetBytes: bytes.rest)
    }

    /// The invariant for one expression, with packets drawn from `packetBytes`.
    public static func check(expression: String, packetBytes: [UInt8]) -> FuzzFailure? {
        let filter: Filter
        do {
            filter = try FilterParser.parse(expression)
        } catch {
            if let compiled = try? FilterCompiler.compile(expression) {
                return FuzzFailure("compile accepts what parse rejects", "\(expression.debugDescription) compiled to \(compiled.program.program.count) instructions; parse: \(error)")
            }
            return nil
        }
        let canonical = filter.description
        do {
            let reparsed = try FilterParser.parse(canonical)
            if reparsed != filter {
                return FuzzFailure("canonical text changes the IR", "\(expression.debugDescription) printed as \(canonical.debugDescription) parses differently")
            }
        } catch {
            return FuzzFailure("canonical text does not parse", "\(expression.debugDescription) printed as \(canonical.debugDescription): \(error)")
        }
        var interpreters: [(String, Interpreter)] = []
        for optimize in [true, false] {
            do {
                let compiled = try FilterCompiler.compile(expression, options: CompileOptions(optimize: optimize))
                if compiled.ir != filter {
                    return FuzzFailure("compile's IR differs from parse's", expression.debugDescription)
                }
                // Checked again here: the compiler's own check may be a stand-in.
                do {
                    _ = try Verifier.verify(compiled.program.program)
                } catch {
                    return FuzzFailure("compiled program rejected by the verifier", "\(expression.debugDescription) (\(optimize ? "optimized" : "-O0")): \(error)")
                }
                interpreters.append((optimize ? "optimized" : "-O0", Interpreter(compiled.program)))
            } catch {
                if error.description.contains("internal error") {
                    return FuzzFailure("compiled program rejected by the verifier", "\(expression.debugDescription): \(error)")
                }
                return nil  // too long for cBPF, or a generator limit: a clean error
            }
        }
        var packets = RandomPackets(bytes: packetBytes)
        for _ in 0..<8 {
            let frame = packets.next()
            let expected = IREvaluator.evaluate(filter, packet: frame.bytes, wireLength: frame.wireLength)
            let results = interpreters.map { ($0.0, $0.1.run(packet: frame.bytes, wireLength: frame.wireLength)) }
            if results[0].1 != results[1].1 {
                return FuzzFailure("optimized and -O0 programs disagree",
                                   "\(expression.debugDescription): \(results) on \(hex(frame))")
            }
            let want: UInt32
            switch expected {
            case .match: want = snapLength
            case .noMatch, .abort: want = 0
            case .unknown: continue
            }
            if results[0].1 != want {
                return FuzzFailure("program disagrees with the IR",
                                   "\(expression.debugDescription) (IR \(canonical.debugDescription)): program \(results[0].1), IR \(expected) on \(hex(frame))")
            }
            if packets.isExhausted { break }
        }
        return nil
    }

    static func hex(_ frame: RandomPackets.Frame) -> String {
        let digits = frame.bytes.map { String($0 >> 4, radix: 16) + String($0 & 0xf, radix: 16) }.joined()
        return "packet \(digits) (\(frame.bytes.count) captured, \(frame.wireLength) on the wire)"
    }
}
