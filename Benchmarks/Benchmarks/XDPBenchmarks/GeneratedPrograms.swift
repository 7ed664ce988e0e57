import Sluice

/// Our own programs for an expression: generated from the IR (`sluice`) and
/// translated from the compiled cBPF (`cbpf`), both in report mode
/// (XDP_PASS on a match, XDP_DROP otherwise), like the C.
enum GeneratedPrograms {
    static func load(_ expression: String) throws -> [(String, BPFProgram)] {
        []
    }
}
