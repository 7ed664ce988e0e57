/// Why a program could not be read, and where.
///
/// Binary input reports a byte offset; text input reports a 1-based line and
/// column (columns count bytes of the line). The description reads like a
/// compiler diagnostic: `-ddd text, line 3, column 5: expected a number`.
public struct DecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where in the input the problem is.
    public enum Location: Hashable, Sendable {
        /// A byte offset into binary input.
        case byteOffset(Int)
        /// A 1-based line and column into text input.
        case text(line: Int, column: Int)
    }

    /// What is wrong.
    public enum Reason: Hashable, Sendable {
        /// The input holds no instruction at all.
        case empty
        /// Binary input ends in a partial `struct sock_filter` record of `length` bytes.
        case truncatedRecord(length: Int)
        /// More instructions than any decoder accepts (a guard against absurd input,
        /// far above Linux's `BPF_MAXINSNS`, which the verifier enforces).
        case tooManyInstructions(limit: Int)
        /// The text does not follow the format's grammar.
        case expected(String, found: String)
        /// A mnemonic the format does not know.
        case unknownMnemonic(String)
        /// An operand that does not fit the mnemonic.
        case badOperand(mnemonic: String, operand: String)
        /// A number too large for its field.
        case numberOutOfRange(String, field: String)
        /// A jump names a label that is never defined.
        case undefinedLabel(String)
        /// A label is defined twice.
        case duplicateLabel(String, firstLine: Int)
        /// A jump goes backwards (classic BPF only jumps forward).
        case backwardJump(target: String)
        /// A conditional jump's offset does not fit in 8 bits (`jt`/`jf`).
        case jumpTooFar(target: String, offset: Int)
        /// A `-ddd` count line disagrees with the number of instructions that follow.
        case countMismatch(declared: Int, found: Int)
        /// A `-d` line's `(NNN)` index is not its position in the program.
        case indexMismatch(expected: Int, found: Int)
    }

    /// The format being decoded.
    public var format: ProgramFormat
    /// Where the problem is.
    public var location: Location
    /// What the problem is.
    public var reason: Reason

    /// Makes an error.
    public init(format: ProgramFormat, location: Location, reason: Reason) {
        self.format = format
        self.location = location
        self.reason = reason
    }

    /// The 1-based line, for text input.
    public var line: Int? {
        if case .text(let line, _) = location { return line }
        return nil
    }

    /// The 1-based column, for text input.
    public var column: Int? {
        if case .text(_, let column) = location { return column }
        return nil
    }

    /// The byte offset, for binary input.
    public var byteOffset: Int? {
        if case .byteOffset(let offset) = location { return offset }
        return nil
    }

    /// `<format>, line L, column C: <reason>` or `<format>, byte offset N: <reason>`.
    public var description: String {
        let place: String
        switch location {
        case .byteOffset(let offset): place = "byte offset \(offset)"
        case .text(let line, let column): place = "line \(line), column \(column)"
        }
        return "\(format.displayName), \(place): \(reason)"
    }
}

extension DecodingError.Reason: CustomStringConvertible {
    /// The reason in words, without the location.
    public var description: String {
        switch self {
        case .empty:
            "no instructions"
        case .truncatedRecord(let length):
            "trailing partial instruction of \(length) byte\(length == 1 ? "" : "s") (records are 8 bytes)"
        case .tooManyInstructions(let limit):
            "more than \(limit) instructions"
        case .expected(let what, let found):
            "expected \(what), found \(found)"
        case .unknownMnemonic(let name):
            "unknown mnemonic '\(name)'"
        case .badOperand(let mnemonic, let operand) where operand.isEmpty:
            "'\(mnemonic)' needs an operand"
        case .badOperand(let mnemonic, let operand):
            "'\(operand)' is not an operand of '\(mnemonic)'"
        case .numberOutOfRange(let text, let field):
            "\(text) does not fit in \(field)"
        case .undefinedLabel(let name):
            "undefined label '\(name)'"
        case .duplicateLabel(let name, let firstLine):
            "label '\(name)' already defined on line \(firstLine)"
        case .backwardJump(let target):
            "jump to '\(target)' goes backwards (classic BPF jumps only forward)"
        case .jumpTooFar(let target, let offset):
            "jump to '\(target)' skips \(offset) instructions; jt/jf hold at most 255"
        case .countMismatch(let declared, let found):
            "count line says \(declared) instructions, found \(found)"
        case .indexMismatch(let expected, let found):
            "instruction index (\(found)) should be (\(expected))"
        }
    }
}
