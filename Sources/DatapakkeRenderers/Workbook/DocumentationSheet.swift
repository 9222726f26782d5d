import DatapakkeCore
import XLSXWriter

/// The documentation sheet: per indicator its definition, source, periods, rule and coverage, then
/// every hidden cell with the reason, then the cluster definition's sources.
struct DocumentationSheet {
    let report: PackReport
    let styles: WorkbookStyles

    /// Label and text columns: the label column, then the text merged over three columns.
    static let widths: [Double] = [26, 30, 30, 30]
    static var textWidth: Double { widths.dropFirst().reduce(0, +) }

    func write(in workbook: Workbook) throws {
        let sheet = try workbook.addWorksheet(named: PackSheet.documentation.name)
        let layout = SheetLayout(sheet)
        try setUpPage(sheet, report: report)
        // Readable rows, portrait: per indicator its facts one under the other, not eleven columns.
        sheet.setPortrait()
        try layout.write(.text("Dokumentation · \(report.cluster.name)"), row: 0, column: 0, style: styles.title, measure: false)
        try layout.write(
            .internalLink(sheet: PackSheet.front.name, cell: "A1", text: "← Til forsiden"), row: 1, column: 0, style: styles.link,
            measure: false)
        var row = 3
        func field(_ label: String, _ text: String, style: Format? = nil) throws {
            guard !text.isEmpty else { return }
            try layout.write(.text(label), row: row, column: 0, style: styles.subheading, measure: false)
            row += try sheet.writeWrapped(
                text, row: row, firstColumn: 1, lastColumn: 3, width: Self.textWidth, style: style ?? styles.note, lineHeight: 13.5)
        }
        for section in report.sections {
            for indicator in section.indicators {
                let info = indicator.indicator
                try layout.write(.text(info.title), row: row, column: 0, style: styles.heading, measure: false)
                row += 1
                let coverage =
                    (indicator.clusterRow?.coverage.last ?? nil).map {
                        Vocabulary.coverage($0, alwaysShowShare: true)
                    } ?? ""
                try field("Sektion", section.section.title)
                try field("Definition", info.definition)
                try field("Enhed", info.unit)
                let origin =
                    indicator.origin == .synthetic
                    ? "SYNTETISKE eksempeldata"
                    : indicator.hasSyntheticWeights ? Vocabulary.syntheticWeightsNote + "." : "Reelle, offentliggjorte tal"
                try field(
                    "Datagrundlag", origin, style: indicator.origin == .synthetic || indicator.hasSyntheticWeights ? styles.warning : nil)
                try field("Kilde", info.source)
                try field("Perioder", indicator.allPeriods.map(\.label).joined(separator: ", ") + (info.periodNote.map { ". \($0)" } ?? ""))
                try field("Beregning", info.weightingDescription)
                try field("Aldersstandardisering", info.standardisationDescription ?? "")
                try field("Dækning", coverage.isEmpty ? "" : "\(coverage) i \(report.kind.definite), seneste periode")
                try field("Diskretionering", suppressionText(info.suppression, aggregation: info.aggregation))
                try field("Usikkerhed", Vocabulary.intervalDescription(info))
                try field(
                    "Sammenligning",
                    info.direction == .none
                        ? "Ingen trafiklys: hverken en høj eller en lav værdi er i sig selv bedre." : Vocabulary.comparisonNote(info))
                if let funnel = indicator.funnel {
                    try field("Tragtdiagram", Vocabulary.funnelDocumentation(funnel))
                } else if let absence = indicator.funnelAbsence {
                    try field("Tragtdiagram", Vocabulary.funnelAbsence(absence))
                }
                try field("Noter", info.notes.joined(separator: " "))
                row += 1
            }
        }
        for (column, width) in Self.widths.enumerated() {
            try sheet.setColumn(column, column, width: width)
        }
        row = try SimilarWorkbook(report: report, styles: styles).writeDocumentation(
            sheet, layout: layout, from: row, textWidth: Self.textWidth)

        try layout.write(.text("Skjulte celler"), row: row, column: 0, style: styles.heading, measure: false)
        row += 1
        let hidden = report.hiddenCells
        if hidden.isEmpty {
            try layout.write(.text("Ingen celler i denne datapakke er skjult."), row: row, column: 0, style: styles.text, measure: false)
            row += 1
        } else {
            for (column, header) in ["Indikator", "Område", "Periode og vist som", "Årsag"].enumerated() {
                try layout.write(.text(header), row: row, column: column, style: styles.tableHeader, measure: false)
            }
            row += 1
            for (indicator, cell) in hidden {
                let cells = [indicator.title, cell.rowName, "\(cell.period.label): \(cell.reason.marker)", cell.reason.explanation]
                for (column, text) in cells.enumerated() {
                    try layout.write(.text(text), row: row, column: column, style: styles.note, measure: false)
                }
                try sheet.setRow(
                    row, height: rowHeight(lines: max(indicator.title.count / 26, cell.reason.explanation.count / 30) + 1, lineHeight: 13.5)
                )
                row += 1
            }
        }
        row += 1

        try layout.write(.text("Om \(report.kind.definite)s afgrænsning"), row: row, column: 0, style: styles.heading, measure: false)
        row += 1
        try field("Definitionssæt", report.definitionsName)
        try field("Id", report.cluster.id)
        if !report.publishedWith.isEmpty {
            try field(
                "Diskretionering",
                "Offentliggøres sammen med \(DanishText.list(report.publishedWith)) for de samme kommuner og data. Skjulte celler er afgjort "
                    + "for kortene under ét, så en skjult værdi heller ikke kan regnes ud ved at sammenholde dem.")
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
