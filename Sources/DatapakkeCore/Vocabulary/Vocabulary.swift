/// Every Danish word for the pack's marks, markers, legends and coverage, in one place. A legend is
/// derived from the rule it explains (the catalogue's thresholds, the traffic-light band), never
/// written beside it, so that a catalogue with other thresholds gets a legend that tells the truth.
public enum Vocabulary {
    // MARK: Markers for cells without a number

    /// A value the data does not have (not published, or empty). Never a zero.
    public static let missingMarker = ".."
    /// An aggregate the indicator's rule does not allow (not additive).
    public static let notComputedMarker = "·"
    /// Hidden so that another hidden value cannot be worked out (secondary suppression).
    public static let secondaryMarker = "x"
    /// Hidden because the denominator is small.
    public static let smallDenominatorMarker = "–"

    /// Hidden because the numerator or count is under `minimum`: "<5".
    public static func smallNumberMarker(_ minimum: Double) -> String {
        "<" + DanishNumber.format(minimum, decimals: 0)
    }

    // MARK: Traffic lights

    /// The band as the legends state it: "±1 pct.".
    public static var bandText: String {
        "±"
            + DanishNumber.format(
                TrafficLightRule.band * 100, decimals: TrafficLightRule.band * 100 == (TrafficLightRule.band * 100).rounded() ? 0 : 1)
            + " pct."
    }

    /// Development since the previous period, short enough for a narrow column: "▲ Bedre".
    public static func development(_ light: TrafficLight) -> String {
        switch light {
        case .green: return "▲ Bedre"
        case .yellow: return "● Uændret"
        case .red: return "▼ Dårligere"
        }
    }

    /// Level against the country: "▲ Bedre end landet".
    public static func level(_ light: TrafficLight) -> String {
        switch light {
        case .green: return "▲ Bedre end landet"
        case .yellow: return "● På niveau"
        case .red: return "▼ Dårligere end landet"
        }
    }

    /// Why there is no level mark: the indicator has no direction (neither high nor low is better),
    /// or there is no figure to compare with the country's.
    public static func levelUnjudged(direction: Direction) -> String {
        direction == .none ? "Ingen retning" : "Ikke vurderet"
    }

    // MARK: Legend

    /// One line of a legend: a marker and what it means.
    public struct LegendEntry: Sendable, Hashable {
        public var marker: String
        public var meaning: String
    }

    /// The legend of marks and markers for packs whose indicators use `rules`: the traffic lights
    /// with the band, one line per small-number marker actually possible under the rules (with its
    /// threshold), the secondary, missing and not-computed markers.
    public static func legend(rules: [SuppressionRule]) -> [LegendEntry] {
        var entries = [
            LegendEntry(
                marker: "▲ Bedre / ▼ Dårligere",
                meaning: "Udvikling siden forrige periode og niveau i forhold til hele landet, efter om høj eller lav værdi er bedst."),
            LegendEntry(
                marker: "● Uændret / På niveau", meaning: "Forskellen er inden for \(bandText) (som i Nationale mål for sundhedsvæsenet)."),
        ]
        entries += suppressionLegend(rules: rules)
        entries.append(
            LegendEntry(marker: missingMarker, meaning: "Ikke oplyst i datagrundlaget. Tallet er udeladt af beregningerne, ikke sat til 0.")
        )
        entries.append(
            LegendEntry(marker: notComputedMarker, meaning: "Intet samlet tal: indikatoren kan ikke lægges sammen over kommuner."))
        return entries
    }

