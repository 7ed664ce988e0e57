import ArgumentParser
import SluiceBytecode

extension ProgramFormat: ExpressibleByArgument {
    /// Parses `bin`, `d`, `dd`, `ddd` or `asm`.
    public init?(argument: String) {
        self.init(shortName: argument)
    }

    public static var allValueStrings: [String] { allCases.map(\.shortName) }
}

/// A program format on the command line, or `auto` to detect it from the
/// bytes (`ProgramFormat.detect`).
public struct InputFormatOption: ExpressibleByArgument, Sendable {
    /// The format, or nil for `auto`.
    public var format: ProgramFormat?

    /// `auto`.
    public static let auto = InputFormatOption(format: nil)

    /// Makes an option value.
    public init(format: ProgramFormat?) { self.format = format }

    /// Parses `auto` or a format's short name.
    public init?(argument: String) {
        if argument == "auto" {
            format = nil
        } else if let format = ProgramFormat(shortName: argument) {
            self.format = format
        } else {
            return nil
        }
    }

    public var defaultValueDescription: String { format?.shortName ?? "auto" }

    public static var allValueStrings: [String] { ["auto"] + ProgramFormat.allValueStrings }
}
