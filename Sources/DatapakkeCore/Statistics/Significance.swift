import Foundation

/// Whether a figure is significantly above, below or not different from a reference
/// (docs/statistics.md#significance-against-a-reference).
public enum Significance: String, Sendable, Hashable, Codable {
    case higher
    case lower
    case notSignificantlyDifferent

    /// Fingertips' rule: higher when the whole interval is above the reference, lower when it is
    /// wholly below, otherwise not significantly different (a bound equal to the reference included).
    public init(_ interval: ConfidenceInterval, reference: Double) {
        if interval.lower > reference {
            self = .higher
        } else if interval.upper < reference {
            self = .lower
        } else {
            self = .notSignificantlyDifferent
        }
    }

    /// A funnel plot's reading: higher above the upper control limit, lower below the lower one.
    public init(value: Double, limits: ControlLimits) {
        if value > limits.upper {
            self = .higher
        } else if value < limits.lower {
            self = .lower
        } else {
            self = .notSignificantlyDifferent
        }
    }
}

/// The test of the development between two periods: the estimate of the change, its interval, and
/// whether it rose, fell or is not significantly different (docs/statistics.md#development-between-two-periods).
public struct ChangeTest: Sendable, Hashable {
    /// For proportions latest − previous, in the figure's unit (percentage points for per cent);
    /// for rates latest / previous (the rate ratio).
    public var estimate: Double
    /// The interval of the estimate.
    public var interval: ConfidenceInterval
    /// `higher` when the figure rose significantly, `lower` when it fell, by whether the interval
    /// excludes no change (0 for a difference, 1 for a ratio).
    public var significance: Significance

    /// The change of a proportion of persons from `previous` to `latest` (each numerator persons
    /// among denominator): Newcombe's hybrid score interval for the difference (Newcombe 1998,
    /// method 10), from the two Wilson intervals, times `multiplier`. Nil when either proportion has
    /// no Wilson interval.
    public static func proportion(
        latest: (numerator: Double, denominator: Double), previous: (numerator: Double, denominator: Double),
        level: ConfidenceLevel = .percent95, multiplier: Double = 1
    ) -> ChangeTest? {
        guard let one = ConfidenceIntervals.wilson(numerator: latest.numerator, denominator: latest.denominator, level: level),
            let two = ConfidenceIntervals.wilson(numerator: previous.numerator, denominator: previous.denominator, level: level),
            ConfidenceIntervals.isPositive(multiplier)
        else { return nil }
        let p1 = latest.numerator / latest.denominator
        let p2 = previous.numerator / previous.denominator
        let difference = p1 - p2
        let lower = difference - ((p1 - one.lower) * (p1 - one.lower) + (two.upper - p2) * (two.upper - p2)).squareRoot()
        let upper = difference + ((one.upper - p1) * (one.upper - p1) + (p2 - two.lower) * (p2 - two.lower)).squareRoot()
        let interval = ConfidenceInterval(lower: lower * multiplier, upper: upper * multiplier, level: level, method: .newcombe)
        return ChangeTest(estimate: difference * multiplier, interval: interval, significance: Significance(interval, reference: 0))
    }

    /// The change of a rate from `previous` to `latest` (each events per denominator): given all
    /// O₁ + O₂ events, the latest period's O₁ is binomial with π = n₁λ₁ / (n₁λ₁ + n₂λ₂); Wilson's
    /// interval for π gives the rate ratio's, ρ = π / (1 − π) × n₂ / n₁. Nil when there are no
    /// events in either period (nothing to test) or an input is invalid. The upper limit is +∞ when
    /// the previous period had no events.
    public static func rate(
        latest: (events: Double, denominator: Double), previous: (events: Double, denominator: Double),
        level: ConfidenceLevel = .percent95
    ) -> ChangeTest? {
        guard ConfidenceIntervals.isCount(latest.events), ConfidenceIntervals.isCount(previous.events),
            ConfidenceIntervals.isPositive(latest.denominator), ConfidenceIntervals.isPositive(previous.denominator)
        else { return nil }
        let total = latest.events + previous.events
        guard total > 0, let (low, high) = ConfidenceIntervals.wilsonProportion(latest.events, total, z: level.z) else { return nil }
        let exposure = previous.denominator / latest.denominator
        let ratio: (Double) -> Double = { share in share >= 1 ? .infinity : share / (1 - share) * exposure }
        let estimate =
            previous.events == 0 ? Double.infinity : latest.events / latest.denominator / (previous.events / previous.denominator)
        let interval = ConfidenceInterval(lower: ratio(low), upper: ratio(high), level: level, method: .conditionalScore)
        return ChangeTest(estimate: estimate, interval: interval, significance: Significance(interval, reference: 1))
    }

    /// The change of a directly standardised rate from `previous` to `latest`: the difference with
    /// the normal approximation of its interval, ± z √(var₁ + var₂) × multiplier, each variance that of
    /// Dobson's method (docs/statistics.md#development-between-two-periods). Nil when the two rates
    /// have different multipliers.
    public static func standardisedRate(
        latest: DirectlyStandardisedRate, previous: DirectlyStandardisedRate, level: ConfidenceLevel = .percent95
    ) -> ChangeTest? {
        guard latest.multiplier == previous.multiplier else { return nil }
        let difference = latest.value - previous.value
        let half = level.z * (latest.variance + previous.variance).squareRoot() * latest.multiplier
        let interval = ConfidenceInterval(lower: difference - half, upper: difference + half, level: level, method: .normalDifference)
        return ChangeTest(estimate: difference, interval: interval, significance: Significance(interval, reference: 0))
    }
}
