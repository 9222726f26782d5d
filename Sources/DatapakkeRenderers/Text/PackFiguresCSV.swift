import DatapakkeCore

/// A pack's figures as the pack shows them, for Danish Excel (`<pack>-tal.csv`, linked from the
/// download page): every row of every indicator table — the municipalities, the council, the
/// region and the country — in every shown period, rounded as shown. A hidden value is its marker
/// in the column `skjult` and no number; a missing one is empty, never 0.
public enum PackFiguresCSV {
    public static let header = [
        "indikator", "titel", "enhed", "periode", "niveau", "id", "navn", "vaerdi", "skjult", "udvikling", "niveau_ift_landet",
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
                            .text(value.number == nil ? value.marker : ""),
                            .text(latest ? row.development.map(Vocabulary.development) ?? "" : ""),
                            .text(latest ? row.levelMark.map(Vocabulary.level) ?? "" : ""),
                            .text(indicator.origin.rawValue),
                        ])
                    }
                }
            }
        }
        return CSVText.document(header: header, rows: rows)
    }
}
