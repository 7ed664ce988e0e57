/// A symbolic jump target, resolved to a slot offset by `EBPFAssembler`.
///
/// A label is its id, nothing else, so an instruction that carries one
/// stays a 20-byte plain value (a rule list emits tens of thousands);
/// `EBPFAssembler.makeLabel` hands out fresh, dense ids and keeps each
/// label's kind for its error messages (`EBPFAssembler.name(of:)`).
public struct EBPFLabel: Hashable, Sendable, CustomStringConvertible {
    private var rawID: UInt32

    /// Identity of the label within one assembly.
    public var id: Int { Int(rawID) }

    /// The label with identity `id` (0 ..< 2^32); distinct targets need distinct ids.
    public init(id: Int) {
        precondition(id >= 0 && id <= Int(UInt32.max), "label id \(id) out of range")
        rawID = UInt32(id)
    }

    /// `L` and the id, e.g. `L12`.
    public var description: String { "L\(id)" }
}
