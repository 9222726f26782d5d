import Foundation

/// Which indicators get an opportunity, and what it counts (docs/similar-councils.md#the-opportunity):
/// every indicator with counts (`broek`) and a direction, and the rates given only as a value that the
/// profile file lists with the population they are per (`muligheder`).
public struct OpportunityRule: Sendable, Hashable {
    public var indicatorID: String
    /// For a rate given only as a value: the rate is per this many of the indicator's weight base
    /// (1.000 for "pr. 1.000 borgere på 65 år og derover"); nil for a fraction, whose scale is known.
    public var per: Double?
    /// What is counted, in the plural ("forebyggelige akutte sygehusophold"); nil: the indicator's
    /// title in sentence case.
    public var noun: String?
    /// Where the profile file lists it, for messages.
    public var location: SourceLocation?

    public init(indicatorID: String, per: Double? = nil, noun: String? = nil, location: SourceLocation? = nil) {
        self.indicatorID = indicatorID
        self.per = per
        self.noun = noun
        self.location = location
    }

    /// The rule for `indicator` under `listed` (the profile's `muligheder`): the listed one, else the
    /// automatic one for a fraction with a direction; nil for an indicator without an opportunity.
    public static func rule(for indicator: Indicator, listed: [OpportunityRule]) -> OpportunityRule? {
        guard indicator.direction != .none else { return nil }
        if let rule = listed.first(where: { $0.indicatorID == indicator.id }) { return rule }
        if case .ratio = indicator.aggregation { return OpportunityRule(indicatorID: indicator.id) }
        return nil
    }

    /// The number of the indicator's units (events, persons, days, 1.000 kr.) that one unit of the
    /// rate stands for per one of the denominator: 1 / scale for a fraction, 1 / per for a listed rate.
    func unitsPerRate(_ indicator: Indicator) -> Double? {
        switch indicator.aggregation {
        case .ratio(let scale): return 1 / scale
        case .weighted: return per.map { 1 / $0 }
        default: return nil
        }
    }
}

/// How many events (or kroner) fewer a cluster would have, had it the rate of the best quartile of its
/// similar clusters (docs/similar-councils.md#the-opportunity). Computed from shown figures only: the
/// cluster's own (with its public denominator) and its similar clusters' shown figures.
public struct Opportunity: Sendable, Hashable {
    public var period: Period
    /// The rate of the best quartile of the similar clusters' shown figures: the lower quartile when
    /// low is best, the upper when high is.
    public var best: Double
    /// The similar clusters whose shown figures the quartile is taken over, and how many there are.
    public var shownNeighbours: Int
    public var neighbours: Int
    /// The cluster's denominator: the fraction's denominator, or the weight base's population.
    public var denominator: Double
    /// Events (persons, days, 1.000 kr.) above the best quartile's level: positive when the cluster is
    /// worse, 0 or less when it is as good or better.
    public var amount: Double
    /// The 95 % interval of `amount` from the cluster's own interval, where its rate has one.
    public var lower: Double?
    public var upper: Double?
    /// Σ over the member municipalities with a shown figure worse than the best quartile of what they
    /// are above it; nil when no member has a shown figure.
    public var membersAmount: Double?
    /// Members left out of `membersAmount`: hidden or missing.
    public var membersLeftOut: [String]
    /// True when the amount is in 1.000 kr. (an expense indicator).
    public var isKroner: Bool
    /// What is counted, in the plural.
    public var noun: String
    /// Whether fewer (low is best) or more (high is best) would be better.
    public var direction: Direction

    /// Whether the cluster is worse than the best quartile, so there is an opportunity at all.
    public var exists: Bool { amount > 0 }

    /// The best quartile of `values` for `direction`: the lower quartile when low is best, the upper
    /// when high is, with linear interpolation between the order statistics (Excel's KVARTIL.MEDTAG,
    /// numpy's default): of five values, the second best.
    public static func bestQuartile(_ values: [Double], direction: Direction) -> Double? {
        guard !values.isEmpty, direction != .none else { return nil }
        let sorted = values.sorted()
        let position = Double(sorted.count - 1) * (direction == .lowerIsBetter ? 0.25 : 0.75)
        let below = Int(position.rounded(.down))
        let above = min(sorted.count - 1, below + 1)
        return sorted[below] + (position - Double(below)) * (sorted[above] - sorted[below])
    }

    /// The fewest similar clusters with a shown figure that a quartile is taken over.
    public static let minimumNeighbours = 3

