import DatapakkeCore
import Foundation

/// The formats `datapakke figures` prints a figure listing in.
public enum FigureListingFormat: String, CaseIterable, Sendable {
    case table, json, csv
}

extension FigureListing {
    /// The listing as text in one of the formats.
    public func text(_ format: FigureListingFormat) throws -> String {
        switch format {
        case .json: return try json() + "\n"
        case .csv: return csv()
        case .table: return table()
        }
    }

    /// Pretty-printed JSON with sorted keys.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(entries), as: UTF8.self)
    }

    /// Semicolon-separated with decimal comma, as Danish Excel expects, and safe for it (`CSVText`):
    /// a byte order mark, quoted fields, and names that start like a formula neutralised.
    public func csv() -> String {
        let header = [
            "niveau", "id", "navn", "indikator", "periode", "vaerdi", "taeller", "naevner", "tilnaermelse", "skjult", "datagrundlag",
            "kommuner_med_vaerdi", "kommuner", "vaegtandel", "nedre_95", "oevre_95", "metode", "raa_rate",
            // The similar clusters and the opportunity (docs/similar-councils.md).
            "sammenlignelige", "vaerdi_sammenlignelige", "skjult_sammenlignelige", "ift_sammenlignelige", "mulighed", "mulighed_nedre_95",
            "mulighed_oevre_95", "bedste_kvartil", "mulighed_enhed", "mulighed_kommuner",
        ]
        func number(_ value: Double?) -> CSVText.Field {
            guard let value else { return .number("") }
            if value == value.rounded(), abs(value) < 1e15 { return .number(String(Int(value))) }
            return .number(String(value).replacingOccurrences(of: ".", with: ","))
        }
        let rows: [[CSVText.Field]] = entries.map { entry in
            [
                .text(entry.level), .text(entry.id), .text(entry.name), .text(entry.indicator), .text(entry.period), number(entry.value),
                number(entry.numerator), number(entry.denominator), .text(entry.approximation ? "ja" : "nej"), .text(entry.hidden ?? ""),
                .text(entry.origin), .number(String(entry.municipalitiesWithValue)), .number(String(entry.municipalities)),
                number(entry.weightShare), number(entry.lower), number(entry.upper), .text(entry.method ?? ""), number(entry.crude),
                .text(entry.similar?.joined(separator: "+") ?? ""), number(entry.similarValue), .text(entry.similarHidden ?? ""),
                .text(entry.similarPosition ?? ""), number(entry.opportunity), number(entry.opportunityLower),
                number(entry.opportunityUpper), number(entry.opportunityBest), .text(entry.opportunityUnit ?? ""),
                number(entry.opportunityMembers),
            ]
        }
        return CSVText.document(header: header, rows: rows)
    }

    /// A plain table for reading in a terminal, one block per area; control characters from the
    /// inputs are shown, not sent (`TerminalText`).
    public func table() -> String {
        var text = ""
        var currentArea = ""
        for entry in entries {
            if entry.id != currentArea {
                currentArea = entry.id
                text += "\n" + TerminalText.escape("\(entry.name) (\(entry.level) \(entry.id))") + "\n"
                if let similar = entry.similar {
                    text += TerminalText.escape("  Sammenlignelige: " + similar.joined(separator: ", ")) + "\n"
                }
            }
            let value: String
            if let hidden = entry.hidden {
                value = "skjult (\(hidden))"
            } else if let number = entry.value {
                value = DanishNumber.format(number, decimals: entry.decimals) + (entry.approximation ? " (tilnærmet)" : "")
            } else {
                value = entry.notAdditive ? "intet samlet tal" : ".."
            }
            // An age-standardised figure with its crude rate beside it.
            let crude = entry.hidden == nil ? entry.crude.map { " (rå \(DanishNumber.format($0, decimals: entry.decimals)))" } ?? "" : ""
            let coverage = Vocabulary.coverage(
                Coverage(
                    municipalitiesWithValue: entry.municipalitiesWithValue, municipalities: entry.municipalities,
                    weightShare: entry.weightShare),
                alwaysShowShare: true)
            let synthetic = entry.origin == "syntetisk" ? " [syntetisk]" : ""
            let line =
                "  \(Self.pad(entry.title, 62)) \(Self.pad(entry.periodLabel, 15)) \(Self.pad(value, 18)) \(entry.unit)\(crude) (\(coverage))\(synthetic)"
            text += TerminalText.escape(line) + "\n"
        }
        return text
    }

    /// Pads with spaces to `width` characters; longer text is kept whole.
    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
