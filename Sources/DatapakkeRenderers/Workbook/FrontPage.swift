import DatapakkeCore
import XLSXWriter

/// The front page: who the pack is for, what it holds, where the numbers come from.
struct FrontPage {
    let report: PackReport
    /// What changed since the previous version of the pack, from the build.
    let changes: [String]
    let styles: WorkbookStyles
    let sheets: [PackSheet]

    func write(in workbook: Workbook) throws {
        let sheet = try workbook.addWorksheet(named: PackSheet.front.name)
        let layout = SheetLayout(sheet)  // measures nothing here: the widths are fixed
        try setUpPage(sheet, report: report)
        sheet.setPortrait()
        sheet.hideGridlines()
        sheet.activate()
        var row = 0
        try layout.write(.text(report.cluster.name), row: row, column: 0, style: styles.title, measure: false)
        row += 1
        try layout.write(
            .text("Datapakke til \(report.kind.rawValue) · \(report.regionName)"), row: row, column: 0, style: styles.subtitle,
            measure: false)
        row += 2
        if report.hasSyntheticData {
            let text =
                "OBS: Dele af tallene er SYNTETISKE eksempeldata, dannet til afprøvning af værktøjet. De beskriver ikke virkeligheden "
                + "og må ikke bruges til beslutninger. Det gælder: \(report.syntheticIndicators.joined(separator: ", ")). "
                + "Se arket Dokumentation for hver indikators datagrundlag."
            row += try sheet.writeWrapped(text, row: row, firstColumn: 0, lastColumn: 3, width: Self.totalWidth, style: styles.warning) + 1
        }

        let facts: [(String, String)] = [
            ("Region", report.regionName),
            ("Akutsygehus" + (report.cluster.acuteHospitals.count == 1 ? "" : "e"), report.cluster.acuteHospitals.joined(separator: "; ")),
            (
                "Indbyggere",
                report.population.map { "\(DanishNumber.format($0, decimals: 0)) pr. \(report.populationDate?.label ?? "")" }
                    ?? "ikke oplyst"
            ),
            ("Perioder i pakken", report.periods.map(\.label).joined(separator: ", ")),
            ("Definitioner", report.definitionsName + (report.definitionsValidFrom.map { " (gældende fra \($0.label))" } ?? "")),
            ("Data opgjort pr.", report.dataDate.danishDate),
            ("Dannet", "\(report.documentDate.danishDate) · datapakke \(report.toolVersion)"),
        ]
        for (label, value) in facts {
            try layout.write(.text(label), row: row, column: 0, style: styles.subheading)
            row += try sheet.writeWrapped(
                value, row: row, firstColumn: 1, lastColumn: 3, width: Self.totalWidth - Self.widths[0], style: styles.wrappedText)
        }
        row += 1

        if !changes.isEmpty {
            try layout.write(.text("Ændringer siden forrige version"), row: row, column: 0, style: styles.heading)
            row += 1
            for change in changes {
                row += try sheet.writeWrapped(
                    change, row: row, firstColumn: 0, lastColumn: 3, width: Self.totalWidth, style: styles.wrappedText)
            }
            row += 1
        }

        try layout.write(.text("Kommuner"), row: row, column: 0, style: styles.heading)
        row += 1
        try layout.write(.text("Kommune"), row: row, column: 0, style: styles.tableHeader)
        try layout.write(.text("Kommunekode"), row: row, column: 1, style: styles.tableHeaderRight)
        try layout.write(
            .text("Indbyggere" + (report.populationDate.map { " pr. \($0.label)" } ?? "")), row: row, column: 2,
            style: styles.tableHeaderRight)
        try layout.write(.text("Andel i \(report.kind.definite)"), row: row, column: 3, style: styles.tableHeaderRight)
        row += 1
        let integer = styles.number(decimals: 0, level: .municipality)
        for member in report.members {
            try layout.write(.text(member.name), row: row, column: 0, style: styles.name)
            try layout.write(
                .number(Double(member.code)), row: row, column: 1, style: styles.number(decimals: 0, level: .municipality), displayed: "000"
            )
            if let population = member.population {
                try layout.write(
                    .number(population), row: row, column: 2, style: integer, displayed: DanishNumber.format(population, decimals: 0))
            } else {
                try layout.write(.text(".."), row: row, column: 2, style: styles.marker)
            }
            try layout.write(
                .text(member.share < 1 ? "\(Vocabulary.percent(member.share, decimals: 0))" : "hele kommunen"), row: row, column: 3,
                style: styles.marker)
            row += 1
        }
        row += 1
        row = try SimilarWorkbook(report: report, styles: styles).writeFrontPage(sheet, layout: layout, from: row, widths: Self.widths)

        try layout.write(.text("Indhold"), row: row, column: 0, style: styles.heading)
        row += 1
        for listed in sheets.dropFirst() {
            try layout.write(.internalLink(sheet: listed.name, cell: "A1", text: listed.name), row: row, column: 0, style: styles.link)
            row += try sheet.writeWrapped(
                contentsDescription(listed), row: row, firstColumn: 1, lastColumn: 3, width: Self.totalWidth - Self.widths[0],
                style: styles.note, lineHeight: 13.5)
        }
        row += 1

        try layout.write(.text("Sådan læses tallene"), row: row, column: 0, style: styles.heading)
        row += 1
        for entry in Vocabulary.legend(rules: report.suppressionRules, comparisons: report.comparisons) {
            // The marker wraps in its own column ("▲ Signifikant bedre / ▼ Signifikant dårligere"); the
            // row is as tall as the longer of the two.
            try layout.write(.text(entry.marker), row: row, column: 0, style: styles.wrappedSubheading, measure: false)
            let width = Self.totalWidth - Self.widths[0]
            let used = try sheet.writeWrapped(
                entry.meaning, row: row, firstColumn: 1, lastColumn: 3, width: width, style: styles.wrappedText)
            let markerLines = wrappedLines(entry.marker, width: Int(Self.widths[0] * 0.95)).count
            if used == 1, markerLines > estimatedLines(entry.meaning, width: width) {
                try sheet.setRow(row, height: rowHeight(lines: markerLines, lineHeight: 15))
            }
            row += used
        }
        row += 1
        try layout.write(.text("Kilder"), row: row, column: 0, style: styles.heading)
        row += 1
        for source in report.sources {
            row += try sheet.writeWrapped(
                source, row: row, firstColumn: 0, lastColumn: 3, width: Self.totalWidth, style: styles.note, lineHeight: 13.5)
        }
        for (column, width) in Self.widths.enumerated() {
            try sheet.setColumn(column, column, width: width)
        }
    }

    /// Fixed widths, so the page fits A4 portrait and long texts wrap inside it.
    static let widths: [Double] = [30, 22, 26, 20]
    static var totalWidth: Double { widths.reduce(0, +) }

    private func contentsDescription(_ sheet: PackSheet) -> String {
        switch sheet {
        case .front: return ""
        case .overview:
            return
                "Alle indikatorer på én side: \(report.kind.definite)s tal, hele landets og spredningen mellem \(report.kind.definitePlural)"
        case .prompts: return "Spørgsmål til drøftelse, med \(report.kind.definite)s egne tal"
        case .documentation: return "Definitioner, kilder, beregning, dækning og skjulte celler"
        case .section(let section):
            let shown = report.sections.first { $0.section == section }
            // A group by its own short title: its members are listed on the sheet.
            let titles = shown?.blocks.map { block -> String in
                switch block {
                case .indicator(let indicator): return indicator.indicator.shortTitle
                case .group(let group): return "\(group.group.shortTitle) (\(group.indicators.count))"
                }
            }
            return titles?.joined(separator: ", ") ?? ""
        }
    }
}
