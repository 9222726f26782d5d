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

/// A cell of the tables published together: a municipality or the country, which every map shares,
/// or a cluster or region of one map, numbered by the map's place in the published set.
public struct LinkedCell: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var key: CellKey
    /// The map's place in the published set; 0 for a municipality and the country, which are the same in every map.
    public var map: Int

    public init(_ key: CellKey, map: Int = 0) {
        self.key = key
        switch key {
        case .municipality, .country: self.map = 0
        case .cluster, .region: self.map = map
        }
    }

    /// Ordered by the cell key, then the map: secondary suppression breaks ties in this order.
    public static func < (lhs: LinkedCell, rhs: LinkedCell) -> Bool {
        lhs.key != rhs.key ? lhs.key < rhs.key : lhs.map < rhs.map
    }

    public var description: String {
        switch key {
        case .municipality, .country: return "\(key.level.rawValue) \(key.id)"
        case .cluster, .region: return "\(key.level.rawValue) \(key.id) (kort \(map))"
        }
    }
}

/// A published total and the cells that add up to it (country = Σ regions, region = Σ clusters,
/// cluster = Σ its municipalities' shares), in one map of the published set.
public struct SumConstraint: Sendable, Hashable {
    public var total: LinkedCell
    public var parts: [LinkedCell]

    public init(total: LinkedCell, parts: [LinkedCell]) {
        self.total = total
        self.parts = parts
    }
}

/// Secondary suppression over every map published together (docs/small-numbers.md#secondary-suppression).
///
/// Counts are additive, and every shown figure is taken as known exactly (the figures export prints
/// council numerators and denominators). Two steps, repeated until neither hides anything more:
///
/// 1. **The sums**: a sum with exactly one unknown cell (a hidden part, or a hidden total under shown
///    parts) gives that cell away: hide a shown part too, or, when there is none, the total. Of the
///    cells that would close such a sum, the one that closes the most goes first, the smallest on a tie.
/// 2. **The linear check**: every published aggregate of every map is a share-weighted sum of
///    municipality cells. A hidden cell can be worked out exactly when its own sum, restricted to the
///    hidden municipalities, is a linear combination of the shown aggregates' sums restricted the same
///    way (`LinkedSums.exposed`): that covers every difference of two maps' clusters, regions and any
///    longer combination. For the first such cell, hide the smallest shown municipality, else the
///    smallest shown aggregate, that protects it on its own; when no single cell does, hide the
///    smallest aggregate of the combination that gives it away, and let step 1 follow up.
///
/// Every step hides one more cell, so it ends; hiding everything would satisfy the check, so it ends
/// with no hidden cell recoverable. Candidates are ordered by size, then by `LinkedCell`, so the
/// result is the same on every run and whichever map of the set is being built.
public enum SecondarySuppression {
    /// Returns the cells to hide in addition to `hidden`; `size` orders the candidates (smallest first).
    ///
    /// `constraints` are the sums of step 1, with only published cells among their parts; `sums` gives
    /// every published aggregate as a sum over municipality cells, for step 2 (empty: step 1 only).
    public static func complete(
        hidden: Set<LinkedCell>, constraints: [SumConstraint], sums: LinkedSums = LinkedSums(), size: (LinkedCell) -> Double
    ) -> Set<LinkedCell> {
        let order: (LinkedCell, LinkedCell) -> Bool = { (size($0), $0) < (size($1), $1) }
        var hidden = hidden
        var added: Set<LinkedCell> = []
        func hide(_ cell: LinkedCell) {
            hidden.insert(cell)
            added.insert(cell)
        }
        while true {
            completeSums(&hidden, added: &added, constraints: constraints, order: order)
            guard let exposure = sums.exposed(hidden: hidden).first else { break }
            guard let next = protection(for: exposure, hidden: hidden, sums: sums, order: order) else { break }
            hide(next)
        }
        return added
    }

