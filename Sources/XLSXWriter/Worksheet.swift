import CXLSXWriter

/// What to put in a cell; each case maps to one `worksheet_write_*` function.
public enum CellValue: Equatable, Sendable {
    /// A number (`worksheet_write_number`); NaN and infinity are rejected.
    case number(Double)
    /// A string, stored in the shared-strings table (`worksheet_write_string`).
    case text(String)
    /// An empty cell that only carries a format (`worksheet_write_blank`; ignored without a format).
    case blank
    /// A formula such as "=SUM(B2:B9)" with an optional cached result (`worksheet_write_formula_num` / `worksheet_write_formula`).
    case formula(String, cachedNumber: Double?)
    /// An external hyperlink (http://, https://, ftp://, mailto:, external:) with optional display text (`worksheet_write_url_opt`).
    case url(String, text: String?)
    /// A link to a cell on a sheet in this workbook, e.g. `internalLink(sheet: "Data", cell: "A1", text: "Go")` (`worksheet_write_url_opt` with "internal:").
    case internalLink(sheet: String, cell: String, text: String)
    /// TRUE / FALSE (`worksheet_write_boolean`).
    case boolean(Bool)

    var operation: String {
        switch self {
        case .number: return "worksheet_write_number"
        case .text: return "worksheet_write_string"
        case .blank: return "worksheet_write_blank"
        case .formula(_, let cached): return cached == nil ? "worksheet_write_formula" : "worksheet_write_formula_num"
        case .url, .internalLink: return "worksheet_write_url_opt"
        case .boolean: return "worksheet_write_boolean"
        }
    }
}

/// A numeric comparison for a cell-value conditional format (LXW_CONDITIONAL_TYPE_CELL criteria).
public enum ValueComparison: Equatable, Sendable {
    /// LXW_CONDITIONAL_CRITERIA_GREATER_THAN.
    case greaterThan(Double)
    /// LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO.
    case greaterThanOrEqual(Double)
    /// LXW_CONDITIONAL_CRITERIA_LESS_THAN.
    case lessThan(Double)
    /// LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO.
    case lessThanOrEqual(Double)
    /// LXW_CONDITIONAL_CRITERIA_EQUAL_TO.
    case equalTo(Double)
    /// LXW_CONDITIONAL_CRITERIA_NOT_EQUAL_TO.
    case notEqualTo(Double)
    /// LXW_CONDITIONAL_CRITERIA_BETWEEN (inclusive).
    case between(Double, Double)
    /// LXW_CONDITIONAL_CRITERIA_NOT_BETWEEN.
    case notBetween(Double, Double)
}

/// A conditional-format rule (`worksheet_conditional_format_range`).
public enum ConditionalRule: Equatable, Sendable {
    /// Format cells whose value satisfies a numeric comparison (LXW_CONDITIONAL_TYPE_CELL).
    case cellValue(ValueComparison)
    /// Format cells whose text contains a substring (LXW_CONDITIONAL_TYPE_TEXT, TEXT_CONTAINING).
    case textContains(String)
}

/// One worksheet of a workbook (wraps `lxw_worksheet`); create with `Workbook.addWorksheet(named:)`.
///
/// Methods whose C function returns `lxw_error` throw. Methods whose C function returns void do not throw; if
/// their arguments are invalid they write nothing and the error is thrown by `Workbook.write` before the file is
/// written. All methods do nothing (or throw `workbookClosed`) after the workbook is closed.
public final class Worksheet {
    /// The sheet name as shown on the tab.
    public let name: String
    let handle: UnsafeMutablePointer<lxw_worksheet>
    let state: WorkbookState
    /// The heights in points that `setRow` gave rows, by row, so that a caller can measure what it laid
    /// out (a page's height); a row not in it has Excel's default height. No C call.
    public private(set) var rowHeights: [Int: Double] = [:]

    init(name: String, handle: UnsafeMutablePointer<lxw_worksheet>, state: WorkbookState) {
        self.name = name
        self.handle = handle
        self.state = state
    }

    // MARK: - Cells

