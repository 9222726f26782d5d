import DatapakkeCore
import XLSXWriter

/// The one-page overview: one row per indicator with the cluster's latest figure, the country's, the
/// lowest and highest of all the map's clusters, the spread drawn as a text bar with the cluster's and
/// the country's place, and the level against the country. Printed on one A4 page.
struct OverviewSheet {
    let report: PackReport
    let styles: WorkbookStyles

    /// Characters of the text bar: wide enough to place a mark, narrow enough for one page.
    static let barWidth = 25
    /// Widths of the columns in small type (period, unit, remarks), under two-line headers and of the bar.
    static let fixedWidths: [(column: Int, width: Double)] = [
        (1, 13), (2, 31), (3, 14), (4, 12), (5, 11), (6, 11), (7, 29), (9, 26), (10, 15), (11, 29), (12, 24),
    ]

    func write(in workbook: Workbook) throws {
        let sheet = try workbook.addWorksheet(named: PackSheet.overview.name)
        let layout = SheetLayout(sheet)
        try setUpPage(sheet, report: report)
        // The whole overview on one page, however many indicators the catalogue has.
        sheet.fitToPages(width: 1, height: 1)
        sheet.hideGridlines(screenAndPrint: true)
        let words = report.kind
        let clusterHeading = words.definite.prefix(1).uppercased() + words.definite.dropFirst()
        let bar = workbook.style(CellStyle(fontName: "Courier New", fontSize: 10, fontColor: Palette.accent, verticalAlignment: .center))

        try layout.write(.text("Overblik · \(report.cluster.name)"), row: 0, column: 0, style: styles.title, measure: false)
        let counts = Set(OverviewRow.rows(for: report).map(\.clusters)).sorted()
        let mapSize = counts.count == 1 ? "de \(counts[0]) \(words.plural)" : "alle \(words.plural)"
        try layout.write(
            .text(
                "Seneste periode for hver indikator: \(words.definite)s tal, hele landets tal og spredningen mellem \(mapSize) i \(report.definitionsName)."
            ),
            row: 1, column: 0, style: styles.subtitle, measure: false)
        try layout.write(
            .internalLink(sheet: PackSheet.front.name, cell: "A1", text: "← Til forsiden"), row: 2, column: 0, style: styles.link,
            measure: false)
        if let names = SimilarWorkbook.overviewNames(report) {
            try layout.write(.text(names), row: 3, column: 0, style: styles.muted, measure: false)
        }

        let headers: [(String, Bool)] =
            [
                ("Indikator", false), ("Periode", false), ("Enhed", false), (clusterHeading, true), ("Hele landet", true),
                ("Laveste \(words.singular)", true), ("Højeste \(words.singular)", true), ("Spredning", false),
                ("Niveau ift. landet", false),
                ("Bemærk", false),
            ] + SimilarWorkbook.overviewHeaders(report)
        var row = 4
        // Headers wrap onto two lines, so the columns can be as narrow as their contents.
        for (column, (text, right)) in headers.enumerated() {
            try layout.write(
                .text(text), row: row, column: column, style: right ? styles.tableHeaderRight : styles.tableHeader, measure: false)
        }
        try sheet.setRow(row, height: 30)
        sheet.freezePanes(row: row + 1, column: 0)
        row += 1

        for section in report.sections {
            try layout.write(.text(section.section.title), row: row, column: 0, style: styles.subheading, measure: false)
            row += 1
            for block in section.blocks {
                switch block {
                case .indicator(let indicator):
                    try writeLine(OverviewRow(indicator), row: row, nameStyle: styles.name, layout: layout, bar: bar)
                    row += 1
                case .group(let group):
                    // The members' short titles (the specialties, the diseases) under the group's own.
                    try layout.write(.text(group.group.shortTitle), row: row, column: 0, style: styles.muted)
                    row += 1
                    for indicator in group.indicators {
                        try writeLine(OverviewRow(indicator), row: row, nameStyle: styles.indentedName, layout: layout, bar: bar)
                        row += 1
                    }
                }
            }
        }

        row += 1
        let legend = [
            "\(OverviewMarks.spreadStart)\(OverviewMarks.spreadLine)\(OverviewMarks.spreadLine)\(OverviewMarks.spreadEnd)  fra laveste til højeste \(words.singular) med tal",
            "\(OverviewMarks.cluster)  \(report.cluster.name)",
            "\(OverviewMarks.country)  hele landet (ikke vist, når tallet er en sum af alle \(words.plural))",
        ]
        for text in legend {
            try layout.write(.text(text), row: row, column: 7, style: bar, measure: false)
            row += 1
        }
        let notes =
            [
                "Hver række har sin egen skala. Laveste og højeste er over de \(words.plural), hvis tal vises; skjulte tal indgår ikke.",
                "Niveau ift. landet: signifikant bedre eller dårligere for tal med tællere og nævnere, ellers \(Vocabulary.bandText) som på niveau som i Nationale mål for sundhedsvæsenet. Markørerne forklares på forsiden.",
            ] + SimilarWorkbook.overviewNotes(report)
        for note in notes {
            try layout.write(.text(note), row: row, column: 0, style: styles.muted, measure: false)
            row += 1
        }
        // Fixed widths for what is set in small type or wraps, measured ones for the rest, so the
        // page printed on one sheet is as large as it can be.
        layout.reserve(20, column: 0)
        try layout.applyWidths(minimum: 8, maximum: 38)
        for (column, width) in Self.fixedWidths {
            try sheet.setColumn(column, column, width: width)
        }
    }

