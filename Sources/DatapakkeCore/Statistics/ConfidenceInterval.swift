import Foundation

/// A two-sided confidence level strictly between 0 and 1: 0,95 or 0,998 in Fingertips' comparisons
/// (docs/statistics.md#confidence-levels).
public struct ConfidenceLevel: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The level as a fraction, e.g. 0.95.
    public let value: Double

    /// Nil unless 0 < value < 1.
    public init?(_ value: Double) {
        guard value > 0, value < 1 else { return nil }
        self.value = value
    }

    private init(constant: Double) { value = constant }

    /// 95 %: about two standard errors, Fingertips' level for comparisons.
    public static let percent95 = ConfidenceLevel(constant: 0.95)
    /// 99,8 %: about three standard errors, Fingertips' outer funnel limits.
    public static let percent99point8 = ConfidenceLevel(constant: 0.998)

    /// α = 1 − level, the probability outside the interval, split equally between the two tails.
    public var alpha: Double { 1 - value }

    /// z with Φ(z) = 1 − α/2: 1,959964 at 95 %, 3,090232 at 99,8 %.
    public var z: Double { NormalDistribution.quantile(1 - alpha / 2) ?? .nan }

    public static func < (lhs: ConfidenceLevel, rhs: ConfidenceLevel) -> Bool { lhs.value < rhs.value }

    /// "95 %", "99.8 %".
    public var description: String {
        let percent = (value * 1000).rounded() / 10
        return percent == percent.rounded() ? "\(Int(percent)) %" : "\(percent) %"
    }
}

/// How a confidence interval was computed (docs/statistics.md).
public enum IntervalMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// Wilson's score interval for a proportion of persons.
    case wilson
    /// The exact (Garwood) Poisson interval of a count, from chi-square quantiles.
    case exactPoisson
    /// Byar's approximation to the exact Poisson interval.
    case byar
    /// Dobson's method for a directly standardised rate.
    case dobson
    /// Newcombe's hybrid score interval for the difference of two proportions.
    case newcombe
    /// The score interval for a rate ratio, from the binomial split of the two periods' events.
    case conditionalScore
    /// The normal approximation to the difference of two directly standardised rates.
    case normalDifference
}

/// A confidence interval for a figure, in the figure's unit (after the multiplier).
public struct ConfidenceInterval: Sendable, Hashable {
    public var lower: Double
    public var upper: Double
    public var level: ConfidenceLevel
    public var method: IntervalMethod

    public init(lower: Double, upper: Double, level: ConfidenceLevel, method: IntervalMethod) {
        self.lower = lower
        self.upper = upper
        self.level = level
        self.method = method
    }

    /// Whether `value` lies in the closed interval [lower, upper].
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// This interval when both bounds are finite numbers, else nil (a rate over a vanishing denominator).
    var finite: ConfidenceInterval? { lower.isFinite && upper.isFinite ? self : nil }
}

/// Confidence intervals for proportions and rates, by the methods of England's Fingertips and
/// PHStatsMethods (docs/statistics.md). Every function returns nil for inputs it cannot use
/// (negative, not finite, a zero denominator, a numerator above its denominator for a proportion, a
/// multiplier ≤ 0), never traps.
public enum ConfidenceIntervals {
    /// Below this many events a rate's interval is exact Poisson, from it on Byar's approximation:
    /// PHStatsMethods' `ph_rate` (`byars_lower`/`byars_upper`) and Fingertips switch at 10.
    public static let byarMinimumEvents = 10.0

    /// Wilson's score interval for `numerator` persons among `denominator`, times `multiplier`
    /// (100 for per cent, 1000 for per 1.000) (docs/statistics.md#wilson-score-interval).
    ///
    /// (2r + z² ± z √(z² + 4r(1 − r/n))) / (2(n + z²)), as PHStatsMethods' `wilson_lower`/`wilson_upper`.
    public static func wilson(
        numerator: Double, denominator: Double, level: ConfidenceLevel = .percent95, multiplier: Double = 1
    ) -> ConfidenceInterval? {
        guard isCount(numerator), isPositive(denominator), numerator <= denominator, isPositive(multiplier) else { return nil }
        guard let (lower, upper) = wilsonProportion(numerator, denominator, z: level.z) else { return nil }
        return ConfidenceInterval(lower: lower * multiplier, upper: upper * multiplier, level: level, method: .wilson).finite
    }

