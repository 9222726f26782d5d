import DatapakkeCore
import XLSXWriter

/// A section sheet: for each indicator a table (member municipalities, the cluster, the region, the
/// country), traffic lights, notes and a native column chart beside it.
struct SectionSheet {
    let report: PackReport
    let section: SectionReport
    let styles: WorkbookStyles

    /// Rows a chart covers; a block is at least this tall so charts never overlap the next table.
    static let chartRows = 17

    func write(in workbook: Workbook) throws {
        let name = PackSheet.section(section.section).name
        let sheet = try workbook.addWorksheet(named: name)
        let layout = SheetLayout(sheet)
        try setUpPage(sheet, report: report)
        sheet.hideGridlines(screenAndPrint: false)
        try layout.write(.text("\(section.section.title) · \(report.cluster.name)"), row: 0, column: 0, style: styles.title, measure: false)
        let intro = section.section.introduction.map { $0.replacingOccurrences(of: "sundhedsrådet", with: report.kind.definite) } ?? ""
        try layout.write(.text(intro), row: 1, column: 0, style: styles.subtitle, measure: false)
        try layout.write(.internalLink(sheet: PackSheet.front.name, cell: "A1", text: "← Til forsiden"), row: 2, column: 0, style: styles.link, measure: false)
        sheet.freezePanes(row: 3, column: 0)
        var row = 4
        for indicator in section.indicators {
            row = try writeBlock(indicator, at: row, sheet: sheet, layout: layout, workbook: workbook)
        }
        layout.reserve(18, column: 0)
        try layout.applyWidths(minimum: 8, maximum: 34)
    }

    /// Writes one indicator's block from `top`; returns the first row after it.
    private func writeBlock(_ indicator: IndicatorReport, at top: Int, sheet: Worksheet, layout: SheetLayout, workbook: Workbook) throws -> Int {
        let info = indicator.indicator
        var row = top
        try layout.write(.text(info.title), row: row, column: 0, style: styles.heading, measure: false)
        row += 1
        var subtitle = "Enhed: \(info.unit)"
        if indicator.origin == .synthetic { subtitle += " · SYNTETISKE eksempeldata" }
        if !info.source.isEmpty { subtitle += " · Kilde: \(info.source)" }
        // Columns: name, one per period, development, level, coverage, chart data.
        let periodColumns = Array(1...indicator.periods.count)
        let developmentColumn = indicator.periods.count + 1
        let levelColumn = developmentColumn + 1
        let coverageColumn = levelColumn + 1
        let chartDataColumn = coverageColumn + 1
        row += try sheet.writeWrapped(
            subtitle, row: row, firstColumn: 0, lastColumn: chartDataColumn, width: 95,
            style: indicator.origin == .synthetic ? styles.warning : styles.muted)
        let headerRow = row
        try layout.write(.text("Område"), row: row, column: 0, style: styles.tableHeader)
        for (index, period) in indicator.periods.enumerated() {
            try layout.write(.text("\(period.label)\n\(info.unit)"), row: row, column: periodColumns[index], style: styles.tableHeaderRight,
                             measure: false)
            layout.reserve(Double(min(info.unit.count, 18)), column: periodColumns[index])
        }
        try layout.write(.text("Udvikling"), row: row, column: developmentColumn, style: styles.tableHeader)
        try layout.write(.text("Niveau ift. landet"), row: row, column: levelColumn, style: styles.tableHeader)
        // The marks' longest words, so a column never looks empty in one block and cut in the next.
        layout.reserve(Double(Vocabulary.development(.red).count), column: developmentColumn)
        layout.reserve(Double(Vocabulary.level(.red).count), column: levelColumn)
        try layout.write(.text("Dækning"), row: row, column: coverageColumn, style: styles.tableHeader)
        try layout.write(.text("Til diagram\n(kun viste tal)"), row: row, column: chartDataColumn, style: styles.tableHeaderRight, measure: false)
        layout.reserve(13, column: chartDataColumn)
        // Period and unit on separate lines; a long unit wraps once more.
        try sheet.setRow(row, height: info.unit.count > 18 ? 45 : 30)
        row += 1

        let firstDataRow = row
        var pointColours: [UInt32?] = []
        for tableRow in indicator.rows {
            let level = tableRow.level
            var label = tableRow.name
            if tableRow.share < 1 { label += " (\(Vocabulary.percent(tableRow.share, decimals: 0)))" }
            if tableRow.isApproximation, level != .municipality, tableRow.latest.number != nil { label += " (tilnærmet)" }
            try layout.write(.text(label), row: row, column: 0, style: styles.rowName(level))
            for (index, value) in tableRow.values.enumerated() {
                try writeValue(value, decimals: info.decimals, level: level, row: row, column: periodColumns[index], layout: layout)
            }
            try writeMark(tableRow.development.map { (Vocabulary.development($0), $0) }, level: level, row: row, column: developmentColumn, layout: layout)
            try writeMark(tableRow.levelMark.map { (Vocabulary.level($0), $0) }, level: level, row: row, column: levelColumn, layout: layout)
            if let coverage = tableRow.coverage.last ?? nil, level != .municipality {
                try layout.write(.text(Vocabulary.coverage(coverage, shareDecimals: 0, alwaysShowShare: false)), row: row, column: coverageColumn, style: styles.coverage)
            } else {
                try layout.write(.blank, row: row, column: coverageColumn, style: styles.blank(level: level))
            }
            // The chart reads this column: numbers only where they may be shown, blank otherwise,
            // so a hidden or missing value is a gap in the chart, never a bar at 0.
            if let number = tableRow.latest.number {
                try layout.write(.number(DanishNumber.rounded(number, decimals: info.decimals)), row: row, column: chartDataColumn, style: styles.number(decimals: info.decimals, level: .municipality),
                                 displayed: DanishNumber.format(number, decimals: info.decimals))
            }
            pointColours.append(colour(for: level))
            row += 1
        }
        // A count's region and country dwarf the municipalities, so its chart shows the municipalities only.
        let chartRows: Int
        switch info.aggregation {
        case .count, .population: chartRows = indicator.municipalityRows.count
        default: chartRows = indicator.rows.count
        }
        let lastDataRow = firstDataRow + chartRows - 1

        for note in notes(for: indicator) {
            row += try sheet.writeWrapped(note, row: row, firstColumn: 0, lastColumn: chartDataColumn, width: 95, style: styles.note, lineHeight: 13.5)
        }

        let chart = try workbook.addChart(.column)
        let sheetName = sheet.name
        let series = try chart.addSeries(
            name: indicator.periods.last?.label,
            categories: CellRange(sheet: sheetName, firstRow: firstDataRow, firstColumn: 0, lastRow: lastDataRow, lastColumn: 0),
            values: CellRange(sheet: sheetName, firstRow: firstDataRow, firstColumn: chartDataColumn, lastRow: lastDataRow, lastColumn: chartDataColumn))
        try series.setPointColors(Array(pointColours.prefix(chartRows)))
        series.setDataLabels(show: true, numberFormat: DanishNumber.excelFormat(decimals: info.decimals))
        chart.setTitle("\(info.shortTitle), \(indicator.periods.last?.label ?? "")")
        chart.setYAxisTitle(info.unit)
        chart.setYAxisNumberFormat(DanishNumber.excelFormat(decimals: info.decimals))
        chart.setLegend(position: .none)
        chart.setGapWidth(60)
        if indicator.rows.compactMap(\.latest.number).allSatisfy({ $0 >= 0 }) { chart.setYAxisMin(0) }
        try sheet.insertChart(chart, row: headerRow - 1, column: chartDataColumn + 2, xOffset: 10, yOffset: 0,
                              xScale: 1.25, yScale: Double(Self.chartRows) * 20 / 288)
        return max(row, headerRow - 1 + Self.chartRows) + 2
    }

