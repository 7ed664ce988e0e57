/// Where each slot of a program came from, as text for a verifier report
/// (`BPFProgram.load(annotations:)`), rendered only when read.
///
/// A report shows the note of one slot, the one the kernel rejected; a
/// 1,000-term rule list has 50,000 slots, and rendering every note up front
/// (each quoting the expression) cost more than generating the program.
public struct SlotNotes: RandomAccessCollection, Sendable, ExpressibleByArrayLiteral {
    /// The number of slots.
    public let count: Int
    private let render: @Sendable (Int) -> String?

    /// Notes for `count` slots; `render(i)` makes slot `i`'s note when it is read.
    public init(count: Int, render: @escaping @Sendable (Int) -> String?) {
        self.count = Swift.max(0, count)
        self.render = render
    }

    /// Notes already rendered, one per slot.
    public init(_ notes: [String?]) {
        self.init(count: notes.count) { notes[$0] }
    }

    /// Notes already rendered, one per slot.
    public init(arrayLiteral notes: String?...) {
        self.init(notes)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// Slot `slot`'s note (nil if it has none).
    public subscript(slot: Int) -> String? {
        precondition(slot >= 0 && slot < count, "slot \(slot) out of 0..<\(count)")
        return render(slot)
    }
}
