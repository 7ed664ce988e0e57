import ArgumentParser

/// The exit statuses of `sluice`, in one place (DESIGN.md's command-line contract).
public enum ExitStatus: Int32, Sendable {
    /// Success.
    case success = 0
    /// A program or filter was rejected (diagnostics on stderr).
    case rejected = 1
    /// Bad usage or unreadable input.
    case badInput = 2

    /// The status for an error that reached the top of the command.
    ///
    /// `CLIFailure` carries its own; argument-parser's own errors (unknown
    /// option, missing argument, `ValidationError`) are usage errors; help
    /// and `CleanExit` are success; anything else is unreadable input, the
    /// conservative choice.
    static func forError(_ error: any Error, parserCode: ExitCode) -> ExitStatus {
        if let failure = error as? CLIFailure { return failure.status }
        if let exit = error as? ExitCode {
            switch exit.rawValue {
            case 0: return .success
            case 1: return .rejected
            default: return .badInput
            }
        }
        if parserCode == .success { return .success }
        return .badInput
    }
}

/// An error a subcommand reports: the message for stderr and the exit status.
///
/// Subcommands throw this (or let the helpers in `Support/` throw it); the
/// root command prints `sluice: <message>` and exits with `status`.
public struct CLIFailure: Error, Sendable, CustomStringConvertible {
    /// The exit status.
    public var status: ExitStatus
    /// What went wrong and where, possibly several lines.
    public var message: String

    /// Makes a failure.
    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    /// A program or filter was rejected: exit status 1.
    public static func rejected(_ message: String) -> CLIFailure { CLIFailure(.rejected, message) }
    /// Bad usage or unreadable input: exit status 2.
    public static func badInput(_ message: String) -> CLIFailure { CLIFailure(.badInput, message) }

    public var description: String { message }
}
