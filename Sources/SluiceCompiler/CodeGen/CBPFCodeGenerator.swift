import SluiceBytecode

/// Generates classic BPF for Ethernet (DLT_EN10MB) from the Filter IR: a
/// function of the IR alone. Each primitive is expanded with libpcap's
/// meaning (`AtomLowering`), the formula becomes a control-flow graph with
/// shared suffixes, the graph is simplified (jump threading, reuse of
/// loaded values) and laid out with forward jumps only.
public enum CBPFCodeGenerator {
    /// The program (returning `acceptValue` on a match, 0 otherwise) and
    /// the source span of each instruction.
    public static func generate(_ filter: Filter, acceptValue: UInt32) throws(CompileError) -> (program: Program, spans: [SourceSpan?]) {
        do {
            return try generateOrFail(filter, acceptValue: acceptValue)
        } catch {
            throw CompileError(error.message, at: error.span, in: "")
        }
    }

    static func generateOrFail(_ filter: Filter, acceptValue: UInt32) throws(GenerationError) -> (program: Program, spans: [SourceSpan?]) {
        let condition = try lower(filter, depth: 0)
        var graph = ControlFlowGraph()
        let lowered = try graph.lower(condition, onTrue: .accept, onFalse: .reject)
        let entry = GraphSimplifier.simplify(&graph, entry: lowered)
        let (instructions, spans) = Linearizer(graph: graph, entry: entry, acceptValue: acceptValue).program()
        return (Program(instructions), spans)
    }

    /// Deepest IR nesting accepted (the parser stops far earlier).
    static let maximumDepth = 2000

    private static func lower(_ filter: Filter, depth: Int) throws(GenerationError) -> Condition {
        guard depth < maximumDepth else { throw GenerationError(message: "filter nested too deeply to compile", span: nil) }
        switch filter {
        case .constant(let value):
            return .constant(value)
        case .primitive(let primitive):
            return try lower(primitive)
        case .not(let operand):
            return .not(try lower(operand, depth: depth + 1))
        case .and(let operands):
            var lowered: [Condition] = []
            for operand in operands { lowered.append(try lower(operand, depth: depth + 1)) }
            return .and(lowered)
        case .or(let operands):
            var lowered: [Condition] = []
            for operand in operands { lowered.append(try lower(operand, depth: depth + 1)) }
            return .or(lowered)
        }
    }

    private static func lower(_ primitive: Primitive) throws(GenerationError) -> Condition {
        let tunnels = primitive.encapsulation.layers.filter(\.isTunnel).count
        guard tunnels == 0 else {
            return try TunnelCode.inside(primitive)
        }
        let lowering = AtomLowering(layout: FrameLayout(primitive.encapsulation.innermostFrame), span: primitive.span, firstFreeScratch: 0)
        return try lowering.condition(primitive.atom)
    }
}