    /// The suppression markers possible under `rules`: "<N" per distinct numerator/count minimum,
    /// "–" with every denominator minimum, and "x" when anything can be hidden at all.
    public static func suppressionLegend(rules: [SuppressionRule]) -> [LegendEntry] {
        let small = Set(rules.flatMap { [$0.minimumNumerator, $0.minimumCount].compactMap { $0 } }).sorted()
        let denominators = Set(rules.compactMap(\.minimumDenominator)).sorted()
        var entries = small.map {
            LegendEntry(
                marker: smallNumberMarker($0),
                meaning: "Skjult: færre end \(DanishNumber.format($0, decimals: 0)) hændelser (diskretionering).")
        }
        if !denominators.isEmpty {
            let thresholds = DanishText.list(denominators.map { DanishNumber.format($0, decimals: 0) }, conjunction: "eller")
            entries.append(
                LegendEntry(marker: smallDenominatorMarker, meaning: "Skjult: færre end \(thresholds) i nævneren (diskretionering)."))
        }
        if !small.isEmpty || !denominators.isEmpty {
            entries.append(
                LegendEntry(
                    marker: secondaryMarker, meaning: "Skjult, så en anden skjult værdi ikke kan regnes ud (sekundær diskretionering)."))
        }
        return entries
    }

    /// One sentence on every suppression rule, for a page over many packs: "færre end 5 hændelser,
    /// færre end 20 i nævneren, eller skjult, så …".
    public static func suppressionSummary(rules: [SuppressionRule]) -> String {
        let small = Set(rules.flatMap { [$0.minimumNumerator, $0.minimumCount].compactMap { $0 } }).sorted()
        let denominators = Set(rules.compactMap(\.minimumDenominator)).sorted()
        var parts = small.map { "færre end \(DanishNumber.format($0, decimals: 0)) hændelser" }
        if !denominators.isEmpty {
            parts.append(
                "færre end \(DanishText.list(denominators.map { DanishNumber.format($0, decimals: 0) }, conjunction: "eller")) i nævneren")
        }
        return parts.joined(separator: ", ")
    }

    // MARK: Coverage

    /// "7 af 8 kommuner, 93 % af vægten": how much of an aggregate the data covers. The weight share
    /// is added always, or only when some municipality lacks a value.
    public static func coverage(_ coverage: Coverage, shareDecimals: Int, alwaysShowShare: Bool) -> String {
        var text = "\(coverage.municipalitiesWithValue) af \(coverage.municipalities) kommuner"
        if alwaysShowShare || !coverage.isComplete, let share = coverage.weightShare {
            text += ", " + percent(share, decimals: shareDecimals) + " af vægten"
        }
        return text
    }

    /// A fraction as Danish percent: 0.9312 → "93,1 %".
    public static func percent(_ fraction: Double, decimals: Int) -> String {
        DanishNumber.format(fraction * 100, decimals: decimals) + " %"
    }
}

extension ClusterKind {
    /// The noun in running text: "sundhedsråd", "sundhedsklynge".
    public var singular: String { rawValue }

    /// "sundhedsråd", "sundhedsklynger".
    public var plural: String {
        switch self {
        case .sundhedsraad: return "sundhedsråd"
        case .sundhedsklynge: return "sundhedsklynger"
        }
    }

    /// The definite form used in running text: "sundhedsrådet", "sundhedsklyngen".
    public var definite: String {
        switch self {
        case .sundhedsraad: return "sundhedsrådet"
        case .sundhedsklynge: return "sundhedsklyngen"
        }
    }

    /// "sundhedsrådene", "sundhedsklyngerne".
    public var definitePlural: String {
        switch self {
        case .sundhedsraad: return "sundhedsrådene"
        case .sundhedsklynge: return "sundhedsklyngerne"
        }
    }

    /// "hvert" or "hver", agreeing with the noun's gender.
    public var each: String {
        switch self {
        case .sundhedsraad: return "hvert"
        case .sundhedsklynge: return "hver"
        }
    }

    /// The name of an area level in output: a cluster is called by the definition set's own noun,
    /// never "klynge" for a sundhedsråd.
    public func name(of level: AreaLevel) -> String {
        switch level {
        case .municipality: return "kommune"
        case .cluster: return singular
        case .region: return "region"
        case .country: return "land"
        }
    }
}
