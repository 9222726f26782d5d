/// Brent's method for a root of a continuous function on a bracket (docs/statistics.md#special-functions).
///
/// The quantiles of the gamma and chi-square distributions, and the event counts on a rate funnel,
/// are found with it: it never leaves the bracket, so it cannot diverge like Newton's method can
/// in a distribution's tail, and it converges superlinearly where the function is smooth.
enum RootFinding {
    /// The x in `[lower, upper]` where `f` changes sign, to within a few units in the last place of
    /// x; nil when `f(lower)` and `f(upper)` have the same sign or either is not a number.
    ///
    /// After R. P. Brent, *Algorithms for Minimization without Derivatives* (1973), chapter 4
    /// (procedure *zero*): inverse quadratic interpolation or the secant step where they make
    /// progress, bisection where they do not.
    static func brent(_ f: (Double) -> Double, lower: Double, upper: Double, maximumIterations: Int = 300) -> Double? {
        var a = lower
        var b = upper
        var fa = f(a)
        var fb = f(b)
        guard !fa.isNaN, !fb.isNaN else { return nil }
        if fa == 0 { return a }
        if fb == 0 { return b }
        guard (fa < 0) != (fb < 0) else { return nil }
        var c = a
        var fc = fa
        var d = b - a
        var e = d
        for _ in 0..<maximumIterations {
            if (fb < 0) == (fc < 0) {
                c = a
                fc = fa
                d = b - a
                e = d
            }
            if abs(fc) < abs(fb) {
                a = b
                b = c
                c = a
                fa = fb
                fb = fc
                fc = fa
            }
            let tolerance = 2 * Double.ulpOfOne * abs(b) + Double.leastNormalMagnitude
            let half = (c - b) / 2
            if abs(half) <= tolerance || fb == 0 { return b }
            if abs(e) >= tolerance && abs(fa) > abs(fb) {
                // Interpolate: the secant step from two points, inverse quadratic from three.
                let s = fb / fa
                var p: Double
                var q: Double
                if a == c {
                    p = 2 * half * s
                    q = 1 - s
                } else {
                    let r = fb / fc
                    let t = fa / fc
                    p = s * (2 * half * t * (t - r) - (b - a) * (r - 1))
                    q = (t - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                if 2 * p < min(3 * half * q - abs(tolerance * q), abs(e * q)) {
                    e = d
                    d = p / q
                } else {
                    d = half
                    e = d
                }
            } else {
                d = half
                e = d
            }
            a = b
            fa = fb
            b += abs(d) > tolerance ? d : (half > 0 ? tolerance : -tolerance)
            fb = f(b)
            if fb.isNaN { return nil }
        }
        return b
    }

    /// A bracket `[lower, upper]` for an increasing `f` that is negative at `lower`: `upper` starts at
    /// `start` and doubles until `f` is no longer negative; nil when it never is (up to 2^1000 × start).
    static func bracketUpward(_ f: (Double) -> Double, lower: Double, start: Double) -> (lower: Double, upper: Double)? {
        var low = lower
        var high = max(start, lower + 1)
        for _ in 0..<1000 {
            let value = f(high)
            if value.isNaN { return nil }
            if value >= 0 { return (low, high) }
            low = high
            high *= 2
            if !high.isFinite { return nil }
        }
        return nil
    }
}
