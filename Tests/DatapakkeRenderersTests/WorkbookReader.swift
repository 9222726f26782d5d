import DatapakkeTestSupport
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
        var name: String?
    }

    struct Chart: Decodable {
        var type: String
        /// "bar" for horizontal bars, "col" for columns, nil for other chart types.
        var direction: String?
        var title: String?
        var series: [Series]
        var row: Int
        var column: Int
    }

    /// How a sheet prints: fit to pages (0 pages: as many as needed) and the paper (9 is A4).
    struct PrintSetup: Decodable {
        var fitToPage: Bool
        var fitToWidth: Int
        var fitToHeight: Int
        var paperSize: Int?
    }

    struct Sheet: Decodable {
        var name: String
        var cells: [Cell]
        var charts: [Chart]
        var freeze: String?
        var landscape: Bool
        var header: String?
        var print: PrintSetup?

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

    /// Reads a workbook with openpyxl; throws with the reader's error output if it cannot, and says
    /// to run `make test` when openpyxl is missing.
    static func read(_ path: String) throws -> ReadWorkbook {
        try Python.require("openpyxl")
        let script = packageRoot + "/Tests/DatapakkeRenderersTests/Readers/read_workbook.py"
        let output = try Python.run([script, path]).checked()
        return try JSONDecoder().decode(ReadWorkbook.self, from: Data(output.stdout.utf8))
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
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }
    var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}
