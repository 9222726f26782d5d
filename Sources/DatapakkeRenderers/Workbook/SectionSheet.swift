import DatapakkeCore
import XLSXWriter

/// A section sheet: for each indicator a table (member municipalities, the cluster, the region, the
/// country), traffic lights, notes and a native column chart under it, and for an indicator with
/// counts a funnel plot of all municipalities under that (FunnelChart), one indicator a printed page.
struct SectionSheet {
    let report: PackReport
    let section: SectionReport
    let styles: WorkbookStyles

    /// Rows a chart covers under its table.
    static let chartRows = 20
    /// The fixed columns of every block: name, two periods, development, level, coverage, chart data.
    static let periodColumns = [1, 2]
    static let developmentColumn = 3
    static let levelColumn = 4
    static let coverageColumn = 5
    static let chartDataColumn = 6
    /// Widths in characters; the names' column is measured. Narrow enough that a portrait A4 page
    /// prints the table at about 9 pt.
    static let fixedWidths: [Int: Double] = [1: 16, 2: 16, 3: 13, 4: 22, 5: 24, 6: 13]

    func write(in workbook: Workbook) throws {
        let name = PackSheet.section(section.section).name
        let sheet = try workbook.addWorksheet(named: name)
        let layout = SheetLayout(sheet)
        try setUpPage(sheet, report: report)
        sheet.hideGridlines(screenAndPrint: false)
        try layout.write(.text("\(section.section.title) · \(report.cluster.name)"), row: 0, column: 0, style: styles.title, measure: false)
        let intro = section.section.introduction.map { $0.replacingOccurrences(of: "sundhedsrådet", with: report.kind.definite) } ?? ""
        try layout.write(.text(intro), row: 1, column: 0, style: styles.subtitle, measure: false)
        try layout.write(
            .internalLink(sheet: PackSheet.front.name, cell: "A1", text: "← Til forsiden"), row: 2, column: 0, style: styles.link,
            measure: false)
        sheet.freezePanes(row: 3, column: 0)
        // Portrait, one page wide: each block (heading, table, notes, chart) on a page of its own.
        sheet.setPortrait()
        var row = 4
        var blockTops: [Int] = []
        var lastHelperColumn = Self.chartDataColumn
        for indicator in section.indicators {
            blockTops.append(row)
            // The first page also holds the sheet's title rows.
            row = try writeBlock(
                indicator, at: row, pageTop: blockTops.count == 1 ? 0 : row, sheet: sheet, layout: layout, workbook: workbook)
            if let funnel = indicator.funnel { lastHelperColumn = max(lastHelperColumn, FunnelChart.lastDataColumn(funnel)) }
        }
        try sheet.setHorizontalPageBreaks(Array(blockTops.dropFirst()))
        layout.reserve(18, column: 0)
        try layout.applyWidths(minimum: 8, maximum: 34)
        for (column, width) in Self.fixedWidths.sorted(by: { $0.key < $1.key }) {
            // The chart reads the helper column; the printed and shown sheet does not need it.
            try sheet.setColumn(column, column, width: width, hidden: column == Self.chartDataColumn)
        }
        // The funnel plots' data blocks (FunnelChart), hidden like the bar charts' helper column.
        if lastHelperColumn > Self.chartDataColumn {
            try sheet.setColumn(FunnelChart.dataColumn, lastHelperColumn, width: 10, hidden: true)
        }
    }

