/// Where a figure lies against a reference (the country, or the previous period), as an
/// indicator's comparison rule decides it: above, within (on level / unchanged / not significantly
/// different) or below.
public enum ComparisonPosition: String, Sendable, Hashable, Codable {
    case above, within, below

    /// The traffic light this position earns under `direction`; nil when no direction is good.
    public func mark(direction: Direction) -> TrafficLight? {
        switch (self, direction) {
        case (_, .none): return nil
        case (.within, _): return .yellow
        case (.above, .higherIsBetter), (.below, .lowerIsBetter): return .green
        case (.above, .lowerIsBetter), (.below, .higherIsBetter): return .red
        }
    }
}

/// How an indicator's figures are compared with the country and with the previous period
/// (docs/comparisons.md). Declared per indicator in the catalogue (`sammenligning`); the default is
/// `significance` where the figures have counts and the national goals' ±1 % band elsewhere.
public enum ComparisonRule: Sendable, Hashable {
    /// Above or below only when the 95 % confidence interval excludes the reference: the figure's
    /// interval against the country's value, the change's interval against no change.
    case significance
    /// The national goals report's convention for figures published without counts: a relative
    /// difference within ±`fraction` (0,01) counts as on level / unchanged.
    case relativeBand(fraction: Double)
    /// A difference within ±`width` in the indicator's own unit counts as on level / unchanged
    /// (e.g. ±0,5 år for life expectancy, where ±1 % would be ±0,8 år).
    case absoluteBand(width: Double)
    /// No marks at all: the source warns of large uncertainty that the published figures do not let
    /// us compute.
    case none

    /// The ±1 % band of the national goals report.
    public static let nationalGoals = ComparisonRule.relativeBand(fraction: 0.01)

    /// The catalogue's name of the rule: "signifikans", "nationale_maal", "absolut", "ingen".
    public var catalogueName: String {
        switch self {
        case .significance: return "signifikans"
        case .relativeBand: return "nationale_maal"
        case .absoluteBand: return "absolut"
        case .none: return "ingen"
        }
    }

    /// Whether the rule needs the counts behind a figure.
    public var needsCounts: Bool { self == .significance }

    /// Places `value` against `reference` by a band rule, on the values as shown (rounded to
    /// `decimals`), so that a reader who checks the shown numbers finds the same answer. Nil for
    /// `significance` and `none`, or when either value is missing (or the reference is 0 for the
    /// relative band).
    public func bandPosition(_ value: Double?, against reference: Double?, decimals: Int) -> ComparisonPosition? {
        guard let value, let reference else { return nil }
        let shown = DanishNumber.rounded(value, decimals: decimals)
        let shownReference = DanishNumber.rounded(reference, decimals: decimals)
        switch self {
        case .relativeBand(let fraction):
            guard shownReference != 0 else { return nil }
            return Self.position(of: (shown - shownReference) / abs(shownReference), band: fraction)
        case .absoluteBand(let width):
            return Self.position(of: shown - shownReference, band: width)
        case .significance, .none:
            return nil
        }
    }

    /// Places a difference against a band of ±`band`; exactly ±band (after floating-point
    /// arithmetic on shown values) is within.
    public static func position(of difference: Double, band: Double) -> ComparisonPosition {
        // A hair of tolerance, so that exactly the band's edge counts as inside.
        if abs(difference) <= band * (1 + 1e-9) + 1e-12 { return .within }
        return difference > 0 ? .above : .below
    }

    /// The position a significance test gives.
    public static func position(of significance: Significance) -> ComparisonPosition {
        switch significance {
        case .higher: return .above
        case .lower: return .below
        case .notSignificantlyDifferent: return .within
        }
    }
}
