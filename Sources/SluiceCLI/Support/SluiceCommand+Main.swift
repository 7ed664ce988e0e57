import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

extension SluiceCommand {
    /// Parses the command line, runs the subcommand, and maps every error to
    /// `ExitStatus` (argument-parser would exit 64 on usage errors; the
    /// contract says 2). Messages go to stderr, help to stdout.
    public static func main(arguments: [String]? = nil) async {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let parserCode = exitCode(for: error)
            let status = ExitStatus.forError(error, parserCode: parserCode)
            if let failure = error as? CLIFailure {
                StandardError.write("sluice: \(failure.message)")
            } else if error is ExitCode {
                // The command already printed what it had to say.
            } else if status == .success {
                print(fullMessage(for: error))
            } else {
                StandardError.write(fullMessage(for: error))
            }
            Glibc.exit(status.rawValue)
        }
    }
}
