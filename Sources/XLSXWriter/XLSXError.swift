import CXLSXWriter

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Errors thrown by the XLSXWriter wrapper, either from Swift-side validation or from libxlsxwriter (`lxw_strerror`).
public enum XLSXError: Error, Equatable, CustomStringConvertible {
    /// libxlsxwriter returned an `lxw_error` (message from `lxw_strerror`) or a NULL object.
    case libraryError(operation: String, sheet: String?, cell: String?, message: String)
    /// A worksheet name breaks one of Excel's naming rules (checked before `workbook_add_worksheet`).
    case invalidSheetName(name: String, reason: String)
    /// A row or column index outside Excel's grid (1,048,576 rows × 16,384 columns).
    case cellOutOfRange(operation: String, sheet: String, row: Int, column: Int)
    /// A string longer than Excel allows for that place (cell text, URL, header, formula, ...).
    case textTooLong(operation: String, sheet: String?, cell: String?, length: Int, limit: Int)
    /// Any other argument Excel or libxlsxwriter cannot represent (NaN, negative widths, foreign formats, ...).
    case invalidArgument(operation: String, sheet: String?, cell: String?, message: String)
    /// A workbook object was used after `Workbook.write` finished (the C workbook is already freed).
    case workbookClosed(operation: String)
    /// Moving the finished file into place (or cleaning up) failed.
    case fileSystem(path: String, message: String)
    /// The operating system refused to write the file (`errno` after a failed `workbook_close` or
    /// `rename`): a full disk, a read-only folder, a missing folder.
    case systemError(operation: String, path: String, code: Int32)

    /// Human-readable description naming the operation, sheet and cell.
    public var description: String {
        func location(_ sheet: String?, _ cell: String?) -> String {
            switch (sheet, cell) {
            case (let s?, let c?): return " (sheet '\(s)', cell \(c))"
            case (let s?, nil): return " (sheet '\(s)')"
            case (nil, let c?): return " (cell \(c))"
            case (nil, nil): return ""
            }
        }
        switch self {
        case .libraryError(let operation, let sheet, let cell, let message):
            return "\(operation) failed\(location(sheet, cell)): \(message)"
        case .invalidSheetName(let name, let reason):
            return "invalid sheet name '\(name)': \(reason)"
        case .cellOutOfRange(let operation, let sheet, let row, let column):
            return "\(operation): row \(row), column \(column) is outside Excel's grid "
                + "(rows 0..<\(ExcelLimits.maxRows), columns 0..<\(ExcelLimits.maxColumns), zero-based) on sheet '\(sheet)'"
        case .textTooLong(let operation, let sheet, let cell, let length, let limit):
            return "\(operation)\(location(sheet, cell)): text is \(length) characters, Excel allows at most \(limit)"
        case .invalidArgument(let operation, let sheet, let cell, let message):
            return "\(operation)\(location(sheet, cell)): \(message)"
        case .workbookClosed(let operation):
            return "\(operation): the workbook is already closed"
        case .fileSystem(let path, let message):
            return "\(path): \(message)"
        case .systemError(let operation, let path, let code):
            return "\(operation) failed for \(path): \(String(cString: strerror(code)))"
        }
    }
}

/// The single place where libxlsxwriter's `lxw_error` results are turned into Swift errors.
func check(_ err: lxw_error, operation: String, sheet: String? = nil, cell: String? = nil) throws {
    guard err != LXW_NO_ERROR else { return }
    throw XLSXError.libraryError(
        operation: operation, sheet: sheet, cell: cell, message: String(cString: lxw_strerror(err)))
}

/// Companion of `check` for C functions that signal failure by returning NULL instead of an `lxw_error`.
func checkNotNull<T>(_ pointer: T?, operation: String, sheet: String? = nil, cell: String? = nil) throws -> T {
    guard let pointer else {
        throw XLSXError.libraryError(
            operation: operation, sheet: sheet, cell: cell,
            message: "returned NULL (rejected arguments or out of memory; libxlsxwriter prints details to stderr)")
    }
    return pointer
}
