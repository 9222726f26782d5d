/// The uncertainty of an indicator's figures from their counts (docs/statistics.md): which interval
/// fits the indicator, and the test of a change between two periods. One place decides it for the
/// tables, the marks and the `figures` export.
public enum FigureUncertainty {
    /// Whether the numerator counts persons among the denominator's (Wilson's interval, Newcombe's
    /// difference) rather than events per population (exact Poisson / Byar, a rate ratio).
    public static func countsPersons(_ indicator: Indicator) -> Bool {
        if case .populationShare = indicator.aggregation { return true }
        return indicator.numeratorIsPartOfDenominator
    }

    /// Whether the indicator's figures have counts from which an interval can be computed.
    public static func hasCounts(_ indicator: Indicator) -> Bool {
        switch indicator.aggregation {
        case .ratio, .populationShare, .standardised: return true
        default: return false
        }
    }

    /// The interval of a figure with `numerator` and `denominator` (the indicator's scale applied),
    /// or of its directly standardised rate (Dobson's), or a Danish note saying why there is none.
    public static func interval(
        _ indicator: Indicator, numerator: Double?, denominator: Double?, standardised: DirectlyStandardisedRate? = nil,
        level: ConfidenceLevel = .percent95
    ) -> (interval: ConfidenceInterval?, note: String?) {
        switch indicator.aggregation {
        case .standardised:
            // Dobson's interval of the DSR; below 10 events there is no DSR to give one for.
            guard let standardised else { return (nil, "færre end 10 hændelser: ingen aldersstandardiseret rate") }
            return standardised.interval(level: level).map { ($0, nil) } ?? (nil, "intervallet kan ikke beregnes")
        case .ratio(let scale), .populationShare(_, _, let scale):
            guard let numerator, let denominator else { return (nil, "tæller eller nævner mangler") }
            let interval =
                countsPersons(indicator)
                ? ConfidenceIntervals.wilson(numerator: numerator, denominator: denominator, level: level, multiplier: scale)
                : ConfidenceIntervals.poissonRate(events: numerator, denominator: denominator, level: level, multiplier: scale)
            return interval.map { ($0, nil) } ?? (nil, "tælleren er ikke et helt antal (en delt kommune indgår med en andel)")
        case .weighted:
            return (nil, "kilden oplyser ikke tællere og nævnere")
        case .notAdditive:
            return (nil, "tallet kan ikke lægges sammen over kommuner")
        case .count, .population:
            return (nil, "et antal, ikke en rate")
        }
    }

    /// The test of the change from the previous period to the latest, from both periods' counts (or
    /// standardised rates); nil when the indicator has no counts or a count is missing or not whole.
    public static func change(
        _ indicator: Indicator, latest: (numerator: Double?, denominator: Double?),
        previous: (numerator: Double?, denominator: Double?),
        standardised: (latest: DirectlyStandardisedRate?, previous: DirectlyStandardisedRate?) = (nil, nil)
    ) -> ChangeTest? {
        if case .standardised = indicator.aggregation {
            guard let one = standardised.latest, let two = standardised.previous else { return nil }
            return ChangeTest.standardisedRate(latest: one, previous: two)
        }
        guard hasCounts(indicator), let latestNumerator = latest.numerator, let latestDenominator = latest.denominator,
            let previousNumerator = previous.numerator, let previousDenominator = previous.denominator
        else { return nil }
        if countsPersons(indicator) {
            return ChangeTest.proportion(
                latest: (latestNumerator, latestDenominator), previous: (previousNumerator, previousDenominator))
        }
        return ChangeTest.rate(latest: (latestNumerator, latestDenominator), previous: (previousNumerator, previousDenominator))
    }
}