    /// Step 1: until no sum has exactly one unknown cell. Each such sum can be closed by one of its
    /// shown parts (or, when none is shown, its total); the cell that closes the most of them goes
    /// first, the smallest on a tie, so that a municipality in a sum of each map protects both at once.
    private static func completeSums(
        _ hidden: inout Set<LinkedCell>, added: inout Set<LinkedCell>, constraints: [SumConstraint], order: (LinkedCell, LinkedCell) -> Bool
    ) {
        let sums = constraints.map { (total: $0.total, parts: Set($0.parts).subtracting([$0.total])) }
        while true {
            var closes: [LinkedCell: Int] = [:]
            for sum in sums {
                guard ([sum.total] + sum.parts).filter(hidden.contains).count == 1 else { continue }
                let shownParts = sum.parts.subtracting(hidden)
                let options = shownParts.isEmpty ? (hidden.contains(sum.total) ? [] : [sum.total]) : Array(shownParts)
                for option in options { closes[option, default: 0] += 1 }
            }
            guard let next = closes.keys.min(by: { closes[$0] != closes[$1] ? closes[$0] ?? 0 > closes[$1] ?? 0 : order($0, $1) }) else {
                return
            }
            hidden.insert(next)
            added.insert(next)
        }
    }

    /// Step 2's choice for a hidden cell that can be worked out: the cell to hide next.
    private static func protection(
        for exposure: LinkedSums.Exposure, hidden: Set<LinkedCell>, sums: LinkedSums, order: (LinkedCell, LinkedCell) -> Bool
    ) -> LinkedCell? {
        let cell = exposure.cell
        let protects: (LinkedCell) -> Bool = { candidate in !sums.isExposed(cell, hidden: hidden.union([candidate])) }
        let shownMunicipalities = sums.municipalities.map { LinkedCell(.municipality($0)) }
            .filter { !hidden.contains($0) }.sorted(by: order)
        if let municipality = shownMunicipalities.first(where: protects) { return municipality }
        let shownAggregates = sums.aggregates.filter { !hidden.contains($0) }.sorted(by: order)
        if let aggregate = shownAggregates.first(where: protects) { return aggregate }
        // No single cell protects it: take the smallest aggregate of the combination that gives it away
        // (step 1 then hides what that exposes), or, for an aggregate whose members are all shown, a member.
        if let aggregate = exposure.combination.sorted(by: order).first { return aggregate }
        let members = sums.terms(of: cell).keys.map { LinkedCell(.municipality($0)) }.filter { !hidden.contains($0) }
        return members.sorted(by: order).first ?? shownMunicipalities.first ?? shownAggregates.first
    }
}

/// Every published aggregate of the maps published together as a share-weighted sum of municipality
/// cells, for the linear check of secondary suppression (docs/small-numbers.md#both-maps-as-linked-tables).
///
/// Shares only, without the weights of weighted indicators: a weight multiplies a municipality's
/// column in every sum alike, which does not change what can be worked out.
public struct LinkedSums: Sendable {
    /// Aggregate cell → municipality → share; only municipalities that count in the aggregate.
    private var sums: [LinkedCell: [MunicipalityCode: Double]] = [:]

    public init() {}

    /// Adds a published aggregate (a cluster, region or the country of one map) with its members' shares.
    public mutating func add(_ cell: LinkedCell, terms: [MunicipalityCode: Double]) {
        sums[cell] = terms.filter { $0.value != 0 }
    }

    /// The published aggregates, in `LinkedCell` order.
    public var aggregates: [LinkedCell] { sums.keys.sorted() }

    /// Every municipality that counts in some aggregate, by code.
    public var municipalities: [MunicipalityCode] { Set(sums.values.flatMap(\.keys)).sorted() }

    /// The shares of an aggregate's members; a municipality cell is its own only term.
    public func terms(of cell: LinkedCell) -> [MunicipalityCode: Double] {
        if case .municipality(let code) = cell.key { return [code: 1] }
        return sums[cell] ?? [:]
    }

    /// A hidden cell whose value follows from the shown ones, and the shown aggregates whose
    /// combination gives it (empty when its members are all shown).
    public struct Exposure: Sendable, Equatable {
        public var cell: LinkedCell
        public var combination: [LinkedCell]
    }