    /// The opportunity of a cluster's `row` in the latest period against the shown figures of its
    /// similar clusters; nil when the indicator has none, the cluster's figure is not shown, or too
    /// few similar clusters have a shown figure.
    ///
    /// - Parameters:
    ///   - denominator: the cluster's denominator (a fraction's) or its weight base's population (a rate given as a value).
    ///   - neighbours: the similar clusters' latest figures as their own packs show them.
    ///   - members: the member municipalities' rows with their denominators (or weights), share applied.
    static func compute(
        _ indicator: Indicator, rule: OpportunityRule, period: Period, row: ReportRow, denominator: Double?, neighbours: [ReportValue],
        members: [(row: ReportRow, denominator: Double?)]
    ) -> Opportunity? {
        guard let units = rule.unitsPerRate(indicator), let value = row.latest.number, let denominator, denominator > 0 else { return nil }
        let shown = neighbours.compactMap(\.number)
        guard shown.count >= minimumNeighbours, let best = bestQuartile(shown, direction: indicator.direction) else { return nil }
        // Positive when worse: above the best when low is best, below it when high is.
        let sign: Double = indicator.direction == .lowerIsBetter ? 1 : -1
        let excess = { (rate: Double, base: Double) in sign * (rate - best) * base * units }
        let interval = row.latestInterval.map { interval in
            [excess(interval.lower, denominator), excess(interval.upper, denominator)].sorted()
        }
        var membersAmount: Double?
        var leftOut: [String] = []
        for member in members {
            guard let rate = member.row.latest.number, let base = member.denominator else {
                leftOut.append(member.row.name)
                continue
            }
            membersAmount = (membersAmount ?? 0) + max(0, excess(rate, base))
        }
        return Opportunity(
            period: period, best: best, shownNeighbours: shown.count, neighbours: neighbours.count, denominator: denominator,
            amount: excess(value, denominator), lower: interval?.first, upper: interval?.last, membersAmount: membersAmount,
            membersLeftOut: leftOut, isKroner: indicator.unit.hasPrefix(Self.thousandKroner),
            noun: rule.noun ?? Self.sentenceCase(indicator.title), direction: indicator.direction)
    }

    /// The unit prefix of amounts in 1.000 kr.
    static let thousandKroner = "1.000 kr."

    // MARK: Words

    /// An amount as a sentence states it, rounded so as not to pretend precision: whole numbers under
    /// 100, tens under 1.000, two significant digits above; kroner ("1,2 mio. kr.", "450.000 kr.").
    public func formatted(_ amount: Double) -> String {
        if isKroner {
            let kroner = abs(amount) * 1000
            if kroner >= 1_000_000 {
                let millions = Self.significant(kroner / 1_000_000)
                return DanishNumber.format(millions, decimals: millions < 10 ? 1 : 0) + " mio. kr."
            }
            return DanishNumber.format(Self.significant(kroner), decimals: 0) + " kr."
        }
        return DanishNumber.format(Self.significant(abs(amount)), decimals: 0)
    }

    /// Rounds to whole numbers under 100, to tens under 1.000 and to two significant digits above
    /// (and for millions: 1,2, 12).
    static func significant(_ value: Double) -> Double {
        if value < 10 { return value >= 1 ? value.rounded() : (value * 10).rounded() / 10 }
        if value < 100 { return value.rounded() }
        let magnitude = pow(10, (log10(value)).rounded(.down) - 1)
        return (value / magnitude).rounded() * magnitude
    }

    /// "ca. 120 færre forebyggelige akutte sygehusophold om året", "ca. 1,2 mio. kr. mindre om året":
    /// what the cluster would have, had it the best quartile's level; nil when there is no opportunity.
    public var sentence: String? {
        guard exists else { return nil }
        let perYear = period.isDate ? "" : (Self.isOneYear(period) ? " om året" : " i perioden")
        if isKroner {
            return "ca. \(formatted(amount)) \(direction == .lowerIsBetter ? "mindre" : "mere") i \(noun)\(perYear)"
        }
        return "ca. \(formatted(amount)) \(direction == .lowerIsBetter ? "færre" : "flere") \(noun)\(perYear)"
    }

    /// The opportunity without what is counted, for a column beside the indicator's name: "ca. 1.300
    /// færre om året", "ca. 3,0 mio. kr. mindre om året"; nil when there is none.
    public var shortSentence: String? {
        guard exists else { return nil }
        let perYear = period.isDate ? "" : (Self.isOneYear(period) ? " om året" : " i perioden")
        let word = isKroner ? (direction == .lowerIsBetter ? "mindre" : "mere") : (direction == .lowerIsBetter ? "færre" : "flere")
        return "ca. \(formatted(amount)) \(word)\(perYear)"
    }

    /// The 95 % interval as a sentence states it, "95 %-usikkerhedsinterval: 60–180", negative bounds as
    /// 0 (the cluster may be no worse than the best quartile); nil without an interval.
    public var intervalText: String? {
        guard let lower, let upper else { return nil }
        let low = lower <= 0 ? (isKroner ? "0 kr." : "0") : formatted(lower)
        return "\(low)–\(formatted(max(0, upper)))"
    }

    /// Whether the interval reaches 0, so chance alone may explain the difference from the best quartile.
    public var isUncertain: Bool { (lower ?? 1) <= 0 }

    /// A title inside a sentence: the first letter small, unless the first word is an abbreviation ("KOL").
    static func sentenceCase(_ title: String) -> String {
        guard let first = title.first else { return title }
        let firstWord = title.prefix { $0 != " " }
        if firstWord.count > 1, firstWord.dropFirst().contains(where: \.isUppercase) { return title }
        return first.lowercased() + title.dropFirst()
    }

    private static func isOneYear(_ period: Period) -> Bool {
        if case .year = period.kind { return true }
        return false
    }
}
