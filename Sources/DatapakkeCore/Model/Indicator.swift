/// A population group, as named in the population data and the catalogue (`i_alt`, `alder_65plus`, …).
public enum PopulationGroup: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case total = "i_alt"
    case aged0to15 = "alder_0_15"
    case aged16to67 = "alder_16_67"
    case aged65plus = "alder_65plus"
    case aged80plus = "alder_80plus"
    case nursingHome = "plejehjem"

    /// Danish words for running text: "antal borgere på 65 år og derover".
    public var phrase: String {
        switch self {
        case .total: return "indbyggertal"
        case .aged0to15: return "antal borgere på 0-15 år"
        case .aged16to67: return "antal borgere på 16-67 år"
        case .aged65plus: return "antal borgere på 65 år og derover"
        case .aged80plus: return "antal borgere på 80 år og derover"
        case .nursingHome: return "antal borgere på plejehjem"
        }
    }

    /// The name in the data, as messages show it.
    public var description: String { rawValue }

    /// Ordered by the name in the data, so that texts built from groups keep one order.
    public static func < (lhs: PopulationGroup, rhs: PopulationGroup) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How a cluster's figure is made from its municipalities' figures (docs/weighting.md).
public enum Aggregation: Sendable, Hashable {
    /// Σ count.
    case count
    /// Σ numerator / Σ denominator × scale.
    case ratio(scale: Double)
    /// Σ (value × weight) / Σ weight, the weight being the population in `base`.
    case weighted(base: PopulationGroup)
    /// Shown per municipality only; with `approximateBy`, a council figure weighted by that base,
    /// labelled as an approximation.
    case notAdditive(approximateBy: PopulationGroup?)
    /// A population count read from the population data (Σ group).
    case population(group: PopulationGroup)
    /// A population share read from the population data: Σ numerator group / Σ denominator group × scale.
    case populationShare(numerator: PopulationGroup, denominator: PopulationGroup, scale: Double)
    /// Events by age band, directly standardised to a standard population: the DSR over the members'
    /// summed band events and band populations, with the crude rate Σ events / Σ population × scale beside it.
    case standardised(AgeStandardisation)
}

/// Which direction of an indicator is good, for the traffic lights.
public enum Direction: String, Sendable, Hashable, Codable {
    case higherIsBetter = "høj"
    case lowerIsBetter = "lav"
    case none = "ingen"
}

/// Small-number thresholds (diskretionering): a municipality value below one of them is hidden.
public struct SuppressionRule: Sendable, Hashable, Codable {
    /// Smallest numerator shown (5 in Danish health statistics); nil when the rule does not apply.
    public var minimumNumerator: Double?
    /// Smallest denominator shown (20).
    public var minimumDenominator: Double?
    /// Smallest count shown, for count indicators (5).
    public var minimumCount: Double?

    public init(minimumNumerator: Double? = nil, minimumDenominator: Double? = nil, minimumCount: Double? = nil) {
        self.minimumNumerator = minimumNumerator
        self.minimumDenominator = minimumDenominator
        self.minimumCount = minimumCount
    }

    /// The Danish defaults: numerator under 5 or denominator under 20 not shown, counts under 5 not shown.
    public static let danishDefault = SuppressionRule(minimumNumerator: 5, minimumDenominator: 20, minimumCount: 5)
    /// No suppression (capacity figures, published values that the source already screened).
    public static let none = SuppressionRule()
}

/// A section of the pack (Population, Aktivitet i sundhedsvæsenet, …).
public struct Section: Sendable, Hashable {
    public var id: String
    public var title: String
    public var introduction: String?

    public init(id: String, title: String, introduction: String? = nil) {
        self.id = id
        self.title = title
        self.introduction = introduction
    }
}

/// Indicators of one section shown together (`grupper` in the catalogue): one chart with every
/// member's figure for the cluster and the country, the members' tables under it, and one prompt item
/// for the whole group instead of one per member. The members share the section and the unit and
/// stand next to each other in the catalogue.
public struct IndicatorGroup: Sendable, Hashable {
    public var id: String
    public var title: String
    /// A short label for the overview and chart titles.
    public var shortTitle: String
    /// What the members have in common, for the group's slide and documentation; may be empty.
    public var definition: String
    public var location: SourceLocation

    public init(
        id: String, title: String, shortTitle: String? = nil, definition: String = "", location: SourceLocation = SourceLocation(file: "")
    ) {
        self.id = id
        self.title = title
        self.shortTitle = shortTitle ?? title
        self.definition = definition
        self.location = location
    }
}

