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

    @Test("xdp compile -f reads a rule list too long for a command-line argument")
    func ruleListFromAFile() throws {
        let sluice = try KernelCLITests.binary()
        let directory = FileManager.default.temporaryDirectory
        let rules = directory.appendingPathComponent("sluice-rules-\(getpid()).txt")
        let object = directory.appendingPathComponent("sluice-rules-file-\(getpid()).o")
        defer { for file in [rules, object] { try? FileManager.default.removeItem(at: file) } }
        // 4,000 terms: about 140 KB, past Linux's 128 KiB limit on one argument.
        let text = "# blocked pairs\n" + Self.ruleList(4_000) + "\n"
        #expect(text.utf8.count > 131_072)
        try text.write(to: rules, atomically: true, encoding: .utf8)
        let xdp = try KernelCLITests.run(sluice, ["xdp", "compile", "-f", rules.path, "-o", object.path])
        #expect(xdp.status == 0, "\(xdp.output.prefix(500))")
        #expect(xdp.output.contains("direct from the filter IR"), "\(xdp.output.prefix(500))")
        let size = try FileManager.default.attributesOfItem(atPath: object.path)[.size] as? Int ?? 0
        #expect(size > 4_000 * 8 * 20, "an object of \(size) bytes")

        let both = try KernelCLITests.run(sluice, ["xdp", "compile", "-f", rules.path, "-o", object.path, "tcp"])
        #expect(both.status != 0)
        #expect(both.output.contains("give only one of --program FILE, -f FILE or an expression"), "\(both.output)")
    }
}
