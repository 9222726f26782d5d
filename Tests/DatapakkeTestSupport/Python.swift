import Foundation

/// The Python interpreter of the independent readers (openpyxl for workbooks, Selenium for the
/// download page): the project's virtual environment when `make test` has made one, else `python3`.
public enum Python {
    /// `<package root>/.venv/bin/python3` when it exists, else `python3` from the PATH.
    public static let interpreter: String = {
        let venv = packageRoot + "/.venv/bin/python3"
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3"
    }()

    /// A Python module a test needs is not importable.
    public struct MissingModule: Error, CustomStringConvertible {
        public var modules: [String]
        public var description: String {
            let python = executablePath(Python.interpreter, searchPath: ProcessInfo.processInfo.environment["PATH"]) ?? Python.interpreter
            return "Python module \(modules.joined(separator: ", ")) missing for \(python): run `make test`, "
                + "which installs what the tests need (Tools/setup.sh)"
        }
    }

    /// Whether `module` can be imported by the interpreter; asked once per module and process.
    public static func hasModule(_ module: String) -> Bool {
        if let known = cache.get(module) { return known }
        let found = (try? runProcess(interpreter, ["-c", "import \(module)"]).status) == 0
        cache.set(module, found)
        return found
    }

    /// Throws `MissingModule`, which says to run `make test`, unless every module can be imported.
    public static func require(_ modules: String...) throws {
        let missing = modules.filter { !hasModule($0) }
        guard missing.isEmpty else { throw MissingModule(modules: missing) }
    }

    /// Runs `interpreter arguments…` (usually a script and its arguments) with `runProcess`.
    public static func run(
        _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]
    ) throws -> ProcessOutcome {
        try runProcess(interpreter, arguments, in: directory, environment: environment)
    }

    private static let cache = ModuleCache()
}

private final class ModuleCache: @unchecked Sendable {
    private let lock = NSLock()
    private var found: [String: Bool] = [:]

    func get(_ module: String) -> Bool? { lock.withLock { found[module] } }
    func set(_ module: String, _ value: Bool) { lock.withLock { found[module] = value } }
}
