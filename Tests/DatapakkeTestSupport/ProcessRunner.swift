import Foundation

/// What a program did: its exit status and everything it wrote.
public struct ProcessOutcome: Sendable, Equatable {
    /// The program and its arguments, for messages.
    public var command: [String]
    public var status: Int32
    public var stdout: String
    public var stderr: String

    /// This outcome when the program exited with 0; otherwise throws, naming the command and quoting
    /// its standard error.
    @discardableResult
    public func checked() throws -> ProcessOutcome {
        guard status == 0 else {
            throw ProcessFailure(description: "\(command.joined(separator: " ")) exited with \(status):\n\(stderr)")
        }
        return self
    }
}

/// A program that could not be started or that failed.
public struct ProcessFailure: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}

/// Runs `program` (a path, or a name looked up on the PATH) with `arguments` in `directory` (the
/// current one when nil), with this process's environment plus `environment` and without the
/// variables in `unsetting`, and waits for it. Standard input is empty; standard output and standard
/// error are read at the same time, so a program that writes much to both cannot block.
public func runProcess(
    _ program: String, _ arguments: [String] = [], in directory: String? = nil,
    environment: [String: String] = [:], unsetting: [String] = []
) throws -> ProcessOutcome {
    var variables = ProcessInfo.processInfo.environment
    for name in unsetting { variables.removeValue(forKey: name) }
    variables.merge(environment) { _, new in new }
    guard let executable = executablePath(program, searchPath: variables["PATH"]) else {
        throw ProcessFailure(description: "\(program) not found on the PATH (\(variables["PATH"] ?? ""))")
    }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory, isDirectory: true) }
    process.environment = variables
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = output
    process.standardError = errors
    try process.run()

    let errorData = DataBox()
    let errorReader = errors.fileHandleForReading
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { errorData.set(errorReader.readDataToEndOfFile()) }
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessOutcome(
        command: [program] + arguments, status: process.terminationStatus,
        stdout: String(decoding: outputData, as: UTF8.self), stderr: String(decoding: errorData.get(), as: UTF8.self))
}

/// `program` itself when it names a path, else the first executable of that name on `searchPath`.
func executablePath(_ program: String, searchPath: String?) -> String? {
    if program.contains("/") { return program }
    for folder in (searchPath ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
        let candidate = folder + "/" + program
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// Bytes handed from the thread that reads standard error.
private final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
