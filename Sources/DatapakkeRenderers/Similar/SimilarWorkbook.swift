import DatapakkeCore
import XLSXWriter

/// The workbook's parts about similar clusters and the opportunity (docs/similar-councils.md): the
/// notes under a table, the front page's block, the overview's columns and the Dokumentation section.
struct SimilarWorkbook {
    let report: PackReport
    let styles: WorkbookStyles

    /// The notes under an indicator's table: who the similar clusters are, why their figure is hidden
    /// where it is, the cluster against them and its opportunity.
    static func notes(_ indicator: IndicatorReport, report: PackReport) -> [String] {
        // The row's name says what it is, the front page which councils, the overview how the council
        // lies against them: only a hidden figure needs a word here, so the block and its chart still
        // fit one printed page.
        guard let row = indicator.similarRow, row.values.contains(where: { if case .hidden = $0 { return true } else { return false } })
        else { return [] }
        return [Vocabulary.similarHiddenNote]
    }

    /// The front page's block from `row`: the similar clusters with their distances, the opportunities,
    /// and each member municipality's most similar municipalities. Returns the next free row.
    func writeFrontPage(_ sheet: Worksheet, layout: SheetLayout, from start: Int, widths: [Double]) throws -> Int {
        guard let similar = report.similar else { return start }
        let total = widths.reduce(0, +)
        var row = start
        try layout.write(.text(similar.rowName), row: row, column: 0, style: styles.heading, measure: false)
        row += 1
        let intro =
            "De \(similar.neighbours.count) \(report.kind.plural), der ligner \(report.cluster.name) mest i profilen "
            + "«\(Vocabulary.profileText(similar))». Afstanden er mellem de standardiserede værdier (0 er ens); "
            + "hver tabel har en række for dem samlet, og arket Dokumentation viser profilen og hver kommunes sammenlignelige kommuner."
        row += try sheet.writeWrapped(intro, row: row, firstColumn: 0, lastColumn: 3, width: total, style: styles.note, lineHeight: 13.5)
        if let warning = Vocabulary.similarSyntheticNote(similar) {
            row += try sheet.writeWrapped(warning, row: row, firstColumn: 0, lastColumn: 3, width: total, style: styles.warning)
        }
        try layout.write(.text(report.kind.singular.capitalizedFirst), row: row, column: 0, style: styles.tableHeader)
        try layout.write(.text("Afstand"), row: row, column: 1, style: styles.tableHeaderRight)
        row += 1
        for neighbour in similar.neighbours {
            try layout.write(.text(neighbour.name), row: row, column: 0, style: styles.name)
            try layout.write(
                .number(DanishNumber.rounded(neighbour.distance, decimals: SimilarAreas.distanceDecimals)), row: row, column: 1,
                style: styles.number(decimals: SimilarAreas.distanceDecimals, level: .municipality),
                displayed: DanishNumber.format(neighbour.distance, decimals: SimilarAreas.distanceDecimals))
            row += 1
        }
        row += 1

        let opportunities = report.sections.flatMap(\.indicators).compactMap { indicator -> (IndicatorReport, String)? in
            guard let opportunity = indicator.similar?.opportunity,
                var line = Vocabulary.opportunityLine(
                    opportunity, indicator: indicator.indicator, value: indicator.clusterRow?.latest.number)
            else { return nil }
            if indicator.origin == .synthetic { line += " · SYNTETISKE eksempeldata" }
            if indicator.hasSyntheticWeights { line += " · vægtet med SYNTETISKE befolkningstal" }
            return (indicator, line)
        }
        try layout.write(.text("Muligheden"), row: row, column: 0, style: styles.heading, measure: false)
        row += 1
        let explanation =
            "Hvor meget mindre (eller mere, hvor højt er bedst) \(report.kind.definite) ville have, med samme niveau som det bedste "
            + "kvartil af de sammenlignelige \(report.kind.plural)."
            + (opportunities.isEmpty
                ? " \(capitalized(report.kind.definite)) ligger på eller bedre end det niveau for alle indikatorer med en mulighed." : "")
        row += try sheet.writeWrapped(
            explanation, row: row, firstColumn: 0, lastColumn: 3, width: total, style: styles.note, lineHeight: 13.5)
        for (indicator, line) in opportunities {
            try layout.write(.text(indicator.indicator.shortTitle), row: row, column: 0, style: styles.subheading)
            row += try sheet.writeWrapped(
                line, row: row, firstColumn: 1, lastColumn: 3, width: total - widths[0], style: styles.note, lineHeight: 13.5)
        }
        row += 1

        return row + 1
    }

