/// A symbolic jump target, resolved to a slot offset by `EBPFAssembler`.
///
/// Two labels are the same label when their ids are equal; the name is for
/// listings and error messages. `EBPFAssembler.makeLabel` hands out fresh ids.
public struct EBPFLabel: Hashable, Sendable, CustomStringConvertible {
    /// Identity of the label within one assembly.
    public var id: Int
    /// A human name (`"drop"`, `"cbpf_12"`).
    public var name: String

    /// Makes a label; use distinct ids for distinct targets.
    public init(id: Int, name: String) {
        self.id = id
        self.name = name
    }

    public var description: String { name }
}