/// One indicator of the catalogue: what it is, how it aggregates, how to read it.
public struct Indicator: Sendable, Hashable {
    public var id: String
    public var title: String
    /// A short label for chart titles and narrow columns.
    public var shortTitle: String
    /// The unit, written out in Danish ("pct.", "pr. 1.000 borgere på 65 år og derover").
    public var unit: String
    public var sectionID: String
    public var aggregation: Aggregation
    public var direction: Direction
    public var decimals: Int
    public var definition: String
    /// The source as the indicator's table names it: "Nationale mål … (note 16)".
    public var source: String
    /// The id of the catalogue's source it comes from.
    public var sourceID: String?
    public var periodNote: String?
    public var notes: [String]
    /// The population date to weight by, when not 1 January of the period's (last) year.
    public var populationDate: Period?
    public var suppression: SuppressionRule
    /// The plausible range of a municipality's value as shown (after the scale): a share 0–100, a rate
    /// of persons per 1.000 0–1.000. A value outside it is an input error. Nil: no range declared.
    public var plausibleRange: ClosedRange<Double>?
    /// True when the numerator counts persons among the denominator's (so it can never exceed it).
    public var numeratorIsPartOfDenominator: Bool
    /// How the figures are compared with the country and the previous period (`sammenligning`).
    public var comparison: ComparisonRule
    /// The id of the group the indicator is shown in (`indikatorgruppe`), if any.
    public var groupID: String?
    /// Where in the catalogue the indicator was defined, for messages.
    public var location: SourceLocation

    public init(
        id: String, title: String, shortTitle: String? = nil, unit: String, sectionID: String, aggregation: Aggregation,
        direction: Direction = .none, decimals: Int = 1, definition: String = "", source: String = "", sourceID: String? = nil,
        periodNote: String? = nil, notes: [String] = [], populationDate: Period? = nil,
        suppression: SuppressionRule = .danishDefault, plausibleRange: ClosedRange<Double>? = nil,
        numeratorIsPartOfDenominator: Bool = false, comparison: ComparisonRule? = nil, groupID: String? = nil,
        location: SourceLocation = SourceLocation(file: "")
    ) {
        self.comparison = comparison ?? Self.defaultComparison(for: aggregation)
        self.groupID = groupID
        self.plausibleRange = plausibleRange
        self.numeratorIsPartOfDenominator = numeratorIsPartOfDenominator
        self.id = id
        self.title = title
        self.shortTitle = shortTitle ?? title
        self.unit = unit
        self.sectionID = sectionID
        self.aggregation = aggregation
        self.direction = direction
        self.decimals = decimals
        self.definition = definition
        self.source = source
        self.sourceID = sourceID
        self.periodNote = periodNote
        self.notes = notes
        self.populationDate = populationDate
        self.suppression = suppression
        self.location = location
    }

    /// Significance where the figures have counts (fractions and population shares), the national
    /// goals' ±1 % band where they are published without them (docs/comparisons.md).
    public static func defaultComparison(for aggregation: Aggregation) -> ComparisonRule {
        switch aggregation {
        case .ratio, .populationShare, .standardised: return .significance
        default: return .nationalGoals
        }
    }

    /// The population group that weights the indicator and measures its coverage.
    public var weightBase: PopulationGroup {
        switch aggregation {
        case .weighted(let base): return base
        case .notAdditive(let base): return base ?? .total
        case .populationShare(_, let denominator, _): return denominator
        case .population(let group): return group
        case .standardised(let standardisation): return standardisation.matchingGroup ?? .total
        case .count, .ratio: return .total
        }
    }

    /// The age standardisation, for an indicator delivered by age band.
    public var standardisation: AgeStandardisation? {
        if case .standardised(let standardisation) = aggregation { return standardisation }
        return nil
    }

    /// The rule of a standardised indicator in Danish, naming the standard population and the
    /// method: "Direkte aldersstandardiseret til Den Europæiske Standardbefolkning 2013 (ESP 2013) …".
    public var standardisationDescription: String? {
        guard let standardisation else { return nil }
        return "Direkte aldersstandardiseret til \(standardisation.standard.name) over \(standardisation.bands.phrase). "
            + "Den aldersstandardiserede rate er den rate, området ville have med standardbefolkningens aldersfordeling; "
            + "den rå rate er antal hændelser divideret med antal borgere i aldersgrupperne. "
            + "Med færre end \(DanishNumber.format(DirectlyStandardisedRate.minimumEvents, decimals: 0)) hændelser beregnes "
            + "ingen aldersstandardiseret rate. 95 %-konfidensintervallet er beregnet med Dobsons metode."
    }

