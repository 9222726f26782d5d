import CXLSXWriter
import Foundation

// Known limits of libxlsxwriter 1.1.4 (Debian's libxlsxwriter-dev) that shape this wrapper:
// - no combined charts (chart_combine arrived later) and no secondary value axis (y2_axis),
// - no autofit (worksheet_autofit arrived in 1.1.5): callers must compute column widths themselves,
// - numbers are printed with the C library's *current* LC_NUMERIC locale, so `Workbook.write` runs the
//   whole build and `workbook_close` under a thread-local "C" numeric locale (see `withCNumericLocale`).

/// Document metadata for docProps/core.xml (`workbook_set_properties`); empty strings are left out of the file.
public struct DocumentProperties: Equatable, Sendable {
    /// Title (lxw_doc_properties.title).
    public var title: String
    /// Subject (lxw_doc_properties.subject).
    public var subject: String
    /// Author (lxw_doc_properties.author).
    public var author: String
    /// Manager (lxw_doc_properties.manager).
    public var manager: String
    /// Company (lxw_doc_properties.company).
    public var company: String
    /// Category (lxw_doc_properties.category).
    public var category: String
    /// Keywords (lxw_doc_properties.keywords).
    public var keywords: String
    /// Comments (lxw_doc_properties.comments).
    public var comments: String
    /// Creation time written to dcterms:created (lxw_doc_properties.created, whole seconds); fixed by the caller so
    /// output is deterministic. Must not be exactly 1970-01-01T00:00:00Z, which libxlsxwriter treats as "now".
    public var created: Date

    /// Memberwise initializer; only `created` is required (no C call).
    public init(
        title: String = "", subject: String = "", author: String = "", manager: String = "",
        company: String = "", category: String = "", keywords: String = "", comments: String = "",
        created: Date
    ) {
        self.title = title
        self.subject = subject
        self.author = author
        self.manager = manager
        self.company = company
        self.category = category
        self.keywords = keywords
        self.comments = comments
        self.created = created
    }
}

/// An Excel workbook being built (wraps `lxw_workbook`); only exists inside `Workbook.write(to:properties:_:)`.
public final class Workbook {
    let handle: UnsafeMutablePointer<lxw_workbook>
    let state = WorkbookState()
    private var sheets: [Worksheet] = []
    private var formatCache: [CellStyle: Format] = [:]

    private init(handle: UnsafeMutablePointer<lxw_workbook>) {
        self.handle = handle
    }

    /// Builds a workbook in a closure and writes it to `path` only if the closure succeeded; otherwise frees it
    /// (`lxw_workbook_free`) and no file is left behind (`workbook_new`, `workbook_set_properties`, `workbook_close`).
    ///
    /// The file is written to a temporary file and renamed over `path` only after `workbook_close` succeeded, so
    /// an existing file at `path` is untouched by any failure. The temporary file is `temporaryPath` when given
    /// (it must be in the same folder as `path`, so that the rename is atomic; a caller that cleans up after a
    /// killed process names it in its own recognisable way), else a hidden sibling `.<name>.<UUID>.tmp`. The
    /// closure and `workbook_close` run with LC_NUMERIC = "C" for the current thread only (`uselocale`), so
    /// other threads are unaffected.
    public static func write(
        to path: String, temporaryPath: String? = nil, properties: DocumentProperties, _ build: (Workbook) throws -> Void
    ) throws {
        let created = try validatedCreated(properties.created)
        let target = URL(fileURLWithPath: path)
        let temporaryPath =
            temporaryPath
            ?? target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp").path

        try withCNumericLocale {
            let handle = try checkNotNull(workbook_new(temporaryPath), operation: "workbook_new")
            let workbook = Workbook(handle: handle)
            do {
                try workbook.setProperties(properties, created: created)
                try build(workbook)
                try workbook.validateBeforeClose()
            } catch {
                workbook.state.isOpen = false
                lxw_workbook_free(handle)
                removeIfPresent(temporaryPath)
                throw error
            }
            workbook.state.isOpen = false
            // workbook_close frees the workbook whether or not writing succeeded. Its error codes do not
            // say why a write failed; errno does (ENOSPC, EROFS, ...), so it is kept for the caller.
            errno = 0
            let err = workbook_close(handle)
            let code = errno
            if err != LXW_NO_ERROR {
                removeIfPresent(temporaryPath)
                if code != 0 { throw XLSXError.systemError(operation: "workbook_close", path: path, code: code) }
            }
            try check(err, operation: "workbook_close", cell: nil)
        }
        if rename(temporaryPath, target.path) != 0 {
            let code = errno
            removeIfPresent(temporaryPath)
            throw XLSXError.systemError(operation: "rename", path: path, code: code)
        }
    }

    /// All worksheets in creation order (no C call).
    public var worksheets: [Worksheet] { sheets }

    /// The worksheet with this name, compared case-insensitively like Excel (no C call).
    public func worksheet(named name: String) -> Worksheet? {
        let key = name.lowercased()
        return sheets.first { $0.name.lowercased() == key }
    }

    /// Adds a worksheet after checking Excel's naming rules in Swift (`workbook_validate_sheet_name`, `workbook_add_worksheet`).
    public func addWorksheet(named name: String) throws -> Worksheet {
        try state.ensureOpen("workbook_add_worksheet")
        try validateSheetName(name)
        if worksheet(named: name) != nil {
            throw XLSXError.invalidSheetName(name: name, reason: "a sheet with this name already exists (names are case-insensitive)")
        }
        try check(workbook_validate_sheet_name(handle, name), operation: "workbook_validate_sheet_name", sheet: name)
        let sheetHandle = try checkNotNull(workbook_add_worksheet(handle, name), operation: "workbook_add_worksheet", sheet: name)
        let sheet = Worksheet(name: name, handle: sheetHandle, state: state)
        sheets.append(sheet)
        return sheet
    }

