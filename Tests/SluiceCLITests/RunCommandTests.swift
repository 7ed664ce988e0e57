import Foundation
import SluiceTestSupport
import Testing

@Suite struct RunCommandTests {
    /// A synthesized capture and its packet count.
    static func capture(in folder: TemporaryDirectory, count: Int = 300) throws -> String {
        let path = folder.file("traffic.pcap")
        let result = try Sluice.run("synth", "-o", path, "--count", String(count), "--seed", "3")
        #expect(result.status == 0, "\(result)")
        return path
    }

    @Test func printsOneReturnValuePerPacketAndCounts() throws {
        let folder = try TemporaryDirectory()
        let capture = try Self.capture(in: folder)
        let program = try folder.write("ipv4.asm", ProgramFixtures.ipv4Assembly)
        let lines = try Sluice.run("run", "-r", capture, "--program", program)
        #expect(lines.status == 0 && lines.stderr.isEmpty, "\(lines)")
        #expect(lines.stdoutLines.count == 300)
        #expect(Set(lines.stdoutLines) == ["65535", "0"])
        let matched = lines.stdoutLines.filter { $0 != "0" }.count
        let counted = try Sluice.run("run", "-r", capture, "--count", "--program", program)
        #expect(counted.stdout == "\(matched)\n")

        guard let tcpdump = ProcessRunner.find("tcpdump") else { Issue.record("tcpdump missing"); return }
        let reference = try ProcessRunner.run(tcpdump, ["-nn", "-r", capture, "ether proto 0x800"])
        #expect(matched == reference.stdoutLines.filter { $0.first?.isNumber == true }.count)
    }

    @Test func returnValueIsWhatTheProgramReturns() throws {
        let folder = try TemporaryDirectory()
        let capture = try Self.capture(in: folder, count: 20)
        // The wire length of every packet, as `ld len; ret a` returns it.
        let lengths = try Sluice.run("run", "-r", capture, "--program", "-", stdin: Array("ld #len\nret a\n".utf8))
        #expect(lengths.status == 0, "\(lengths)")
        guard let tcpdump = ProcessRunner.find("tcpdump") else { Issue.record("tcpdump missing"); return }
        let reference = try ProcessRunner.run(tcpdump, ["-nn", "-e", "-r", capture])
        let wireLengths = reference.stdoutLines.filter { $0.first?.isNumber == true }.compactMap { line -> String? in
            guard let range = line.range(of: ", length ") else { return nil }
            return String(line[range.upperBound...].prefix { $0.isNumber })
        }
        #expect(lengths.stdoutLines == wireLengths)
    }

    @Test func rejectedProgramsExitOneBeforeReadingTheCapture() throws {
        let folder = try TemporaryDirectory()
        let capture = try Self.capture(in: folder, count: 5)
        let tooLong = try folder.write("long.ddd", ProgramFixtures.longDDD(4097))
        let result = try Sluice.run("run", "-r", capture, "--program", tooLong)
        #expect(result.status == 1 && result.stdout.isEmpty && result.stderr.contains("program-too-long"), "\(result)")
        let unknown = try folder.write("unknown.bin", ProgramFixtures.unknownOpcode)
        let rejected = try Sluice.run("run", "-r", capture, "--program", unknown)
        #expect(rejected.status == 1 && rejected.stderr.contains("instruction 0"), "\(rejected)")
        let badLine = try folder.write("bad.asm", ProgramFixtures.badLine)
        let malformed = try Sluice.run("run", "-r", capture, "--program", badLine)
        #expect(malformed.status == 1 && malformed.stderr.contains("line 3, column 5"), "\(malformed)")
    }

    @Test func unreadableOrCorruptCapturesExitTwo() throws {
        let folder = try TemporaryDirectory()
        let program = try folder.write("ipv4.ddd", ProgramFixtures.ipv4DDD)
        let missing = try Sluice.run("run", "-r", "/nonexistent/x.pcap", "--program", program)
        #expect(missing.status == 2 && missing.stderr.contains("/nonexistent/x.pcap"), "\(missing)")
        let garbage = try folder.write("garbage.pcap", Array("this is not a capture at all, just text\n".utf8))
        let notCapture = try Sluice.run("run", "-r", garbage, "--program", program)
        #expect(notCapture.status == 2 && notCapture.stderr.contains(garbage), "\(notCapture)")
        let directory = try Sluice.run("run", "-r", folder.url.path, "--program", program)
        #expect(directory.status == 2, "\(directory)")

        // Cut a good capture in the middle of its 11th record: the 10 whole
        // packets are printed, then the error names the broken one.
        let capture = try Self.capture(in: folder, count: 20)
        let bytes = Array(FileManager.default.contents(atPath: capture) ?? Data())
        var offset = 24
        for _ in 0..<10 {
            let included = Int(bytes[offset + 8]) | Int(bytes[offset + 9]) << 8
            offset += 16 + included
        }
        let cut = try folder.write("cut.pcap", Array(bytes.prefix(offset + 20)))
        let truncated = try Sluice.run("run", "-r", cut, "--program", program)
        #expect(truncated.status == 2, "\(truncated)")
        #expect(truncated.stdoutLines.count == 10)
        #expect(truncated.stderr.contains("packet 11"), "\(truncated)")
    }

    @Test func badUsageExitsTwo() throws {
        let folder = try TemporaryDirectory()
        let capture = try Self.capture(in: folder, count: 3)
        let program = try folder.write("ipv4.ddd", ProgramFixtures.ipv4DDD)
        let noFilter = try Sluice.run("run", "-r", capture)
        #expect(noFilter.status == 2 && noFilter.stderr.contains("filter"), "\(noFilter)")
        let both = try Sluice.run("run", "-r", capture, "--program", program, "tcp")
        #expect(both.status == 2, "\(both)")
        let noCapture = try Sluice.run("run", "--program", program)
        #expect(noCapture.status == 2, "\(noCapture)")
    }

    /// tcpdump's crafted captures (malformed on purpose) never crash the
    /// command: every run ends with status 0 or 2, never a signal or a hang.
    @Test func craftedCapturesNeverCrashIt() throws {
        let captures = try SharedData.captures(under: "captures/tcpdump/ethernet-crafted")
        guard !captures.isEmpty else { return }
        let folder = try TemporaryDirectory()
        // Loads at every offset class, an indirect load and a header-length load.
        let program = try folder.write("p.asm", "ldx 4*([14]&0xf)\nld [x+14]\nld [0]\nldh [12]\nldb [x+30]\nret a\n")
        for capture in captures {
            let result = try Sluice.run("run", "-r", capture.path, "--count", "--program", program)
            #expect(result.status == 0 || result.status == 2, "\(capture.lastPathComponent): \(result)")
            #expect(!result.timedOut)
        }
    }
}