    /// Every hidden cell (a municipality, or an aggregate in `sums`) that the shown cells determine, in `LinkedCell` order.
    public func exposed(hidden: Set<LinkedCell>) -> [Exposure] {
        let space = rowSpace(hidden: hidden)
        return hidden.sorted().compactMap { cell in
            // An aggregate that is not published (no value) is nothing to recover.
            if cell.key.level != .municipality, sums[cell] == nil { return nil }
            guard let combination = space.combination(for: vector(cell, columns: space.columns)) else { return nil }
            return Exposure(cell: cell, combination: combination)
        }
    }

    /// Whether the shown cells determine `cell` when `hidden` are hidden.
    public func isExposed(_ cell: LinkedCell, hidden: Set<LinkedCell>) -> Bool {
        let space = rowSpace(hidden: hidden)
        return space.combination(for: vector(cell, columns: space.columns)) != nil
    }

    /// The shown aggregates restricted to the hidden municipalities (the shown ones are known and drop out).
    private func rowSpace(hidden: Set<LinkedCell>) -> RowSpace {
        let columns = hidden.compactMap { cell -> MunicipalityCode? in
            if case .municipality(let code) = cell.key { return code }
            return nil
        }.sorted()
        let shown = aggregates.filter { !hidden.contains($0) }
        return RowSpace(labels: shown, rows: shown.map { vector($0, columns: columns) }, columns: columns)
    }

    private func vector(_ cell: LinkedCell, columns: [MunicipalityCode]) -> [Double] {
        let terms = terms(of: cell)
        return columns.map { terms[$0] ?? 0 }
    }
}

/// The span of some rows, in reduced row echelon form, remembering which rows make each basis row.
struct RowSpace {
    /// Below this a number is zero: the entries are shares (at most 1) and short sums of their multiples.
    static let tolerance = 1e-9

    let columns: [MunicipalityCode]
    private let labels: [LinkedCell]
    /// Basis rows with their pivot column and their combination of the original rows.
    private var basis: [(pivot: Int, row: [Double], combination: [Double])] = []

    init(labels: [LinkedCell], rows: [[Double]], columns: [MunicipalityCode]) {
        self.labels = labels
        self.columns = columns
        var pending = rows.enumerated().map { index, row in
            (row: row, combination: (0..<rows.count).map { $0 == index ? 1.0 : 0.0 })
        }
        for column in columns.indices {
            // Partial pivoting: the largest entry of the column, the first on a tie, keeps the arithmetic stable.
            guard let best = pending.indices.max(by: { abs(pending[$0].row[column]) < abs(pending[$1].row[column]) }),
                abs(pending[best].row[column]) > Self.tolerance
            else { continue }
            var pivot = pending.remove(at: best)
            let scale = pivot.row[column]
            pivot.row = pivot.row.map { $0 / scale }
            pivot.combination = pivot.combination.map { $0 / scale }
            for index in pending.indices {
                let factor = pending[index].row[column]
                guard factor != 0 else { continue }
                pending[index].row = zip(pending[index].row, pivot.row).map { $0 - factor * $1 }
                pending[index].combination = zip(pending[index].combination, pivot.combination).map { $0 - factor * $1 }
            }
            for index in basis.indices {
                let factor = basis[index].row[column]
                guard factor != 0 else { continue }
                basis[index].row = zip(basis[index].row, pivot.row).map { $0 - factor * $1 }
                basis[index].combination = zip(basis[index].combination, pivot.combination).map { $0 - factor * $1 }
            }
            basis.append((column, pivot.row, pivot.combination))
        }
    }

    /// The rows (by label) of a combination that gives `vector`, or nil when no combination does.
    func combination(for vector: [Double]) -> [LinkedCell]? {
        var rest = vector
        var combination = [Double](repeating: 0, count: labels.count)
        for entry in basis {
            let factor = rest[entry.pivot]
            guard factor != 0 else { continue }
            rest = zip(rest, entry.row).map { $0 - factor * $1 }
            combination = zip(combination, entry.combination).map { $0 + factor * $1 }
        }
        guard rest.allSatisfy({ abs($0) <= Self.tolerance }) else { return nil }
        return labels.indices.filter { abs(combination[$0]) > Self.tolerance }.map { labels[$0] }
    }
}
