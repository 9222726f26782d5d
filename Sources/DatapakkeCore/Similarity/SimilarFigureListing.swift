import Foundation

extension ComparisonPosition {
    /// The position in Danish, as the figures export writes it: "over", "inden for", "under".
    public var danish: String {
        switch self {
        case .above: return "over"
        case .within: return "inden for"
        case .below: return "under"
        }
    }
}

extension FigureListing {
    /// Adds to every cluster's entries its similar clusters, their figure (hidden as in the packs) and,
    /// in the latest period, the cluster's position against them and its opportunity, exactly as the
    /// cluster's own pack shows them (docs/similar-councils.md).
    mutating func addSimilarClusters(builder: ReportBuilder, tables: [String: [Period: IndicatorPeriodTable]], clusters: [Cluster]) {
        let inputs = builder.inputs
        guard let similar = inputs.similar else { return }
        let clusterLevel = inputs.definitions.kind.name(of: .cluster)
        for cluster in clusters {
            guard let neighbours = similar.clusters[cluster.id], !neighbours.isEmpty else { continue }
            let pack = builder.pack(for: cluster, tables: tables, documentDate: Date(timeIntervalSince1970: 0), toolVersion: "")
            var reports: [String: IndicatorReport] = [:]
            for report in pack.sections.flatMap(\.indicators) { reports[report.indicator.id] = report }
            for index in entries.indices where entries[index].level == clusterLevel && entries[index].id == cluster.id {
                guard let indicator = inputs.catalogue.indicator(entries[index].indicator), let period = Period(entries[index].period)
                else {
                    continue
                }
                let row = builder.similarRow(indicator, tables: tables[indicator.id] ?? [:], periods: [period], neighbours: neighbours).row
                entries[index].similar = neighbours.map(\.id)
                entries[index].similarValue = row.latest.number
                if case .hidden(let reason) = row.latest { entries[index].similarHidden = reason.ruleName }
                guard let report = reports[indicator.id], report.periods.last == period, let comparison = report.similar else { continue }
                entries[index].similarPosition = comparison.position?.danish
                if let opportunity = comparison.opportunity {
                    entries[index].opportunity = opportunity.amount
                    entries[index].opportunityLower = opportunity.lower
                    entries[index].opportunityUpper = opportunity.upper
                    entries[index].opportunityBest = opportunity.best
                    entries[index].opportunityUnit = opportunity.isKroner ? Opportunity.thousandKroner : opportunity.noun
                    entries[index].opportunityMembers = opportunity.membersAmount
                }
            }
        }
    }
}
