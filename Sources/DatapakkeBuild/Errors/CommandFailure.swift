import DatapakkeCore
import DatapakkeRenderers
import Foundation

/// How an error that reaches the command line is told to the user: Danish lines for standard error,
/// each with the one prefix `fejl:` and with control characters from the inputs shown, not sent
/// (`TerminalText`), and the exit code (1: problems in the data or the file system,
/// 64: a usage error such as an unknown council).
public struct CommandFailure: Sendable, Equatable {
    public var lines: [String]
    public var exitCode: Int32

    /// The failure for a known error; nil for an error that is not the user's to fix (a bug).
    public init?(_ error: Error) {
        switch error {
        case let error as InputProblems:
            let count = error.problems.count
            lines = error.problems.map { "fejl: \($0)" } + ["\(count) \(count == 1 ? "problem" : "problemer") fundet i input."]
            exitCode = 1
        case let error as ProjectLayoutError:
            lines = error.lines.map { "fejl: " + $0 }
            exitCode = 1
        case let error as UnknownClusterError:
            lines = ["fejl: \(error)"]
            exitCode = 64
        case let error as FileSystemError:
            lines = ["fejl: \(error)"]
            exitCode = 1
        case let error as ManifestError:
            lines = ["fejl: \(error)"]
            exitCode = 1
        case let error as OtherDefinitionsError:
            lines = ["fejl: \(error)"]
            exitCode = 1
        default:
            return nil
        }
        lines = TerminalText.lines(lines)
    }
}
