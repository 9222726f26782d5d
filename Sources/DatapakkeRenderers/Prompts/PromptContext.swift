import DatapakkeCore
import Foundation
import Mustache

/// The names a prompt template may use, with what they hold. `Templates/README-refleksioner.md`
/// documents the same list for analysts; a test keeps the two in step.
public enum PromptVariables {
    /// Text values of an indicator (absent when the number may not be shown).
    public static let values: [String] = [
        "raadet", "raadet_stort", "raadets_navn", "regionens_navn", "antal_kommuner",
        "titel", "titel_i_saetning", "kort_titel", "enhed", "definition",
        "periode", "periode_tekst", "forrige_periode",
        "vaerdi", "forrige_vaerdi", "regionen", "landet",
        "forskel_landet_pct", "udvikling_pct", "aendring",
        "hoejeste_kommune", "hoejeste_vaerdi", "laveste_kommune", "laveste_vaerdi", "spredning",
        "afvigende_kommune", "afvigende_vaerdi", "afvigelse_pct",
        "skjulte_kommuner", "antal_skjulte", "manglende_kommuner", "antal_manglende", "antal_viste_kommuner",
        "markering_niveau", "markering_udvikling",
        "vaerdi_med_enhed", "forrige_vaerdi_med_enhed", "regionen_med_enhed", "landet_med_enhed",
        "hoejeste_med_enhed", "laveste_med_enhed", "afvigende_med_enhed", "aendring_med_enhed",
    ]

    /// The rules: true or false for every indicator.
    public static let flags: [String] = [
        "har_vaerdi", "vaerdi_skjult", "er_antal", "kun_kommunetal", "tilnaermet", "syntetisk", "flere_kommuner",
        "hoej_er_bedst", "lav_er_bedst", "ingen_retning",
        "over_landet", "under_landet", "paa_niveau", "daarligere_end_landet", "bedre_end_landet",
        "har_udvikling", "steget", "faldet", "uaendret", "udvikling_forkert_vej", "udvikling_rigtig_vej",
        "stor_spredning", "afviger_en_kommune", "afvigende_over", "afvigende_under",
        "skjulte_vaerdier", "manglende_vaerdier", "intet_saerligt",
    ]

    /// Names a section template (`_sektion.mustache`) has besides the indicator ids.
    public static let sectionValues: [String] = ["sektion", "sektion_intro"]

    /// Every name an indicator template may use.
    public static var indicatorNames: Set<String> { Set(values + flags) }

    /// The spread (highest / lowest municipality) from which `stor_spredning` is true.
    public static let largeSpread = 1.5
    /// How far (relative to the cluster figure) a municipality must lie for `afviger_en_kommune`.
    public static let outlierDistance = 0.25
    /// The fewest shown municipality values for `afviger_en_kommune`.
    public static let outlierMinimumMunicipalities = 3
}

/// A value the template may name but that has no number to show (hidden, missing or not computed).
/// Mustache sections treat it as false; if a template prints it anyway, the renderer drops that line,
/// so a gap or a 0 can never reach a prompt.
struct AbsentValue: MustacheCustomRenderable {
    static let marker = "\u{1A}"
    var renderText: String { Self.marker }
    var isNull: Bool { true }
}

/// The facts about one indicator of one pack, computed from the report model and formatted the
/// Danish way; the template's context.
struct IndicatorFacts {
    var values: [String: String] = [:]
    var flags: [String: Bool] = [:]

