import DatapakkeCore
import XLSXWriter

/// A section sheet: for each indicator a table (member municipalities, the cluster, the region, the
/// country), traffic lights, notes and a native column chart under it, one indicator a printed page.
/// A group of indicators is one block: a table of the members' latest figures for the cluster, the
/// region and the country, one horizontal bar chart of the cluster against the country with a
/// category per member, and under it each member's table without a chart of its own.
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
    /// A group's chart reads the cluster's figures from `chartDataColumn` and the country's from here.
    static let countryChartDataColumn = 7
    /// Rows a printed portrait page holds, roughly: a group's member tables are kept whole on a page.
    static let rowsPerPage = 52
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
        var pageBreaks: [Int] = []
        for block in section.blocks {
            if row > 4 { pageBreaks.append(row) }
            switch block {
            case .indicator(let indicator):
                row = try writeBlock(indicator, at: row, sheet: sheet, layout: layout, workbook: workbook)
            case .group(let group):
                row = try writeGroup(group, at: row, sheet: sheet, layout: layout, workbook: workbook, pageBreaks: &pageBreaks)
            }
        }
        try sheet.setHorizontalPageBreaks(pageBreaks)
        layout.reserve(18, column: 0)
        try layout.applyWidths(minimum: 8, maximum: 34)
        for (column, width) in Self.fixedWidths.sorted(by: { $0.key < $1.key }) {
            // The chart reads the helper column; the printed and shown sheet does not need it.
            try sheet.setColumn(column, column, width: width, hidden: column == Self.chartDataColumn)
        }
        if section.blocks.contains(where: { if case .group = $0 { return true } else { return false } }) {
            try sheet.setColumn(Self.countryChartDataColumn, Self.countryChartDataColumn, width: 13, hidden: true)
        }
    }

    /// Writes a group's block from `top`: its table of latest figures, its chart, then each member's
    /// table; returns the first row after it. Adds a page break before a member table that would not
    /// fit on the page.
    private func writeGroup(
        _ group: IndicatorGroupReport, at top: Int, sheet: Worksheet, layout: SheetLayout, workbook: Workbook, pageBreaks: inout [Int]
    ) throws -> Int {
        var row = top
        let decimals = group.decimals
        let period = group.latestPeriod?.label ?? ""
        try layout.write(.text(group.group.title), row: row, column: 0, style: styles.heading, measure: false)
        row += 1
        var subtitle = "Enhed: \(group.unit)"
        if group.isSynthetic { subtitle += " · SYNTETISKE eksempeldata" }
        if !group.sources.isEmpty { subtitle += " · Kilde: \(group.sources.joined(separator: "; "))" }
        row += try sheet.writeWrapped(
            subtitle, row: row, firstColumn: 0, lastColumn: Self.coverageColumn, width: 95,
            style: group.isSynthetic ? styles.warning : styles.muted)
        if !group.group.definition.isEmpty {
            row += try sheet.writeWrapped(
                group.group.definition, row: row, firstColumn: 0, lastColumn: Self.coverageColumn, width: 95, style: styles.note,
                lineHeight: 13.5)
        }
        // The members' latest figures side by side: what the chart draws, with the markers it cannot.
        let headers = [
            (group.group.shortTitle, 0), ("\(report.cluster.name)\n\(period)", 1), ("\(report.regionName)\n\(period)", 2),
            ("Hele landet\n\(period)", 3),
        ]
        for (text, column) in headers {
            try layout.write(
                .text(text), row: row, column: column, style: column == 0 ? styles.tableHeader : styles.tableHeaderRight, measure: false)
        }
        // The country stands in the development column: a group's table has one period.
        let hasLevel = group.indicators.contains { $0.indicator.direction != .none }
        try layout.write(.text(hasLevel ? "Niveau ift. landet" : ""), row: row, column: Self.levelColumn, style: styles.tableHeader)
        try sheet.write(.blank, row: row, column: Self.coverageColumn, style: styles.tableHeader)
        try sheet.write(
            .text("Til diagram: \(report.kind.singular)"), row: row, column: Self.chartDataColumn, style: styles.tableHeaderRight)
        try sheet.write(.text("Til diagram: landet"), row: row, column: Self.countryChartDataColumn, style: styles.tableHeaderRight)
        let nameLines = max(1, wrappedLines(report.cluster.name, width: Int(Self.fixedWidths[1] ?? 13) - 1).count)
        try sheet.setRow(row, height: rowHeight(lines: 1 + nameLines, lineHeight: 13))
        row += 1
        let firstDataRow = row
        for member in group.indicators {
            let info = member.indicator
            try layout.write(.text(info.shortTitle), row: row, column: 0, style: styles.rowName(.municipality))
            for (column, tableRow) in [(1, member.clusterRow), (2, member.regionRow), (3, member.countryRow)] {
                let level = tableRow?.level ?? .municipality
                try writeValue(tableRow?.latest ?? .missing, decimals: decimals, level: level, row: row, column: column, layout: layout)
            }
            try writeMark(
                member.clusterRow?.levelMark.map { (Vocabulary.level($0), $0) }, level: .municipality, row: row, column: Self.levelColumn,
                layout: layout)
            try sheet.write(.blank, row: row, column: Self.coverageColumn, style: styles.blank(level: .municipality))
            // Numbers only where they may be shown: a hidden or missing figure is a gap, never a bar at 0.
            for (column, value) in [
                (Self.chartDataColumn, member.clusterRow?.latest), (Self.countryChartDataColumn, member.countryRow?.latest),
            ] {
                if let number = value?.number {
                    try sheet.write(
                        .number(DanishNumber.rounded(number, decimals: decimals)), row: row, column: column,
                        style: styles.number(decimals: decimals, level: .municipality))
                }
            }
            row += 1
        }
        let lastDataRow = row - 1
        if hasLevel, group.indicators.contains(where: { $0.indicator.direction == .none }) {
            row += try sheet.writeWrapped(
                "Niveau ift. landet vises kun for indikatorer med en retning (hvor høj eller lav er bedst).", row: row, firstColumn: 0,
                lastColumn: Self.coverageColumn, width: 95, style: styles.note, lineHeight: 13.5)
        }

        let chart = try workbook.addChart(.bar)
        let sheetName = sheet.name
        let categories = CellRange(sheet: sheetName, firstRow: firstDataRow, firstColumn: 0, lastRow: lastDataRow, lastColumn: 0)
        for (name, column, colour) in [
            (report.cluster.name, Self.chartDataColumn, Palette.barCouncil),
            ("Hele landet", Self.countryChartDataColumn, Palette.barCountry),
        ] {
            let series = try chart.addSeries(
                name: name, categories: categories,
                values: CellRange(sheet: sheetName, firstRow: firstDataRow, firstColumn: column, lastRow: lastDataRow, lastColumn: column))
            series.setFillColor(colour)
            series.setDataLabels(show: true, numberFormat: DanishNumber.excelFormat(decimals: decimals))
            series.setDataLabelFontSize(9)
        }
        chart.setTitle("\(group.group.shortTitle), \(period)")
        // A bar chart's categories run up the vertical axis (.y); reversed, the first member is at the
        // top as in the table, and the value axis (.x) stays at the bottom.
        chart.setReversed(.y)
        chart.setCrossingAtMaximum(.y)
        chart.setAxisTitle(.x, group.unit)
        chart.setAxisNumberFormat(.x, DanishNumber.excelFormat(decimals: decimals))
        chart.setAxisMin(.x, 0)
        chart.setAxisFontSize(.x, 10)
        chart.setAxisFontSize(.y, 10)
        chart.setLegend(position: .bottom)
        chart.setGapWidth(50)
        chart.showHiddenData()
        row += 1
        // About one row of the sheet per bar, with room for the title, the axis and the legend.
        let chartRows = max(Self.chartRows, (group.indicators.count * 2 * 13 + 110) / 20)
        try insertChart(chart, row: row, rows: chartRows, sheet: sheet, layout: layout)
        row += chartRows + 2

        var pageTop = pageBreaks.last ?? 0
        if row - pageTop > Self.rowsPerPage {
            pageBreaks.append(row)
            pageTop = row
        }
        for member in group.indicators {
            let start = row
            row = try writeBlock(member, at: row, sheet: sheet, layout: layout, workbook: workbook, chart: false)
            if row - pageTop > Self.rowsPerPage, start > pageTop {
                pageBreaks.append(start)
                pageTop = start
            }
        }
        return row
    }

    /// Writes one indicator's block from `top`; returns the first row after it. A group's member
    /// (`chart: false`) has its table and notes only: the group's chart shows it.
    private func writeBlock(
        _ indicator: IndicatorReport, at top: Int, sheet: Worksheet, layout: SheetLayout, workbook: Workbook, chart withChart: Bool = true
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

        guard withChart else { return row + 1 }
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
        row += 1
        try insertChart(chart, row: row, rows: Self.chartRows, sheet: sheet, layout: layout)
        return row + Self.chartRows + 2
    }

    /// Places a chart at `row`, under its table and notes, as wide as the table and `rows` rows high.
    private func insertChart(_ chart: Chart, row: Int, rows: Int, sheet: Worksheet, layout: SheetLayout) throws {
        let tableWidth = Double(layout.width(of: 0) ?? 34) + (Self.fixedWidths.filter { $0.key < Self.chartDataColumn }.values.reduce(0, +))
        try sheet.insertChart(
            chart, row: row, column: 0, xOffset: 0, yOffset: 0, xScale: (tableWidth * 7 + 5) / 480, yScale: Double(rows) * 20 / 288)
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
