import Foundation
@testable import DatapakkeCore

/// A workbook as read back by openpyxl (`Readers/read_workbook.py`): an independent reader, so the
/// tests check what Excel and LibreOffice will see, not what the writer believes it wrote.
struct ReadWorkbook: Decodable {
    struct Cell: Decodable {
        var row: Int
        var column: Int
        var value: JSONValue
        var type: String
        var format: String
        var link: String?
        var fontColour: String?
    }

    struct Series: Decodable {
        var categories: String?
        var values: String?
        var pointColours: [String?]
    }

    struct Chart: Decodable {
        var type: String
        var title: String?
        var series: [Series]
        var row: Int
        var column: Int
    }

    struct Sheet: Decodable {
        var name: String
        var cells: [Cell]
        var charts: [Chart]
        var freeze: String?
        var landscape: Bool
        var header: String?

        /// The cell at a row and column, if it has a value.
        func cell(_ row: Int, _ column: Int) -> Cell? { cells.first { $0.row == row && $0.column == column } }

        /// The first cell whose text equals `text`.
        func find(_ text: String) -> Cell? { cells.first { $0.value.string == text } }

        /// Every text on the sheet.
        var texts: [String] { cells.compactMap(\.value.string) }
    }

    struct Properties: Decodable {
        var title: String?
        var created: String?
        var keywords: String?
    }

    var sheets: [Sheet]
    var properties: Properties

    func sheet(_ name: String) -> Sheet? { sheets.first { $0.name == name } }

    /// Reads a workbook with openpyxl; throws with the reader's error output if it cannot.
    static func read(_ path: String) throws -> ReadWorkbook {
        let script = TestFiles.root + "/Tests/DatapakkeRenderersTests/Readers/read_workbook.py"
        let output = try runProcess("/usr/bin/env", ["python3", script, path])
        return try JSONDecoder().decode(ReadWorkbook.self, from: output)
    }
}

/// A JSON value of a cell: a number, a text, a boolean or null.
enum JSONValue: Decodable, Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case null

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let bool = try? container.decode(Bool.self) { self = .bool(bool) }
        else if let number = try? container.decode(Double.self) { self = .number(number) }
        else { self = .string(try container.decode(String.self)) }
    }

    var string: String? { if case .string(let text) = self { return text }; return nil }
    var number: Double? { if case .number(let value) = self { return value }; return nil }
}

struct ProcessFailure: Error, CustomStringConvertible {
    var description: String
}

/// Runs a program and returns its standard output; throws with standard error when it fails.
func runProcess(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ProcessFailure(description: "\(arguments.joined(separator: " ")) failed: \(String(decoding: errorData, as: UTF8.self))")
    }
    return data
}

/// Paths and loaders shared by the workbook and build tests.
enum TestFiles {
    /// The package root, found from this file's place in the source tree.
    static let root: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }()

    /// Loads the shipped default inputs.
    static func shipped(definitions: String = "ClusterDefinitions/sundhedsraad-2027.yaml") throws -> DatapakkeInputs {
        try DatapakkeInputs.load(InputPaths(
            register: root + "/ClusterDefinitions/kommuner.csv", definitions: root + "/" + definitions,
            data: root + "/Data", catalogue: root + "/Templates/indikatorer.yaml"), relativeTo: root)
    }

    /// A scratch folder removed when the closure returns.
    static func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
        let path = NSTemporaryDirectory() + "datapakke-render-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }
}