    /// Whether the indicator reads the population data rather than indicator rows.
    public var isPopulationDerived: Bool {
        switch aggregation {
        case .population, .populationShare: return true
        default: return false
        }
    }

    /// A sentence in Danish describing how the council, region and country figures are computed.
    public var weightingDescription: String {
        switch aggregation {
        case .count:
            return "Summen af kommunernes antal."
        case .ratio(let scale):
            return "Summen af kommunernes tællere divideret med summen af deres nævnere\(scaleText(scale))."
        case .weighted(let base):
            return "Gennemsnit af kommunernes værdier, vægtet med \(base.phrase)."
        case .notAdditive(nil):
            return "Kan ikke lægges sammen; vises kun for de enkelte kommuner."
        case .notAdditive(let base?):
            return "Kan ikke lægges sammen. Tallet for sundhedsråd, region og land er en tilnærmelse: "
                + "gennemsnit af kommunernes værdier vægtet med \(base.phrase)."
        case .population(let group):
            return "Summen af kommunernes \(group.phrase)."
        case .populationShare(let numerator, let denominator, let scale):
            return "Summen af kommunernes \(numerator.phrase) divideret med summen af deres "
                + "\(denominator.phrase)\(scaleText(scale))."
        case .standardised(let standardisation):
            return "Kommunernes hændelser og borgere lægges sammen i hver aldersgruppe; aldersgruppernes rater vægtes med "
                + "\(standardisation.standard.name)\(scaleText(standardisation.scale)). Den rå rate er summen af hændelser "
                + "divideret med summen af borgere i aldersgrupperne."
        }
    }

    private func scaleText(_ scale: Double) -> String {
        switch scale {
        case 1: return ""
        case 100: return ", i procent"
        default: return ", gange \(DanishNumber.format(scale, decimals: 0))"
        }
    }
}

/// A source of the catalogue: where figures come from and when they were taken out, printed once
/// per pack however many indicators use it.
public struct DataSource: Sendable, Hashable {
    public var id: String
    public var name: String
    /// When the figures were extracted, published or generated: a day, or a month when no day is known.
    public var date: SourceDate

    public init(id: String, name: String, date: SourceDate) {
        self.id = id
        self.name = name
        self.date = date
    }

    /// "Nationale mål for sundhedsvæsenet 2024, kommunetabeller (opgjort november 2024)".
    public var line: String { "\(name) (opgjort \(date.label))" }
}

/// The date of a source: "2024-11-15" or, when only the month is known, "2024-11".
public enum SourceDate: Sendable, Hashable {
    case day(Period)
    case month(year: Int, month: Int)

    public init?(_ text: String) {
        if let period = Period(text), period.isDate {
            self = .day(period)
            return
        }
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
            Period.years.contains(year), (1...12).contains(month)
        else { return nil }
        self = .month(year: year, month: month)
    }

    /// "15. november 2024" or "november 2024".
    public var label: String {
        switch self {
        case .day(let period): return period.label
        case .month(let year, let month): return "\(DanishText.months[month - 1]) \(year)"
        }
    }
}

/// The indicator catalogue: the sections of the pack and their indicators, in order.
public struct IndicatorCatalogue: Sendable {
    public var sections: [Section]
    public var indicators: [Indicator]
    /// The sources the indicators name, by id.
    public var sources: [DataSource]
    /// The groups of indicators shown together, in catalogue order.
    public var groups: [IndicatorGroup]
    public var file: String

    public init(sections: [Section], indicators: [Indicator], sources: [DataSource] = [], groups: [IndicatorGroup] = [], file: String) {
        self.sections = sections
        self.indicators = indicators
        self.sources = sources
        self.groups = groups
        self.file = file
    }

    /// The group an indicator is shown in.
    public func group(of indicator: Indicator) -> IndicatorGroup? {
        indicator.groupID.flatMap { id in groups.first { $0.id == id } }
    }

    /// The source an indicator names.
    public func source(of indicator: Indicator) -> DataSource? {
        indicator.sourceID.flatMap { id in sources.first { $0.id == id } }
    }

    /// The indicator with this id.
    public func indicator(_ id: String) -> Indicator? { indicators.first { $0.id == id } }

    /// The indicators of a section, in catalogue order.
    public func indicators(in section: Section) -> [Indicator] {
        indicators.filter { $0.sectionID == section.id }
    }
}
