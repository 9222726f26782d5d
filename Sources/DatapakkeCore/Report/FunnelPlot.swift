import Foundation

/// A funnel plot of one indicator in its latest period (docs/statistics.md#funnel-plots-in-the-pack):
/// every municipality of the country with a shown value, against its denominator, the country's value
/// as the target, and control limits at 95 % and 99,8 % around it. The pack's own member
/// municipalities are marked; a split municipality is plotted whole, since the plot is over
/// municipalities, not councils. Hidden and missing values are not in it at all.
public struct FunnelPlot: Sendable, Hashable {
    /// One municipality's point: its value as the table shows it (rounded to the indicator's
    /// decimals) and its denominator.
    public struct Point: Sendable, Hashable {
        public var code: MunicipalityCode
        public var name: String
        public var denominator: Double
        public var value: Double
        /// A member of the pack's council (whatever its share).
        public var isMember: Bool
        /// Where the point lies against the 99,8 % limits at its own denominator: above, below or within.
        public var outer: Significance
    }

    /// The control limits at one denominator, at both levels.
    public struct LimitPoint: Sendable, Hashable {
        public var denominator: Double
        public var inner: ControlLimits
        public var outer: ControlLimits
    }

    /// Which limits fit the indicator's counts.
    public enum Method: String, Sendable, Hashable {
        /// Persons among the denominator: a proportion, Wilson's limits (`FunnelLimits.proportion`).
        case proportion = "Wilson"
        /// Events per population: a rate, exact Poisson limits (`FunnelLimits.rate`).
        case rate = "exact Poisson"
    }

    /// The levels of the inner and outer limits, as in Fingertips.
    public static let innerLevel = ConfidenceLevel.percent95
    public static let outerLevel = ConfidenceLevel.percent99point8
    /// How many denominators the limits are computed at, spaced evenly on a logarithmic scale from the
    /// smallest to the largest plotted denominator: enough that the curves are smooth on paper.
    public static let limitSamples = 80

    public var period: Period
    public var method: Method
    /// The indicator's scale (100 for per cent, 1.000 for per 1.000), the limits' multiplier.
    public var multiplier: Double
    /// The decimals the indicator's values are shown with (the points and the target are rounded to them).
    public var decimals: Int
    /// The country's value as the table shows it, rounded to the indicator's decimals: the target the
    /// limits are drawn around, so that the plot rests on nothing the table does not show.
    public var target: Double
    /// The plotted municipalities: the members first, then the others, each group in Danish name order.
    public var points: [Point]
    /// The limits at `limitSamples` denominators, smallest first.
    public var limits: [LimitPoint]
    /// Municipalities of the country (the register) that are not plotted because their value is
    /// hidden (primary or secondary suppression) or because the data has no value or denominator.
    public var hiddenCount: Int
    public var missingCount: Int
    /// The municipalities in the register.
    public var municipalityCount: Int
    /// What the denominator counts, for the axis title ("indbyggertal", "borgere på 65 år og derover");
    /// nil when the catalogue does not say.
    public var denominatorLabel: String?

    public var memberPoints: [Point] { points.filter(\.isMember) }
    /// The plotted municipalities outside the 99,8 % limits.
    public var outsideOuterLimits: Int { points.filter { $0.outer != .notSignificantlyDifferent }.count }
    public var otherPoints: [Point] { points.filter { !$0.isMember } }

