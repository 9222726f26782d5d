/// A traffic-light mark as in the national goals report: better, unchanged/on level, or worse.
public enum TrafficLight: String, Sendable, Hashable, Codable {
    case green = "grøn"
    case yellow = "gul"
    case red = "rød"
}

/// The ±1 % rule of the national goals report (docs/comparisons.md#the-one-per-cent-band): a relative change within ±1 % counts as unchanged, a relative difference from the
/// country within ±1 % as on level; otherwise green or red by the indicator's direction.
public enum TrafficLightRule {
    /// The band, as a fraction, inside which a change counts as unchanged / on level.
    public static let band = 0.01

    /// Development from `previous` to `current`; nil when it cannot be judged (no direction, no previous, previous 0).
    public static func development(current: Double?, previous: Double?, direction: Direction) -> TrafficLight? {
        mark(current, against: previous, direction: direction)
    }

    /// Level of `value` against the country; nil when it cannot be judged.
    public static func level(value: Double?, country: Double?, direction: Direction) -> TrafficLight? {
        mark(value, against: country, direction: direction)
    }

    /// The relative difference (value − reference) / |reference|, or nil when the reference is 0 or missing.
    public static func relativeDifference(_ value: Double?, from reference: Double?) -> Double? {
        guard let value, let reference, reference != 0 else { return nil }
        return (value - reference) / abs(reference)
    }

    /// Where a relative difference lies against the ±1 % band.
    public enum Position: Sendable {
        case above, within, below
    }

    /// Places a relative difference above, within or below the band; exactly ±1 % is within.
    public static func position(of relative: Double) -> Position {
        // A hair of tolerance, so that exactly ±1 % (after floating-point division) counts as inside.
        if abs(relative) <= band + 1e-12 { return .within }
        return relative > 0 ? .above : .below
    }

    private static func mark(_ value: Double?, against reference: Double?, direction: Direction) -> TrafficLight? {
        guard direction != .none, let relative = relativeDifference(value, from: reference) else { return nil }
        switch position(of: relative) {
        case .within: return .yellow
        case .above: return direction == .higherIsBetter ? .green : .red
        case .below: return direction == .higherIsBetter ? .red : .green
        }
    }
}
