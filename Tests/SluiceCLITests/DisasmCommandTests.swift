import Foundation
import Testing

@Suite struct DisasmCommandTests {
    @Test func everyFormatRoundTripsThroughEveryOther() throws {
        let reference = try Sluice.run("disasm", "--to", "ddd", "-", stdin: Array(ProgramFixtures.ipv4Assembly.utf8))
        #expect(reference.status == 0, "\(reference)")
        #expect(reference.stdout == ProgramFixtures.ipv4DDD)
        for format in ["bin", "d", "dd", "ddd", "asm"] {
            let there = try Sluice.run("disasm", "--to", format, "-", stdin: Array(ProgramFixtures.ipv4Assembly.utf8))
            #expect(there.status == 0 && there.stderr.isEmpty, "\(format): \(there)")
            // Back again, both with the format named and detected.
            for from in [format, "auto"] {
                let back = try Sluice.run("disasm", "--from", from, "--to", "ddd", "-", stdin: there.stdoutBytes)
                #expect(back.stdout == ProgramFixtures.ipv4DDD, "\(format) via --from \(from): \(back)")
            }
        }
        let binary = try Sluice.run("disasm", "--to", "bin", "-", stdin: Array(ProgramFixtures.ipv4DDD.utf8))
        #expect(binary.stdoutBytes == ProgramFixtures.binary([(0x28, 0, 0, 12), (0x15, 0, 1, 0x800), (0x06, 0, 0, 65535), (0x06, 0, 0, 0)]))
    }

    @Test func dashDMatchesTcpdumpByteForByte() throws {
        guard let tcpdump = ProcessRunner.find("tcpdump") else {
            Issue.record("tcpdump is not installed (scripts/test.sh installs it)")
            return
        }
        let folder = try TemporaryDirectory()
        let capture = folder.file("tiny.pcap")
        #expect(try Sluice.run("synth", "-o", capture, "--count", "1").status == 0)
        for expression in ["tcp port 80", "ip host 10.0.0.1 and tcp", "vlan 10 and udp", "ip6 and icmp6", "tcp[13] & 2 != 0"] {
            let ddd = try ProcessRunner.run(tcpdump, ["-ddd", "-r", capture, expression])
            let d = try ProcessRunner.run(tcpdump, ["-d", "-r", capture, expression])
            #expect(ddd.status == 0 && d.status == 0)
            let ours = try Sluice.run("disasm", "--to", "d", "-", stdin: ddd.stdoutBytes)
            #expect(ours.status == 0)
            #expect(ours.stdout == d.stdout, "\(expression)")
        }
    }

    @Test func writesToAFileWithOutput() throws {
        let folder = try TemporaryDirectory()
        let source = try folder.write("p.asm", ProgramFixtures.ipv4Assembly)
        let result = try Sluice.run("disasm", "--to", "ddd", "-o", folder.file("p.ddd"), source)
        #expect(result.status == 0 && result.stdout.isEmpty)
        #expect(FileManager.default.contents(atPath: folder.file("p.ddd")) == Data(ProgramFixtures.ipv4DDD.utf8))
    }

    @Test func malformedProgramsAreRejectedWithTheirLocation() throws {
        let badLine = try Sluice.run("disasm", "-", stdin: Array(ProgramFixtures.badLine.utf8))
        #expect(badLine.status == 1, "\(badLine)")
        #expect(badLine.stderr.contains("<stdin>: assembly, line 3, column 5"), "\(badLine)")
        #expect(badLine.stderr.contains("a:  rett #1\n        ^"), "caret under the column: \(badLine)")

        let truncated = try Sluice.run("disasm", "--from", "bin", "-", stdin: ProgramFixtures.binary([(0x06, 0, 0, 0)]) + [0x28, 0, 0])
        #expect(truncated.status == 1)
        #expect(truncated.stderr.contains("byte offset 8"), "\(truncated)")

        let empty = try Sluice.run("disasm", "-", stdin: [])
        #expect(empty.status == 1 && !empty.stderr.isEmpty, "\(empty)")

        let badCount = try Sluice.run("disasm", "--from", "ddd", "-", stdin: Array("3\n6 0 0 0\n".utf8))
        #expect(badCount.status == 1 && badCount.stderr.contains("line"), "\(badCount)")
    }

    @Test func convertsWhatTheVerifierWouldRefuse() throws {
        // disasm is a pure conversion: too long and unknown opcodes still print.
        let long = try Sluice.run("disasm", "--to", "ddd", "-", stdin: Array(ProgramFixtures.longDDD(4097).utf8))
        #expect(long.status == 0)
        #expect(long.stdout == ProgramFixtures.longDDD(4097))
        let unknown = try Sluice.run("disasm", "--to", "ddd", "-", stdin: ProgramFixtures.unknownOpcode)
        #expect(unknown.stdout == "2\n65535 0 0 0\n6 0 0 0\n", "\(unknown)")
    }

    @Test func unreadableInputAndBadUsageExitTwo() throws {
        let missing = try Sluice.run("disasm", "/nonexistent/prog.bpf")
        #expect(missing.status == 2 && missing.stderr.contains("/nonexistent/prog.bpf"), "\(missing)")
        let directory = try Sluice.run("disasm", "/tmp")
        #expect(directory.status == 2 && directory.stderr.contains("directory"), "\(directory)")
        let badFormat = try Sluice.run("disasm", "--to", "hex", "-", stdin: Array(ProgramFixtures.ipv4DDD.utf8))
        #expect(badFormat.status == 2 && badFormat.stderr.contains("hex"), "\(badFormat)")
        let noFile = try Sluice.run("disasm")
        #expect(noFile.status == 2, "\(noFile)")
        let unwritable = try Sluice.run("disasm", "-o", "/nonexistent/out", "-", stdin: Array(ProgramFixtures.ipv4DDD.utf8))
        #expect(unwritable.status == 2 && unwritable.stderr.contains("/nonexistent/out"), "\(unwritable)")
    }
}
