import Foundation
import Testing

/// A rule list past cBPF's 4,096 instructions still compiles for XDP: the
/// direct generator works from the IR, and only the cBPF output refuses it.
@Suite struct XDPCompileRuleListTests {
    /// `not ((host A1 and port P1) or …)` with `terms` terms.
    static func ruleList(_ terms: Int) -> String {
        "not (" + (0..<terms).map { "(host 10.\($0 / 250).\($0 % 250).1 and port \(1024 + $0))" }
            .joined(separator: " or ") + ")"
    }

    @Test("xdp compile takes a rule list that sluice compile refuses as too long for cBPF")
    func ruleListTooLongForClassicBPF() throws {
        let sluice = try KernelCLITests.binary()
        let expression = Self.ruleList(300)
        let classic = try KernelCLITests.run(sluice, ["compile", expression])
        #expect(classic.status == 1, "\(classic.output.prefix(500))")
        #expect(classic.output.contains("more than cBPF's 4096"), "\(classic.output.prefix(500))")
        let object = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-rules-\(getpid()).o")
        defer { try? FileManager.default.removeItem(at: object) }
        let xdp = try KernelCLITests.run(sluice, ["xdp", "compile", "-o", object.path, expression])
        #expect(xdp.status == 0, "\(xdp.output.prefix(500))")
        #expect(xdp.output.contains("direct from the filter IR"), "\(xdp.output.prefix(500))")
        let size = try FileManager.default.attributesOfItem(atPath: object.path)[.size] as? Int ?? 0
        #expect(size > 8 * 4_096, "an object of \(size) bytes")
    }
}
