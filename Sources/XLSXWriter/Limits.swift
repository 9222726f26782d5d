import CXLSXWriter

/// Excel's hard limits, checked in Swift before any libxlsxwriter call so errors are clear and early.
public enum ExcelLimits {
    /// Rows per worksheet (indices are zero-based, so the last row is `maxRows - 1`); LXW_ROW_MAX.
    public static let maxRows = 1_048_576
    /// Columns per worksheet (last column is "XFD"); LXW_COL_MAX.
    public static let maxColumns = 16_384
    /// Characters in a sheet name; LXW_SHEETNAME_MAX.
    public static let maxSheetNameLength = 31
    /// Characters in one cell (counted in UTF-16 units, as Excel does).
    public static let maxCellTextLength = 32_767
    /// Characters in a hyperlink target.
    public static let maxURLLength = 2_079
    /// Characters in a formula.
    public static let maxFormulaLength = 8_192
    /// Characters in a page header or footer.
    public static let maxHeaderFooterLength = 255
    /// Characters in a conditional-format text criterion.
    public static let maxConditionalTextLength = 255
    /// Column width in character units.
    public static let maxColumnWidth = 255.0
    /// Row height in points.
    public static let maxRowHeight = 409.0
    /// Characters that may not appear in a sheet name.
    public static let forbiddenSheetNameCharacters: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
}

/// Zero-based (row, column) → A1 reference, e.g. `cellReference(row: 3, column: 1) == "B4"`; pure Swift, no C call.
///
/// Indices outside Excel's grid give an "R<row>C<column>" description instead of a reference
/// (used in error messages, never written to a file).
public func cellReference(row: Int, column: Int) -> String {
    guard (0..<ExcelLimits.maxRows).contains(row), (0..<ExcelLimits.maxColumns).contains(column) else {
        return "R\(row)C\(column)"
    }
    return columnLetters(column) + String(row + 1)
}

/// Zero-based column index → letters ("A", "Z", "AA", ...); pure Swift, no C call.
public func columnLetters(_ column: Int) -> String {
    guard column >= 0 else { return "?" }
    var n = column + 1
    var letters: [Character] = []
    while n > 0 {
        let remainder = (n - 1) % 26
        letters.append(Character(UnicodeScalar(UInt8(65 + remainder))))
        n = (n - 1) / 26
    }
    return String(letters.reversed())
}

/// Quotes a sheet name for use in a formula: `'Ann''s data'` (apostrophes doubled); pure Swift, no C call.
public func quotedSheetName(_ sheet: String) -> String {
    "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
}

/// A rectangular block of cells on a named sheet, zero-based and inclusive; used for chart series (`chart_add_series`).
public struct CellRange: Hashable, Sendable {
    /// The worksheet the cells live on.
    public var sheet: String
    /// First row (zero-based).
    public var firstRow: Int
    /// First column (zero-based).
    public var firstColumn: Int
    /// Last row (zero-based, inclusive).
    public var lastRow: Int
    /// Last column (zero-based, inclusive).
    public var lastColumn: Int

    /// Creates a range; no C call (validated when used).
    public init(sheet: String, firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.sheet = sheet
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }

    /// Absolute A1 reference without the sheet, e.g. `$B$5:$B$12` (or `$B$5` for one cell); no C call.
    public var absoluteReference: String {
        let first = "$" + columnLetters(firstColumn) + "$" + String(firstRow + 1)
        if firstRow == lastRow && firstColumn == lastColumn { return first }
        return first + ":$" + columnLetters(lastColumn) + "$" + String(lastRow + 1)
    }

    /// Formula form with a quoted sheet, e.g. `='Aktivitet i sundhedsvæsenet'!$B$5:$B$12`; no C call.
    public var formula: String {
        "=" + quotedSheetName(sheet) + "!" + absoluteReference
    }

