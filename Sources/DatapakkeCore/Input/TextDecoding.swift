import Foundation

/// The character encodings accepted for CSV input.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 med BOM"
    case windows1252 = "Windows-1252"
}

/// The lines of a file that is UTF-8 except for some lines in another encoding (a Latin-1 line pasted
/// into a UTF-8 file): read as Windows-1252 the whole file would turn every "æ" elsewhere into "Ã¦"
/// and give misleading errors far from the cause, so the bad lines are reported on their own.
func mixedEncodingProblems(_ data: Data, file: String) -> [InputProblem] {
    let bytes = [UInt8](data)
    guard String(validating: bytes, as: UTF8.self) == nil else { return [] }
    var validMultibyte = 0
    var badLines: [(line: Int, column: Int)] = []
    for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
        guard line.contains(where: { $0 >= 0x80 }) else { continue }
        if String(validating: Array(line), as: UTF8.self) != nil {
            validMultibyte += 1
        } else {
            // The column of the first byte that is not UTF-8.
            var iterator = line.makeIterator()
            var decoder = UTF8()
            var column = 0
            decoding: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): column += UTF8.width(scalar)
                case .emptyInput, .error: break decoding
                }
            }
            badLines.append((index + 1, column + 1))
        }
    }
    // Only UTF-8 lines elsewhere make this a mixed file; a file of Latin-1 lines alone is Windows-1252.
    guard validMultibyte > 0 else { return [] }
    var problems = badLines.prefix(10).map {
        InputProblem(
            SourceLocation(file: file, line: $0.line, column: $0.column),
            "linjen er ikke gyldig UTF-8, men resten af filen er (er linjen kopieret fra et andet program?); gem filen som UTF-8")
    }
    if badLines.count > 10 {
        problems.append(InputProblem(SourceLocation(file: file), "og \(badLines.count - 10) linjer mere, der ikke er gyldig UTF-8"))
    }
    return problems
}

/// Decodes a file's bytes: UTF-8 (with or without BOM) when valid, otherwise Windows-1252.
///
/// Excel on Danish Windows still saves "CSV (semikolonsepareret)" as Windows-1252, so a file
/// that is not valid UTF-8 is read that way rather than rejected.
func decodeText(_ data: Data) -> (text: String, encoding: TextEncoding) {
    let bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
        return (String(decoding: bytes.dropFirst(3), as: UTF8.self), .utf8WithBOM)
    }
    if let text = String(validating: bytes, as: UTF8.self) {
        return (text, .utf8)
    }
    var scalars = String.UnicodeScalarView()
    for byte in bytes {
        let code = (0x80...0x9F).contains(byte) ? windows1252High[Int(byte) - 0x80] : UInt32(byte)
        scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
    }
    return (String(scalars), .windows1252)
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F; undefined positions map to U+FFFD.
private let windows1252High: [UInt32] = [
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0xFFFD,
]
