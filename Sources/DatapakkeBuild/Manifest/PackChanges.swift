import DatapakkeCore

/// What changed between two versions of a pack, as Danish sentences for the front page, the
/// manifest and `datapakke diff`, computed from the two manifest entries alone.
public enum PackChanges {
    /// The most sentences listed; the rest are counted in a last line.
    public static let limit = 30

    /// Membership, periods, indicators, inputs that changed without moving a figure, then every moved
    /// figure ("Genindlæggelser, somatiske (2023): Sundhedsråd X 12,3 → 12,5 pct. (+0,2)").
    public static func between(_ old: Manifest.Pack, _ new: Manifest.Pack, limit: Int = limit) -> [String] {
        var lines = structure(old, new)
        let figures = movedFigures(old, new)
        lines += inputNotes(old, new, explained: !lines.isEmpty || !figures.isEmpty)
        lines += figures
        guard lines.count > limit else { return lines }
        return Array(lines.prefix(limit)) + ["… og \(lines.count - limit) flere ændringer."]
    }

    private static func structure(_ old: Manifest.Pack, _ new: Manifest.Pack) -> [String] {
        var lines: [String] = []
        if old.name != new.name { lines.append("Navn ændret: \(old.name) → \(new.name).") }
        if old.region != new.region { lines.append("Region ændret: \(old.region) → \(new.region).") }
        let oldMembers = Dictionary(old.municipalities.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let newMembers = Dictionary(new.municipalities.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let added = new.municipalities.filter { oldMembers[$0.code] == nil }
        let removed = old.municipalities.filter { newMembers[$0.code] == nil }
        if !added.isEmpty { lines.append("Kommuner tilføjet: \(DanishText.list(added.map(\.name))).") }
        if !removed.isEmpty { lines.append("Kommuner fjernet: \(DanishText.list(removed.map(\.name))).") }
        for member in new.municipalities {
            guard let before = oldMembers[member.code], before.share != member.share else { continue }
            lines.append("Andel ændret for \(member.name): \(percent(before.share)) → \(percent(member.share)).")
        }

        let newPeriods = new.periods.filter { !old.periods.contains($0) }
        let gonePeriods = old.periods.filter { !new.periods.contains($0) }
        if !newPeriods.isEmpty {
            lines.append("Ny\(newPeriods.count == 1 ? "" : "e") period\(newPeriods.count == 1 ? "e" : "er"): \(labels(newPeriods)).")
        }
        if !gonePeriods.isEmpty { lines.append("Udgåede perioder: \(labels(gonePeriods)).") }

        let oldIndicators = Dictionary(old.figures.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newIDs = Set(new.figures.map(\.id))
        let addedIndicators = new.figures.filter { oldIndicators[$0.id] == nil }
        let removedIndicators = old.figures.filter { !newIDs.contains($0.id) }
        if !addedIndicators.isEmpty { lines.append("Nye indikatorer: \(addedIndicators.map(\.title).joined(separator: "; ")).") }
        if !removedIndicators.isEmpty { lines.append("Udgåede indikatorer: \(removedIndicators.map(\.title).joined(separator: "; ")).") }

        // New data periods per indicator, grouped by period so a new year is one line, not one per indicator.
        var newData: [(period: String, titles: [String])] = []
        for indicator in new.figures {
            guard let before = oldIndicators[indicator.id] else { continue }
            for period in indicator.periods where !before.periods.contains(period) {
                if let index = newData.firstIndex(where: { $0.period == period }) {
                    newData[index].titles.append(indicator.title)
                } else {
                    newData.append((period, [indicator.title]))
                }
            }
        }
        for (period, titles) in newData {
            lines.append("Nye tal for \(label(period)): \(titles.joined(separator: "; ")).")
        }
        return lines
    }

    /// The pack's own moved figures and marks (its municipalities and the council) one line each;
    /// what moved only in the comparison with region and country (their rows, marks against the
    /// country, the distance to it) in one line, since a change far away moves it in every pack.
    private static func movedFigures(_ old: Manifest.Pack, _ new: Manifest.Pack) -> [String] {
        let oldIndicators = Dictionary(old.figures.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var own: [String] = []
        var comparison: [String] = []
        let comparisonLevels = [AreaLevel.region.rawValue, AreaLevel.similar.rawValue, AreaLevel.country.rawValue]
        for indicator in new.figures {
            guard let before = oldIndicators[indicator.id] else { continue }
            let oldRows = Dictionary(before.rows.map { ("\($0.level)/\($0.id)", $0) }, uniquingKeysWith: { first, _ in first })
            for period in indicator.periods where before.periods.contains(period) {
                for row in indicator.rows {
                    guard let oldRow = oldRows["\(row.level)/\(row.id)"], let was = oldRow.values[period], let now = row.values[period]
                    else { continue }
                    // Compare as shown: a change in a decimal that is not shown is no change.
                    let wasText = was.text(decimals: before.decimals)
                    let nowText = now.text(decimals: indicator.decimals)
                    guard wasText != nowText else { continue }
                    var line = "\(indicator.title) (\(label(period))): \(row.name) \(wasText) → \(nowText)"
                    if let a = was.number, let b = now.number {
                        if !indicator.unit.isEmpty { line += " \(indicator.unit)" }
                        let delta = DanishNumber.format(b - a, decimals: indicator.decimals)
                        line += " (\(delta.hasPrefix("-") ? delta : "+" + delta))"
                    }
                    if comparisonLevels.contains(row.level) { comparison.append(line) } else { own.append(line) }
                }
            }
            // Marks and the distance to the country rest on unrounded figures and can move on their own.
            let latest = indicator.periods.last.map { " (\(label($0)))" } ?? ""
            for row in indicator.rows {
                guard let oldRow = oldRows["\(row.level)/\(row.id)"] else { continue }
                if let was = oldRow.development, let now = row.development, was != now {
                    let line =
                        "\(indicator.title)\(latest): \(row.name), udvikling \(mark(was) { Vocabulary.development($0, rule: before.comparisonRule) }) → "
                        + "\(mark(now) { Vocabulary.development($0, rule: indicator.comparisonRule) })"
                    if comparisonLevels.contains(row.level) { comparison.append(line) } else { own.append(line) }
                }
                if let was = oldRow.versusCountry, let now = row.versusCountry, was != now {
                    comparison.append(
                        "\(indicator.title)\(latest): \(row.name) \(mark(was) { Vocabulary.level($0, rule: before.comparisonRule) }) → "
                            + "\(mark(now) { Vocabulary.level($0, rule: indicator.comparisonRule) })")
                }
            }
            if let was = before.clusterVersusCountry.map(withUnit), let now = indicator.clusterVersusCountry.map(withUnit), was != now,
                let cluster = indicator.rows.first(where: { $0.level == AreaLevel.cluster.rawValue })
            {
                comparison.append(
                    "\(indicator.title)\(latest): \(cluster.name) i forhold til hele landet "
                        + "\(distance(was, rule: before.comparisonRule)) → \(distance(now, rule: indicator.comparisonRule))")
            }
        }
        switch comparison.count {
        case 0: return own
        case 1: return own + comparison
        default:
            return own + [
                "Sammenligningen med region og land er opdateret: \(comparison.count) tal og markeringer har flyttet sig "
                    + "(fx \(comparison[0]))."
            ]
        }
    }

    /// A traffic-light mark in the pack's own words ("▼ Dårligere end landet"), from its stored name.
    private static func mark(_ stored: String, _ words: (TrafficLight) -> String) -> String {
        TrafficLight(rawValue: stored).map(words) ?? stored
    }

    /// A distance as stored now: "+11,7" from a manifest written before the distances had units is "+11,7 %".
    private static func withUnit(_ text: String) -> String {
        text.contains(" ") ? text : text + " %"
    }

    /// "+2,6 procentpoint" → "2,6 procentpoint over", "=0,4 %" → "på niveau (0,4 %)", or "ikke
    /// signifikant forskellig (0,4 %)" under significance.
    private static func distance(_ text: String, rule: ComparisonRule) -> String {
        let amount = String(text.dropFirst())
        switch text.first {
        case "+": return "\(amount) over"
        case "-": return "\(amount) under"
        default: return rule == .significance ? "ikke signifikant forskellig (\(amount))" : "på niveau (\(amount))"
        }
    }

    /// Inputs that changed although no figure, member or period did: otherwise a rebuilt pack would
    /// list no reason at all.
    private static func inputNotes(_ old: Manifest.Pack, _ new: Manifest.Pack, explained: Bool) -> [String] {
        let (a, b) = (old.inputs, new.inputs)
        var lines: [String] = []
        if a.catalogue != b.catalogue { lines.append("Indikatorkataloget (indikatorer.yaml) er ændret.") }
        if a.templates != b.templates { lines.append("Skabelonerne til refleksionsspørgsmålene er ændret.") }
        if a.tool != b.tool { lines.append("Bygget med en ny version af datapakke.") }
        if !explained {
            if a.definition != b.definition { lines.append("Definitionen er ændret (akutsygehuse, note, sikkerhed eller kilder).") }
            if a.municipalData != b.municipalData { lines.append("Kommunernes data er ændret, men ingen viste tal har flyttet sig.") }
            if a.comparison != b.comparison {
                lines.append("Sammenligningen med region og land er ændret (markeringer, skjulte tal eller tragtdiagrammer).")
            }
        }
        return lines
    }

    private static func labels(_ periods: [String]) -> String {
        periods.map { label($0) }.joined(separator: ", ")
    }

    /// A period of the manifest as the pack names it ("1. januar 2025"); text that is no period as it is.
    private static func label(_ period: String) -> String {
        Period(period)?.label ?? period
    }

    private static func percent(_ share: Double) -> String {
        Vocabulary.percent(share, decimals: 0)
    }
}
