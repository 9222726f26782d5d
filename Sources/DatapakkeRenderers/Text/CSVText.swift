import Foundation

/// Semicolon-separated text for Danish Excel that is safe for its reader: fields quoted as RFC 4180
/// says, a UTF-8 byte order mark so that Excel shows æ, ø and å, and text that a spreadsheet would
/// take for a formula neutralised, as OWASP recommends against CSV injection.
///
/// The separator is `;` because Danish Excel writes numbers with a decimal comma. Lines end with LF,
/// which Excel, LibreOffice and RFC 4180 readers accept; a line break inside a quoted field stays.
public enum CSVText {
    /// The field separator.
    public static let separator = ";"
    /// U+FEFF at the start of the file: without it Danish Excel reads UTF-8 as Windows-1252.
    public static let byteOrderMark = "\u{FEFF}"

    /// One field of a row.
    public enum Field: Sendable, Equatable {
        /// Text, from the inputs or the tool: quoted when needed, and neutralised when it starts like
        /// a formula.
        case text(String)
        /// A number the tool formatted ("-0,4", "416350"): written as it is, so that a spreadsheet
        /// reads a number, a negative one included.
        case number(String)
    }

    /// What makes a spreadsheet read a cell as a formula when it starts it: `=`, `+`, `-`, `@`, and tab
    /// and carriage return, which can hide one of them (OWASP, "CSV Injection").
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// A field as it is written: text that starts like a formula gets a leading `'`, which Excel
    /// shows as text; then a field holding `;`, `"`, CR or LF is put in double quotes, with every
    /// quote doubled.
    public static func field(_ field: Field) -> String {
        switch field {
        case .number(let text):
            return text
        case .text(let text):
            var value = text
            if let first = value.unicodeScalars.first, formulaStarts.contains(first) {
                value = "'" + value
            }
            guard value.unicodeScalars.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    /// One line, without its line break.
    public static func line(_ fields: [Field]) -> String {
        fields.map(field).joined(separator: separator)
    }

    /// A whole file: the byte order mark, the header and the rows, each line ending with LF.
    public static func document(header: [String], rows: [[Field]]) -> String {
        var text = byteOrderMark + line(header.map(Field.text)) + "\n"
        for row in rows {
            text += line(row) + "\n"
        }
        return text
    }
}
