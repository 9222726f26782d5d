import Foundation

/// The standard normal distribution (docs/statistics.md#special-functions).
public enum NormalDistribution {
    /// The probability that a standard normal variable is below `x`, from the C library's `erfc`.
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// The x with `cdf(x) == p`, to full double precision; -∞ at 0, +∞ at 1, nil outside [0, 1].
    ///
    /// P. J. Acklam's rational approximation (relative error below 1.2 × 10⁻⁹) refined by two steps
    /// of Halley's method on `erfc`. The upper half is computed from the lower tail, `1 - p` being
    /// exact there, so that 0.975 and 0.999 lose nothing.
    public static func quantile(_ p: Double) -> Double? {
        guard p >= 0, p <= 1 else { return nil }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p > 0.5 { return lowerQuantile(1 - p).map { -$0 } }
        return lowerQuantile(p)
    }

    /// The quantile for 0 < p ≤ 0.5.
    private static func lowerQuantile(_ p: Double) -> Double? {
        var x: Double
        if p < 0.02425 {
            let q = (-2 * log(p)).squareRoot()
            x =
                (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else {
            let q = p - 0.5
            let r = q * q
            x =
                (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        }
        // Halley's method on F(x) - p, with F'(x) = φ(x) and F''(x) = -x φ(x).
        for _ in 0..<2 {
            let error = cdf(x) - p
            let u = error * (2 * Double.pi).squareRoot() * exp(x * x / 2)
            // Beyond p ≈ 10⁻³⁰⁰ φ(x) underflows; the approximation is then as good as it gets.
            guard u.isFinite else { break }
            x -= u / (1 + x * u / 2)
        }
        return x.isFinite ? x : nil
    }

    private static let a = [
        -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
        -3.066479806614716e+01, 2.506628277459239e+00,
    ]
    private static let b = [
        -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
        -1.328068155288572e+01,
    ]
    private static let c = [
        -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
        4.374664141464968e+00, 2.938163982698783e+00,
    ]
    private static let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
}

/// The gamma distribution with scale 1 and the regularized incomplete gamma functions
/// (docs/statistics.md#special-functions).
public enum GammaDistribution {
    /// The regularized incomplete gamma functions P(a, x) (lower) and Q(a, x) = 1 − P(a, x) (upper);
    /// nil for a ≤ 0, x < 0 or a value that is not a number. P is computed directly below x = a + 1,
    /// Q above, so that the small tail keeps its relative precision.
    ///
    /// The power series of P for x < a + 1 and Legendre's continued fraction of Q (modified Lentz)
    /// otherwise (Numerical Recipes, 3rd ed., §6.2), each times the Poisson-density factor
    /// xᵃ e⁻ˣ / Γ(a + 1), which for large a is computed as in Loader (2000) so that it keeps its
    /// precision when a and x are in the millions. Above `wilsonHilfertyShape`, Φ of the
    /// Wilson–Hilferty z.
    public static func regularized(shape a: Double, _ x: Double) -> (lower: Double, upper: Double)? {
        guard a > 0, x >= 0, a.isFinite, !x.isNaN else { return nil }
        if x == 0 { return (0, 1) }
        if x == .infinity { return (1, 0) }
        if a > wilsonHilfertyShape {
            // z = 3√a ((x/a)^⅓ − 1 + 1/(9a)), the inverse of `quantile`'s closed form for large shapes.
            let z = 3 * a.squareRoot() * (Foundation.cbrt(x / a) - 1 + 1 / (9 * a))
            return (NormalDistribution.cdf(z), NormalDistribution.cdf(-z))
        }
        let factor = poissonDensity(a, x)
        if x < a + 1 {
            // P = xᵃ e⁻ˣ / Γ(a + 1) × Σ xⁿ / ((a + 1)…(a + n)).
            var term = 1.0
            var sum = 1.0
            var n = 1.0
            while n < 1e7 {
                term *= x / (a + n)
                sum += term
                if term < sum * Double.ulpOfOne / 2 { break }
                n += 1
            }
            let lower = min(1, factor * sum)
            return (lower, 1 - lower)
        }
        // Q = xᵃ e⁻ˣ / Γ(a) × 1 / (x + 1 − a − 1·(1 − a) / (x + 3 − a − 2·(2 − a) / (x + 5 − a − …))).
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var fraction = d
        var i = 1.0
        while i < 1e7 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            fraction *= delta
            if abs(delta - 1) < Double.ulpOfOne { break }
            i += 1
        }
        let upper = min(1, a * factor * fraction)
        return (1 - upper, upper)
    }

    /// The x with P(a, x) = `probability` (lower tail) or Q(a, x) = `probability` (upper tail): the
    /// quantile of the gamma distribution with shape a and scale 1. 0 and +∞ at the ends; nil for
    /// a ≤ 0 or a probability outside [0, 1].
    ///
    /// Found by Brent's method on whichever of P and Q is the smaller tail, from a bracket around the
    /// Wilson–Hilferty approximation, to a few units in the last place. Above `wilsonHilfertyShape`
    /// the Wilson–Hilferty form a (1 − 1/(9a) + z/(3√a))³ itself, whose relative error there is
    /// below 10⁻¹¹ at 99,8 % (it falls as a^(−3/2)), where the series would need millions of terms.
    public static func quantile(shape a: Double, probability: Double, upperTail: Bool = false) -> Double? {
        guard a > 0, a.isFinite, probability >= 0, probability <= 1 else { return nil }
        if a > wilsonHilfertyShape {
            guard let z = NormalDistribution.quantile(upperTail ? 1 - probability : probability), z.isFinite else {
                return (probability == 0) != upperTail ? 0 : .infinity
            }
            return a * pow(max(0, 1 - 1 / (9 * a) + z / (3 * a.squareRoot())), 3)
        }
        // Work in the smaller tail: P(a, x) = p, or Q(a, x) = q.
        let useLower = upperTail ? probability > 0.5 : probability <= 0.5
        let target = useLower ? (upperTail ? 1 - probability : probability) : (upperTail ? probability : 1 - probability)
        if target == 0 { return useLower ? 0 : .infinity }
        // g is increasing in x and changes sign at the quantile.
        let g: (Double) -> Double = { x in
            guard let tails = regularized(shape: a, x) else { return .nan }
            return useLower ? tails.lower - target : target - tails.upper
        }
        let z = NormalDistribution.quantile(useLower ? target : 1 - target) ?? 0
        let guess = a * pow(max(0, 1 - 1 / (9 * a) + z / (3 * a.squareRoot())), 3)
        guard let bracket = RootFinding.bracketUpward(g, lower: 0, start: max(2 * guess, 1)) else { return nil }
        var lower = bracket.lower
        if guess > 0, guess < bracket.upper, g(guess / 2) < 0 { lower = max(lower, guess / 2) }
        return RootFinding.brent(g, lower: lower, upper: bracket.upper)
    }

    /// Above this shape (10 million events) P, Q and the quantile use the Wilson–Hilferty cube-root
    /// normal approximation instead of the series and the continued fraction, whose cost grows as √a.
    public static let wilsonHilfertyShape = 1e7

    /// xᵃ e⁻ˣ / Γ(a + 1) for a > 0, x > 0: the Poisson probability of a events when x are expected,
    /// extended to a real a.
    static func poissonDensity(_ a: Double, _ x: Double) -> Double {
        if a < 15 { return exp(a * log(x) - x - lgamma(a + 1)) }
        // Loader (2000): exp(−stirlingError(a) − deviance(a, x)) / √(2πa), without the cancellation
        // of a ln x − x − ln Γ(a + 1) when a is large.
        return exp(-stirlingError(a) - deviance(a, x)) / (2 * Double.pi * a).squareRoot()
    }

    /// ln Γ(a + 1) − ((a + ½) ln a − a + ½ ln 2π), the error of Stirling's formula, for a ≥ 15.
    static func stirlingError(_ a: Double) -> Double {
        // 1/(12a) − 1/(360a³) + 1/(1260a⁵) − 1/(1680a⁷) + 1/(1188a⁹); the next term is below 10⁻¹⁵ at a = 15.
        let aa = a * a
        return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 - 1.0 / 1188 / aa) / aa) / aa) / aa) / a
    }

    /// a ln(a / x) + x − a, the deviance term, by a series where a and x are close.
    static func deviance(_ a: Double, _ x: Double) -> Double {
        if abs(a - x) < 0.1 * (a + x) {
            var v = (a - x) / (a + x)
            var sum = (a - x) * v
            var term = 2 * a * v
            v *= v
            var j = 1.0
            while j < 1000 {
                term *= v
                let next = sum + term / (2 * j + 1)
                if next == sum { return next }
                sum = next
                j += 1
            }
            return sum
        }
        return a * log(a / x) + x - a
    }
}

/// The chi-square distribution (docs/statistics.md#special-functions).
public enum ChiSquareDistribution {
    /// The quantile with `degreesOfFreedom` (> 0, real): 2 × the gamma quantile with shape
    /// `degreesOfFreedom / 2`, as `scipy.stats.chi2.ppf`. Nil for invalid arguments.
    public static func quantile(_ probability: Double, degreesOfFreedom: Double, upperTail: Bool = false) -> Double? {
        guard degreesOfFreedom > 0 else { return nil }
        return GammaDistribution.quantile(shape: degreesOfFreedom / 2, probability: probability, upperTail: upperTail).map { 2 * $0 }
    }
}