    /// Writes one cell, e.g. `sheet.write(.number(3.5), row: 3, column: 2, style: s)` (`worksheet_write_*`, see `CellValue`).
    public func write(_ value: CellValue, row: Int, column: Int, style: Format? = nil) throws {
        let operation = value.operation
        try state.ensureOpen(operation)
        let (r, c, cell) = try index(operation, row: row, column: column)
        let format = try style.resolve(for: state, operation: operation, sheet: name, cell: cell)
        let err: lxw_error
        switch value {
        case .number(let number):
            try validateFinite(number, operation: operation, sheet: name, cell: cell)
            err = worksheet_write_number(handle, r, c, number, format)
        case .text(let text):
            try validateText(text, limit: ExcelLimits.maxCellTextLength, operation: operation, sheet: name, cell: cell)
            err = worksheet_write_string(handle, r, c, text, format)
        case .blank:
            err = worksheet_write_blank(handle, r, c, format)
        case .formula(let formula, let cached):
            try validateText(formula, limit: ExcelLimits.maxFormulaLength, operation: operation, sheet: name, cell: cell)
            if let cached {
                try validateFinite(cached, operation: operation, sheet: name, cell: cell)
                err = worksheet_write_formula_num(handle, r, c, formula, format, cached)
            } else {
                err = worksheet_write_formula(handle, r, c, formula, format)
            }
        case .url(let url, let text):
            try validateText(url, limit: ExcelLimits.maxURLLength, operation: operation, sheet: name, cell: cell)
            // Without a known scheme libxlsxwriter silently writes a relative file link, which is never what we mean.
            let schemes = ["http://", "https://", "ftp://", "ftps://", "mailto:", "external:", "internal:"]
            guard schemes.contains(where: { url.lowercased().hasPrefix($0) }) else {
                throw XLSXError.invalidArgument(
                    operation: operation, sheet: name, cell: cell,
                    message: "URL '\(url)' must start with one of \(schemes.joined(separator: " "))")
            }
            if let text {
                try validateText(text, limit: ExcelLimits.maxCellTextLength, operation: operation, sheet: name, cell: cell)
            }
            err = worksheet_write_url_opt(handle, r, c, url, format, text, nil)
        case .internalLink(let sheet, let target, let text):
            try validateSheetName(sheet)
            guard isA1Reference(target) else {
                throw XLSXError.invalidArgument(
                    operation: operation, sheet: name, cell: cell,
                    message: "link target '\(target)' is not an A1 cell or range reference")
            }
            let url = "internal:" + quotedSheetName(sheet) + "!" + target
            try validateText(url, limit: ExcelLimits.maxURLLength, operation: operation, sheet: name, cell: cell)
            try validateText(text, limit: ExcelLimits.maxCellTextLength, operation: operation, sheet: name, cell: cell)
            state.sheetReferences.append((operation: operation, fromSheet: name, target: sheet))
            err = worksheet_write_url_opt(handle, r, c, url, format, text, nil)
        case .boolean(let flag):
            err = worksheet_write_boolean(handle, r, c, flag ? 1 : 0, format)
        }
        try check(err, operation: operation, sheet: name, cell: cell)
    }

    /// Merges a block of cells and writes `text` into it (`worksheet_merge_range`); needs at least two cells.
    public func merge(
        firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int, text: String, style: Format? = nil
    ) throws {
        let operation = "worksheet_merge_range"
        try state.ensureOpen(operation)
        let (r1, c1, r2, c2, cell) = try range(operation, firstRow, firstColumn, lastRow, lastColumn)
        try validateText(text, limit: ExcelLimits.maxCellTextLength, operation: operation, sheet: name, cell: cell)
        let format = try style.resolve(for: state, operation: operation, sheet: name, cell: cell)
        try check(worksheet_merge_range(handle, r1, c1, r2, c2, text, format), operation: operation, sheet: name, cell: cell)
    }

    /// Adds a cell comment (note) shown on hover (`worksheet_write_comment`).
    public func writeComment(_ text: String, row: Int, column: Int) throws {
        let operation = "worksheet_write_comment"
        try state.ensureOpen(operation)
        let (r, c, cell) = try index(operation, row: row, column: column)
        try validateText(text, limit: ExcelLimits.maxCellTextLength, operation: operation, sheet: name, cell: cell)
        try check(worksheet_write_comment(handle, r, c, text), operation: operation, sheet: name, cell: cell)
    }

    // MARK: - Rows and columns