    /// The Wilson limits of the proportion itself (0…1).
    static func wilsonProportion(_ r: Double, _ n: Double, z: Double) -> (Double, Double)? {
        let z2 = z * z
        let root = z * (z2 + 4 * r * (1 - r / n)).squareRoot()
        let lower = (2 * r + z2 - root) / 2 / (n + z2)
        let upper = (2 * r + z2 + root) / 2 / (n + z2)
        guard lower.isFinite, upper.isFinite else { return nil }
        return (min(1, max(0, lower)), min(1, max(0, upper)))
    }

    /// The exact Poisson interval for `events` per `denominator`, times `multiplier`
    /// (docs/statistics.md#exact-poisson-interval): the limits of the count are
    /// χ²(α/2; 2O) / 2 and χ²(1 − α/2; 2O + 2) / 2 (Garwood 1936), the lower 0 when O = 0.
    public static func exactPoisson(
        events: Double, denominator: Double, level: ConfidenceLevel = .percent95, multiplier: Double = 1
    ) -> ConfidenceInterval? {
        guard isCount(events), isPositive(denominator), isPositive(multiplier) else { return nil }
        guard let (lower, upper) = exactPoissonCount(events, level: level) else { return nil }
        return ConfidenceInterval(
            lower: lower / denominator * multiplier, upper: upper / denominator * multiplier, level: level, method: .exactPoisson
        ).finite
    }

    /// The exact Poisson limits of a count O ≥ 0.
    static func exactPoissonCount(_ events: Double, level: ConfidenceLevel) -> (Double, Double)? {
        let tail = level.alpha / 2
        let lower = events == 0 ? 0 : GammaDistribution.quantile(shape: events, probability: tail)
        guard let lower, let upper = GammaDistribution.quantile(shape: events + 1, probability: tail, upperTail: true) else { return nil }
        return (lower, upper)
    }

    /// Byar's approximation to the exact Poisson interval for `events` per `denominator`, times
    /// `multiplier` (docs/statistics.md#byars-approximation), for any number of events: use
    /// `poissonRate` for the switch to exact below 10. A lower limit below 0 (small counts at 99,8 %)
    /// is 0.
    ///
    /// O (1 − 1/(9O) − z/(3√O))³ and (O + 1)(1 − 1/(9(O + 1)) + z/(3√(O + 1)))³ (Breslow & Day 1987).
    public static func byar(
        events: Double, denominator: Double, level: ConfidenceLevel = .percent95, multiplier: Double = 1
    ) -> ConfidenceInterval? {
        guard isCount(events), isPositive(denominator), isPositive(multiplier) else { return nil }
        let (lower, upper) = byarCount(events, level: level)
        return ConfidenceInterval(
            lower: lower / denominator * multiplier, upper: upper / denominator * multiplier, level: level, method: .byar
        ).finite
    }

    /// Byar's limits of a count O ≥ 0.
    static func byarCount(_ events: Double, level: ConfidenceLevel) -> (Double, Double) {
        let z = level.z
        let lower = events == 0 ? 0 : events * pow(1 - 1 / (9 * events) - z / (3 * events.squareRoot()), 3)
        let next = events + 1
        let upper = next * pow(1 - 1 / (9 * next) + z / (3 * next.squareRoot()), 3)
        return (max(0, lower), upper)
    }

    /// The interval of a rate of `events` per `denominator`, times `multiplier`, as Fingertips and
    /// PHStatsMethods' `ph_rate` give it: exact Poisson below `byarMinimumEvents` (10) events, Byar's
    /// approximation from 10 on (docs/statistics.md#the-switch-from-exact-to-byar).
    public static func poissonRate(
        events: Double, denominator: Double, level: ConfidenceLevel = .percent95, multiplier: Double = 1
    ) -> ConfidenceInterval? {
        events < byarMinimumEvents
            ? exactPoisson(events: events, denominator: denominator, level: level, multiplier: multiplier)
            : byar(events: events, denominator: denominator, level: level, multiplier: multiplier)
    }

    /// A number of persons or events: finite and ≥ 0 (not necessarily whole: a council's share of a
    /// split municipality makes fractions).
    static func isCount(_ x: Double) -> Bool { x.isFinite && x >= 0 }

    /// A denominator or multiplier: finite and > 0.
    static func isPositive(_ x: Double) -> Bool { x.isFinite && x > 0 }
}
