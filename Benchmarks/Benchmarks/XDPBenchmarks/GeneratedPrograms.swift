import Sluice

/// Our own programs for an expression, both in report mode (XDP_PASS on a
/// match, XDP_DROP otherwise) like the C: `sluice`, generated from the IR
/// by `XDPCodeGenerator` (no cBPF fallback, so it is the direct generator
/// that is measured), and `cbpf`, the compiled classic program translated
/// by `CBPFTranslator`.
enum GeneratedPrograms {
    static func load(_ expression: String) throws -> [(String, BPFProgram)] {
        let compiled = try FilterCompiler.compile(expression)
        let generated = try XDPCodeGenerator.generate(compiled.ir, result: .report)
        let translated = try CBPFTranslator.translate(compiled.program, result: .report)
        return [
            ("sluice", try BPFProgram.load(generated, type: .xdp, name: "sluice_gen")),
            ("cbpf", try BPFProgram.load(translated, type: .xdp, name: "sluice_cbpf")),
        ]
    }
}