    /// Sets width (in characters, 0...255), format and visibility of columns `first...last` (`worksheet_set_column_opt`).
    public func setColumn(_ first: Int, _ last: Int, width: Double, style: Format? = nil, hidden: Bool = false) throws {
        let operation = "worksheet_set_column_opt"
        try state.ensureOpen(operation)
        let (_, c1, _, c2, cell) = try range(operation, 0, first, 0, last)
        let columns = columnLetters(first) + ":" + columnLetters(last)
        guard width.isFinite, width >= 0, width <= ExcelLimits.maxColumnWidth else {
            throw XLSXError.invalidArgument(
                operation: operation, sheet: name, cell: columns, message: "column width \(width) is outside 0...255")
        }
        let format = try style.resolve(for: state, operation: operation, sheet: name, cell: cell)
        var options = lxw_row_col_options(hidden: hidden ? 1 : 0, level: 0, collapsed: 0)
        try check(worksheet_set_column_opt(handle, c1, c2, width, format, &options), operation: operation, sheet: name, cell: columns)
    }

    /// Sets the height (in points, 0...409) and optional format of one row (`worksheet_set_row`).
    public func setRow(_ row: Int, height: Double, style: Format? = nil) throws {
        let operation = "worksheet_set_row"
        try state.ensureOpen(operation)
        let (r, _, cell) = try index(operation, row: row, column: 0)
        guard height.isFinite, height >= 0, height <= ExcelLimits.maxRowHeight else {
            throw XLSXError.invalidArgument(
                operation: operation, sheet: name, cell: "row \(row + 1)", message: "row height \(height) is outside 0...409")
        }
        let format = try style.resolve(for: state, operation: operation, sheet: name, cell: cell)
        try check(worksheet_set_row(handle, r, height, format), operation: operation, sheet: name, cell: "row \(row + 1)")
        rowHeights[row] = height
    }

    /// Freezes the rows above `row` and the columns left of `column`, e.g. (1, 0) keeps a header row (`worksheet_freeze_panes`).
    public func freezePanes(row: Int, column: Int) {
        let operation = "worksheet_freeze_panes"
        guard state.isOpen, let (r, c, _) = deferredIndex(operation, row: row, column: column) else { return }
        worksheet_freeze_panes(handle, r, c)
    }

    // MARK: - Charts and conditional formats

    /// Places a chart with its top-left corner in a cell, optionally offset (pixels) and scaled (`worksheet_insert_chart_opt`).
    public func insertChart(
        _ chart: Chart, row: Int, column: Int,
        xOffset: Int = 0, yOffset: Int = 0, xScale: Double = 1, yScale: Double = 1
    ) throws {
        let operation = "worksheet_insert_chart_opt"
        try state.ensureOpen(operation)
        let (r, c, cell) = try index(operation, row: row, column: column)
        guard chart.state === state else {
            throw XLSXError.invalidArgument(operation: operation, sheet: name, cell: cell, message: "chart belongs to a different workbook")
        }
        guard let x = Int32(exactly: xOffset), let y = Int32(exactly: yOffset) else {
            throw XLSXError.invalidArgument(operation: operation, sheet: name, cell: cell, message: "offset out of range")
        }
        guard xScale.isFinite, yScale.isFinite, xScale > 0, yScale > 0 else {
            throw XLSXError.invalidArgument(
                operation: operation, sheet: name, cell: cell, message: "scale must be finite and positive (got \(xScale), \(yScale))")
        }
        var options = lxw_chart_options()
        options.x_offset = x
        options.y_offset = y
        options.x_scale = xScale
        options.y_scale = yScale
        try check(worksheet_insert_chart_opt(handle, r, c, chart.handle, &options), operation: operation, sheet: name, cell: cell)
    }

