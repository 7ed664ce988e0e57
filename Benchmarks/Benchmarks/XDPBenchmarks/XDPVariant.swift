import Sluice

/// One program under measurement: a filter in one implementation.
struct XDPVariant: @unchecked Sendable {
    /// `empty`, `clang`, `sluice` (generated from the IR) or `cbpf` (translated).
    var kind: String
    /// The filter's expression (or `XDP_PASS` for the floor).
    var filterName: String
    /// The loaded program.
    var program: BPFProgram
    /// The frame it runs on.
    var packet: [UInt8]
    /// The kernel's `verified_insns`.
    var verifiedInstructions: UInt32

    /// Every program: the floor, then per filter each implementation, all
    /// checked to give the expected verdict (XDP_PASS) on their frame first.
    static func all() throws -> [XDPVariant] {
        let clang = try ClangObject.load()
        guard let empty = clang["empty_pass"] else { throw BenchmarkSetupError("filters.bpf.c has no empty_pass") }
        var variants = [try make("empty", "XDP_PASS", empty, BenchmarkFilter.all[0].packet)]
        for filter in BenchmarkFilter.all {
            guard let c = clang[filter.cFunction] else { throw BenchmarkSetupError("no \(filter.cFunction) in filters.bpf.c") }
            variants.append(try make("clang", filter.expression, c, filter.packet))
            for (kind, program) in try GeneratedPrograms.load(filter.expression) {
                variants.append(try make(kind, filter.expression, program, filter.packet))
            }
        }
        return variants
    }

    static func make(_ kind: String, _ name: String, _ program: BPFProgram, _ packet: [UInt8]) throws -> XDPVariant {
        let verdict = try program.testRun(packet: packet).returnValue
        guard verdict == XDPAction.pass.rawValue else {
            throw BenchmarkSetupError("\(kind) program for \(name) returned \(verdict), not XDP_PASS, on its frame")
        }
        return XDPVariant(kind: kind, filterName: name, program: program, packet: packet,
                          verifiedInstructions: try program.info().verifiedInstructions)
    }
}
