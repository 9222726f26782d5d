import Foundation

/// The control limits of a funnel plot at one denominator, in the figure's unit
/// (docs/statistics.md#funnel-plot-limits).
public struct ControlLimits: Sendable, Hashable {
    public var lower: Double
    public var upper: Double
    public var level: ConfidenceLevel

    public init(lower: Double, upper: Double, level: ConfidenceLevel) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }
}

/// Funnel-plot control limits around a target (the country's figure) as a function of the
/// denominator, by the method of the Fingertips technical guidance and PHStatsMethods'
/// `calculate_funnel_limits` (Spiegelhalter 2005). Nil for a target or denominator it cannot use.
public enum FunnelLimits {
    /// The limits for a proportion: the observed proportions whose Wilson interval (at `level`) has
    /// `target` as its bound, within [0, multiplier]. `target` is in the figure's unit (12,3 for
    /// 12,3 %, with `multiplier` 100) and must lie in [0, multiplier]; `denominator` > 0.
    ///
    /// PHStatsMethods' `sigma_adjustment`, term by term; PHStatsMethods clips to [0, 100] whatever
    /// the multiplier, this function to [0, multiplier] (the same for per cent).
    public static func proportion(
        target: Double, denominator: Double, level: ConfidenceLevel = .percent95, multiplier: Double = 100
    ) -> ControlLimits? {
        guard ConfidenceIntervals.isPositive(multiplier), ConfidenceIntervals.isPositive(denominator),
            ConfidenceIntervals.isCount(target), target <= multiplier
        else { return nil }
        let p = target / multiplier
        let n = denominator
        let z2 = level.z * level.z
        let first = p * (n / z2 + 1)
        let discriminant =
            (-8 * p * (n / z2 + 1)) * (-8 * p * (n / z2 + 1))
            - 64 * (1 / z2 + 1 / n) * p * (n * (p * (n / z2 + 2) - 1) + z2 * (p - 1))
        let last = 1 / z2 + 1 / n
        guard discriminant >= 0 else { return nil }
        let adjustment = discriminant.squareRoot()
        let lower = (first - adjustment / 8) / last / n * multiplier
        let upper = (first + adjustment / 8) / last / n * multiplier
        guard lower.isFinite, upper.isFinite else { return nil }
        return ControlLimits(lower: min(multiplier, max(0, lower)), upper: min(multiplier, max(0, upper)), level: level)
    }

    /// The limits for a rate of events per `denominator` (person-years): with E = target / multiplier
    /// × denominator events expected, the upper limit is x / denominator × multiplier for the x whose
    /// exact Poisson lower limit is E, the lower limit the same for the x whose exact upper limit is E
    /// (0 when E is below the exact upper limit of 0 events, 3,69 at 95 %). x is real: the gamma
    /// function extends the exact limits between whole counts, and at whole counts the limits are
    /// PHStatsMethods' `poisson_funnel` points. `target` ≥ 0 in the figure's unit, `denominator` > 0.
    public static func rate(
        target: Double, denominator: Double, level: ConfidenceLevel = .percent95, multiplier: Double = 100_000
    ) -> ControlLimits? {
        guard ConfidenceIntervals.isPositive(multiplier), ConfidenceIntervals.isPositive(denominator),
            ConfidenceIntervals.isCount(target)
        else { return nil }
        let expected = target / multiplier * denominator
        guard expected.isFinite else { return nil }
        if expected == 0 { return ControlLimits(lower: 0, upper: 0, level: level) }
        guard let upperEvents = eventsWithExactLowerLimit(expected, level: level),
            let lowerEvents = eventsWithExactUpperLimit(expected, level: level)
        else { return nil }
        let lower = lowerEvents / denominator * multiplier
        let upper = upperEvents / denominator * multiplier
        guard lower.isFinite, upper.isFinite else { return nil }
        return ControlLimits(lower: lower, upper: upper, level: level)
    }

    /// The x > 0 whose exact lower limit χ²(α/2; 2x) / 2 is `expected`: P(x, E) = α/2.
    static func eventsWithExactLowerLimit(_ expected: Double, level: ConfidenceLevel) -> Double? {
        let tail = level.alpha / 2
        // P(a, E) falls from 1 towards 0 as a grows, so tail − P(a, E) rises through 0.
        let g: (Double) -> Double = { a in
            guard let tails = GammaDistribution.regularized(shape: a, expected) else { return .nan }
            return tail - tails.lower
        }
        let low = Double.leastNormalMagnitude
        guard g(low) < 0, let bracket = RootFinding.bracketUpward(g, lower: low, start: expected + 1) else { return nil }
        return RootFinding.brent(g, lower: bracket.lower, upper: bracket.upper)
    }

    /// The x ≥ 0 whose exact upper limit χ²(1 − α/2; 2x + 2) / 2 is `expected`: Q(x + 1, E) = α/2;
    /// 0 when even x = 0 has an upper limit above E.
    static func eventsWithExactUpperLimit(_ expected: Double, level: ConfidenceLevel) -> Double? {
        let tail = level.alpha / 2
        // Q(a, E) rises from e^(−E) at a = 1 towards 1 as a grows.
        let g: (Double) -> Double = { a in
            guard let tails = GammaDistribution.regularized(shape: a, expected) else { return .nan }
            return tails.upper - tail
        }
        let atZero = g(1)
        if atZero.isNaN { return nil }
        if atZero >= 0 { return 0 }
        guard let bracket = RootFinding.bracketUpward(g, lower: 1, start: expected + 1),
            let shape = RootFinding.brent(g, lower: bracket.lower, upper: bracket.upper)
        else { return nil }
        return shape - 1
    }
}
