import Foundation

/// What a table cell shows: a number, a hidden small number, or nothing to show.
public enum ReportValue: Sendable, Hashable {
    case shown(Double)
    case hidden(SuppressionReason)
    /// The data has no value (not published, or empty). Never a zero.
    case missing
    /// An aggregate the indicator's rule does not allow (not additive).
    case notComputed

    /// The number, only when it may be shown.
    public var number: Double? {
        if case .shown(let value) = self { return value }
        return nil
    }

    /// The marker for a cell without a number ("<5", "x", "..", "").
    public var marker: String {
        switch self {
        case .shown: return ""
        case .hidden(let reason): return reason.marker
        case .missing: return Vocabulary.missingMarker
        case .notComputed: return Vocabulary.notComputedMarker
        }
    }
}

/// One row of an indicator table: a member municipality, the cluster, its region, its similar clusters
/// taken together, or the country.
public struct ReportRow: Sendable, Hashable {
    public var level: AreaLevel
    public var id: String
    public var name: String
    /// The municipality's share in the cluster (1 unless it is split).
    public var share: Double
    /// One value per period of the indicator report, oldest first.
    public var values: [ReportValue]
    /// Coverage of aggregate rows per period (nil for municipalities).
    public var coverage: [Coverage?]
    /// The counts behind each period's value, only where the value is shown and the indicator has
    /// counts: a hidden rate hides its numerator and denominator too.
    public var numerators: [Double?]
    public var denominators: [Double?]
    /// The 95 % confidence interval of each period's shown value, where its counts give one.
    public var intervals: [ConfidenceInterval?]
    /// For an age-standardised indicator: each period's DSR with what its interval and the test of
    /// its change need (nil where hidden or under 10 events); empty for other indicators.
    public var standardised: [DirectlyStandardisedRate?] = []
    public var isApproximation: Bool
    /// The latest value against the country, and the latest against the previous period, as the
    /// indicator's comparison rule places them (also for indicators without a direction).
    public var levelPosition: ComparisonPosition?
    public var developmentPosition: ComparisonPosition?
    /// Development since the previous period (latest against previous).
    public var development: TrafficLight?
    /// Level against the country in the latest period.
    public var levelMark: TrafficLight?
    /// For an age-standardised indicator (whose `values` are the standardised rates): the crude rate
    /// per period, hidden wherever the standardised value is hidden; nil for other indicators.
    public var crudeValues: [ReportValue]? = nil

    /// The latest period's counts and interval.
    public var latestNumerator: Double? { numerators.last ?? nil }
    public var latestDenominator: Double? { denominators.last ?? nil }
    public var latestInterval: ConfidenceInterval? { intervals.last ?? nil }

    /// The latest period's value.
    public var latest: ReportValue { values.last ?? .missing }
    /// The previous period's value, when there are two.
    public var previous: ReportValue? { values.count > 1 ? values[values.count - 2] : nil }
}

/// A hidden cell, for the audit on the documentation sheet.
public struct HiddenCell: Sendable, Hashable {
    public var rowName: String
    public var level: AreaLevel
    public var period: Period
    public var reason: SuppressionReason
}

