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

    /// The national goals' band as the legends state it: "±1 pct.".
    public static var bandText: String { bandText(ComparisonRule.nationalGoals, unit: "") ?? "" }

    /// A band rule's width as a legend states it: "±1 pct." (relative), "±0,5 år" (absolute, in
    /// `unit`); nil for the rules without a band.
    public static func bandText(_ rule: ComparisonRule, unit: String) -> String? {
        switch rule {
        case .relativeBand(let fraction):
            let percent = fraction * 100
            return "±" + DanishNumber.format(percent, decimals: percent == percent.rounded() ? 0 : 1) + " pct."
        case .absoluteBand(let width):
            let decimals = width == width.rounded() ? 0 : (width * 10 == (width * 10).rounded() ? 1 : 2)
            return "±" + DanishNumber.format(width, decimals: decimals) + (unit.isEmpty ? "" : " " + unit)
        case .significance, .none:
            return nil
        }
    }

    /// Development since the previous period, in the words of the indicator's rule: "▲ Bedre",
    /// "● Uændret" for a band; "▲ Signifikant bedre", "● Ikke signifikant ændret" for significance.
    public static func development(_ light: TrafficLight, rule: ComparisonRule) -> String {
        switch (light, rule) {
        case (.green, .significance): return "▲ Signifikant bedre"
        case (.yellow, .significance): return "● Ikke signifikant ændret"
        case (.red, .significance): return "▼ Signifikant dårligere"
        case (.green, _): return "▲ Bedre"
        case (.yellow, _): return "● Uændret"
        case (.red, _): return "▼ Dårligere"
        }
    }

    /// Level against the country, in the words of the indicator's rule: "▲ Bedre end landet",
    /// "● På niveau" for a band; "▲ Signifikant bedre", "● Ikke signifikant forskellig" for significance.
    public static func level(_ light: TrafficLight, rule: ComparisonRule) -> String {
        switch (light, rule) {
        case (.green, .significance): return "▲ Signifikant bedre"
        case (.yellow, .significance): return "● Ikke signifikant forskellig"
        case (.red, .significance): return "▼ Signifikant dårligere"
        case (.green, _): return "▲ Bedre end landet"
        case (.yellow, _): return "● På niveau"
        case (.red, _): return "▼ Dårligere end landet"
        }
    }

    /// The sentence under an indicator's table saying how its marks are decided.
    public static func comparisonNote(_ indicator: Indicator) -> String {
        switch indicator.comparison {
        case .significance:
            return "Trafiklys efter statistisk signifikans: bedre eller dårligere end landet kun, når 95 %-konfidensintervallet "
                + "ikke rummer landets tal; bedre eller dårligere udvikling kun, når ændringen fra forrige periode er signifikant."
        case .relativeBand:
            return "Trafiklys efter konventionen i Nationale mål for sundhedsvæsenet: en forskel inden for "
                + "\(bandText(indicator.comparison, unit: indicator.unit) ?? "") regnes som på niveau eller uændret. "
                + "Tallene er offentliggjort uden tællere og nævnere, så den statistiske usikkerhed kan ikke beregnes."
        case .absoluteBand:
            return "Trafiklys: en forskel inden for \(bandText(indicator.comparison, unit: indicator.unit) ?? "") "
                + "regnes som på niveau eller uændret."
        case .none:
            return "Ingen trafiklys: usikkerheden kan ikke beregnes ud fra de offentliggjorte tal og er efter kildens egen vurdering stor."
        }
    }

    /// Why there is no level mark: the indicator has no direction (neither high nor low is better),
    /// its rule gives no marks, or there is no figure (or interval) to compare with the country's.
    public static func levelUnjudged(_ indicator: Indicator) -> String {
        if indicator.direction == .none { return "Ingen retning" }
        if indicator.comparison == .none { return "Ingen trafiklys" }
        return "Ikke vurderet"
    }

    // MARK: Data origin

    /// The origin of a council, region or country figure that weights real municipal figures with a
    /// synthetic population.
    public static let realWithSyntheticWeights = "reel, syntetisk vægt"

    /// The line under an indicator's heading when its aggregates mix real values with synthetic weights.
    public static let syntheticWeightsNote =
        "Kommunetallene er reelle; tallene for sundhedsråd, region og land er vægtet med SYNTETISKE befolkningstal"

    /// How the uncertainty of an indicator's figures is stated: the interval's method, or why there is none.
    public static func intervalDescription(_ indicator: Indicator) -> String {
        guard FigureUncertainty.hasCounts(indicator) else {
            let reason = FigureUncertainty.interval(indicator, numerator: nil, denominator: nil).note ?? ""
            return "Intet konfidensinterval: \(reason)."
        }
        if FigureUncertainty.countsPersons(indicator) {
            return "95 %-konfidensinterval efter Wilsons scoremetode (en andel af personer)."
        }
        return "95 %-konfidensinterval for en rate af hændelser: eksakt Poisson-interval under 10 hændelser, "
            + "Byars tilnærmelse fra 10 hændelser."
    }

    // MARK: Legend

    /// One line of a legend: a marker and what it means.
    public struct LegendEntry: Sendable, Hashable {
        public var marker: String
        public var meaning: String
    }

    /// The legend of marks and markers for packs whose indicators use `rules` (small numbers) and
    /// `comparisons` (the marks): a line per comparison rule in use, one line per small-number marker
    /// actually possible under the rules (with its threshold), the secondary, missing and
    /// not-computed markers.
    public static func legend(rules: [SuppressionRule], comparisons: [(rule: ComparisonRule, unit: String)] = [(.nationalGoals, "")])
        -> [LegendEntry]
    {
        var entries = comparisonLegend(comparisons)
        entries += suppressionLegend(rules: rules)
        entries.append(
            LegendEntry(marker: missingMarker, meaning: "Ikke oplyst i datagrundlaget. Tallet er udeladt af beregningerne, ikke sat til 0.")
        )
        entries.append(
            LegendEntry(marker: notComputedMarker, meaning: "Intet samlet tal: indikatoren kan ikke lægges sammen over kommuner."))
        return entries
    }

    /// The marks' legend: the words of every comparison rule in use and what decides them.
    public static func comparisonLegend(_ comparisons: [(rule: ComparisonRule, unit: String)]) -> [LegendEntry] {
        var entries: [LegendEntry] = []
        let rules = comparisons.map(\.rule)
        if rules.contains(.significance) {
            entries.append(
                LegendEntry(
                    marker: "▲ Signifikant bedre / ▼ Signifikant dårligere",
                    meaning: "Indikatorer med tællere og nævnere: 95 %-konfidensintervallet rummer ikke landets tal (niveau), "
                        + "eller ændringen fra forrige periode er statistisk signifikant (udvikling). Bedre eller dårligere efter, "
                        + "om høj eller lav værdi er bedst."))
            entries.append(
                LegendEntry(
                    marker: "● Ikke signifikant forskellig / ændret",
                    meaning: "Forskellen kan skyldes tilfældigheder: den er ikke statistisk signifikant på 95 %-niveau."))
        }
        if let bands = bandsDescription(comparisons) {
            entries.append(
                LegendEntry(
                    marker: "▲ Bedre / ▼ Dårligere",
                    meaning: "Indikatorer uden tællere og nævnere: udvikling siden forrige periode og niveau i forhold til hele landet, "
                        + "efter om høj eller lav værdi er bedst."))
            entries.append(LegendEntry(marker: "● Uændret / På niveau", meaning: "Forskellen er inden for \(bands)."))
        }
        return entries
    }

    /// The bands in use, for a legend: "±1 pct. (konventionen i Nationale mål for sundhedsvæsenet)
    /// eller indikatorens eget bånd (±0,5 år)"; nil when no indicator is compared by a band.
    public static func bandsDescription(_ comparisons: [(rule: ComparisonRule, unit: String)]) -> String? {
        var relative: [String] = []
        var absolute: [String] = []
        for (rule, unit) in comparisons {
            guard let text = bandText(rule, unit: unit) else { continue }
            if case .relativeBand = rule {
                if !relative.contains(text) { relative.append(text) }
            } else if !absolute.contains(text) {
                absolute.append(text)
            }
        }
        var parts: [String] = []
        if !relative.isEmpty {
            parts.append("\(DanishText.list(relative, conjunction: "eller")) (konventionen i Nationale mål for sundhedsvæsenet)")
        }
        if !absolute.isEmpty { parts.append("indikatorens eget bånd (\(DanishText.list(absolute, conjunction: "eller")))") }
        return parts.isEmpty ? nil : parts.joined(separator: " eller ")
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

    /// "7 af 8 kommuner, 93,1 % af vægten": how much of an aggregate the data covers. The weight
    /// share is added always, or only when some municipality lacks a value; it has one decimal and
    /// is cut, not rounded, so that a share short of all is never printed as 100 %.
    public static func coverage(_ coverage: Coverage, alwaysShowShare: Bool) -> String {
        var text = "\(coverage.municipalitiesWithValue) af \(coverage.municipalities) kommuner"
        if alwaysShowShare || !coverage.isComplete, let share = coverage.weightShare {
            text += ", " + coverageShare(share) + " af vægten"
        }
        return text
    }

    /// A coverage share to one decimal, cut rather than rounded: 0,9996 → "99,9 %", 1 → "100,0 %".
    public static func coverageShare(_ share: Double) -> String {
        // The small allowance keeps 0,931 (stored as 0,93099…) at 93,1.
        let tenths = (share * 1000 + 1e-9).rounded(.down)
        return DanishNumber.format(tenths / 10, decimals: 1) + " %"
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
        case .similar: return "sammenlignelige " + plural
        }
    }
}