    /// The format for a style, created once per distinct `CellStyle` and then reused (`workbook_add_format`, `format_set_*`).
    ///
    /// Never throws: a style Excel cannot represent (e.g. a 200-byte number format) gives a format that makes any
    /// write using it throw, and `Workbook.write` fails, so bad styles never silently reach a file.
    public func style(_ s: CellStyle) -> Format {
        if let cached = formatCache[s] { return cached }
        guard state.isOpen else {
            return Format(style: s, handle: nil, problem: "workbook is already closed", state: state)
        }
        let format: Format
        if let problem = s.problem() {
            let error = XLSXError.invalidArgument(operation: problem.operation, sheet: nil, cell: nil, message: problem.message)
            state.record(error)
            format = Format(style: s, handle: nil, problem: problem.message, state: state)
        } else if let formatHandle = workbook_add_format(handle) {
            s.apply(to: formatHandle)
            format = Format(style: s, handle: formatHandle, problem: nil, state: state)
        } else {
            let message = "workbook_add_format returned NULL (out of memory)"
            state.record(.libraryError(operation: "workbook_add_format", sheet: nil, cell: nil, message: message))
            format = Format(style: s, handle: nil, problem: message, state: state)
        }
        formatCache[s] = format
        return format
    }

    /// Creates a chart to place with `Worksheet.insertChart` (`workbook_add_chart`).
    public func addChart(_ kind: ChartKind) throws -> Chart {
        try state.ensureOpen("workbook_add_chart")
        let chartHandle = try checkNotNull(workbook_add_chart(handle, kind.lxw), operation: "workbook_add_chart")
        return Chart(kind: kind, handle: chartHandle, state: state)
    }

    /// Defines a workbook-wide name, e.g. `defineName("Total", formula: "='Data'!$B$2")` (`workbook_define_name`).
    public func defineName(_ name: String, formula: String) throws {
        try state.ensureOpen("workbook_define_name")
        try validateText(name, limit: 255, operation: "workbook_define_name", sheet: nil, cell: nil)
        try validateText(formula, limit: ExcelLimits.maxFormulaLength, operation: "workbook_define_name", sheet: nil, cell: nil)
        try check(workbook_define_name(handle, name, formula), operation: "workbook_define_name", cell: name)
    }

    // MARK: - Internals

    private static func validatedCreated(_ date: Date) throws -> time_t {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite, let value = time_t(exactly: seconds) else {
            throw XLSXError.invalidArgument(
                operation: "workbook_set_properties", sheet: nil, cell: nil, message: "created date \(date) is not representable")
        }
        // libxlsxwriter replaces created == 0 with time(NULL), which would make the output non-deterministic.
        guard value != 0 else {
            throw XLSXError.invalidArgument(
                operation: "workbook_set_properties", sheet: nil, cell: nil,
                message: "created must not be 1970-01-01T00:00:00Z (libxlsxwriter would use the current time instead)")
        }
        return value
    }

    private func setProperties(_ p: DocumentProperties, created: time_t) throws {
        let fields = [p.title, p.subject, p.author, p.manager, p.company, p.category, p.keywords, p.comments]
        for field in fields {
            try validateText(field, limit: ExcelLimits.maxCellTextLength, operation: "workbook_set_properties", sheet: nil, cell: nil)
        }
        // lxw_doc_properties takes mutable char*; libxlsxwriter copies them, so they are freed right after the call.
        let copies: [UnsafeMutablePointer<CChar>?] = fields.map { $0.isEmpty ? nil : strdup($0) }
        defer { copies.forEach { free($0) } }
        for (field, copy) in zip(fields, copies) where !field.isEmpty && copy == nil {
            throw XLSXError.libraryError(operation: "strdup", sheet: nil, cell: nil, message: "out of memory")
        }
        var c = lxw_doc_properties()
        c.title = copies[0]
        c.subject = copies[1]
        c.author = copies[2]
        c.manager = copies[3]
        c.company = copies[4]
        c.category = copies[5]
        c.keywords = copies[6]
        c.comments = copies[7]
        c.created = created
        try check(workbook_set_properties(handle, &c), operation: "workbook_set_properties")
    }

    private func validateBeforeClose() throws {
        if let deferred = state.deferredError { throw deferred }
        for reference in state.sheetReferences where worksheet(named: reference.target) == nil {
            throw XLSXError.invalidArgument(
                operation: reference.operation, sheet: reference.fromSheet, cell: nil,
                message: "refers to sheet '\(reference.target)', which does not exist in the workbook")
        }
    }
}

/// Runs `body` with LC_NUMERIC = "C" for the current thread only (`newlocale`, `uselocale`, `freelocale`).
///
/// libxlsxwriter formats doubles with printf, which honours the current locale: under da_DK it would write
/// "1234,5" and corrupt the file. `uselocale` is per-thread, so parallel builds and other threads are unaffected
/// (process-global `setlocale` would not be safe here).
func withCNumericLocale<T>(_ body: () throws -> T) throws -> T {
    // Start from a copy of the thread's current locale so only the numeric category changes.
    let base = duplocale(uselocale(nil))
    guard let cNumeric = newlocale(LC_NUMERIC_MASK, "C", base) else {
        if let base { freelocale(base) }
        throw XLSXError.libraryError(operation: "newlocale", sheet: nil, cell: nil, message: String(cString: strerror(errno)))
    }
    let previous = uselocale(cNumeric)
    defer {
        uselocale(previous)
        freelocale(cNumeric)
    }
    return try body()
}

private func removeIfPresent(_ path: String) {
    // Best effort: the file may never have been created (lxw_workbook_free writes nothing).
    _ = unlink(path)
}