/// An indicator as shown in one pack: its table for the shown periods, marks and notes.
public struct IndicatorReport: Sendable {
    public var indicator: Indicator
    public var origin: DataOrigin
    /// True when the municipalities' figures are real but the council, region and country figures
    /// weight them with a synthetic population (a mix, labelled as such).
    public var hasSyntheticWeights: Bool = false
    /// The shown periods, oldest first: the latest and, when there is one, the one before.
    public var periods: [Period]
    /// Every period in the data, oldest first.
    public var allPeriods: [Period]
    public var rows: [ReportRow]
    /// How the figures are compared with the country and the previous period.
    public var comparison: ComparisonRule { indicator.comparison }
    /// Why traffic lights are missing, when they are.
    public var trafficLightNote: String?
    public var hiddenCells: [HiddenCell]
    /// Every cluster of the map in the latest period, for the spread on the overview; nil without a period.
    public var spread: ClusterSpread? = nil
    /// Every municipality of the country in the latest period against its denominator (FunnelPlot.swift);
    /// nil when the indicator has none, and then `funnelAbsence` says why.
    public var funnel: FunnelPlot? = nil
    public var funnelAbsence: FunnelPlotAbsence? = nil
    /// For an age-standardised indicator: why a row shows a crude rate but no standardised one in the
    /// latest period (fewer than 10 events), naming the rows; nil when every shown row has both.
    public var standardisationNote: String? = nil
    /// The cluster against its similar clusters, and the opportunity; nil without similar clusters
    /// (docs/similar-councils.md).
    public var similar: SimilarComparison? = nil

    /// The member municipalities' rows, in table order.
    public var municipalityRows: [ReportRow] { rows.filter { $0.level == .municipality } }
    public var clusterRow: ReportRow? { rows.first { $0.level == .cluster } }
    public var regionRow: ReportRow? { rows.first { $0.level == .region } }
    public var countryRow: ReportRow? { rows.first { $0.level == .country } }

    /// The shown municipality with the highest latest value.
    public var highest: ReportRow? {
        municipalityRows.filter { $0.latest.number != nil }.max { ($0.latest.number ?? 0) < ($1.latest.number ?? 0) }
    }

    /// The shown municipality with the lowest latest value.
    public var lowest: ReportRow? {
        municipalityRows.filter { $0.latest.number != nil }.min { ($0.latest.number ?? 0) < ($1.latest.number ?? 0) }
    }
}

/// One cluster's figure in the spread over the map: shown, hidden (only the reason is kept), missing
/// or not computed, exactly as that cluster's own pack shows it.
public struct ClusterFigure: Sendable, Hashable {
    public var id: String
    public var name: String
    public var value: ReportValue

    public init(id: String, name: String, value: ReportValue) {
        self.id = id
        self.name = name
        self.value = value
    }
}

/// The latest figure of every cluster of the definition set, in definition order: what the overview
/// needs for the spread between the clusters. Hidden figures carry no number, so the lowest and highest
/// are over the shown figures only and can never give a hidden one away.
public struct ClusterSpread: Sendable, Hashable {
    public var period: Period
    public var figures: [ClusterFigure]

    public init(period: Period, figures: [ClusterFigure]) {
        self.period = period
        self.figures = figures
    }

    /// The shown figures, in definition order.
    public var shownValues: [Double] { figures.compactMap(\.value.number) }
    /// The lowest shown figure.
    public var minimum: Double? { shownValues.min() }
    /// The highest shown figure.
    public var maximum: Double? { shownValues.max() }
    /// The clusters with a shown figure.
    public var shownCount: Int { shownValues.count }
}

/// A section of the pack with its indicators.
public struct SectionReport: Sendable {
    public var section: Section
    /// Every indicator of the section in catalogue order, group members included.
    public var indicators: [IndicatorReport]
    /// The catalogue's groups with members in this section.
    public var groups: [IndicatorGroup] = []

    public init(section: Section, indicators: [IndicatorReport], groups: [IndicatorGroup] = []) {
        self.section = section
        self.indicators = indicators
        self.groups = groups
    }

    /// What the section shows, in order: an indicator on its own, or a group of indicators shown
    /// together, in the place of its first member.
    public var blocks: [SectionBlock] {
        var blocks: [SectionBlock] = []
        var placed: Set<String> = []
        for indicator in indicators {
            guard let id = indicator.indicator.groupID, let group = groups.first(where: { $0.id == id }) else {
                blocks.append(.indicator(indicator))
                continue
            }
            guard placed.insert(id).inserted else { continue }
            blocks.append(.group(IndicatorGroupReport(group: group, indicators: indicators.filter { $0.indicator.groupID == id })))
        }
        return blocks
    }
}

