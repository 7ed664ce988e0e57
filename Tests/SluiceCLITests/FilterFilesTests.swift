import Foundation
import SluiceTestSupport
import Testing

/// Every filter in `Filters/` is compiled and run over a synthesized capture,
/// and matches exactly the packets libpcap (tcpdump -F) matches: through
/// Sluice's compiler (`run -f`), and through libpcap's own program run by
/// Sluice's verifier and interpreter (`tcpdump -ddd` into `run --program`).
@Suite struct FilterFilesTests {
    static var filterFiles: [URL] {
        let folder = SharedData.packageRoot.appendingPathComponent("Filters")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".filter") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test func thereAreFiltersAndEachSaysWhatItCatches() throws {
        #expect(Self.filterFiles.count >= 20)
        for file in Self.filterFiles {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.hasPrefix("# "), "\(file.lastPathComponent) starts with a comment")
            #expect(text.split(separator: "\n").contains { !$0.hasPrefix("#") && !$0.isEmpty }, "\(file.lastPathComponent) has an expression")
        }
    }

    @Test func everyFilterMatchesWhatLibpcapMatches() throws {
        guard let tcpdump = ProcessRunner.find("tcpdump") else {
            Issue.record("tcpdump is not installed (scripts/test.sh installs it)")
            return
        }
        let folder = try TemporaryDirectory()
        let capture = folder.file("traffic.pcap")
        #expect(try Sluice.run("synth", "-o", capture, "--count", "3000", "--seed", "1").status == 0)
        var matchedSomething = 0
        for file in Self.filterFiles {
            let name = file.lastPathComponent
            let reference = try ProcessRunner.run(tcpdump, ["-nn", "-r", capture, "-F", file.path])
            #expect(reference.status == 0, "\(name): \(reference)")
            let expected = reference.stdoutLines.filter { $0.first?.isNumber == true }.count
            if expected > 0 { matchedSomething += 1 }

            let compiled = try Sluice.run("run", "-r", capture, "--count", "-f", file.path)
            #expect(compiled.status == 0, "\(name): \(compiled)")
            #expect(compiled.stdout == "\(expected)\n", "\(name): sluice's compiler")

            let program = try ProcessRunner.run(tcpdump, ["-ddd", "-r", capture, "-F", file.path])
            let viaLibpcap = try Sluice.run("run", "-r", capture, "--count", "--program", "-", stdin: program.stdoutBytes)
            #expect(viaLibpcap.stdout == "\(expected)\n", "\(name): libpcap's program in sluice's interpreter: \(viaLibpcap)")
        }
        // The synthesizer makes traffic for (nearly) every filter.
        #expect(matchedSomething >= Self.filterFiles.count - 1)
    }

    /// `sluice compile -f` (once the compile subcommand is there) turns each
    /// filter into a program that `sluice verify` accepts.
    @Test func everyFilterCompilesToAVerifiedProgram() throws {
        let help = try Sluice.run("compile", "--help")
        guard help.stdout.contains("USAGE: sluice compile") else {
            print("skipped: sluice has no compile subcommand yet")
            return
        }
        for file in Self.filterFiles {
            let compiled = try Sluice.run("compile", "--format", "ddd", "-f", file.path)
            #expect(compiled.status == 0, "\(file.lastPathComponent): \(compiled)")
            let verified = try Sluice.run("verify", "--format", "ddd", "-", stdin: compiled.stdoutBytes)
            #expect(verified.status == 0 && verified.stdout.hasPrefix("ok: "), "\(file.lastPathComponent): \(verified)")
        }
    }
}