    init(_ report: IndicatorReport, pack: PackReport) {
        let indicator = report.indicator
        var numbers: [String: Double] = [:]
        func set(_ name: String, _ number: Double) {
            numbers[name] = number
            values[name] = DanishNumber.format(number, decimals: indicator.decimals)
        }
        let percent = { (fraction: Double) in DanishNumber.format(abs(fraction) * 100, decimals: 1) }
        // One flag per side of the ±1 % band.
        func setBand(_ position: TrafficLightRule.Position, above: String, below: String, within: String) {
            flags[above] = position == .above
            flags[below] = position == .below
            flags[within] = position == .within
        }

        values["raadet"] = pack.kind.definite
        values["raadet_stort"] = pack.kind.definite.prefix(1).uppercased() + pack.kind.definite.dropFirst()
        values["raadets_navn"] = pack.cluster.name
        values["regionens_navn"] = pack.regionName
        values["antal_kommuner"] = String(report.municipalityRows.count)
        values["titel"] = indicator.title
        values["titel_i_saetning"] = PromptText.sentenceCase(indicator.title)
        values["kort_titel"] = indicator.shortTitle
        values["enhed"] = indicator.unit
        if !indicator.definition.isEmpty { values["definition"] = indicator.definition }
        if let latest = report.periods.last {
            values["periode"] = latest.label
            values["periode_tekst"] = latest.isDate ? "pr. \(latest.label)" : "i \(latest.label)"
        }
        if report.periods.count > 1 { values["forrige_periode"] = report.periods[report.periods.count - 2].label }

        let cluster = report.clusterRow
        let value = cluster?.latest.number
        let country = report.countryRow?.latest.number
        value.map { set("vaerdi", $0) }
        cluster?.previous?.number.map { set("forrige_vaerdi", $0) }
        report.regionRow?.latest.number.map { set("regionen", $0) }
        country.map { set("landet", $0) }

        flags["har_vaerdi"] = value != nil
        switch indicator.aggregation {
        case .count, .population: flags["er_antal"] = true
        default: break
        }
        if case .hidden = cluster?.latest { flags["vaerdi_skjult"] = true }
        if case .notComputed = cluster?.latest { flags["kun_kommunetal"] = true }
        flags["tilnaermet"] = value != nil && (cluster?.isApproximation ?? false)
        flags["syntetisk"] = report.origin == .synthetic
        flags["flere_kommuner"] = report.municipalityRows.count > 1
        flags["hoej_er_bedst"] = indicator.direction == .higherIsBetter
        flags["lav_er_bedst"] = indicator.direction == .lowerIsBetter
        flags["ingen_retning"] = indicator.direction == .none

        // Level against the country: the ±1 % band of the national goals report.
        if let difference = TrafficLightRule.relativeDifference(value, from: country) {
            values["forskel_landet_pct"] = percent(difference)
            setBand(TrafficLightRule.position(of: difference), above: "over_landet", below: "under_landet", within: "paa_niveau")
        }
        flags["daarligere_end_landet"] = cluster?.levelMark == .red
        flags["bedre_end_landet"] = cluster?.levelMark == .green
        cluster?.levelMark.map { values["markering_niveau"] = $0.rawValue }

        // Development since the previous period.
        if let value, let previous = cluster?.previous?.number {
            flags["har_udvikling"] = true
            set("aendring", abs(value - previous))
            if let change = TrafficLightRule.relativeDifference(value, from: previous) {
                values["udvikling_pct"] = percent(change)
                setBand(TrafficLightRule.position(of: change), above: "steget", below: "faldet", within: "uaendret")
            }
        }
        flags["udvikling_forkert_vej"] = cluster?.development == .red
        flags["udvikling_rigtig_vej"] = cluster?.development == .green
        cluster?.development.map { values["markering_udvikling"] = $0.rawValue }

        // The municipalities: only shown values count; hidden and missing ones are named, never valued.
        let shown = report.municipalityRows.compactMap { row in row.latest.number.map { (row.name, $0) } }
        values["antal_viste_kommuner"] = String(shown.count)
        // For counts the municipalities' size decides the figure, so spread and outliers say nothing.
        let isCount = flags["er_antal"] == true
        if !isCount, shown.count >= 2, let highest = report.highest, let lowest = report.lowest,
           let high = highest.latest.number, let low = lowest.latest.number, highest.id != lowest.id {
            values["hoejeste_kommune"] = highest.name
            set("hoejeste_vaerdi", high)
            values["laveste_kommune"] = lowest.name
            set("laveste_vaerdi", low)
            if low > 0 {
                let spread = high / low
                values["spredning"] = DanishNumber.format(spread, decimals: 1)
                flags["stor_spredning"] = spread >= PromptVariables.largeSpread
            }
        }
        if !isCount, let value, value != 0, shown.count >= PromptVariables.outlierMinimumMunicipalities {
            let far = shown.filter { abs($0.1 - value) / abs(value) > PromptVariables.outlierDistance }
            if far.count == 1, let outlier = far.first {
                flags["afviger_en_kommune"] = true
                flags["afvigende_over"] = outlier.1 > value
                flags["afvigende_under"] = outlier.1 < value
                values["afvigende_kommune"] = outlier.0
                set("afvigende_vaerdi", outlier.1)
                values["afvigelse_pct"] = percent((outlier.1 - value) / abs(value))
            }
        }
        let hidden = report.municipalityRows.filter { if case .hidden = $0.latest { return true } else { return false } }
        let missing = report.municipalityRows.filter { $0.latest == .missing }
        if !hidden.isEmpty {
            flags["skjulte_vaerdier"] = true
            values["skjulte_kommuner"] = DanishText.list(hidden.map(\.name))
            values["antal_skjulte"] = String(hidden.count)
        }
        if !missing.isEmpty {
            flags["manglende_vaerdier"] = true
            values["manglende_kommuner"] = DanishText.list(missing.map(\.name))
            values["antal_manglende"] = String(missing.count)
        }
        for name in ["vaerdi", "forrige_vaerdi", "regionen", "landet", "hoejeste", "laveste", "afvigende", "aendring"] {
            let key = name.hasSuffix("vaerdi") || ["regionen", "landet", "aendring"].contains(name) ? name : name + "_vaerdi"
            if let number = numbers[key] { values[name + "_med_enhed"] = Self.withUnit(number, indicator: indicator) }
        }
        let notable = ["daarligere_end_landet", "bedre_end_landet", "udvikling_forkert_vej", "udvikling_rigtig_vej",
                       "stor_spredning", "afviger_en_kommune", "skjulte_vaerdier", "manglende_vaerdier"]
        flags["intet_saerligt"] = !notable.contains { flags[$0] == true }
    }

    /// A formatted number with its unit written out: "52,0 pct. af borgerne", "416.350 borgere",
    /// and amounts in 1.000 kr. as kroner ("5.200 kr. pr. 1.000 borgere"), as the real pack writes them.
    static func withUnit(_ number: Double, indicator: Indicator) -> String {
        let unit = indicator.unit
        let thousands = "1.000 kr."
        if unit.hasPrefix(thousands) {
            let step = pow(10.0, Double(max(0, 3 - indicator.decimals)))
            let kroner = (number * 1000 / step).rounded() * step
            return DanishNumber.format(kroner, decimals: 0) + " kr." + unit.dropFirst(thousands.count)
        }
        let text = DanishNumber.format(number, decimals: indicator.decimals)
        if unit.hasPrefix("antal ") { return text + " " + unit.dropFirst("antal ".count) }
        return unit.isEmpty ? text : text + " " + unit
    }

    /// The Mustache context: every known name present, absent numbers as `AbsentValue`.
    var context: [String: Any] {
        var result: [String: Any] = [:]
        for name in PromptVariables.values { result[name] = values[name].map { $0 as Any } ?? AbsentValue() }
        for name in PromptVariables.flags { result[name] = flags[name] ?? false }
        return result
    }
}
