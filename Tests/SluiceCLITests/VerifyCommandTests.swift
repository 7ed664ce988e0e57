import Foundation
import SluiceTestSupport
import Testing

@Suite struct VerifyCommandTests {
    @Test func acceptsTheSameProgramInEveryFormat() throws {
        for format in ["bin", "d", "dd", "ddd", "asm"] {
            let encoded = try Sluice.run("disasm", "--to", format, "-", stdin: Array(ProgramFixtures.ipv4Assembly.utf8))
            for option in [format, "auto"] {
                let result = try Sluice.run("verify", "--format", option, "-", stdin: encoded.stdoutBytes)
                #expect(result.status == 0, "\(format) as \(option): \(result)")
                #expect(result.stdout == "ok: 4 instructions\n")
                #expect(result.stderr.isEmpty)
            }
        }
        let folder = try TemporaryDirectory()
        let file = try folder.write("ipv4.ddd", ProgramFixtures.ipv4DDD)
        #expect(try Sluice.run("verify", file).stdout == "ok: 4 instructions\n")
    }

    @Test func rejectsWithTheInstructionAndTheRule() throws {
        let tooLong = try Sluice.run("verify", "-", stdin: Array(ProgramFixtures.longDDD(4097).utf8))
        #expect(tooLong.status == 1 && tooLong.stdout.isEmpty, "\(tooLong)")
        #expect(tooLong.stderr.contains("program-too-long"), "\(tooLong)")
        #expect(try Sluice.run("verify", "-", stdin: Array(ProgramFixtures.longDDD(4096).utf8)).stdout == "ok: 4096 instructions\n")

        let unknown = try Sluice.run("verify", "-", stdin: ProgramFixtures.unknownOpcode)
        #expect(unknown.status == 1, "\(unknown)")
        #expect(unknown.stderr.contains("instruction 0") && unknown.stderr.contains("invalid-opcode"), "\(unknown)")

        let divide = try Sluice.run("verify", "-", stdin: Array("ld #1\ndiv #0\nret a\n".utf8))
        #expect(divide.status == 1 && divide.stderr.contains("instruction 1: division-by-zero"), "\(divide)")
        #expect(divide.stderr.contains("hint:"), "\(divide)")
    }

    @Test func malformedInputIsRejectedWithItsLocation() throws {
        let badLine = try Sluice.run("verify", "-", stdin: Array(ProgramFixtures.badLine.utf8))
        #expect(badLine.status == 1 && badLine.stderr.contains("line 3, column 5"), "\(badLine)")
        let truncated = try Sluice.run("verify", "--format", "bin", "-",
                                       stdin: ProgramFixtures.binary([(0x06, 0, 0, 0)]) + [1, 2, 3, 4, 5])
        #expect(truncated.status == 1 && truncated.stderr.contains("byte offset 8"), "\(truncated)")
        let wrongFormat = try Sluice.run("verify", "--format", "ddd", "-", stdin: Array(ProgramFixtures.ipv4Assembly.utf8))
        #expect(wrongFormat.status == 1 && wrongFormat.stderr.contains("line"), "\(wrongFormat)")
    }

    @Test func unreadableInputAndBadUsageExitTwo() throws {
        let missing = try Sluice.run("verify", "/nonexistent/prog")
        #expect(missing.status == 2 && missing.stderr.contains("/nonexistent/prog"), "\(missing)")
        let badFormat = try Sluice.run("verify", "--format", "elf", "-", stdin: [])
        #expect(badFormat.status == 2 && badFormat.stderr.contains("elf"), "\(badFormat)")
        let noFile = try Sluice.run("verify")
        #expect(noFile.status == 2, "\(noFile)")
    }

    /// The kernel's own classic-BPF tests: the CLI accepts what Linux runs and
    /// rejects the 12 programs Linux refuses.
    @Test func agreesWithTheKernelVectors() throws {
        guard let vectors = try LinuxClassicVectors.load() else { return }
        var rejected = 0
        for vector in vectors.vectors {
            let bytes = ProgramFixtures.binary(vector.insns.map { (UInt16($0[0]), UInt8($0[1]), UInt8($0[2]), $0[3]) })
            let result = try Sluice.run("verify", "--format", "bin", "-", stdin: bytes)
            if vector.expect == "load_rejected" {
                rejected += 1
                #expect(result.status == 1 && !result.stderr.isEmpty, "\(vector.name): \(result)")
            } else if !(vector.requires ?? []).contains(where: { $0.contains("PAY_OFFSET") }) {
                #expect(result.status == 0, "\(vector.name): \(result)")
            }
        }
        #expect(rejected == 12)
    }
}