    /// Writes one indicator's block from `top`, on a printed page that begins at `pageTop`; returns the
    /// first row after it.
    private func writeBlock(
        _ indicator: IndicatorReport, at top: Int, pageTop: Int, sheet: Worksheet, layout: SheetLayout, workbook: Workbook
    ) throws -> Int {
        let info = indicator.indicator
        var row = top
        try layout.write(.text(info.title), row: row, column: 0, style: styles.heading, measure: false)
        row += 1
        var subtitle = "Enhed: \(info.unit)"
        if indicator.origin == .synthetic { subtitle += " · SYNTETISKE eksempeldata" }
        if !info.source.isEmpty { subtitle += " · Kilde: \(info.source)" }
        // Fixed columns in every block; the latest period is always in the last period column.
        let periodColumns = Array(Self.periodColumns.suffix(indicator.periods.count))
        let (developmentColumn, levelColumn, coverageColumn, chartDataColumn) =
            (Self.developmentColumn, Self.levelColumn, Self.coverageColumn, Self.chartDataColumn)
        row += try sheet.writeWrapped(
            subtitle, row: row, firstColumn: 0, lastColumn: coverageColumn, width: 95,
            style: indicator.origin == .synthetic ? styles.warning : styles.muted)
        try layout.write(.text("Område"), row: row, column: 0, style: styles.tableHeader)
        for column in Self.periodColumns where !periodColumns.contains(column) {
            try sheet.write(.blank, row: row, column: column, style: styles.tableHeaderRight)
        }
        for (index, period) in indicator.periods.enumerated() {
            try layout.write(
                .text("\(period.label)\n\(info.unit)"), row: row, column: periodColumns[index], style: styles.tableHeaderRight,
                measure: false)
        }
        try layout.write(.text("Udvikling"), row: row, column: developmentColumn, style: styles.tableHeader)
        try layout.write(.text("Niveau ift. landet"), row: row, column: levelColumn, style: styles.tableHeader)
        try layout.write(.text("Dækning"), row: row, column: coverageColumn, style: styles.tableHeader)
        try sheet.write(.text("Til diagram (kun viste tal)"), row: row, column: chartDataColumn, style: styles.tableHeaderRight)
        // The period on one line, the unit wrapped under it in the narrow column.
        let unitLines = wrappedLines(info.unit, width: Int(Self.fixedWidths[1] ?? 13) - 1).count
        try sheet.setRow(row, height: rowHeight(lines: 1 + unitLines, lineHeight: 13))
        row += 1

        let firstDataRow = row
        var pointColours: [UInt32?] = []
        for tableRow in indicator.rows {
            let level = tableRow.level
            var label = tableRow.name
            if tableRow.share < 1 { label += " (\(Vocabulary.percent(tableRow.share, decimals: 0)))" }
            if tableRow.isApproximation, level != .municipality, tableRow.latest.number != nil { label += " (tilnærmet)" }
            try layout.write(.text(label), row: row, column: 0, style: styles.rowName(level))
            for column in Self.periodColumns where !periodColumns.contains(column) {
                try sheet.write(.blank, row: row, column: column, style: styles.blank(level: level))
            }
            for (index, value) in tableRow.values.enumerated() {
                try writeValue(value, decimals: info.decimals, level: level, row: row, column: periodColumns[index], layout: layout)
            }
            try writeMark(
                tableRow.development.map { (Vocabulary.development($0), $0) }, level: level, row: row, column: developmentColumn,
                layout: layout)
            try writeMark(
                tableRow.levelMark.map { (Vocabulary.level($0), $0) }, level: level, row: row, column: levelColumn, layout: layout)
            if let coverage = tableRow.coverage.last ?? nil, level != .municipality {
                try layout.write(
                    .text(Vocabulary.coverage(coverage, shareDecimals: 0, alwaysShowShare: false)), row: row, column: coverageColumn,
                    style: styles.coverage)
            } else {
                try layout.write(.blank, row: row, column: coverageColumn, style: styles.blank(level: level))
            }
            // The chart reads this column: numbers only where they may be shown, blank otherwise,
            // so a hidden or missing value is a gap in the chart, never a bar at 0.
            if let number = tableRow.latest.number {
                try layout.write(
                    .number(DanishNumber.rounded(number, decimals: info.decimals)), row: row, column: chartDataColumn,
                    style: styles.number(decimals: info.decimals, level: .municipality),
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
            row += try sheet.writeWrapped(
                note, row: row, firstColumn: 0, lastColumn: coverageColumn, width: 95, style: styles.note, lineHeight: 13.5)
        }

        let chart = try workbook.addChart(.column)
        let sheetName = sheet.name
        let series = try chart.addSeries(
            name: indicator.periods.last?.label,
            categories: CellRange(sheet: sheetName, firstRow: firstDataRow, firstColumn: 0, lastRow: lastDataRow, lastColumn: 0),
            values: CellRange(
                sheet: sheetName, firstRow: firstDataRow, firstColumn: chartDataColumn, lastRow: lastDataRow, lastColumn: chartDataColumn))
        try series.setPointColors(Array(pointColours.prefix(chartRows)))
        series.setDataLabels(show: true, numberFormat: DanishNumber.excelFormat(decimals: info.decimals))
        chart.setTitle("\(info.shortTitle), \(indicator.periods.last?.label ?? "")")
        chart.setYAxisTitle(info.unit)
        chart.setYAxisNumberFormat(DanishNumber.excelFormat(decimals: info.decimals))
        chart.setLegend(position: .none)
        chart.setGapWidth(60)
        chart.showHiddenData()
        // Printed at about 0,8 of their size: 11 pt keeps names and numbers above 8 pt on paper.
        chart.setAxisFontSize(.x, 11)
        chart.setAxisFontSize(.y, 11)
        series.setDataLabelFontSize(11)
        if indicator.rows.compactMap(\.latest.number).allSatisfy({ $0 >= 0 }) {
            chart.setYAxisMin(0)
        } else {
            // Names under the plot, not on top of the bars that go below zero.
            chart.setLabelsLow(.x)
        }
        // Under the table and its notes, as wide as the table.
        let columnWidths = [Double(layout.width(of: 0) ?? 34)] + Self.fixedWidths.filter { $0.key < chartDataColumn }.map(\.value)
        let tableWidth = columnWidths.reduce(0, +)
        row += 1
        // With a funnel plot under it, the two charts share what the printed page has left.
        let funnel = indicator.funnel.map { FunnelChart(plot: $0, indicator: info, kind: report.kind, styles: styles) }
        var rows = (bar: Self.chartRows, funnel: 0)
        if let funnel {
            let used = (pageTop..<row).reduce(0.0) { $0 + (sheet.rowHeights[$1] ?? FunnelChart.defaultRowHeight) }
            rows = FunnelChart.chartRows(
                used: used, pageHeight: FunnelChart.pageHeight(columnWidths: columnWidths), noteHeight: funnel.noteHeight(width: tableWidth)
            )
        }
        try sheet.insertChart(
            chart, row: row, column: 0, xOffset: 0, yOffset: 0, xScale: (tableWidth * 7 + 5) / 480, yScale: Double(rows.bar) * 20 / 288)
        row += rows.bar
        if let funnel {
            row = try funnel.write(
                on: sheet, workbook: workbook, dataTop: top, chartTop: row, rows: rows.funnel, width: tableWidth,
                noteLastColumn: coverageColumn)
            return row + FunnelChart.trailingRows
        }
        return row + 2
    }

    private func writeValue(_ value: ReportValue, decimals: Int, level: AreaLevel, row: Int, column: Int, layout: SheetLayout) throws {
        switch value {
        case .shown(let number):
            // Stored as shown: a published figure carries the precision it is shown with, no more.
            try layout.write(
                .number(DanishNumber.rounded(number, decimals: decimals)), row: row, column: column,
                style: styles.number(decimals: decimals, level: level),
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

    /// Bar colours that differ in lightness as well as hue, so that a greyscale print tells council
    /// (darkest), country, municipalities and region (lightest) apart.
    private func colour(for level: AreaLevel) -> UInt32 {
        switch level {
        case .municipality: return Palette.barMunicipality
        case .cluster: return Palette.barCouncil
        case .region: return Palette.barRegion
        case .country: return Palette.barCountry
        }
    }

    /// The notes under a table: marks, hidden cells, approximations, coverage and split municipalities.
    private func notes(for indicator: IndicatorReport) -> [String] {
        var notes: [String] = []
        if let note = indicator.trafficLightNote { notes.append(note) }
        let hidden = Set(indicator.hiddenCells.map(\.reason.marker))
        if !hidden.isEmpty {
            notes.append(
                "Skjulte værdier (\(hidden.sorted().joined(separator: ", "))) er små tal, der ikke vises; se forklaringen på forsiden og listen på arket Dokumentation. "
                    + "Tallene for \(report.kind.definite), regionen og landet er stadig regnet med de rigtige tal.")
        }
        if indicator.rows.contains(where: { $0.isApproximation && $0.level != .municipality && $0.latest.number != nil }) {
            notes.append(
                "Tallene for \(report.kind.definite), regionen og landet er tilnærmelser: \(indicator.indicator.weightingDescription)")
        } else if indicator.rows.contains(where: { $0.latest == .notComputed }) {
            notes.append(indicator.indicator.weightingDescription)
        }
        if let cluster = indicator.clusterRow, let coverage = cluster.coverage.last ?? nil, !coverage.isComplete {
            notes.append(
                "Tallet for \(report.kind.definite) dækker \(Vocabulary.coverage(coverage, shareDecimals: 0, alwaysShowShare: false)); kommuner uden tal er udeladt, ikke regnet som 0."
            )
        }
        for row in indicator.municipalityRows where row.share < 1 {
            notes.append(
                "\(row.name) er delt mellem flere \(report.kind.plural) og indgår med "
                    + "\(Vocabulary.percent(row.share, decimals: 0)) af befolkning og antal i tallet for \(report.kind.definite). Kommunens egen række viser hele kommunen."
            )
        }
        return notes
    }
}