    /// The Dokumentation sheet's section on the method, the profile and the similar clusters' values.
    func writeDocumentation(_ sheet: Worksheet, layout: SheetLayout, from start: Int, textWidth: Double) throws -> Int {
        guard let similar = report.similar else { return start }
        var row = start
        func field(_ label: String, _ text: String) throws {
            try layout.write(.text(label), row: row, column: 0, style: styles.subheading, measure: false)
            row += try sheet.writeWrapped(
                text, row: row, firstColumn: 1, lastColumn: 3, width: textWidth, style: styles.note, lineHeight: 13.5)
        }
        try layout.write(.text("\(similar.rowName) og muligheden"), row: row, column: 0, style: styles.heading, measure: false)
        row += 1
        let variables = similar.variables.map { summary in
            var text =
                "\(summary.indicator.title) (\(summary.period.label)), vægt \(DanishNumber.format(summary.variable.weight, decimals: summary.variable.weight == summary.variable.weight.rounded() ? 0 : 2))"
            if summary.variable.transformation == .logarithm { text += ", på logaritmisk skala" }
            return text
        }
        try field("Profil", variables.joined(separator: "; ") + ".")
        try field(
            "Afstand",
            "Hver variabel er indikatorens tal for \(report.kind.singular) efter dens egen regel, i seneste periode. Værdierne standardiseres "
                + "til z-scorer (afstand fra gennemsnittet over alle \(report.kind.plural) målt i standardafvigelser), og afstanden er "
                + "kvadratroden af den vægtede sum af de kvadrerede forskelle. De \(similar.neighbours.count) nærmeste er de "
                + "sammenlignelige; ved lige afstand går det laveste id først. Kommunerne sammenlignes på samme måde med hinanden "
                + "(z-scorer over de 98 kommuner), de \(similar.municipalityNeighbours) nærmeste.")
        try field(
            "Sammenlignelige",
            "Tallet for de sammenlignelige er regnet efter indikatorens egen regel over alle deres kommuner, som var de ét "
                + "\(report.kind.singular), og får trafiklys mod landet som regionen. \(Vocabulary.similarHiddenNote)")
        try field(
            "Muligheden",
            "For indikatorer med tællere og en retning, og for de vægtede rater, profilen nævner: forskellen mellem \(report.kind.definite)s "
                + "tal og det bedste kvartil af de sammenlignelige \(report.kind.plural)s viste tal (den nedre kvartil, når lavt er bedst, "
                + "den øvre, når højt er), ganget med \(report.kind.definite)s nævner. Usikkerheden er regnet af \(report.kind.definite)s eget "
                + "95 %-konfidensinterval, hvor tallet har et. Kun viste tal indgår; et skjult tal bruges aldrig.")
        try field(
            "Forbehold",
            "Ligheden gælder kun de variabler, profilen har: by og land, sociale forhold, sygehusstruktur og registreringspraksis indgår "
                + "ikke. Det bedste kvartil er ikke et mål, men det niveau, en fjerdedel af de sammenlignelige når. Muligheden er en "
                + "størrelsesorden, ikke en besparelse, der kan regnes med.")
        if let warning = Vocabulary.similarSyntheticNote(similar) {
            try layout.write(.text("Datagrundlag"), row: row, column: 0, style: styles.subheading, measure: false)
            row += try sheet.writeWrapped(warning, row: row, firstColumn: 1, lastColumn: 3, width: textWidth, style: styles.warning)
        }
        row += 1
        // The profile: the cluster's values, the range of its similar clusters' and of all clusters', as
        // shown; four columns, so that the sheet prints on A4 portrait.
        let headers = [
            "Variabel", report.cluster.name, "\(similar.rowName) (laveste–højeste)", "Alle \(report.kind.plural) (laveste–højeste)",
        ]
        for (column, header) in headers.enumerated() {
            try layout.write(.text(header), row: row, column: column, style: styles.tableHeader, measure: false)
        }
        try sheet.setRow(row, height: 30)
        row += 1
        for (index, summary) in similar.variables.enumerated() {
            let decimals = summary.indicator.decimals
            let format = { (value: Double) in DanishNumber.format(value, decimals: decimals) }
            let range = { (values: [Double]) -> String in
                guard let low = values.min(), let high = values.max() else { return Vocabulary.missingMarker }
                return format(low) + "–" + format(high)
            }
            try layout.write(
                .text("\(summary.indicator.shortTitle), \(summary.period.label)"), row: row, column: 0, style: styles.name, measure: false)
            if let value = similar.own?.values[index] ?? nil {
                try layout.write(
                    .number(DanishNumber.rounded(value, decimals: decimals)), row: row, column: 1,
                    style: styles.number(decimals: decimals, level: .municipality), displayed: format(value))
            } else {
                try layout.write(.text(Vocabulary.missingMarker), row: row, column: 1, style: styles.marker)
            }
            try layout.write(.text(range(similar.units.compactMap { $0.values[index] })), row: row, column: 2, style: styles.marker)
            try layout.write(.text(range(similar.allValues[index])), row: row, column: 3, style: styles.marker)
            row += 1
        }
        row += 1
        try layout.write(.text("Sammenlignelige kommuner"), row: row, column: 0, style: styles.heading, measure: false)
        row += 1
        row += try sheet.writeWrapped(
            "For hver kommune de \(similar.municipalityNeighbours) af landets kommuner, der ligner den mest i samme profil, den mest lignende først.",
            row: row, firstColumn: 0, lastColumn: 3, width: textWidth + 26, style: styles.note, lineHeight: 13.5)
        for member in similar.members where !member.neighbours.isEmpty {
            try layout.write(.text(member.name), row: row, column: 0, style: styles.subheading)
            row += try sheet.writeWrapped(
                member.neighbours.map(\.name).joined(separator: ", "), row: row, firstColumn: 1, lastColumn: 3, width: textWidth,
                style: styles.note, lineHeight: 13.5)
        }
        return row + 1
    }

