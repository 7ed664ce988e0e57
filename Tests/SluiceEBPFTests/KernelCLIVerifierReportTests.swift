import Foundation
import SluiceTestSupport
import Testing

/// `sluice xdp run/compile/attach` when the kernel verifier rejects the
/// generated program (made to happen with the hidden test hook
/// `--debug-corrupt-load N`, which moves the N-th frame load past its
/// bounds check): exit status 1, a short report naming the failing
/// instruction, the classic instruction and the expression part under a
/// caret, the kernel's reason; `--verifier-log FILE` gets the whole log.
@Suite("Kernel sluice xdp verifier reports", .serialized)
struct KernelCLIVerifierReportTests {
    /// Through the cBPF translation path (`--via-cbpf`), so the report also names the classic instruction.
    static let expression = ["--via-cbpf", "ether[6]", "=", "0x11", "and", "ip[8]", ">", "64"]

    @Test("xdp run: the report names the expression part of the rejected load; --verifier-log saves the log")
    func runReport() throws {
        guard try KernelAccess.check("sluice xdp run") else { return }
        let sluice = try KernelCLITests.binary()
        let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-vlog-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: logFile) }
        // Load 0 is ether[6]; load 1 is the EtherType test of ip[8] > 64 (classic instruction 2).
        let second = try KernelCLITests.run(sluice, ["xdp", "run", "-r", "/dev/null", "--debug-corrupt-load", "1",
                                                     "--verifier-log", logFile.path] + Self.expression)
        #expect(second.status == 1, "\(second.output)")
        let lines = second.output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("verifier rejected instruction ") && $0.contains("r0 = *(u16 *)(r6 +4108)") },
                "\(second.output)")
        #expect(lines.contains("  generated from: classic (002) ldh      [12]"), "\(second.output)")
        #expect(lines.contains("    column 21: `ip[8] > 64`"), "\(second.output)")
        #expect(lines.contains("      ether[6] = 0x11 and ip[8] > 64"))
        #expect(lines.contains("                          ^^^^^^^^^^"), "\(second.output)")
        #expect(lines.contains { $0.hasPrefix("  kernel: invalid access to packet, off=4108 size=2") })
        #expect(lines.contains("the whole verifier log is in \(logFile.path)"))
        let saved = try String(contentsOf: logFile, encoding: .utf8)
        #expect(saved.contains("invalid access to packet, off=4108"))
        #expect(saved.contains("processed "))

        let first = try KernelCLITests.run(sluice, ["xdp", "run", "-r", "/dev/null", "--debug-corrupt-load", "0"] + Self.expression)
        #expect(first.status == 1)
        #expect(first.output.contains("    column 1: `ether[6] = 0x11`\n      ether[6] = 0x11 and ip[8] > 64\n      ^^^^^^^^^^^^^^^\n"),
                "\(first.output)")
        #expect(first.output.contains("(--verifier-log FILE saves the whole log)"))
    }

    @Test("xdp compile --check and xdp attach report the same way, and write or attach nothing")
    func compileAndAttachReport() throws {
        guard try KernelAccess.check("sluice xdp compile --check / attach") else { return }
        let sluice = try KernelCLITests.binary()
        let object = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-check-\(getpid()).o")
        defer { try? FileManager.default.removeItem(at: object) }
        let compile = try KernelCLITests.run(sluice, ["xdp", "compile", "--check", "-o", object.path,
                                                      "--debug-corrupt-load", "1"] + Self.expression)
        #expect(compile.status == 1, "\(compile.output)")
        #expect(compile.output.contains("column 21: `ip[8] > 64`"), "\(compile.output)")
        #expect(!FileManager.default.fileExists(atPath: object.path))
        let good = try KernelCLITests.run(sluice, ["xdp", "compile", "--check", "-o", object.path] + Self.expression)
        #expect(good.status == 0, "\(good.output)")
        #expect(FileManager.default.fileExists(atPath: object.path))

        let namespace = try NetworkNamespace(prefix: "sluice-vrep")
        let attach = try KernelCLITests.run(sluice, ["xdp", "attach", "--netns", namespace.name, "--dev", "lo",
                                                     "--mode", "generic", "--debug-corrupt-load", "0"] + Self.expression)
        #expect(attach.status == 1, "\(attach.output)")
        #expect(attach.output.contains("column 1: `ether[6] = 0x11`"), "\(attach.output)")
        let status = try KernelCLITests.run(sluice, ["xdp", "status", "--netns", namespace.name, "--dev", "lo"])
        #expect(status.output.contains(": none"), "nothing attached: \(status.output)")
    }

    @Test("the direct generator's program: the report names the primitive under a caret")
    func directReport() throws {
        guard try KernelAccess.check("sluice xdp run") else { return }
        let sluice = try KernelCLITests.binary()
        // Every primitive here is generated directly: load 0 is ether[0], load 1 the EtherType of tcp dst port 80.
        let expression = ["ether[0]", "&", "1", "!=", "0", "and", "tcp", "dst", "port", "80"]
        let first = try KernelCLITests.run(sluice, ["xdp", "run", "-r", "/dev/null", "--debug-corrupt-load", "0"] + expression)
        #expect(first.status == 1, "\(first.output)")
        #expect(first.output.contains("(r6 +4096)\n  generated from: column 1: `ether[0] & 1 != 0`\n"
                                      + "      ether[0] & 1 != 0 and tcp dst port 80\n      ^^^^^^^^^^^^^^^^^\n"), "\(first.output)")
        let second = try KernelCLITests.run(sluice, ["xdp", "run", "-r", "/dev/null", "--debug-corrupt-load", "1"] + expression)
        #expect(second.status == 1, "\(second.output)")
        #expect(second.output.contains("(r6 +4108)\n  generated from: column 23: `tcp dst port 80`\n"
                                       + "      ether[0] & 1 != 0 and tcp dst port 80\n"
                                       + "                            ^^^^^^^^^^^^^^^\n"), "\(second.output)")
        #expect(!second.output.contains("classic"), "the direct path has no classic instruction")
    }

    @Test("a --program file: the report names the classic instruction")
    func programFileReport() throws {
        guard try KernelAccess.check("sluice xdp run --program") else { return }
        let sluice = try KernelCLITests.binary()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-prog-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        try "ldh [12]\njeq #0x800, ok, drop\nok: ldb [23]\nret a\ndrop: ret #0\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try KernelCLITests.run(sluice, ["xdp", "run", "-r", "/dev/null", "--debug-corrupt-load", "1",
                                                  "--program", file.path])
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("generated from: classic (002) ldb      [23]"), "\(run.output)")
    }
}
