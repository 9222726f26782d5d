import Foundation

/// Reads the parts of a zip file (an .xlsx) with the system's unzip, independently of the library
/// that wrote it.
public enum Unzip {
    static let program = "/usr/bin/unzip"

    /// One part of the file, e.g. "xl/worksheets/sheet1.xml"; throws when it is missing.
    public static func part(_ file: String, _ entry: String) throws -> String {
        try run(["-p", file, entry]).stdout
    }

    /// The names of every part of the file.
    public static func entries(_ file: String) throws -> [String] {
        try run(["-Z1", file]).stdout.split(separator: "\n").map(String.init)
    }

    private static func run(_ arguments: [String]) throws -> ProcessOutcome {
        guard FileManager.default.isExecutableFile(atPath: program) else {
            throw ProcessFailure(
                description: "\(program) is missing: run `make test` (Tools/setup.sh installs it) or apt-get install -y unzip")
        }
        return try runProcess(program, arguments).checked()
    }
}
