/// One municipality's inputs to an aggregate: its value, numerator, denominator and weight.
public struct MunicipalInput: Sendable, Hashable {
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?
    /// The municipality's population in the indicator's base (the weight, and the measure of coverage).
    public var weight: Double?
    /// For an age-standardised indicator: the events and the population of each of its age bands,
    /// youngest first, and the municipality's own DSR (nil with fewer than 10 events).
    public var bandEvents: [Double]?
    public var bandPopulations: [Double]?
    public var standardised: DirectlyStandardisedRate?

    public init(
        value: Double? = nil, numerator: Double? = nil, denominator: Double? = nil, weight: Double? = nil, bandEvents: [Double]? = nil,
        bandPopulations: [Double]? = nil, standardised: DirectlyStandardisedRate? = nil
    ) {
        self.value = value
        self.numerator = numerator
        self.denominator = denominator
        self.weight = weight
        self.bandEvents = bandEvents
        self.bandPopulations = bandPopulations
        self.standardised = standardised
    }

    /// Σ events / Σ population × scale: the crude rate of an age-standardised indicator, nil without
    /// counts or with no residents.
    public func crudeRate(scale: Double) -> Double? {
        guard let numerator, let denominator, denominator > 0 else { return nil }
        return numerator / denominator * scale
    }
}

/// How much of an area a figure rests on.
public struct Coverage: Sendable, Hashable, Codable {
    /// Municipalities (split ones counted once) that had a value.
    public var municipalitiesWithValue: Int
    public var municipalities: Int
    /// The share of the area's weight (population in the indicator's base) that had a value; nil when unknown.
    public var weightShare: Double?

    public init(municipalitiesWithValue: Int, municipalities: Int, weightShare: Double?) {
        self.municipalitiesWithValue = municipalitiesWithValue
        self.municipalities = municipalities
        self.weightShare = weightShare
    }

    public var isComplete: Bool { municipalitiesWithValue == municipalities }
}

/// A computed figure for an area: the value and what it rests on. A nil value means "cannot be computed",
/// never zero.
public struct Figure: Sendable, Hashable, Codable {
    public var value: Double?
    /// Σ share × numerator (ratio indicators) or Σ share × count (count indicators).
    public var numerator: Double?
    /// Σ share × denominator (ratio indicators).
    public var denominator: Double?
    /// Σ share × weight over the municipalities with a value.
    public var weight: Double?
    public var coverage: Coverage
    /// True when the indicator is not additive and the figure is a weighted approximation of it.
    public var isApproximation: Bool
    /// For an age-standardised indicator (then `value` is the DSR): the crude rate Σ events / Σ
    /// population × scale, shown beside it.
    public var crudeValue: Double? = nil
    /// For an age-standardised indicator: the DSR with what its Dobson interval needs; nil with fewer
    /// than 10 events (docs/statistics.md#directly-standardised-rates-and-dobsons-method).
    public var standardised: DirectlyStandardisedRate? = nil
}

/// The weighting rules (docs/weighting.md), as pure functions of the members' inputs.
public enum Aggregator {
    /// Whether a member's input counts in the sums of `aggregation`: a count needs its value, a ratio
    /// its numerator and denominator, a weighted rate its value and weight (docs/weighting.md#missing-is-not-zero).
    public static func contributes(_ aggregation: Aggregation, _ input: MunicipalInput) -> Bool {
        switch aggregation {
        case .count, .population: return input.value != nil
        case .ratio, .populationShare: return input.numerator != nil && input.denominator != nil
        case .weighted, .notAdditive: return input.value != nil && input.weight != nil
        case .standardised:
            return input.numerator != nil && input.denominator != nil && input.bandEvents != nil && input.bandPopulations != nil
        }
    }

    /// Aggregates members (each with its share of the municipality) by `aggregation`; an age-standardised
    /// indicator needs the standard population's weights for its bands.
    ///
    /// A member without a value is left out of every sum; it only lowers the coverage.
    public static func aggregate(
        _ aggregation: Aggregation, _ members: [(share: Double, input: MunicipalInput)], standardWeights: [Double]? = nil
    ) -> Figure {
        var bandEvents: [Double] = []
        var bandPopulations: [Double] = []
        var numerator = 0.0
        var denominator = 0.0
        var weightedSum = 0.0
        var weightSum = 0.0
        var count = 0.0
        var covered = 0
        var coveredWeight = 0.0
        var totalWeight = 0.0
        var weightKnown = true
        for (share, input) in members {
            if let weight = input.weight { totalWeight += share * weight } else { weightKnown = false }
            guard contributes(aggregation, input) else { continue }
            switch aggregation {
            case .count, .population:
                count += share * (input.value ?? 0)
            case .ratio, .populationShare:
                numerator += share * (input.numerator ?? 0)
                denominator += share * (input.denominator ?? 0)
            case .weighted, .notAdditive:
                weightedSum += share * (input.value ?? 0) * (input.weight ?? 0)
                weightSum += share * (input.weight ?? 0)
            case .standardised:
                numerator += share * (input.numerator ?? 0)
                denominator += share * (input.denominator ?? 0)
                // Band by band: the area's DSR rests on its own band rates, not on its members' DSRs.
                let events = input.bandEvents ?? []
                let populations = input.bandPopulations ?? []
                if bandEvents.isEmpty {
                    bandEvents = Array(repeating: 0, count: events.count)
                    bandPopulations = Array(repeating: 0, count: populations.count)
                }
                for index in bandEvents.indices where index < events.count && index < populations.count {
                    bandEvents[index] += share * events[index]
                    bandPopulations[index] += share * populations[index]
                }
            }
            covered += 1
            coveredWeight += share * (input.weight ?? 0)
        }
        let coverage = Coverage(
            municipalitiesWithValue: covered, municipalities: members.count,
            weightShare: weightKnown && totalWeight > 0 ? coveredWeight / totalWeight : nil)
        var figure = Figure(
            value: nil, numerator: nil, denominator: nil, weight: covered > 0 ? coveredWeight : nil,
            coverage: coverage, isApproximation: false)
        guard covered > 0 else { return figure }
        switch aggregation {
        case .count, .population:
            figure.value = count
            figure.numerator = count
        case .ratio(let scale), .populationShare(_, _, let scale):
            figure.numerator = numerator
            figure.denominator = denominator
            figure.value = denominator > 0 ? numerator / denominator * scale : nil
        case .weighted:
            figure.value = weightSum > 0 ? weightedSum / weightSum : nil
        case .notAdditive(let base):
            // Only a figure that is computed can be an approximation; without a base there is none.
            figure.isApproximation = base != nil
            figure.value = base != nil && weightSum > 0 ? weightedSum / weightSum : nil
        case .standardised(let standardisation):
            figure.numerator = numerator
            figure.denominator = denominator
            figure.crudeValue = denominator > 0 ? numerator / denominator * standardisation.scale : nil
            figure.standardised = standardWeights.flatMap {
                DirectlyStandardisedRate(
                    events: bandEvents, populations: bandPopulations, standardPopulation: $0, multiplier: standardisation.scale)
            }
            figure.value = figure.standardised?.value
        }
        return figure
    }
}
