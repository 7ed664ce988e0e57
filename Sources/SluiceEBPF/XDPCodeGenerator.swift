import SluiceCompiler
import SluiceVerifier

/// Generates XDP eBPF straight from the Filter IR, for Ethernet frames:
/// direct packet access, one bounds check per path for each new furthest
/// offset (a check an earlier one on every path to it already covers is
/// left out), and the same result as the cBPF code libpcap generates for
/// the same primitive — including its order of loads, so a frame that ends
/// early gives the same verdict (a load past the end rejects the frame).
///
/// Every primitive Sluice's cBPF generator compiles on Ethernet is
/// generated directly, with its meaning: link protocols (EtherTypes and
/// the LLC/SNAP encapsulations), hosts and networks, protocols, ports,
/// `protochain` (unrolled), `vlan`/`mpls`/`pppoes` (later primitives read
/// further on), `geneve`/`vxlan` (later primitives locate the inner frame),
/// `llc`, DECnet, ISO/IS-IS, and relations over `proto[expr:size]`
/// arithmetic. What the cBPF generator rejects is rejected here too (the
/// reason is `XDPCodeGenerationError.unsupported`); with a `fallback`, the
/// compiled cBPF is translated instead (`CBPFTranslator`).
public enum XDPCodeGenerator {
    /// The XDP program for `filter`; `result` says what it returns.
    public static func generate(_ filter: Filter, result: XDPResultMode = .report,
                                fallback: VerifiedProgram? = nil) throws(XDPCodeGenerationError) -> EBPFProgram {
        try generateAnnotated(filter, result: result, fallback: fallback).program
    }

    /// The XDP program for a compiled filter: from its IR where every
    /// primitive is generated directly, else its verified cBPF translated.
    public static func generate(_ compiled: CompiledFilter,
                                result: XDPResultMode = .report) throws(XDPCodeGenerationError) -> EBPFProgram {
        try generate(compiled.ir, result: result, fallback: compiled.program)
    }

    /// `generate`, plus the source span of every slot and which path made
    /// the program. Slots of a translated `fallback` have no source yet
    /// (nil), unless `fallbackSources` (per slot of the translation) is given.
    public static func generateAnnotated(_ filter: Filter, result: XDPResultMode = .report,
                                         fallback: VerifiedProgram? = nil,
                                         fallbackSources: [SourceSpan?] = []) throws(XDPCodeGenerationError) -> XDPGeneratedProgram {
        do {
            var emitter = XDPFilterEmitter()
            let (program, sources) = try emitter.program(for: filter, mode: result)
            return XDPGeneratedProgram(program: program, sources: sources, path: .direct)
        } catch let error {
            guard let fallback else { throw error }
            do {
                let program = try CBPFTranslator.translate(fallback, result: result)
                return XDPGeneratedProgram(program: program, sources: fallbackSources,
                                           path: .translated(reason: error.reason))
            } catch {
                throw .translation(error)
            }
        }
    }

    /// `generate(compiled)` with sources and path (see `generateAnnotated(_:result:fallback:fallbackSources:)`).
    public static func generateAnnotated(_ compiled: CompiledFilter,
                                         result: XDPResultMode = .report) throws(XDPCodeGenerationError) -> XDPGeneratedProgram {
        try generateAnnotated(compiled.ir, result: result, fallback: compiled.program)
    }

    /// True when `generate` needs no fallback for `filter`.
    public static func supportsDirectly(_ filter: Filter) -> Bool {
        var emitter = XDPFilterEmitter()
        return (try? emitter.program(for: filter, mode: .report)) != nil
    }
}

/// Why a filter could not be turned into XDP code.
public enum XDPCodeGenerationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The direct generator does not handle this primitive and no fallback was given.
    case unsupported(Primitive, reason: String)
    /// The fallback cBPF program could not be translated.
    case translation(CBPFTranslationError)
    /// Jumps or labels did not resolve (a generator bug, reported not trapped).
    case assembly(EBPFAssemblyError)

    /// Why, in a few words (for `XDPGenerationPath.translated`).
    public var reason: String {
        switch self {
        case .unsupported(let primitive, let reason):
            primitive.span.map { "\(reason), at \($0)" } ?? reason
        case .translation(let error): error.description
        case .assembly(let error): "\(error)"
        }
    }

    public var description: String {
        switch self {
        case .unsupported(let primitive, let reason):
            let place = primitive.span.map { " at \($0)" } ?? ""
            return "XDP code generation\(place): \(reason); compile to cBPF and translate instead"
        case .translation(let error): return error.description
        case .assembly(let error): return "XDP code generation: \(error)"
        }
    }
}