    /// One indicator's row: its figures, the spread as a text bar, the level and remarks.
    private func writeLine(_ line: OverviewRow, row: Int, nameStyle: Format, layout: SheetLayout, bar: Format) throws {
        let decimals = line.indicator.decimals
        try layout.write(.text(line.indicator.shortTitle), row: row, column: 0, style: nameStyle)
        try layout.write(.text(line.period?.label ?? ""), row: row, column: 1, style: styles.coverage, measure: false)
        try layout.write(.text(line.indicator.unit), row: row, column: 2, style: styles.coverage, measure: false)
        try writeValue(line.cluster, decimals: decimals, level: .cluster, row: row, column: 3, layout: layout)
        try writeValue(line.country, decimals: decimals, level: .municipality, row: row, column: 4, layout: layout)
        try writeValue(line.minimumValue, decimals: decimals, level: .municipality, row: row, column: 5, layout: layout)
        try writeValue(line.maximumValue, decimals: decimals, level: .municipality, row: row, column: 6, layout: layout)
        if let scale = line.scale {
            try layout.write(.text(scale.textBar(width: Self.barWidth)), row: row, column: 7, style: bar, measure: false)
        } else {
            try layout.write(.text(spreadMissing(line)), row: row, column: 7, style: styles.coverage, measure: false)
        }
        if let mark = line.levelMark {
            try layout.write(
                .text(Vocabulary.level(mark, rule: line.indicator.comparison)), row: row, column: 8,
                style: styles.light(mark, level: .municipality))
        } else {
            try layout.write(
                .text(Vocabulary.levelUnjudged(line.indicator)), row: row, column: 8, style: styles.coverage)
        }
        try layout.write(.text(remarks(line)), row: row, column: 9, style: styles.coverage, measure: false)
        try SimilarWorkbook(report: report, styles: styles).writeOverview(line.report, row: row, column: 10, layout: layout)
    }

    private func writeValue(_ value: ReportValue, decimals: Int, level: AreaLevel, row: Int, column: Int, layout: SheetLayout) throws {
        if let number = value.number {
            try layout.write(
                .number(DanishNumber.rounded(number, decimals: decimals)), row: row, column: column,
                style: styles.number(decimals: decimals, level: level), displayed: DanishNumber.format(number, decimals: decimals))
        } else {
            try layout.write(.text(value.marker), row: row, column: column, style: styles.rowMarker(level))
        }
    }

    /// Why a row has no spread.
    private func spreadMissing(_ line: OverviewRow) -> String {
        if case .notAdditive(nil) = line.indicator.aggregation { return "intet samlet tal" }
        return line.clusters == 0 ? "" : "ingen \(report.kind.plural) med tal"
    }

    /// Synthetic data, approximations and clusters without a shown figure, in a few words.
    private func remarks(_ line: OverviewRow) -> String {
        var words: [String] = []
        if line.report.origin == .synthetic { words.append("syntetiske data") }
        if line.report.clusterRow?.isApproximation == true, line.cluster.number != nil { words.append("tilnærmet") }
        if line.shownClusters > 0, line.shownClusters < line.clusters {
            words.append("\(line.shownClusters) af \(line.clusters) \(report.kind.plural) med tal")
        }
        return words.joined(separator: "; ")
    }
}
