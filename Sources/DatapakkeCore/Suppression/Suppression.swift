/// Why a cell is not shown.
public enum SuppressionReason: Sendable, Hashable, Codable {
    /// The numerator is under the indicator's minimum (default 5).
    case smallNumerator(minimum: Double)
    /// The denominator is under the indicator's minimum (default 20).
    case smallDenominator(minimum: Double)
    /// The count is under the indicator's minimum (default 5).
    case smallCount(minimum: Double)
    /// Hidden so that another hidden cell cannot be worked out from what is shown.
    case secondary

    /// The marker shown in place of the value.
    public var marker: String {
        switch self {
        case .smallNumerator(let minimum), .smallCount(let minimum): return Vocabulary.smallNumberMarker(minimum)
        case .smallDenominator: return Vocabulary.smallDenominatorMarker
        case .secondary: return Vocabulary.secondaryMarker
        }
    }

    /// Whether this is primary (a small number) rather than secondary suppression.
    public var isPrimary: Bool { self != .secondary }

    /// The Danish explanation for the legend and the documentation sheet.
    public var explanation: String {
        switch self {
        case .smallNumerator(let minimum):
            return "Primær diskretionering: færre end \(DanishNumber.format(minimum, decimals: 0)) hændelser (tælleren)."
        case .smallDenominator(let minimum):
            return "Primær diskretionering: færre end \(DanishNumber.format(minimum, decimals: 0)) i nævneren."
        case .smallCount(let minimum):
            return "Primær diskretionering: antal under \(DanishNumber.format(minimum, decimals: 0))."
        case .secondary:
            return "Sekundær diskretionering: skjult, så en anden skjult værdi ikke kan regnes ud af de viste tal."
        }
    }

    /// A short rule name for counts in `check`.
    public var ruleName: String {
        switch self {
        case .smallNumerator: return "tæller under minimum"
        case .smallDenominator: return "nævner under minimum"
        case .smallCount: return "antal under minimum"
        case .secondary: return "sekundær"
        }
    }
}

extension SuppressionRule {
    /// The thresholds that apply to an indicator of this kind: the count minimum for counts, the
    /// numerator and denominator minimums for everything else.
    public func applying(to aggregation: Aggregation) -> SuppressionRule {
        if case .count = aggregation { return SuppressionRule(minimumCount: minimumCount) }
        return SuppressionRule(minimumNumerator: minimumNumerator, minimumDenominator: minimumDenominator)
    }
}

/// The primary rule: whether a municipality's own value must be hidden (docs/small-numbers.md#primary-suppression).
public func primarySuppression(_ rule: SuppressionRule, aggregation: Aggregation, input: MunicipalInput) -> SuppressionReason? {
    switch aggregation {
    case .count:
        if let minimum = rule.minimumCount, let value = input.value, value < minimum { return .smallCount(minimum: minimum) }
    default:
        if let minimum = rule.minimumNumerator, let numerator = input.numerator, numerator < minimum {
            return .smallNumerator(minimum: minimum)
        }
        if let minimum = rule.minimumDenominator, let denominator = input.denominator, denominator < minimum {
            return .smallDenominator(minimum: minimum)
        }
    }
    return nil
}

/// A cell of the published hierarchy: a municipality, cluster, region or the country, in one period.
public enum CellKey: Sendable, Hashable, Comparable {
    case municipality(MunicipalityCode)
    case cluster(String)
    case region(String)
    case country

    public var level: AreaLevel {
        switch self {
        case .municipality: return .municipality
        case .cluster: return .cluster
        case .region: return .region
        case .country: return .country
        }
    }

    /// The id as tables and files write it: "147", "SR06", "Nordjylland", "DK".
    public var id: String {
        switch self {
        case .municipality(let code): return String(code)
        case .cluster(let id), .region(let id): return id
        case .country: return Area.countryID
        }
    }

    /// Ordered by level name, then id, as text: secondary suppression breaks ties in this order.
    public static func < (lhs: CellKey, rhs: CellKey) -> Bool {
        (lhs.level.rawValue, lhs.id) < (rhs.level.rawValue, rhs.id)
    }
}

/// A published total and the cells that add up to it (country = Σ regions, region = Σ clusters,
/// cluster = Σ its municipalities' shares).
public struct SumConstraint: Sendable, Hashable {
    public var total: CellKey
    public var parts: [CellKey]

    public init(total: CellKey, parts: [CellKey]) {
        self.total = total
        self.parts = parts
    }
}

/// Secondary suppression over a hierarchy of sums.
///
/// Counts are additive, and the denominators (population) are published, so a shown rate gives its
/// numerator. A sum with exactly one unknown cell (a hidden part, or a hidden total under shown parts)
/// gives that cell away: hide the smallest shown part too, or, when there is none, the total.
/// Repeated until no sum has exactly one unknown (docs/small-numbers.md#secondary-suppression).
public enum SecondarySuppression {
    /// Returns the cells to hide in addition to `hidden`; `size` orders the candidates (smallest first).
    public static func complete(hidden: Set<CellKey>, constraints: [SumConstraint], size: (CellKey) -> Double) -> Set<CellKey> {
        var hidden = hidden
        var added: Set<CellKey> = []
        var changed = true
        while changed {
            changed = false
            for constraint in constraints {
                let parts = Array(Set(constraint.parts)).filter { $0 != constraint.total }
                let unknown = ([constraint.total] + parts).filter { hidden.contains($0) }
                guard unknown.count == 1 else { continue }
                let shownParts = parts.filter { !hidden.contains($0) }.sorted { (size($0), $0) < (size($1), $1) }
                guard let next = shownParts.first ?? (hidden.contains(constraint.total) ? nil : constraint.total) else { continue }
                hidden.insert(next)
                added.insert(next)
                changed = true
            }
        }
        return added
    }
}
