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
        /// For an age-standardised indicator, whose `value` is the standardised rate: the crude rate.
        public var crude: Double? = nil
        /// A cluster's similar clusters (ids, nearest first), their figure by the indicator's rule, or
        /// why it is hidden, and the cluster's opportunity in the latest period (docs/similar-councils.md).
        public var similar: [String]? = nil
        public var similarValue: Double? = nil
        public var similarHidden: String? = nil
        /// The cluster against the similar clusters by the indicator's rule: "over", "inden for", "under".
        public var similarPosition: String? = nil
        public var opportunity: Double? = nil
        public var opportunityLower: Double? = nil
        public var opportunityUpper: Double? = nil
        /// The best quartile's rate of the similar clusters' shown figures, and what the amount counts.
        public var opportunityBest: Double? = nil
        public var opportunityUnit: String? = nil
        /// Σ over the member municipalities with a shown figure of what they are above the best quartile.
        public var opportunityMembers: Double? = nil
    }

    public var entries: [Entry] = []

    /// The figures of `clusters`, the regions they lie in and the country, in that order.
    public init(inputs: DatapakkeInputs, clusters: [Cluster]) {
        let builder = ReportBuilder(inputs: inputs)
        let tables = builder.allTables()
        let regions = Set(clusters.map(\.region))
        let areas = clusters.map { Area.cluster($0) } + builder.regionAreas.filter { regions.contains($0.id) } + [builder.countryArea]
        for area in areas {
            guard let key = area.key else { continue }
            for indicator in inputs.catalogue.indicators {
                // Real municipal figures weighted with a synthetic population are neither (docs/weighting.md).
                let origin =
                    inputs.hasSyntheticWeights(indicator)
                    ? Vocabulary.realWithSyntheticWeights : inputs.origin(of: indicator)?.rawValue ?? ""
                for period in inputs.periods(of: indicator) {
                    guard let table = tables[indicator.id]?[period], let figure = table.figures[key] else { continue }
                    let hidden = table.hidden[key]
                    var value = hidden == nil ? figure.value : nil
                    var notAdditive = false
                    if case .notAdditive(nil) = indicator.aggregation {
                        value = nil
                        notAdditive = true
                    }
                    // A standardised figure without a DSR (under 10 events) still shows its crude rate, and says why it has no interval.
                    let shown = hidden == nil && (value != nil || figure.crudeValue != nil)
                    let interval = shown ? Self.interval(indicator, figure: figure) : nil
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
                            intervalNote: shown ? interval?.note : nil,
                            crude: hidden == nil ? figure.crudeValue : nil))
                }
            }
        }
        addSimilarClusters(builder: builder, tables: tables, clusters: clusters)
    }

    /// The 95 % interval of a figure with counts (Wilson, exact Poisson / Byar, or Dobson for a
    /// directly standardised rate), or a note saying why there is none (`FigureUncertainty`,
    /// docs/statistics.md).
    static func interval(_ indicator: Indicator, figure: Figure) -> (interval: ConfidenceInterval?, note: String?) {
        FigureUncertainty.interval(
            indicator, numerator: figure.numerator, denominator: figure.denominator, standardised: figure.standardised)
    }
}
