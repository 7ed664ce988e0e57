import Foundation
import Testing
import SluiceBytecode
import SluiceCompiler
import SluiceInterpreter
import SluicePcap
import SluiceTestSupport
@testable import SluiceVerifier

/// The proof against libpcap (issue 3): libpcap's own compiler tests
/// (testprogs/TESTrun) for Ethernet.
@Suite("libpcap filter vectors (EN10MB)")
struct LibpcapVectorTests {
    /// Every EN10MB `apply` block: our program's result on each packet of
    /// its capture equals libpcap's recorded result.
    @Test func applyBlocks() throws {
        guard let vectors = try CompilerVectors.load() else { return }
        var passed = 0, failed: [String] = [], considered = 0
        for block in vectors.apply where block.skip_reason_in_TESTrun == nil {
            guard let url = try SharedData.file("captures/libpcap-filter/\(block.savefile)"),
                  let reader = try? CaptureReader(path: url.path), reader.linkType == 1 else { continue }
            considered += 1
            let packets = Array(reader)
            do {
                let options = CompileOptions(snapLength: UInt32(reader.snapLength), netmask: parseNetmask(block.netmask))
                let compiled = try FilterCompiler.compile(block.expr, options: options)
                let interpreter = Interpreter(compiled.program)
                let results = packets.map { interpreter.run(packet: $0.data, wireLength: $0.wireLength) }
                if results == block.results { passed += 1 } else { failed.append("\(block.name) `\(block.expr)`: got \(results), want \(block.results)") }
            } catch {
                failed.append("\(block.name) `\(block.expr)`: \(error)")
            }
        }
        print("apply (EN10MB): \(passed)/\(considered) blocks pass")
        for failure in failed { print("  apply FAIL \(failure)") }
        #expect(failed.isEmpty, "\(failed.count) apply blocks differ")
    }

    /// Every EN10MB `reject` expression fails to compile.
    @Test func rejectExpressions() throws {
        guard let vectors = try CompilerVectors.load() else { return }
        let cases = vectors.reject.filter { $0.DLT == "EN10MB" && $0.skip_reason_in_TESTrun == nil }
        var accepted: [String] = []
        for entry in cases {
            guard let expression = entry.expr else { continue }
            if (try? FilterCompiler.compile(expression)) != nil { accepted.append("`\(expression)` (libpcap: \(entry.errstr))") }
        }
        print("reject (EN10MB): \(cases.count - accepted.count)/\(cases.count) rejected")
        for expression in accepted.prefix(50) { print("  reject FAIL accepted \(expression)") }
        #expect(accepted.isEmpty, "\(accepted.count) reject expressions accepted")
    }

    /// Every EN10MB `accept` expression (every alias) compiles, and on every
    /// sampled packet of every Ethernet capture our program returns what
    /// libpcap's expected program returns.
    @Test func acceptExpressions() throws {
        guard let vectors = try CompilerVectors.load(), EthernetCaptures.all != nil else { return }
        let packets = EthernetCaptures.sample(stride: 23)
        var total = 0, compiled = 0, agreeing = 0, failures: [String] = []
        for block in vectors.accept where block.DLT == "EN10MB" && block.skip_reason_in_TESTrun == nil
            && !block.linux_bpf_extensions && block.name != "bpf_image" {
            let reference = block.expected["opt"]?.program ?? block.expected["unopt"]?.program
            for alias in block.aliases {
                total += 1
                let options = CompileOptions(snapLength: UInt32(block.snaplen), netmask: parseNetmask(block.netmask))
                guard let ours = try? FilterCompiler.compile(alias, options: options) else {
                    let message = (try? FilterCompiler.compile(alias, options: options)).map { _ in "" } ?? compileError(alias, options)
                    failures.append("\(block.name) `\(alias)` does not compile: \(message)")
                    continue
                }
                compiled += 1
                guard let reference else { agreeing += 1; continue }
                let mine = Interpreter(ours.program)
                let theirs = Interpreter(VerifiedProgram(checked: reference))
                let mismatch = packets.firstIndex { mine.run(packet: $0.data, wireLength: $0.wireLength) != theirs.run(packet: $0.data, wireLength: $0.wireLength) }
                if let mismatch {
                    let packet = packets[mismatch]
                    failures.append("\(block.name) `\(alias)`: differs on a \(packet.data.count)-byte packet: ours \(mine.run(packet: packet.data, wireLength: packet.wireLength)), libpcap \(theirs.run(packet: packet.data, wireLength: packet.wireLength))")
                } else {
                    agreeing += 1
                }
            }
        }
        print("accept (EN10MB): \(compiled)/\(total) compile, \(agreeing)/\(total) agree with libpcap on \(packets.count) packets")
        for failure in failures { print("  accept FAIL \(failure)") }
        #expect(failures.isEmpty, "\(failures.count) accept expressions fail")
    }

    private func compileError(_ expression: String, _ options: CompileOptions) -> String {
        do {
            _ = try FilterCompiler.compile(expression, options: options)
            return ""
        } catch {
            return error.description
        }
    }
}
