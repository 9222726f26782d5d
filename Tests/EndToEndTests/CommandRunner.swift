import DatapakkeTestSupport
import Foundation

/// Runs the built `datapakke` command the way a user does, from a working directory.
struct CommandRunner {
    typealias Outcome = ProcessOutcome

    /// The built command: beside the test bundle, where `swift test` builds every product.
    static let executable: String = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("datapakke").path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("datapakke").path,
            Bundle.main.bundleURL.appendingPathComponent("datapakke").path,
            packageRoot + "/.build/debug/datapakke",
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[candidates.count - 1]
    }()

    /// Runs `datapakke arguments…` in `directory` (the package root by default) with extra environment;
    /// SOURCE_DATE_EPOCH is unset unless `environment` sets it, so the tests do not depend on `make`'s.
    static func run(_ arguments: [String], in directory: String = packageRoot, environment: [String: String] = [:]) throws -> Outcome {
        try runProcess(executable, arguments, in: directory, environment: environment, unsetting: ["SOURCE_DATE_EPOCH"])
    }

    /// A scratch folder removed when the closure returns or throws (the shared `withTemporaryDirectory`).
    static func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
        try DatapakkeTestSupport.withTemporaryDirectory(body)
    }
}