    private func writeValue(_ value: ReportValue, decimals: Int, level: AreaLevel, row: Int, column: Int, layout: SheetLayout) throws {
        switch value {
        case .shown(let number):
            // Stored as shown: a published figure carries the precision it is shown with, no more.
            try layout.write(.number(DanishNumber.rounded(number, decimals: decimals)), row: row, column: column, style: styles.number(decimals: decimals, level: level),
                             displayed: DanishNumber.format(number, decimals: decimals))
        default:
            try layout.write(.text(value.marker), row: row, column: column, style: styles.rowMarker(level))
        }
    }

    private func writeMark(_ mark: (String, TrafficLight)?, level: AreaLevel, row: Int, column: Int, layout: SheetLayout) throws {
        if let (text, light) = mark {
            try layout.write(.text(text), row: row, column: column, style: styles.light(light, level: level))
        } else {
            try layout.write(.blank, row: row, column: column, style: styles.blank(level: level))
        }
    }

    private func colour(for level: AreaLevel) -> UInt32 {
        switch level {
        case .municipality: return Palette.municipality
        case .cluster: return Palette.accent
        case .region: return Palette.region
        case .country: return Palette.country
        }
    }

    /// The notes under a table: marks, hidden cells, approximations, coverage and split municipalities.
    private func notes(for indicator: IndicatorReport) -> [String] {
        var notes: [String] = []
        if let note = indicator.trafficLightNote { notes.append(note) }
        let hidden = Set(indicator.hiddenCells.map(\.reason.marker))
        if !hidden.isEmpty {
            notes.append("Skjulte værdier (\(hidden.sorted().joined(separator: ", "))) er små tal, der ikke vises; se forklaringen på forsiden og listen på arket Dokumentation. "
                + "Tallene for \(report.kind.definite), regionen og landet er stadig regnet med de rigtige tal.")
        }
        if indicator.rows.contains(where: { $0.isApproximation && $0.level != .municipality && $0.latest.number != nil }) {
            notes.append("Tallene for \(report.kind.definite), regionen og landet er tilnærmelser: \(indicator.indicator.weightingDescription)")
        } else if indicator.rows.contains(where: { $0.latest == .notComputed }) {
            notes.append(indicator.indicator.weightingDescription)
        }
        if let cluster = indicator.clusterRow, let coverage = cluster.coverage.last ?? nil, !coverage.isComplete {
            notes.append("Tallet for \(report.kind.definite) dækker \(Vocabulary.coverage(coverage, shareDecimals: 0, alwaysShowShare: false)); kommuner uden tal er udeladt, ikke regnet som 0.")
        }
        for row in indicator.municipalityRows where row.share < 1 {
            notes.append("\(row.name) er delt mellem flere \(report.kind.plural) og indgår med "
                + "\(Vocabulary.percent(row.share, decimals: 0)) af befolkning og antal i tallet for \(report.kind.definite). Kommunens egen række viser hele kommunen.")
        }
        return notes
    }
}