    /// Throws unless the range lies inside Excel's grid with first ≤ last; no C call.
    func validate(operation: String) throws {
        guard !sheet.isEmpty else {
            throw XLSXError.invalidArgument(operation: operation, sheet: nil, cell: nil, message: "range has an empty sheet name")
        }
        for (row, column) in [(firstRow, firstColumn), (lastRow, lastColumn)] {
            guard (0..<ExcelLimits.maxRows).contains(row), (0..<ExcelLimits.maxColumns).contains(column) else {
                throw XLSXError.cellOutOfRange(operation: operation, sheet: sheet, row: row, column: column)
            }
        }
        guard firstRow <= lastRow, firstColumn <= lastColumn else {
            throw XLSXError.invalidArgument(
                operation: operation, sheet: sheet, cell: nil,
                message: "range first cell \(cellReference(row: firstRow, column: firstColumn)) is after last cell "
                    + cellReference(row: lastRow, column: lastColumn))
        }
    }
}

/// Checks a proposed sheet name against Excel's rules; pure Swift (libxlsxwriter's own check runs afterwards too).
func validateSheetName(_ name: String) throws {
    func fail(_ reason: String) -> XLSXError { .invalidSheetName(name: name, reason: reason) }
    if name.isEmpty { throw fail("must not be empty") }
    // Excel counts UTF-16 units; that is stricter than libxlsxwriter's code-point count, so both accept the result.
    if name.utf16.count > ExcelLimits.maxSheetNameLength {
        throw fail("is \(name.utf16.count) characters, Excel allows at most \(ExcelLimits.maxSheetNameLength)")
    }
    if let bad = name.first(where: { ExcelLimits.forbiddenSheetNameCharacters.contains($0) }) {
        throw fail("contains '\(bad)'; none of [ ] : * ? / \\ are allowed")
    }
    if name.hasPrefix("'") || name.hasSuffix("'") { throw fail("must not start or end with an apostrophe") }
    if name.utf8.contains(0) { throw fail("contains a NUL character") }
    // "History" is reserved by Excel (used by change tracking).
    if name.lowercased() == "history" { throw fail("'History' is reserved by Excel") }
}

/// Throws `textTooLong` / `invalidArgument` when a string cannot be passed to C or exceeds `limit` UTF-16 units.
func validateText(
    _ text: String, limit: Int, operation: String, sheet: String?, cell: String?
) throws {
    let length = text.utf16.count
    if length > limit {
        throw XLSXError.textTooLong(operation: operation, sheet: sheet, cell: cell, length: length, limit: limit)
    }
    // C strings end at NUL, so the text would be silently cut short.
    if text.utf8.contains(0) {
        throw XLSXError.invalidArgument(operation: operation, sheet: sheet, cell: cell, message: "text contains a NUL character")
    }
}

/// Throws `invalidArgument` for NaN/infinity, which libxlsxwriter would print as "nan"/"inf" and corrupt the file.
func validateFinite(_ value: Double, operation: String, sheet: String?, cell: String?) throws {
    guard value.isFinite else {
        throw XLSXError.invalidArgument(
            operation: operation, sheet: sheet, cell: cell, message: "\(value) is not a finite number; Excel cannot store it")
    }
}

/// 0xRRGGBB → lxw_color_t; libxlsxwriter reads 0 as "colour not set", so black must be passed as LXW_COLOR_BLACK.
func lxwColor(_ rgb: UInt32) -> lxw_color_t {
    rgb == 0 ? lxw_color_t(LXW_COLOR_BLACK.rawValue) : rgb
}

/// Mutable state shared by every object of one workbook: open/closed flag and errors found in non-throwing calls.
final class WorkbookState {
    var isOpen = true
    /// First invalid-argument error from a non-throwing method (e.g. `setZoom(1000)`); `Workbook.write` throws it
    /// before closing, so bad input never silently produces a file.
    var deferredError: XLSXError?
    /// Sheet names referenced by internal links and chart ranges, checked to exist when the workbook closes.
    var sheetReferences: [(operation: String, fromSheet: String?, target: String)] = []

    func record(_ error: XLSXError) {
        if deferredError == nil { deferredError = error }
    }

    func ensureOpen(_ operation: String) throws {
        guard isOpen else { throw XLSXError.workbookClosed(operation: operation) }
    }
}
