import DatapakkeCore

/// One line of a pack's one-page overview: an indicator's latest figure for the cluster and for the
/// country, the spread between every cluster of the map, and the level mark. The workbook's Overblik
/// sheet and the presentation's overview slide both read these rows, so they always agree.
struct OverviewRow {
    var report: IndicatorReport
    /// The latest period, when the indicator has one.
    var period: Period?
    var cluster: ReportValue
    var country: ReportValue
    /// The lowest and highest shown figure of all clusters, rounded as shown.
    var minimum: Double?
    var maximum: Double?
    /// The lowest and highest as a cell shows them: the number, or why there is none.
    var minimumValue: ReportValue { minimum.map(ReportValue.shown) ?? noSpread }
    var maximumValue: ReportValue { maximum.map(ReportValue.shown) ?? noSpread }
    /// Clusters with a shown figure, and all clusters of the map.
    var shownClusters: Int
    var clusters: Int
    /// Where the spread, the cluster and the country lie on the row's own scale; nil without a shown spread.
    var scale: RangeScale?

    var indicator: Indicator { report.indicator }
    /// Without a shown figure: not computed when no cluster can have one, else missing.
    private var noSpread: ReportValue {
        if case .notAdditive(nil) = indicator.aggregation { return .notComputed }
        return .missing
    }
    var levelMark: TrafficLight? { report.clusterRow?.levelMark }

    /// The rows of a pack: every indicator in pack order.
    static func rows(for report: PackReport) -> [OverviewRow] {
        report.sections.flatMap { $0.indicators.map(OverviewRow.init) }
    }

    init(_ report: IndicatorReport) {
        self.report = report
        let decimals = report.indicator.decimals
        let shown = { (value: Double?) in value.map { DanishNumber.rounded($0, decimals: decimals) } }
        period = report.periods.last
        cluster = report.clusterRow?.latest ?? .missing
        country = report.countryRow?.latest ?? .missing
        minimum = shown(report.spread?.minimum)
        maximum = shown(report.spread?.maximum)
        shownClusters = report.spread?.shownCount ?? 0
        clusters = report.spread?.figures.count ?? 0
        if let minimum, let maximum {
            // A count's country is the sum of every cluster, far outside their spread: left off the scale.
            let countryOnScale = !Self.isSum(report.indicator.aggregation)
            scale = RangeScale(
                minimum: minimum, maximum: maximum, cluster: shown(cluster.number),
                country: countryOnScale ? shown(country.number) : nil)
        }
    }

    /// Whether the indicator's aggregates are sums, which dwarf the municipalities and clusters.
    static func isSum(_ aggregation: Aggregation) -> Bool {
        switch aggregation {
        case .count, .population: return true
        default: return false
        }
    }
}

/// A row's own scale: from the lowest to the highest of the spread, the cluster and the country (all
/// as shown), mapped to 0…1. Every position comes from shown, rounded figures only.
struct RangeScale {
    var minimum: Double
    var maximum: Double
    var cluster: Double?
    var country: Double?
    let low: Double
    let high: Double

    init(minimum: Double, maximum: Double, cluster: Double?, country: Double?) {
        self.minimum = minimum
        self.maximum = maximum
        self.cluster = cluster
        self.country = country
        let values = [minimum, maximum] + [cluster, country].compactMap { $0 }
        low = values.min() ?? minimum
        high = values.max() ?? maximum
    }

    /// Where a value lies, 0 at the low end and 1 at the high end; the middle when all values are equal.
    func position(_ value: Double) -> Double {
        guard high > low else { return 0.5 }
        return min(1, max(0, (value - low) / (high - low)))
    }

    /// The spread as text in a fixed-width font, `width` characters: `├───●──│──┤`, with the
    /// cluster as `●` and the country as `│` (the cluster wins where they meet). For the workbook,
    /// which prints text more reliably than drawings.
    func textBar(width: Int) -> String {
        let width = max(3, width)
        let index = { (value: Double) in Int((self.position(value) * Double(width - 1)).rounded()) }
        var characters = Array(repeating: Character(" "), count: width)
        let first = index(minimum)
        let last = index(maximum)
        for position in first...last { characters[position] = OverviewMarks.spreadLine }
        if first == last {
            characters[first] = OverviewMarks.spreadPoint
        } else {
            characters[first] = OverviewMarks.spreadStart
            characters[last] = OverviewMarks.spreadEnd
        }
        if let country { characters[index(country)] = OverviewMarks.country }
        if let cluster { characters[index(cluster)] = OverviewMarks.cluster }
        return String(characters)
    }
}

/// The characters of the overview's text bars, in one place for the bars and their legend. All are in
/// Windows' WGL4 set, so Courier New, Consolas and LibreOffice's Liberation Mono show them.
enum OverviewMarks {
    static let spreadStart: Character = "├"
    static let spreadEnd: Character = "┤"
    static let spreadLine: Character = "─"
    static let spreadPoint: Character = "┼"
    static let cluster: Character = "●"
    static let country: Character = "│"
}
