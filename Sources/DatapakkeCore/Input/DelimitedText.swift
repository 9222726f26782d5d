import Foundation

/// A delimited text file (CSV) read with Danish conventions: `;` or `,` between fields,
/// UTF-8 or Windows-1252, CRLF or LF, fields optionally in double quotes.
public struct DelimitedText: Sendable {
    /// One data row: its fields and the 1-based line it started on.
    public struct Row: Sendable {
        public var line: Int
        public var fields: [String]
    }

    public var file: String
    public var encoding: TextEncoding
    public var separator: Character
    /// Header names, trimmed and lower-cased.
    public var header: [String]
    public var rows: [Row]

    /// Reads and splits a file; the separator is the one of `;`, `,` and tab that the header uses most.
    public static func read(path: String, displayName: String? = nil) throws -> DelimitedText {
        let name = displayName ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputProblems([InputProblem(SourceLocation(file: name), "filen findes ikke eller kan ikke læses")])
        }
        return try parse(data, file: name)
    }

    /// Splits already loaded bytes; `file` is the name used in messages.
    public static func parse(_ data: Data, file: String) throws -> DelimitedText {
        let mixed = mixedEncodingProblems(data, file: file)
        if !mixed.isEmpty { throw InputProblems(mixed) }
        let (text, encoding) = decodeText(data)
        let lines = splitRecords(text)
        guard let headerLine = lines.first(where: { !$0.text.allSatisfy(\.isWhitespace) }) else {
            throw InputProblems([InputProblem(SourceLocation(file: file, line: 1), "filen er tom; forventede en overskriftslinje")])
        }
        let separator = detectSeparator(headerLine.text)
        let header = splitFields(headerLine.text, separator: separator).map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        var rows: [Row] = []
        for record in lines where record.line > headerLine.line {
            if record.text.allSatisfy(\.isWhitespace) { continue }
            rows.append(Row(line: record.line, fields: splitFields(record.text, separator: separator)))
        }
        return DelimitedText(file: file, encoding: encoding, separator: separator, header: header, rows: rows)
    }

    /// The index of a header column, accepting a few spellings.
    public func column(_ names: String...) -> Int? {
        for name in names {
            if let index = header.firstIndex(of: name) { return index }
        }
        return nil
    }

    /// A human-readable name of the separator, for messages.
    public var separatorName: String {
        switch separator {
        case ";": return "semikolon"
        case ",": return "komma"
        default: return "tabulator"
        }
    }

    static func detectSeparator(_ header: String) -> Character {
        let candidates: [Character] = [";", ",", "\t"]
        let counts = candidates.map { candidate in header.filter { $0 == candidate }.count }
        let best = counts.indices.max { counts[$0] < counts[$1] } ?? 0
        return counts[best] == 0 ? ";" : candidates[best]
    }

    /// Splits text into records, honouring quoted fields that span lines; lines are counted from 1.
    static func splitRecords(_ text: String) -> [(line: Int, text: String)] {
        var records: [(Int, String)] = []
        var current = ""
        var line = 1
        var startLine = 1
        var inQuotes = false
        for character in text {
            // "\r\n" is a single Character in Swift.
            if character == "\"" { inQuotes.toggle() }
            if (character == "\n" || character == "\r\n" || character == "\r") && !inQuotes {
                records.append((startLine, current))
                current = ""
                line += 1
                startLine = line
                continue
            }
            if character == "\n" || character == "\r\n" || character == "\r" { line += 1 }
            current.append(character)
        }
        if !current.isEmpty { records.append((startLine, current)) }
        return records
    }

    static func splitFields(_ record: String, separator: Character) -> [String] {
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var previousWasQuote = false
        for character in record {
            if character == "\"" {
                if inQuotes {
                    inQuotes = false
                    previousWasQuote = true
                    continue
                }
                if previousWasQuote { field.append("\"") }  // "" inside quotes is a literal quote
                inQuotes = true
                previousWasQuote = false
                continue
            }
            previousWasQuote = false
            if character == separator && !inQuotes {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

/// Reads a number in a YAML setting (`skala: 1000`, `decimaler: 1`, `min_taeller: 5`): a decimal point
/// or a decimal comma, no thousands separators.
func parseSettingNumber(_ raw: String) -> ParsedNumber {
    var text = raw.trimmingCharacters(in: .whitespaces)
    if text.isEmpty || text == ".." { return .notAvailable }
    text = text.replacingOccurrences(of: "\u{2212}", with: "-")  // typographic minus
    text = text.replacingOccurrences(of: "\u{00A0}", with: "").replacingOccurrences(of: " ", with: "")
    let lastComma = text.lastIndex(of: ",")
    let lastPoint = text.lastIndex(of: ".")
    switch (lastComma, lastPoint) {
    case (let comma?, let point?):
        if comma > point {
            text = text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        } else {
            text = text.replacingOccurrences(of: ",", with: "")
        }
    case (_?, nil):
        if text.filter({ $0 == "," }).count > 1 { return .invalid("er ikke et tal") }
        text = text.replacingOccurrences(of: ",", with: ".")
    default:
        break
    }
    guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
        let value = Double(text), value.isFinite
    else { return .invalid("er ikke et tal") }
    return .number(value)
}
