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

/// One row of an indicator table: a member municipality, the cluster, its region or the country.
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
    public var isApproximation: Bool
    /// Development since the previous period (latest against previous).
    public var development: TrafficLight?
    /// Level against the country in the latest period.
    public var levelMark: TrafficLight?

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
    /// The shown periods, oldest first: the latest and, when there is one, the one before.
    public var periods: [Period]
    /// Every period in the data, oldest first.
    public var allPeriods: [Period]
    public var rows: [ReportRow]
    /// Why traffic lights are missing, when they are.
    public var trafficLightNote: String?
    public var hiddenCells: [HiddenCell]
    /// Every cluster of the map in the latest period, for the spread on the overview; nil without a period.
    public var spread: ClusterSpread? = nil
    /// Every municipality of the country in the latest period against its denominator (FunnelPlot.swift);
    /// nil when the indicator has none, and then `funnelAbsence` says why.
    public var funnel: FunnelPlot? = nil
    public var funnelAbsence: FunnelPlotAbsence? = nil

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
    public var indicators: [IndicatorReport]
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

    /// The small-number rules of the pack's indicators, as they apply to each indicator's kind.
    public var suppressionRules: [SuppressionRule] {
        sections.flatMap { $0.indicators.map { $0.indicator.suppression.applying(to: $0.indicator.aggregation) } }
    }

    /// Every hidden cell of the pack.
    public var hiddenCells: [(indicator: Indicator, cell: HiddenCell)] {
        sections.flatMap { $0.indicators.flatMap { report in report.hiddenCells.map { (report.indicator, $0) } } }
    }
}