/// One block of a section: an indicator on its own or a group shown together.
public enum SectionBlock: Sendable {
    case indicator(IndicatorReport)
    case group(IndicatorGroupReport)
}

/// A group of indicators as one pack shows it: its members' reports in catalogue order.
public struct IndicatorGroupReport: Sendable {
    public var group: IndicatorGroup
    public var indicators: [IndicatorReport]

    public init(group: IndicatorGroup, indicators: [IndicatorReport]) {
        self.group = group
        self.indicators = indicators
    }

    /// The members' unit (the catalogue makes them share one).
    public var unit: String { indicators.first?.indicator.unit ?? "" }
    /// The most decimals of any member, so that no member's figure is shown coarser than in its own table.
    public var decimals: Int { indicators.map(\.indicator.decimals).max() ?? 1 }
    /// The latest period of the members (they usually share it).
    public var latestPeriod: Period? { indicators.compactMap(\.periods.last).max() }
    /// Whether any member's figures are synthetic.
    public var isSynthetic: Bool { indicators.contains { $0.origin == .synthetic } }
    /// The members' sources, each once, in order.
    public var sources: [String] {
        var result: [String] = []
        for indicator in indicators where !indicator.indicator.source.isEmpty && !result.contains(indicator.indicator.source) {
            result.append(indicator.indicator.source)
        }
        return result
    }
}

/// A member municipality on the front page.
public struct MemberSummary: Sendable, Hashable {
    public var code: MunicipalityCode
    public var name: String
    public var share: Double
    /// Residents on the latest population date (the municipality's whole population).
    public var population: Double?
}

/// Everything one pack shows, computed once; renderers read only this.
public struct PackReport: Sendable {
    public var cluster: Cluster
    public var kind: ClusterKind
    public var definitionsName: String
    /// The date the definition set applies from ("2027-01-01"), when the file gives one.
    public var definitionsValidFrom: Period?
    public var regionName: String
    public var members: [MemberSummary]
    /// The latest population date and the cluster's residents then (split municipalities by share).
    public var populationDate: Period?
    public var population: Double?
    public var sections: [SectionReport]
    /// Every period in the pack, oldest first.
    public var periods: [Period]
    public var sources: [String]
    /// True when any figure in the pack rests on synthetic example data.
    public var hasSyntheticData: Bool
    public var syntheticIndicators: [String]
    /// The date the pack was built: SOURCE_DATE_EPOCH's when set, else the build's day, so that
    /// rebuilding on the same day or with the same SOURCE_DATE_EPOCH gives the same file.
    public var documentDate: Date
    /// The newest date the data speaks of (a population date, or 31 December of the latest year):
    /// "Data opgjort pr." in the pack.
    public var dataDate: Date
    public var toolVersion: String
    /// The names of the other maps published together with this one, whose hidden cells were decided
    /// with it (docs/small-numbers.md#both-maps-as-linked-tables).
    public var publishedWith: [String] = []
    /// The most similar clusters and how they were chosen; nil without a profile (docs/similar-councils.md).
    public var similar: SimilarClusters? = nil

    /// The small-number rules of the pack's indicators, as they apply to each indicator's kind.
    public var suppressionRules: [SuppressionRule] {
        sections.flatMap { $0.indicators.map { $0.indicator.suppression.applying(to: $0.indicator.aggregation) } }
    }

    /// The comparison rules of the indicators that get marks (those with a direction), with their
    /// units, for the legend.
    public var comparisons: [(rule: ComparisonRule, unit: String)] {
        sections.flatMap { $0.indicators.map(\.indicator) }.filter { $0.direction != .none }.map { ($0.comparison, $0.unit) }
    }

    /// Every hidden cell of the pack.
    public var hiddenCells: [(indicator: Indicator, cell: HiddenCell)] {
        sections.flatMap { $0.indicators.flatMap { report in report.hiddenCells.map { (report.indicator, $0) } } }
    }
}