    /// The funnel plot of `indicator` from its latest period's table, or why there is none.
    ///
    /// `members` are the pack's member municipalities; `register` names every municipality.
    public static func make(
        _ indicator: Indicator, table: IndicatorPeriodTable?, register: MunicipalityRegister, members: Set<MunicipalityCode>
    ) -> Result<FunnelPlot, FunnelPlotAbsence> {
        guard let countsPersons = indicator.countsPersonsAmongDenominator else { return .failure(.noCounts(indicator.aggregation)) }
        guard let table else { return .failure(.noPeriod) }
        let multiplier: Double
        switch indicator.aggregation {
        case .ratio(let scale), .populationShare(_, _, let scale): multiplier = scale
        default: return .failure(.noCounts(indicator.aggregation))
        }
        guard multiplier > 1 else { return .failure(.plainRatio) }
        guard table.hidden[.country] == nil, let country = table.figures[.country]?.value, country.isFinite else {
            return .failure(.countryNotShown(table.period))
        }
        let target = DanishNumber.rounded(country, decimals: indicator.decimals)

        let method: Method = countsPersons ? .proportion : .rate
        func limits(at denominator: Double, _ level: ConfidenceLevel) -> ControlLimits? {
            switch method {
            case .proportion: return FunnelLimits.proportion(target: target, denominator: denominator, level: level, multiplier: multiplier)
            case .rate: return FunnelLimits.rate(target: target, denominator: denominator, level: level, multiplier: multiplier)
            }
        }

        var points: [Point] = []
        var hidden = 0
        var missing = 0
        for municipality in register.municipalities {
            if table.hidden[.municipality(municipality.code)] != nil {
                hidden += 1
                continue
            }
            guard let input = table.inputs[municipality.code], let value = input.value, value.isFinite,
                let denominator = input.denominator, denominator > 0, denominator.isFinite, input.numerator != nil
            else {
                missing += 1
                continue
            }
            let shown = DanishNumber.rounded(value, decimals: indicator.decimals)
            guard let outer = limits(at: denominator, outerLevel) else { return .failure(.limitsNotComputable(table.period)) }
            points.append(
                Point(
                    code: municipality.code, name: municipality.name, denominator: denominator, value: shown,
                    isMember: members.contains(municipality.code), outer: Significance(value: shown, limits: outer)))
        }
        points.sort { ($0.isMember ? 0 : 1, danishSortKey($0.name), $0.code) < ($1.isMember ? 0 : 1, danishSortKey($1.name), $1.code) }
        guard let smallest = points.map(\.denominator).min(), let largest = points.map(\.denominator).max() else {
            return .failure(.noMunicipalities(table.period))
        }

        var samples: [LimitPoint] = []
        for denominator in logSpaced(from: smallest, to: largest, count: limitSamples) {
            guard let inner = limits(at: denominator, innerLevel), let outer = limits(at: denominator, outerLevel) else {
                return .failure(.limitsNotComputable(table.period))
            }
            samples.append(LimitPoint(denominator: denominator, inner: inner, outer: outer))
        }
        return .success(
            FunnelPlot(
                period: table.period, method: method, multiplier: multiplier, decimals: indicator.decimals, target: target, points: points,
                limits: samples,
                hiddenCount: hidden, missingCount: missing, municipalityCount: register.municipalities.count,
                denominatorLabel: indicator.denominatorLabel))
    }

    /// `count` numbers from `first` to `last` (both included), evenly spaced on a logarithmic scale;
    /// one number when they are equal.
    static func logSpaced(from first: Double, to last: Double, count: Int) -> [Double] {
        guard first < last, count > 1 else { return [first] }
        let (low, high) = (log(first), log(last))
        return (0..<count).map { index in
            if index == 0 { return first }
            if index == count - 1 { return last }
            return exp(low + (high - low) * Double(index) / Double(count - 1))
        }
    }
}

/// Why an indicator has no funnel plot; `Vocabulary.funnelAbsence` says it in Danish.
public enum FunnelPlotAbsence: Error, Sendable, Hashable {
    /// The indicator has no numerator and denominator per municipality (a count, a rate given only as
    /// a value, a figure that cannot be added up).
    case noCounts(Aggregation)
    /// A plain ratio (skala 1, e.g. patients per doctor): its numerator is no count of events or persons
    /// that a Poisson or binomial model describes.
    case plainRatio
    /// There is no period with data.
    case noPeriod
    /// The country's figure is hidden or missing in the period, so there is no target.
    case countryNotShown(Period)
    /// No municipality has a shown value with a denominator in the period.
    case noMunicipalities(Period)
    /// The limits cannot be computed around the country's value (a proportion above its scale).
    case limitsNotComputable(Period)
}

extension Indicator {
    /// For an indicator with counts (a ratio or a population share): true when the numerator counts
    /// persons among the denominator's (a proportion: Wilson's interval and limits), false when it
    /// counts events per population (a rate: exact Poisson); nil without counts. A population share
    /// always counts persons. The figures export's intervals and the funnel plots both decide by it.
    public var countsPersonsAmongDenominator: Bool? {
        switch aggregation {
        case .populationShare: return true
        case .ratio: return numeratorIsPartOfDenominator
        default: return nil
        }
    }

    /// What the denominator counts, for a funnel plot's axis: the population group of a population
    /// share ("indbyggertal"), or for a ratio what its unit is per or a share of ("pct. af borgerne",
    /// "pr. 1.000 borgere på 65 år og derover" give "borgerne", "borgere på 65 år og derover"); nil
    /// when the unit names no denominator.
    public var denominatorLabel: String? {
        switch aggregation {
        case .populationShare(_, let denominator, _):
            return denominator.phrase
        case .ratio:
            let words = unit.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if words.count > 2, words[0] == "pct.", words[1] == "af" { return words.dropFirst(2).joined(separator: " ") }
            if words.count > 2, words[0] == "pr.", words[1].allSatisfy({ $0.isNumber || $0 == "." }) {
                return words.dropFirst(2).joined(separator: " ")
            }
            return nil
        default:
            return nil
        }
    }
}

extension Result where Success == FunnelPlot, Failure == FunnelPlotAbsence {
    /// Why there is no funnel plot; nil when there is one.
    var absence: FunnelPlotAbsence? {
        if case .failure(let absence) = self { return absence }
        return nil
    }
}