    // MARK: The overview

    /// The overview's extra headers: the similar clusters' figure and the cluster against it.
    static func overviewHeaders(_ report: PackReport) -> [(String, Bool)] {
        guard report.similar != nil else { return [] }
        return [("Sammen-\nlignelige", true), ("Ift. sammenlignelige", false), ("Muligheden", false)]
    }

    /// "Sammenlignelige sundhedsråd: A, B, C, D og E (se forsiden)."
    static func overviewNames(_ report: PackReport) -> String? {
        guard let similar = report.similar else { return nil }
        return "\(similar.rowName): \(DanishText.list(similar.neighbours.map(\.name))) (se forsiden)."
    }

    static func overviewNotes(_ report: PackReport) -> [String] {
        guard report.similar != nil else { return [] }
        return [
            "Sammenlignelige: tallet for de \(report.kind.plural), der ligner \(report.kind.definite) mest, samlet; ift. sammenlignelige efter samme regel som niveau ift. landet. "
                + "Muligheden: hvor meget mindre (eller mere, hvor højt er bedst) med samme niveau som det bedste kvartil af dem; se forsiden."
        ]
    }

    /// An indicator's similar clusters' figure and the cluster's mark against it, from `column`.
    func writeOverview(_ indicator: IndicatorReport, row: Int, column: Int, layout: SheetLayout) throws {
        guard report.similar != nil else { return }
        let decimals = indicator.indicator.decimals
        let value = indicator.similarRow?.latest ?? .missing
        if let number = value.number {
            try layout.write(
                .number(DanishNumber.rounded(number, decimals: decimals)), row: row, column: column,
                style: styles.number(decimals: decimals, level: .municipality), displayed: DanishNumber.format(number, decimals: decimals))
        } else {
            try layout.write(.text(value.marker), row: row, column: column, style: styles.marker)
        }
        if let mark = indicator.similar?.mark {
            try layout.write(
                .text(Vocabulary.similarLevel(mark, rule: indicator.indicator.comparison)), row: row, column: column + 1,
                style: styles.light(mark, level: .municipality))
        } else {
            try layout.write(
                .text(Vocabulary.similarUnjudged(indicator.indicator, comparison: indicator.similar)), row: row, column: column + 1,
                style: styles.coverage)
        }
        if let opportunity = indicator.similar?.opportunity {
            let text = opportunity.shortSentence ?? "som de bedste eller bedre"
            try layout.write(.text(text), row: row, column: column + 2, style: styles.coverage, measure: false)
        }
    }

    private func capitalized(_ text: String) -> String { Self.capitalized(text) }

    private static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}

extension String {
    /// The first letter in upper case.
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
