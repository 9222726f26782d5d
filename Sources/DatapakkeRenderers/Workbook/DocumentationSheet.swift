import DatapakkeCore
import XLSXWriter

/// The documentation sheet: per indicator its definition, source, periods, rule and coverage, then
/// every hidden cell with the reason, then the cluster definition's sources.
struct DocumentationSheet {
    let report: PackReport
    let styles: WorkbookStyles

    func write(in workbook: Workbook) throws {
        let sheet = try workbook.addWorksheet(named: PackSheet.documentation.name)
        let layout = SheetLayout(sheet)
        try setUpPage(sheet, report: report)
        try layout.write(.text("Dokumentation · \(report.cluster.name)"), row: 0, column: 0, style: styles.title, measure: false)
        try layout.write(.internalLink(sheet: PackSheet.front.name, cell: "A1", text: "← Til forsiden"), row: 1, column: 0, style: styles.link, measure: false)
        var row = 3
        let headers = ["Indikator", "Sektion", "Definition", "Enhed", "Datagrundlag", "Kilde", "Perioder",
                       "Beregning af tal for \(report.kind.rawValue), region og land", "Dækning i \(report.kind.definite), seneste periode",
                       "Diskretionering", "Noter"]
        for (column, header) in headers.enumerated() {
            try layout.write(.text(header), row: row, column: column, style: styles.tableHeader, measure: false)
        }
        sheet.freezePanes(row: row + 1, column: 1)
        row += 1
        for section in report.sections {
            for indicator in section.indicators {
                let info = indicator.indicator
                let coverage = (indicator.clusterRow?.coverage.last ?? nil).map {
                    Vocabulary.coverage($0, shareDecimals: 1, alwaysShowShare: true)
                } ?? ""
                let cells = [
                    info.title, section.section.title, info.definition, info.unit,
                    indicator.origin == .synthetic ? "SYNTETISKE eksempeldata" : "Reelle, offentliggjorte tal",
                    info.source, indicator.allPeriods.map(\.label).joined(separator: ", ") + (info.periodNote.map { ". \($0)" } ?? ""),
                    info.weightingDescription, coverage,
                    suppressionText(info.suppression, aggregation: info.aggregation), info.notes.joined(separator: " "),
                ]
                for (column, text) in cells.enumerated() {
                    try layout.write(.text(text), row: row, column: column, style: column == 4 && indicator.origin == .synthetic ? styles.warning : styles.note,
                                     measure: false)
                }
                let longest = cells.map(\.count).max() ?? 0
                try sheet.setRow(row, height: min(maximumRowHeight, Double(max(1, longest / 38 + 1)) * 13.5))
                row += 1
            }
        }
        for (column, width) in [28.0, 16, 44, 18, 16, 30, 16, 40, 22, 28, 44].enumerated() {
            try sheet.setColumn(column, column, width: width)
        }
        row += 1

        try layout.write(.text("Skjulte celler"), row: row, column: 0, style: styles.heading, measure: false)
        row += 1
        let hidden = report.hiddenCells
        if hidden.isEmpty {
            try layout.write(.text("Ingen celler i denne datapakke er skjult."), row: row, column: 0, style: styles.text, measure: false)
            row += 1
        } else {
            for (column, header) in ["Indikator", "Område", "Periode", "Vist som", "Årsag"].enumerated() {
                try layout.write(.text(header), row: row, column: column, style: styles.tableHeader, measure: false)
            }
            row += 1
            for (indicator, cell) in hidden {
                let cells = [indicator.title, cell.rowName, cell.period.label, cell.reason.marker, cell.reason.explanation]
                for (column, text) in cells.enumerated() {
                    try layout.write(.text(text), row: row, column: column, style: styles.note, measure: false)
                }
                row += 1
            }
        }
        row += 1

        try layout.write(.text("Om \(report.kind.definite)s afgrænsning"), row: row, column: 0, style: styles.heading, measure: false)
        row += 1
        var about: [(String, String)] = [("Definitionssæt", report.definitionsName), ("Id", report.cluster.id)]
        if !report.publishedWith.isEmpty {
            about.append((
                "Diskretionering",
                "Offentliggøres sammen med \(DanishText.list(report.publishedWith)) for de samme kommuner og data. Skjulte celler er afgjort "
                    + "for kortene under ét, så en skjult værdi heller ikke kan regnes ud ved at sammenholde dem."
            ))
        }
        for (label, text) in about {
            try layout.write(.text(label), row: row, column: 0, style: styles.subheading, measure: false)
            try sheet.merge(firstRow: row, firstColumn: 1, lastRow: row, lastColumn: 4, text: text, style: styles.note)
            try sheet.setRow(row, height: min(maximumRowHeight, Double(max(1, text.count / 110 + 1)) * 14))
            row += 1
        }
    }

    private func suppressionText(_ rule: SuppressionRule, aggregation: Aggregation) -> String {
        var parts: [String] = []
        if case .count = aggregation {
            if let minimum = rule.minimumCount { parts.append("antal under \(DanishNumber.format(minimum, decimals: 0)) vises ikke") }
        } else {
            if let minimum = rule.minimumNumerator { parts.append("tæller under \(DanishNumber.format(minimum, decimals: 0))") }
            if let minimum = rule.minimumDenominator { parts.append("nævner under \(DanishNumber.format(minimum, decimals: 0))") }
            if !parts.isEmpty { parts = ["kommunetal med " + parts.joined(separator: " eller ") + " vises ikke"] }
        }
        guard !parts.isEmpty else { return "Ingen (kilden har selv udeladt usikre tal, eller tallene er ikke personhenførbare)." }
        return parts.joined() + "; en ekstra celle skjules, hvis en skjult værdi ellers kan regnes ud (sekundær diskretionering)."
    }
}
