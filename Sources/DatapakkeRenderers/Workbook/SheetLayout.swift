import XLSXWriter

/// Writes cells and remembers how wide each column's content is, because libxlsxwriter has no autofit.
final class SheetLayout {
    let sheet: Worksheet
    private var widths: [Int: Double] = [:]

    init(_ sheet: Worksheet) {
        self.sheet = sheet
    }

    /// Writes a cell; `measure: false` for long text that may run over (titles, notes).
    func write(_ value: CellValue, row: Int, column: Int, style: Format? = nil, measure: Bool = true, displayed: String? = nil) throws {
        try sheet.write(value, row: row, column: column, style: style)
        guard measure else { return }
        let shown: String
        switch value {
        case .text(let text): shown = displayed ?? text
        case .number(let number): shown = displayed ?? String(format: "%.1f", number)
        case .internalLink(_, _, let text): shown = text
        case .url(let url, let text): shown = text ?? url
        default: shown = displayed ?? ""
        }
        let longestLine = shown.split(separator: "\n").map(\.count).max() ?? 0
        widths[column] = max(widths[column] ?? 0, Double(longestLine))
    }

    /// The width measured for a column so far, in characters as `applyWidths` sets it.
    func width(of column: Int, minimum: Double = 8, maximum: Double = 34) -> Double? {
        widths[column].map { min(maximum, max(minimum, $0 * 1.1 + 2)) }
    }

    /// Counts a width for a column without writing (for a header that wraps, say).
    func reserve(_ characters: Double, column: Int) {
        widths[column] = max(widths[column] ?? 0, characters)
    }

    /// Sets every measured column's width: about one unit per character, with a little air, within limits.
    func applyWidths(minimum: Double = 6, maximum: Double = 60) throws {
        for (column, characters) in widths.sorted(by: { $0.key < $1.key }) {
            try sheet.setColumn(column, column, width: min(maximum, max(minimum, characters * 1.1 + 2)))
        }
    }
}

/// Excel's tallest row, in points.
let maximumRowHeight = 409.0

/// A row height for `lines` lines of text, within Excel's limit.
func rowHeight(lines: Int, lineHeight: Double) -> Double {
    min(maximumRowHeight, Double(max(1, lines)) * lineHeight + 2)
}

extension Worksheet {
    /// Writes wrapped text merged over columns whose widths add up to `width` characters, and makes
    /// the row tall enough for it, since Excel does not grow merged rows by itself. A text taller than
    /// Excel's highest row (409 points) continues in the rows below; returns the rows used.
    @discardableResult
    func writeWrapped(_ text: String, row: Int, firstColumn: Int, lastColumn: Int, width: Double, style: Format, lineHeight: Double = 15)
        throws -> Int
    {
        let estimate = estimatedLines(text, width: width)
        let linesPerRow = max(1, Int((maximumRowHeight - 2) / lineHeight))
        guard estimate > linesPerRow else {
            if firstColumn == lastColumn {
                try write(.text(text), row: row, column: firstColumn, style: style)
            } else {
                try merge(firstRow: row, firstColumn: firstColumn, lastRow: row, lastColumn: lastColumn, text: text, style: style)
            }
            try setRow(row, height: rowHeight(lines: estimate, lineHeight: lineHeight))
            return 1
        }
        let lines = wrappedLines(text, width: max(1, Int(width * 0.95)))
        var used = 0
        for start in stride(from: 0, to: lines.count, by: linesPerRow) {
            let chunk = Array(lines[start..<min(lines.count, start + linesPerRow)])
            let current = row + used
            let content = chunk.joined(separator: " ")
            if firstColumn == lastColumn {
                try write(.text(content), row: current, column: firstColumn, style: style)
            } else {
                try merge(
                    firstRow: current, firstColumn: firstColumn, lastRow: current, lastColumn: lastColumn, text: content, style: style)
            }
            try setRow(current, height: rowHeight(lines: chunk.count, lineHeight: lineHeight))
            used += 1
        }
        return used
    }
}

/// The usual estimate of the lines a text wraps into in `width` characters: characters over the
/// width, per line of the text.
func estimatedLines(_ text: String, width: Double) -> Int {
    text.split(separator: "\n", omittingEmptySubsequences: false)
        .reduce(0) { $0 + max(1, Int((Double($1.count) / max(1, width * 0.95)).rounded(.up))) }
}

/// The height in points `Worksheet.writeWrapped` gives a text (over one row or several), for
/// estimating where a printed page ends.
func wrappedHeight(_ text: String, width: Double, lineHeight: Double = 15) -> Double {
    let estimate = estimatedLines(text, width: width)
    let linesPerRow = max(1, Int((maximumRowHeight - 2) / lineHeight))
    guard estimate > linesPerRow else { return rowHeight(lines: estimate, lineHeight: lineHeight) }
    let lines = wrappedLines(text, width: max(1, Int(width * 0.95))).count
    let fullRows = lines / linesPerRow
    let rest = lines % linesPerRow
    return Double(fullRows) * rowHeight(lines: linesPerRow, lineHeight: lineHeight)
        + (rest > 0 ? rowHeight(lines: rest, lineHeight: lineHeight) : 0)
}

/// The lines a text wraps into at `width` characters: its own line breaks, then words.
func wrappedLines(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var line = ""
        for word in paragraph.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
            while line.count > width {
                lines.append(String(line.prefix(width)))
                line = String(line.dropFirst(width))
            }
        }
        lines.append(line)
    }
    return lines
}

/// Escapes `&` for Excel's header and footer codes.
func headerText(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&&")
}
