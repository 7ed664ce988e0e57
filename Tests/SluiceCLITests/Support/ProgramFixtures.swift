/// Programs and broken inputs shared by the command tests.
enum ProgramFixtures {
    /// "Is it IPv4?" in assembly.
    static let ipv4Assembly = """
        ; accept IPv4 frames
        ldh [12]
        jeq #0x800, yes, no
        yes: ret #65535
        no:  ret #0

        """

    /// The same program as `tcpdump -ddd` text.
    static let ipv4DDD = "4\n40 0 0 12\n21 0 1 2048\n6 0 0 65535\n6 0 0 0\n"

    /// An assembly program with a misspelt mnemonic on line 3, column 5.
    static let badLine = "ldh [12]\njeq #0x800, a, b\na:  rett #1\nb: ret #0\n"

    /// Little-endian sock_filter records of `instructions` (code, jt, jf, k).
    static func binary(_ instructions: [(UInt16, UInt8, UInt8, UInt32)]) -> [UInt8] {
        instructions.flatMap { code, jt, jf, k in
            [UInt8(code & 0xff), UInt8(code >> 8), jt, jf,
             UInt8(k & 0xff), UInt8(k >> 8 & 0xff), UInt8(k >> 16 & 0xff), UInt8(k >> 24)]
        }
    }

    /// `count` instructions in -ddd text: `ld #0` then `ret a`s (well formed
    /// in every respect but length when `count` > 4096).
    static func longDDD(_ count: Int) -> String {
        "\(count)\n0 0 0 0\n" + String(repeating: "22 0 0 0\n", count: count - 1)
    }

    /// A program whose first instruction has an opcode Linux does not know (0xffff).
    static let unknownOpcode = binary([(0xffff, 0, 0, 0), (0x06, 0, 0, 0)])
}
