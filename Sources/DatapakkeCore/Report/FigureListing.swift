import Foundation

/// Every computed figure of a set of areas (clusters, their regions, the country), flattened for
/// export: one entry per area, indicator and period, with coverage, and hidden values left out.
public struct FigureListing: Sendable {
    /// One figure of one area in one period.
    public struct Entry: Encodable, Sendable {
        public var level: String
        public var id: String
        public var name: String
        public var indicator: String
        public var title: String
        public var unit: String
        public var period: String
        public var periodLabel: String
        public var decimals: Int
        public var value: Double?
        public var numerator: Double?
        public var denominator: Double?
        public var approximation: Bool
        /// True when the indicator cannot be added up over municipalities, so there is no figure.
        public var notAdditive: Bool
        public var hidden: String?
        public var origin: String
        public var municipalitiesWithValue: Int
        public var municipalities: Int
        public var weightShare: Double?
        /// The 95 % confidence interval in the figure's unit, and its method (docs/statistics.md);
        /// nil for a figure without counts, and then `intervalNote` says why.
        public var lower: Double?
        public var upper: Double?
        public var method: String?
        public var intervalNote: String?
    }

    public var entries: [Entry] = []

    /// The figures of `clusters`, the regions they lie in and the country, in that order.
    public init(inputs: DatapakkeInputs, clusters: [Cluster]) {
        let builder = ReportBuilder(inputs: inputs)
        let tables = builder.allTables()
        let regions = Set(clusters.map(\.region))
        let areas = clusters.map { Area.cluster($0) } + builder.regionAreas.filter { regions.contains($0.id) } + [builder.countryArea]
        for area in areas {
            let key = area.key
            for indicator in inputs.catalogue.indicators {
                let origin = inputs.origin(of: indicator)?.rawValue ?? ""
                for period in inputs.periods(of: indicator) {
                    guard let table = tables[indicator.id]?[period], let figure = table.figures[key] else { continue }
                    let hidden = table.hidden[key]
                    var value = hidden == nil ? figure.value : nil
                    var notAdditive = false
                    if case .notAdditive(nil) = indicator.aggregation {
                        value = nil
                        notAdditive = true
                    }
                    let interval = hidden == nil && value != nil ? Self.interval(indicator, figure: figure) : nil
                    entries.append(
                        Entry(
                            level: inputs.definitions.kind.name(of: area.level), id: area.id, name: area.name, indicator: indicator.id,
                            title: indicator.title,
                            unit: indicator.unit, period: period.id, periodLabel: period.label, decimals: indicator.decimals, value: value,
                            numerator: hidden == nil ? figure.numerator : nil, denominator: hidden == nil ? figure.denominator : nil,
                            approximation: figure.isApproximation, notAdditive: notAdditive, hidden: hidden?.ruleName, origin: origin,
                            municipalitiesWithValue: figure.coverage.municipalitiesWithValue,
                            municipalities: figure.coverage.municipalities, weightShare: figure.coverage.weightShare,
                            lower: interval?.interval?.lower, upper: interval?.interval?.upper, method: interval?.interval?.method.rawValue,
                            intervalNote: hidden == nil && value != nil ? interval?.note : nil))
                }
            }
        }
    }

    /// The 95 % interval of a figure with counts: Wilson's for persons among a population or a
    /// denominator that counts them, exact Poisson or Byar's for events per population; a note
    /// saying why there is none otherwise.
    static func interval(_ indicator: Indicator, figure: Figure) -> (interval: ConfidenceInterval?, note: String?) {
        switch indicator.aggregation {
        case .ratio(let scale), .populationShare(_, _, let scale):
            guard let numerator = figure.numerator, let denominator = figure.denominator else {
                return (nil, "tæller eller nævner mangler")
            }
            let interval =
                indicator.countsPersonsAmongDenominator == true
                ? ConfidenceIntervals.wilson(numerator: numerator, denominator: denominator, multiplier: scale)
                : ConfidenceIntervals.poissonRate(events: numerator, denominator: denominator, multiplier: scale)
            return interval.map { ($0, nil) } ?? (nil, "tælleren er ikke et helt antal (en delt kommune indgår med en andel)")
        case .weighted:
            return (nil, "kilden oplyser ikke tællere og nævnere")
        case .notAdditive:
            return (nil, "tallet kan ikke lægges sammen over kommuner")
        case .count, .population:
            return (nil, "et antal, ikke en rate")
        }
    }
}
