import DatapakkeCore
import XLSXWriter

/// A section sheet: for each indicator a table (member municipalities, the cluster, the region, the
/// country) with the counts and 95 % interval beside the latest rate, traffic lights, notes and a
/// native column chart under it with, for an indicator with counts, a funnel plot of all municipalities
/// beside it (FunnelChart), one indicator a printed page.
/// A group of indicators is one block: a table of the members' latest figures for the cluster, the
/// region and the country, one horizontal bar chart of the cluster against the country with a
/// category per member, and under it each member's table without a chart of its own.
struct SectionSheet {
    let report: PackReport
    let section: SectionReport
    let styles: WorkbookStyles

    /// Rows a chart covers under its table (15 points each).
    static let chartRows = 15
    /// Printed at 80 % on A4 landscape: the table's 10–11 pt text prints at 8–9 pt, and a block of the
    /// largest council (ten municipalities, notes and chart) fits on one page.
    static let printScale = 80
    /// The height of a printed A4 landscape page inside the margins, in points at 100 %.
    static let pageHeight = (595.0 - (0.75 + 0.6) * 72) * 100 / Double(printScale)
    /// The characters the notes wrap in: about the width of the shown table.
    static let textWidth = 140.0
    /// The fixed columns of every block: name, two periods, the latest period's numerator, denominator
    /// and interval, development, level, chart data. Coverage is stated in the notes where it is
    /// incomplete, and in full on Dokumentation.
    static let periodColumns = [1, 2]
    static let crudeColumn = 3
    static let numeratorColumn = 4
    static let denominatorColumn = 5
    static let intervalColumn = 6
    static let developmentColumn = 7
    static let levelColumn = 8
    static let chartDataColumn = 9
    /// A group's chart reads the cluster's figures from `chartDataColumn` and the country's from here.
    static let countryChartDataColumn = 10
    /// The last column a reader sees: headings, notes and the chart span up to it.
    static let lastShownColumn = levelColumn
    /// Rows a printed landscape page holds at 80 %, roughly: a group's member tables are kept whole on a page.
    static let rowsPerPage = 32
    /// Widths in characters; the names' column is measured. The crude rate's column (an
    /// age-standardised indicator's rate without standardisation) is hidden on sheets without one.
    static let fixedWidths: [Int: Double] = [1: 13, 2: 13, 3: 13, 4: 10, 5: 11, 6: 13, 7: 24, 8: 28, 9: 13, 10: 13]