    /// Applies a conditional format to a block of cells (`worksheet_conditional_format_range`).
    public func conditionalFormat(
        firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int, rule: ConditionalRule, style: Format
    ) throws {
        let operation = "worksheet_conditional_format_range"
        try state.ensureOpen(operation)
        let (r1, c1, r2, c2, cell) = try range(operation, firstRow, firstColumn, lastRow, lastColumn)
        var conditional = lxw_conditional_format()
        conditional.format = try style.resolve(for: state, operation: operation, sheet: name, cell: cell)

        func apply(_ criteria: lxw_conditional_criteria, _ values: Double...) throws {
            for value in values { try validateFinite(value, operation: operation, sheet: name, cell: cell) }
            conditional.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            conditional.criteria = UInt8(criteria.rawValue)
            if values.count == 2 {
                conditional.min_value = values[0]
                conditional.max_value = values[1]
            } else {
                conditional.value = values[0]
            }
        }

        switch rule {
        case .cellValue(let comparison):
            switch comparison {
            case .greaterThan(let v): try apply(LXW_CONDITIONAL_CRITERIA_GREATER_THAN, v)
            case .greaterThanOrEqual(let v): try apply(LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO, v)
            case .lessThan(let v): try apply(LXW_CONDITIONAL_CRITERIA_LESS_THAN, v)
            case .lessThanOrEqual(let v): try apply(LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO, v)
            case .equalTo(let v): try apply(LXW_CONDITIONAL_CRITERIA_EQUAL_TO, v)
            case .notEqualTo(let v): try apply(LXW_CONDITIONAL_CRITERIA_NOT_EQUAL_TO, v)
            case .between(let low, let high): try apply(LXW_CONDITIONAL_CRITERIA_BETWEEN, low, high)
            case .notBetween(let low, let high): try apply(LXW_CONDITIONAL_CRITERIA_NOT_BETWEEN, low, high)
            }
            let err = worksheet_conditional_format_range(handle, r1, c1, r2, c2, &conditional)
            try check(err, operation: operation, sheet: name, cell: cell)
        case .textContains(let text):
            try validateText(text, limit: ExcelLimits.maxConditionalTextLength, operation: operation, sheet: name, cell: cell)
            conditional.type = UInt8(LXW_CONDITIONAL_TYPE_TEXT.rawValue)
            conditional.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_TEXT_CONTAINING.rawValue)
            // value_string is a non-const char* but libxlsxwriter only reads and copies it.
            let err = text.withCString { pointer in
                conditional.value_string = UnsafeMutablePointer(mutating: pointer)
                defer { conditional.value_string = nil }
                return worksheet_conditional_format_range(handle, r1, c1, r2, c2, &conditional)
            }
            try check(err, operation: operation, sheet: name, cell: cell)
        }
    }

    /// Restricts a block of cells to a drop-down list of fixed values (`worksheet_data_validation_range`, LXW_VALIDATION_TYPE_LIST).
    ///
    /// Excel stores the list as one literal of at most 255 characters (values joined by commas), so values may not
    /// contain commas or double quotes.
    public func dataValidationList(
        _ values: [String], firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int
    ) throws {
        let operation = "worksheet_data_validation_range"
        try state.ensureOpen(operation)
        let (r1, c1, r2, c2, cell) = try range(operation, firstRow, firstColumn, lastRow, lastColumn)
        guard !values.isEmpty, values.allSatisfy({ !$0.isEmpty && !$0.contains(",") && !$0.contains("\"") }) else {
            throw XLSXError.invalidArgument(
                operation: operation, sheet: name, cell: cell,
                message: "list values must be non-empty and contain no commas or double quotes")
        }
        try validateText(values.joined(separator: ","), limit: 255, operation: operation, sheet: name, cell: cell)
        // value_list is a NULL-terminated char** that libxlsxwriter copies during the call.
        var list: [UnsafeMutablePointer<CChar>?] = values.map { strdup($0) }
        defer { list.forEach { free($0) } }
        guard !list.contains(where: { $0 == nil }) else {
            throw XLSXError.libraryError(operation: "strdup", sheet: name, cell: cell, message: "out of memory")
        }
        list.append(nil)
        let err = list.withUnsafeMutableBufferPointer { buffer in
            var validation = lxw_data_validation()
            validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            validation.value_list = buffer.baseAddress
            return worksheet_data_validation_range(handle, r1, c1, r2, c2, &validation)
        }
        try check(err, operation: operation, sheet: name, cell: cell)
    }

    // MARK: - Page setup and view

    /// Starts a new printed page above each of `rows` (zero-based; row 0 cannot take a break)
    /// (`worksheet_set_h_pagebreaks`). Excel allows at most 1.023 breaks a sheet.
    public func setHorizontalPageBreaks(_ rows: [Int]) throws {
        let operation = "worksheet_set_h_pagebreaks"
        guard state.isOpen else { throw XLSXError.workbookClosed(operation: operation) }
        let breaks = rows.filter { $0 > 0 }
        guard !breaks.isEmpty else { return }
        guard breaks.count <= 1023, breaks.allSatisfy({ $0 < ExcelLimits.maxRows }) else {
            throw XLSXError.invalidArgument(
                operation: operation, sheet: name, cell: nil, message: "\(breaks.count) breaks, or a row outside the sheet")
        }
        var values = breaks.map { lxw_row_t($0) } + [0]
        try check(worksheet_set_h_pagebreaks(handle, &values), operation: operation, sheet: name)
    }

    /// Prints in landscape orientation (`worksheet_set_landscape`).
    public func setLandscape() {
        guard state.isOpen else { return }
        worksheet_set_landscape(handle)
    }

    /// Prints in portrait orientation, the default (`worksheet_set_portrait`).
    public func setPortrait() {
        guard state.isOpen else { return }
        worksheet_set_portrait(handle)
    }

    /// Prints on A4 paper, Excel paper type 9 (`worksheet_set_paper`).
    public func setPaperA4() {
        guard state.isOpen else { return }
        worksheet_set_paper(handle, 9)
    }

    /// Scales printing to fit `width` × `height` pages; 0 means "as many as needed" in that direction (`worksheet_fit_to_pages`).
    public func fitToPages(width: Int, height: Int) {
        let operation = "worksheet_fit_to_pages"
        guard state.isOpen else { return }
        guard let w = UInt16(exactly: width), let h = UInt16(exactly: height) else {
            state.record(
                .invalidArgument(
                    operation: operation, sheet: name, cell: nil, message: "page counts \(width)×\(height) must be 0...65535"))
            return
        }
        worksheet_fit_to_pages(handle, w, h)
    }

    /// Prints at `percent` of the size (10...400) instead of fitting to pages (`worksheet_set_print_scale`
    /// turns "fit to page" off).
    public func setPrintScale(_ percent: Int) {
        let operation = "worksheet_set_print_scale"
        guard state.isOpen else { return }
        guard let scale = UInt16(exactly: percent), (10...400).contains(scale) else {
            state.record(.invalidArgument(operation: operation, sheet: name, cell: nil, message: "print scale \(percent) must be 10...400"))
            return
        }
        worksheet_set_print_scale(handle, scale)
    }

    /// Sets the printed page header, using Excel's &L/&C/&R codes (`worksheet_set_header`).
    public func setHeader(_ text: String) throws {
        let operation = "worksheet_set_header"
        try state.ensureOpen(operation)
        try validateText(text, limit: ExcelLimits.maxHeaderFooterLength, operation: operation, sheet: name, cell: nil)
        try check(worksheet_set_header(handle, text), operation: operation, sheet: name)
    }

    /// Sets the printed page footer, e.g. "&CPage &P of &N" (`worksheet_set_footer`).
    public func setFooter(_ text: String) throws {
        let operation = "worksheet_set_footer"
        try state.ensureOpen(operation)
        try validateText(text, limit: ExcelLimits.maxHeaderFooterLength, operation: operation, sheet: name, cell: nil)
        try check(worksheet_set_footer(handle, text), operation: operation, sheet: name)
    }

    /// Repeats rows `first...last` (zero-based) at the top of every printed page (`worksheet_repeat_rows`).
    public func repeatRows(first: Int, last: Int) throws {
        let operation = "worksheet_repeat_rows"
        try state.ensureOpen(operation)
        let (r1, _, r2, _, _) = try range(operation, first, 0, last, 0)
        try check(worksheet_repeat_rows(handle, r1, r2), operation: operation, sheet: name, cell: "rows \(first + 1):\(last + 1)")
    }

    /// Sets print margins in inches; Excel's defaults are 0.7/0.7/0.75/0.75 (`worksheet_set_margins`).
    public func setMargins(left: Double = 0.7, right: Double = 0.7, top: Double = 0.75, bottom: Double = 0.75) {
        let operation = "worksheet_set_margins"
        guard state.isOpen else { return }
        guard [left, right, top, bottom].allSatisfy({ $0.isFinite && $0 >= 0 && $0 < 50 }) else {
            state.record(
                .invalidArgument(
                    operation: operation, sheet: name, cell: nil,
                    message: "margins must be finite inches in 0..<50 (got \(left), \(right), \(top), \(bottom))"))
            return
        }
        worksheet_set_margins(handle, left, right, top, bottom)
    }

    /// Hides gridlines on screen and in print (`true`), or only in print, Excel's default (`false`) (`worksheet_gridlines`).
    public func hideGridlines(screenAndPrint: Bool = true) {
        guard state.isOpen else { return }
        let option = screenAndPrint ? LXW_HIDE_ALL_GRIDLINES : LXW_SHOW_SCREEN_GRIDLINES
        worksheet_gridlines(handle, UInt8(option.rawValue))
    }

    /// Colours the sheet tab, 0xRRGGBB (`worksheet_set_tab_color`).
    public func setTabColor(_ rgb: UInt32) {
        guard state.isOpen else { return }
        guard rgb <= 0xFF_FFFF else {
            state.record(
                .invalidArgument(
                    operation: "worksheet_set_tab_color", sheet: name, cell: nil,
                    message: "colour 0x\(String(rgb, radix: 16, uppercase: true)) is not 0xRRGGBB"))
            return
        }
        worksheet_set_tab_color(handle, lxwColor(rgb))
    }

    /// Makes this the sheet shown when the file is opened (`worksheet_activate`).
    public func activate() {
        guard state.isOpen else { return }
        worksheet_activate(handle)
    }

    /// Sets the on-screen zoom in percent, 10...400 (`worksheet_set_zoom`).
    public func setZoom(_ percent: Int) {
        guard state.isOpen else { return }
        guard (10...400).contains(percent), let scale = UInt16(exactly: percent) else {
            state.record(
                .invalidArgument(
                    operation: "worksheet_set_zoom", sheet: name, cell: nil, message: "zoom \(percent)% is outside 10...400"))
            return
        }
        worksheet_set_zoom(handle, scale)
    }

    // MARK: - Internals

    /// Checks a zero-based cell against Excel's grid and converts it to C index types.
    func index(_ operation: String, row: Int, column: Int) throws -> (lxw_row_t, lxw_col_t, String) {
        guard (0..<ExcelLimits.maxRows).contains(row), (0..<ExcelLimits.maxColumns).contains(column),
            let r = lxw_row_t(exactly: row), let c = lxw_col_t(exactly: column)
        else {
            throw XLSXError.cellOutOfRange(operation: operation, sheet: name, row: row, column: column)
        }
        return (r, c, cellReference(row: row, column: column))
    }

    /// `index` for non-throwing methods: records the error for `Workbook.write` and returns nil.
    private func deferredIndex(_ operation: String, row: Int, column: Int) -> (lxw_row_t, lxw_col_t, String)? {
        do {
            return try index(operation, row: row, column: column)
        } catch let error as XLSXError {
            state.record(error)
            return nil
        } catch {
            return nil
        }
    }

    /// Checks a block of cells (both corners inside the grid, first before last) and converts it for C;
    /// the reference names the first cell, for messages.
    private func range(
        _ operation: String, _ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int
    ) throws -> (lxw_row_t, lxw_col_t, lxw_row_t, lxw_col_t, String) {
        let (r1, c1, cell) = try index(operation, row: firstRow, column: firstColumn)
        let (r2, c2, _) = try index(operation, row: lastRow, column: lastColumn)
        guard firstRow <= lastRow, firstColumn <= lastColumn else {
            throw XLSXError.invalidArgument(
                operation: operation, sheet: name, cell: cell,
                message: "first cell is after last cell \(cellReference(row: lastRow, column: lastColumn))")
        }
        return (r1, c1, r2, c2, cell)
    }
}

/// True for "B4", "$B$4", "A1:C3" style references inside Excel's grid (pure Swift).
func isA1Reference(_ text: String) -> Bool {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 1 || parts.count == 2 else { return false }
    return parts.allSatisfy { part in
        var rest = Substring(part)
        if rest.first == "$" { rest = rest.dropFirst() }
        let letters = rest.prefix { $0.isASCII && $0.isUppercase }
        rest = rest.dropFirst(letters.count)
        if rest.first == "$" { rest = rest.dropFirst() }
        guard (1...3).contains(letters.count), !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }),
            rest.first != "0", let row = Int(rest), row <= ExcelLimits.maxRows
        else { return false }
        let column = letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 }
        return column <= ExcelLimits.maxColumns
    }
}
