import DatapakkeCore

/// A pack's figures as the pack shows them, for Danish Excel (`<pack>-tal.csv`, linked from the
/// download page): every row of every indicator table — the municipalities, the council, the
/// region and the country — in every shown period, rounded as shown. A hidden value is its marker
/// in the column `skjult` and no number (nor its counts or interval); a missing one is empty, never 0.
public enum PackFiguresCSV {
    public static let header = [
        "indikator", "titel", "enhed", "periode", "niveau", "id", "navn", "vaerdi", "taeller", "naevner", "nedre_95", "oevre_95",
        "skjult", "udvikling", "niveau_ift_landet",
        "datagrundlag",
    ]

    public static func csv(_ report: PackReport) -> String {
        var rows: [[CSVText.Field]] = []
        for section in report.sections {
            for indicator in section.indicators {
                let info = indicator.indicator
                for row in indicator.rows {
                    for (index, period) in indicator.periods.enumerated() where index < row.values.count {
                        let value = row.values[index]
                        let latest = index == indicator.periods.count - 1
                        rows.append([
                            .text(info.id), .text(info.title), .text(info.unit), .text(period.label),
                            .text(report.kind.name(of: row.level)), .text(row.id), .text(row.name),
                            .number(value.number.map { DanishNumber.format($0, decimals: info.decimals) } ?? ""),
                            .number(row.numerators[index].map(DanishNumber.formatCount) ?? ""),
                            .number(row.denominators[index].map(DanishNumber.formatCount) ?? ""),
                            .number(row.intervals[index].map { DanishNumber.format($0.lower, decimals: info.decimals + 1) } ?? ""),
                            .number(row.intervals[index].map { DanishNumber.format($0.upper, decimals: info.decimals + 1) } ?? ""),
                            .text(value.number == nil ? value.marker : ""),
                            .text(latest ? row.development.map { Vocabulary.development($0, rule: info.comparison) } ?? "" : ""),
                            .text(latest ? row.levelMark.map { Vocabulary.level($0, rule: info.comparison) } ?? "" : ""),
                            .text(
                                indicator.hasSyntheticWeights && row.level != .municipality
                                    ? Vocabulary.realWithSyntheticWeights : indicator.origin.rawValue),
                        ])
                    }
                }
            }
        }
        return CSVText.document(header: header, rows: rows)
    }
}