    /// Whether a section has an age-standardised indicator, whose crude rates get a column of their own.
    var showsCrude: Bool { section.indicators.contains { $0.indicator.standardisation != nil } }

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
        // Landscape at a fixed scale: each block (heading, table, notes, chart) on a page of its own,
        // and a chart that would not fit under its table starts the next page rather than being cut.
        sheet.setPrintScale(Self.printScale)
        var row = 4
        var lastHelperColumn = Self.countryChartDataColumn
        var pageBreaks: [Int] = []
        for block in section.blocks {
            if row > 4 { pageBreaks.append(row) }
            switch block {
            case .indicator(let indicator):
                let written = try writeBlock(indicator, at: row, sheet: sheet, layout: layout, workbook: workbook)
                if let chartBreak = written.chartBreak { pageBreaks.append(chartBreak) }
                if let funnel = indicator.funnel { lastHelperColumn = max(lastHelperColumn, FunnelChart.lastDataColumn(funnel)) }
                row = written.next
            case .group(let group):
                row = try writeGroup(group, at: row, sheet: sheet, layout: layout, workbook: workbook, pageBreaks: &pageBreaks)
            }
        }
        try sheet.setHorizontalPageBreaks(pageBreaks)
        layout.reserve(18, column: 0)
        try layout.applyWidths(minimum: 8, maximum: 34)
        for (column, width) in Self.fixedWidths.sorted(by: { $0.key < $1.key }) {
            // The charts read the helper columns; the printed and shown sheet does not need them.
            let helper = column == Self.chartDataColumn || column == Self.countryChartDataColumn
            try sheet.setColumn(column, column, width: width, hidden: helper || (column == Self.crudeColumn && !showsCrude))
        }
        // The funnel plots' data blocks (FunnelChart), hidden like the bar charts' helper column.
        if lastHelperColumn >= FunnelChart.dataColumn {
            try sheet.setColumn(FunnelChart.dataColumn, lastHelperColumn, width: 10, hidden: true)
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
            subtitle, row: row, firstColumn: 0, lastColumn: Self.lastShownColumn, width: Self.textWidth,
            style: group.isSynthetic ? styles.warning : styles.muted)
        if !group.group.definition.isEmpty {
            row += try sheet.writeWrapped(
                group.group.definition, row: row, firstColumn: 0, lastColumn: Self.lastShownColumn, width: Self.textWidth,
                style: styles.note,
                lineHeight: 13.5)
        }
        // The members' latest figures side by side: what the chart draws, with the markers it cannot.
        // The country's column: the crude rate's where that is shown on the sheet, else the numerator's.
        let countryColumn = showsCrude ? Self.crudeColumn : Self.numeratorColumn
        let headers = [
            (group.group.shortTitle, 0), ("\(report.cluster.name)\n\(period)", 1), ("\(report.regionName)\n\(period)", 2),
            ("Hele landet\n\(period)", countryColumn),
        ]
        for (text, column) in headers {
            try layout.write(
                .text(text), row: row, column: column, style: column == 0 ? styles.tableHeader : styles.tableHeaderRight, measure: false)
        }
        // The country stands in the development column: a group's table has one period.
        let hasLevel = group.indicators.contains { $0.indicator.direction != .none }
        try layout.write(.text(hasLevel ? "Niveau ift. landet" : ""), row: row, column: Self.levelColumn, style: styles.tableHeader)
        for column in (countryColumn + 1)..<Self.levelColumn {
            try sheet.write(.blank, row: row, column: column, style: styles.tableHeader)
        }
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
            for (column, tableRow) in [(1, member.clusterRow), (2, member.regionRow), (countryColumn, member.countryRow)] {
                let level = tableRow?.level ?? .municipality
                try writeValue(tableRow?.latest ?? .missing, decimals: decimals, level: level, row: row, column: column, layout: layout)
            }
            try writeMark(
                member.clusterRow?.levelMark.map { (Vocabulary.level($0, rule: info.comparison), $0) }, level: .municipality, row: row,
                column: Self.levelColumn,
                layout: layout)
            for column in (countryColumn + 1)..<Self.levelColumn {
                try sheet.write(.blank, row: row, column: column, style: styles.blank(level: .municipality))
            }
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
                lastColumn: Self.lastShownColumn, width: Self.textWidth, style: styles.note, lineHeight: 13.5)
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
        // A long group's table and its tall chart do not share a page: the chart starts the next.
        if row - (pageBreaks.last ?? 0) + chartRows > Self.rowsPerPage {
            pageBreaks.append(row)
        }
        try insertChart(chart, row: row, rows: chartRows, width: tableWidth(layout), sheet: sheet)
        row += chartRows + 2

        var pageTop = pageBreaks.last ?? 0
        if row - pageTop > Self.rowsPerPage {
            pageBreaks.append(row)
            pageTop = row
        }
        for member in group.indicators {
            let start = row
            row = try writeBlock(member, at: row, sheet: sheet, layout: layout, workbook: workbook, chart: false).next
            if row - pageTop > Self.rowsPerPage, start > pageTop {
                pageBreaks.append(start)
                pageTop = start
            }
        }
        return row
    }

    /// Writes one indicator's block from `top`; returns the first row after it, and the chart's row
    /// when the block is too tall for one printed page, so that the chart starts a page of its own. A
    /// group's member (`chart: false`) has its table and notes only: the group's chart shows it.
    private func writeBlock(
        _ indicator: IndicatorReport, at top: Int, sheet: Worksheet, layout: SheetLayout, workbook: Workbook, chart withChart: Bool = true
    ) throws -> (next: Int, chartBreak: Int?) {
        let info = indicator.indicator
        var row = top
        // The block's printed height so far, in points at 100 %: rows without a height of their own are 15.
        var height = 19.0
        try layout.write(.text(info.title), row: row, column: 0, style: styles.heading, measure: false)
        row += 1
        var subtitle = "Enhed: \(info.unit)" + (info.standardisation == nil ? "" : ", aldersstandardiseret")
        if indicator.origin == .synthetic { subtitle += " · SYNTETISKE eksempeldata" }
        if indicator.hasSyntheticWeights { subtitle += " · " + Vocabulary.syntheticWeightsNote }
        if !info.source.isEmpty { subtitle += " · Kilde: \(info.source)" }
        // Fixed columns in every block; the latest period is always in the last period column.
        let periodColumns = Array(Self.periodColumns.suffix(indicator.periods.count))
        let (developmentColumn, levelColumn, lastColumn, chartDataColumn) =
            (Self.developmentColumn, Self.levelColumn, Self.lastShownColumn, Self.chartDataColumn)
        let latestPeriod = indicator.periods.last?.label ?? ""
        let hasCounts = FigureUncertainty.hasCounts(info)
        row += try sheet.writeWrapped(
            subtitle, row: row, firstColumn: 0, lastColumn: lastColumn, width: Self.textWidth,
            style: indicator.origin == .synthetic || indicator.hasSyntheticWeights ? styles.warning : styles.muted)
        height += wrappedHeight(subtitle, width: Self.textWidth)
        try layout.write(.text("Område"), row: row, column: 0, style: styles.tableHeader)
        for column in Self.periodColumns where !periodColumns.contains(column) {
            try sheet.write(.blank, row: row, column: column, style: styles.tableHeaderRight)
        }
        // The values of an age-standardised indicator are standardised rates; the crude ones have their own column.
        let standardisedLine = info.standardisation == nil ? "" : "\naldersstandardiseret"
        for (index, period) in indicator.periods.enumerated() {
            try layout.write(
                .text("\(period.label)\n\(info.unit)\(standardisedLine)"), row: row, column: periodColumns[index],
                style: styles.tableHeaderRight,
                measure: false)
        }
        // The counts and interval of the latest period, named with it; empty headers for an indicator without counts.
        let countHeaders = hasCounts ? ["Tæller\n\(latestPeriod)", "Nævner\n\(latestPeriod)", "95 %-konf.-\ninterval"] : ["", "", ""]
        for (offset, header) in countHeaders.enumerated() {
            try layout.write(.text(header), row: row, column: Self.numeratorColumn + offset, style: styles.tableHeaderRight, measure: false)
        }
        try layout.write(.text("Udvikling"), row: row, column: developmentColumn, style: styles.tableHeader, measure: false)
        try layout.write(.text("Niveau ift. landet"), row: row, column: levelColumn, style: styles.tableHeader, measure: false)
        try sheet.write(.text("Til diagram (kun viste tal)"), row: row, column: chartDataColumn, style: styles.tableHeaderRight)
        let hasCrude = info.standardisation != nil
        if hasCrude, let latest = indicator.periods.last {
            try layout.write(
                .text("Rå rate \(latest.label)\n(ustandardiseret)"), row: row, column: Self.crudeColumn, style: styles.tableHeaderRight,
                measure: false)
        } else {
            try sheet.write(.blank, row: row, column: Self.crudeColumn, style: styles.tableHeaderRight)
        }
        // The period on one line, the unit wrapped under it in the narrow column.
        let unitLines = wrappedLines(info.unit, width: Int(Self.fixedWidths[1] ?? 13) - 1).count
        let headerLines = max(2, 1 + unitLines + (standardisedLine.isEmpty ? 0 : 1))
        try sheet.setRow(row, height: rowHeight(lines: headerLines, lineHeight: 13))
        height += rowHeight(lines: headerLines, lineHeight: 13)
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
            if hasCrude {
                try writeValue(
                    tableRow.crudeValues?.last ?? .missing, decimals: info.decimals, level: level, row: row, column: Self.crudeColumn,
                    layout: layout)
            } else {
                try sheet.write(.blank, row: row, column: Self.crudeColumn, style: styles.blank(level: level))
            }
            try writeMark(
                tableRow.development.map { (Vocabulary.development($0, rule: info.comparison), $0) }, level: level, row: row,
                column: developmentColumn,
                layout: layout)
            try writeMark(
                tableRow.levelMark.map { (Vocabulary.level($0, rule: info.comparison), $0) }, level: level, row: row, column: levelColumn,
                layout: layout)
            try writeCounts(tableRow, decimals: info.decimals, level: level, row: row, sheet: sheet)
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
            height += 15
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
                note, row: row, firstColumn: 0, lastColumn: lastColumn, width: Self.textWidth, style: styles.note, lineHeight: 13.5)
            height += wrappedHeight(note, width: Self.textWidth, lineHeight: 13.5)
        }

        guard withChart else { return (row + 1, nil) }
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
        height += 15
        // With a funnel plot, the bar chart takes the left half of the table's width and the funnel
        // plot the right half, side by side, so that both fit the landscape page under the table.
        let funnel = indicator.funnel.map { FunnelChart(plot: $0, indicator: info, kind: report.kind, styles: styles) }
        let width = tableWidth(layout)
        guard let funnel else {
            try insertChart(chart, row: row, rows: Self.chartRows, width: width, sheet: sheet)
            let fits = height + titleRows(top) + Double(Self.chartRows) * 15 <= Self.pageHeight * 0.93
            return (row + Self.chartRows + 2, fits ? nil : row)
        }
        let half = (width - 1) / 2
        try insertChart(chart, row: row, rows: Self.chartRows, width: half, sheet: sheet)
        let noteHeight = funnel.noteHeight(width: Self.textWidth)
        let next = try funnel.write(
            on: sheet, workbook: workbook, dataTop: top, chartTop: row, rows: Self.chartRows, width: half,
            xOffset: Int(((width - half) * 7).rounded()), noteLastColumn: lastColumn, noteWidth: Self.textWidth)
        let fits = height + titleRows(top) + Double(Self.chartRows) * 15 + noteHeight <= Self.pageHeight * 0.93
        return (next + FunnelChart.trailingRows, fits ? nil : row)
    }

    /// The sheet's own title rows, on the first page only; with a margin, the estimate keeps 7 % of the
    /// page free for rows that the printer makes taller than their text needs.
    private func titleRows(_ top: Int) -> Double { top <= 4 ? 70 : 0 }

    /// The width of the shown table in characters: the names' column and the fixed ones up to the
    /// level column (the crude rate's only where the sheet shows it).
    private func tableWidth(_ layout: SheetLayout) -> Double {
        Double(layout.width(of: 0) ?? 34)
            + Self.fixedWidths.filter { $0.key < Self.chartDataColumn && ($0.key != Self.crudeColumn || showsCrude) }.values.reduce(0, +)
    }

    /// Places a chart at `row`, under its table and notes, `width` characters wide and `rows` rows high.
    private func insertChart(_ chart: Chart, row: Int, rows: Int, width: Double, sheet: Worksheet) throws {
        try sheet.insertChart(
            chart, row: row, column: 0, xOffset: 0, yOffset: 0, xScale: (width * 7 + 5) / 480, yScale: Double(rows) * 20 / 288)
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

    /// The latest period's numerator, denominator and interval, where the value is shown and has
    /// counts; row-coloured blanks otherwise, so that a hidden rate hides its counts too.
    private func writeCounts(_ tableRow: ReportRow, decimals: Int, level: AreaLevel, row: Int, sheet: Worksheet) throws {
        let counts = [tableRow.latestNumerator, tableRow.latestDenominator]
        for (offset, count) in counts.enumerated() {
            let column = Self.numeratorColumn + offset
            if let count, tableRow.latest.number != nil {
                try sheet.write(.number(count), row: row, column: column, style: styles.count(count, level: level))
            } else {
                try sheet.write(.blank, row: row, column: column, style: styles.blank(level: level))
            }
        }
        if let interval = tableRow.latestInterval, tableRow.latest.number != nil {
            let text =
                DanishNumber.format(interval.lower, decimals: decimals) + "–" + DanishNumber.format(interval.upper, decimals: decimals)
            try sheet.write(.text(text), row: row, column: Self.intervalColumn, style: styles.interval(level: level))
        } else {
            try sheet.write(.blank, row: row, column: Self.intervalColumn, style: styles.blank(level: level))
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
        case .similar: return Palette.barSimilar
        }
    }

    /// The notes under a table: marks, uncertainty, hidden cells, approximations, coverage and split municipalities.
    private func notes(for indicator: IndicatorReport) -> [String] {
        var notes: [String] = []
        if let note = indicator.trafficLightNote { notes.append(note) }
        if let standardisation = indicator.indicator.standardisation {
            notes.append(
                "Værdierne er direkte aldersstandardiseret til \(standardisation.standard.name) over \(standardisation.bands.phrase); "
                    + "trafiklys og diagram bygger på dem. Kolonnen «Rå rate» viser den faktiske rate uden standardisering. "
                    + "Metoden står på arket Dokumentation.")
        }
        if let note = indicator.standardisationNote { notes.append(note) }
        switch indicator.indicator.aggregation {
        case .ratio, .populationShare:
            notes.append(
                Vocabulary.intervalDescription(indicator.indicator) + " Tæller, nævner og interval vises kun, hvor tallet selv vises.")
        case .count, .population:
            break
        default:
            notes.append(Vocabulary.intervalDescription(indicator.indicator))
        }
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
        let aggregates = [indicator.clusterRow, indicator.regionRow, indicator.countryRow].compactMap { $0 }
        let incomplete = aggregates.compactMap { row -> String? in
            guard let coverage = row.coverage.last ?? nil, !coverage.isComplete, row.latest.number != nil else { return nil }
            let name = row.level == .cluster ? report.kind.definite : row.level == .region ? "regionen" : "hele landet"
            return "tallet for \(name) dækker \(Vocabulary.coverage(coverage, alwaysShowShare: false))"
        }
        if !incomplete.isEmpty {
            let text = DanishText.list(incomplete)
            notes.append(text.prefix(1).uppercased() + text.dropFirst() + "; kommuner uden tal er udeladt, ikke regnet som 0.")
        }
        for row in indicator.municipalityRows where row.share < 1 {
            notes.append(
                "\(row.name) er delt mellem flere \(report.kind.plural) og indgår med "
                    + "\(Vocabulary.percent(row.share, decimals: 0)) af befolkning og antal i tallet for \(report.kind.definite). Kommunens egen række viser hele kommunen."
            )
        }
        notes += SimilarWorkbook.notes(indicator, report: report)
        return notes
    }
}
