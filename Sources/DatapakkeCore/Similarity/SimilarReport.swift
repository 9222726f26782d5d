import Foundation

/// A member municipality's most similar municipalities, for the front page.
public struct MemberSimilarity: Sendable, Hashable {
    public var code: MunicipalityCode
    public var name: String
    public var neighbours: [SimilarNeighbour]
}

/// The pack's similar clusters (docs/similar-councils.md): who they are and how far, the profile they
/// were chosen by, and each member municipality's most similar municipalities.
public struct SimilarClusters: Sendable {
    /// The most similar clusters, nearest first.
    public var neighbours: [SimilarNeighbour]
    /// The profile's variables over the clusters of the map: indicator, period, weight, transformation.
    public var variables: [SimilarityVariableSummary]
    /// The cluster's own profile values and its neighbours', in the order of `neighbours`.
    public var own: SimilarityUnit?
    public var units: [SimilarityUnit]
    /// Every cluster's shown value of each variable, for the range on Dokumentation.
    public var allValues: [[Double]]
    public var members: [MemberSimilarity]
    /// How many similar municipalities each municipality has.
    public var municipalityNeighbours: Int
    /// The name of the group in tables: "Sammenlignelige sundhedsråd".
    public var rowName: String
    /// The profile's variables (by index) that rest on synthetic example data: the choice of similar
    /// clusters does too, and says so.
    public var syntheticVariables: [Int]
}

/// An indicator's comparison of the cluster with its similar clusters: the cluster's position against
/// the group's figure by the indicator's own rule, its mark, and the opportunity.
public struct SimilarComparison: Sendable, Hashable {
    /// The cluster's latest figure against the similar clusters' by the indicator's comparison rule
    /// (the interval against their value for significance, the shown values for a band).
    public var position: ComparisonPosition?
    public var mark: TrafficLight?
    public var opportunity: Opportunity?
    /// The group's figure was hidden because one of the similar clusters' figures is.
    public var isHidden: Bool
}

extension IndicatorReport {
    /// The similar clusters' row, when the pack has similar clusters.
    public var similarRow: ReportRow? { rows.first { $0.level == .similar } }
}

extension ReportBuilder {
    /// The similar clusters of `cluster`, with the profile and its members' similar municipalities; nil
    /// without a profile.
    func similarClusters(of cluster: Cluster, members: [ClusterMember]) -> SimilarClusters? {
        guard let similar = inputs.similar, let neighbours = similar.clusters[cluster.id], !neighbours.isEmpty else { return nil }
        return SimilarClusters(
            neighbours: neighbours, variables: similar.clusterVariables, own: similar.clusterUnits[cluster.id],
            units: neighbours.compactMap { similar.clusterUnits[$0.id] },
            allValues: similar.clusterVariables.indices.map { index in
                inputs.definitions.clusters.compactMap { similar.clusterUnits[$0.id]?.values[index] }
            },
            members: members.map { member in
                MemberSimilarity(
                    code: member.code, name: inputs.register.municipality(member.code)?.name ?? String(member.code),
                    neighbours: similar.municipalities[member.code] ?? [])
            },
            municipalityNeighbours: similar.profile.municipalityNeighbours, rowName: Self.similarRowName(inputs.definitions.kind),
            syntheticVariables: similar.clusterVariables.indices.filter {
                inputs.origin(of: similar.clusterVariables[$0].indicator) == .synthetic
            })
    }

    /// "Sammenlignelige sundhedsråd", "Sammenlignelige sundhedsklynger".
    public static func similarRowName(_ kind: ClusterKind) -> String { "Sammenlignelige " + kind.plural }

    /// The similar clusters together as one area: every member of each, a split municipality's shares
    /// added, so that the group's figure is the sum of the clusters' figures.
    func similarArea(_ neighbours: [SimilarNeighbour]) -> Area {
        var shares: [MunicipalityCode: Double] = [:]
        for neighbour in neighbours {
            for member in inputs.definitions.clusters.first(where: { $0.id == neighbour.id })?.members ?? [] {
                shares[member.code, default: 0] += member.share
            }
        }
        return Area(
            level: .similar, id: neighbours.map(\.id).joined(separator: "+"), name: Self.similarRowName(inputs.definitions.kind),
            members: shares.keys.sorted().map { ClusterMember(code: $0, share: shares[$0] ?? 0) })
    }

    /// The similar clusters' row of an indicator's table: the group's figure by the indicator's own rule,
    /// shown only where every similar cluster's own figure is shown, so that it is a sum of published
    /// figures and can give nothing away (docs/similar-councils.md#small-numbers); hidden with the
    /// secondary marker otherwise.
    func similarRow(_ indicator: Indicator, tables: [Period: IndicatorPeriodTable], periods: [Period], neighbours: [SimilarNeighbour])
        -> (row: ReportRow, hidden: [HiddenCell])
    {
        let area = similarArea(neighbours)
        let hasCounts = FigureUncertainty.hasCounts(indicator)
        var values: [ReportValue] = []
        var coverage: [Coverage?] = []
        var numerators: [Double?] = []
        var denominators: [Double?] = []
        // An age-standardised indicator's DSR (for its interval) and crude rate, per period.
        var standardised: [DirectlyStandardisedRate?] = []
        var crude: [ReportValue] = []
        var hidden: [HiddenCell] = []
        var approximation = false
        for period in periods {
            guard let table = tables[period] else {
                values.append(.missing)
                coverage.append(nil)
                numerators.append(nil)
                denominators.append(nil)
                standardised.append(nil)
                crude.append(.missing)
                continue
            }
            let figure = engine.figure(indicator, period: period, area: area)
            coverage.append(figure.coverage)
            if similarGroupProtection, neighbours.contains(where: { table.hidden[.cluster($0.id)] != nil }) {
                values.append(.hidden(.secondary))
                hidden.append(HiddenCell(rowName: area.name, level: .similar, period: period, reason: .secondary))
                numerators.append(nil)
                denominators.append(nil)
                standardised.append(nil)
                crude.append(.hidden(.secondary))
                continue
            }
            approximation = approximation || figure.isApproximation
            if case .notAdditive(nil) = indicator.aggregation {
                values.append(.notComputed)
            } else {
                values.append(figure.value.map(ReportValue.shown) ?? .missing)
            }
            let counted = hasCounts && figure.value != nil
            numerators.append(counted ? figure.numerator : nil)
            denominators.append(counted ? figure.denominator : nil)
            standardised.append(figure.value != nil ? figure.standardised : nil)
            crude.append(figure.crudeValue.map(ReportValue.shown) ?? .missing)
        }
        let intervals = periods.indices.map { index in
            FigureUncertainty.interval(
                indicator, numerator: numerators[index], denominator: denominators[index], standardised: standardised[index]
            ).interval
        }
        let row = ReportRow(
            level: .similar, id: area.id, name: area.name, share: 1, values: values, coverage: coverage, numerators: numerators,
            denominators: denominators, intervals: intervals, standardised: standardised, isApproximation: approximation,
            levelPosition: nil, developmentPosition: nil, development: nil, levelMark: nil,
            crudeValues: indicator.standardisation == nil ? nil : crude)
        return (row, hidden)
    }

    /// The cluster against its similar clusters, and the opportunity, for an indicator's finished rows.
    func similarComparison(
        _ indicator: Indicator, tables: [Period: IndicatorPeriodTable], periods: [Period], cluster: Cluster, rows: [ReportRow],
        neighbours: [SimilarNeighbour]
    ) -> SimilarComparison? {
        guard let clusterRow = rows.first(where: { $0.level == .cluster }), let similarRow = rows.first(where: { $0.level == .similar })
        else { return nil }
        let position = Self.levelPosition(of: clusterRow, country: similarRow.latest.number, indicator: indicator)
        var comparison = SimilarComparison(
            position: position, mark: position?.mark(direction: indicator.direction), opportunity: nil,
            isHidden: { if case .hidden = similarRow.latest { return true } else { return false } }())
        guard let period = periods.last, let table = tables[period],
            let rule = OpportunityRule.rule(for: indicator, listed: inputs.similar?.profile.opportunities ?? [])
        else { return comparison }
        // Each similar cluster's figure as its own pack shows it: a hidden one counts for nothing.
        let neighbourValues = neighbours.map { neighbour -> ReportValue in
            let key = CellKey.cluster(neighbour.id)
            if let reason = table.hidden[key] { return .hidden(reason) }
            return table.figures[key]?.value.map(ReportValue.shown) ?? .missing
        }
        let base = { (figure: Figure?, row: ReportRow) -> Double? in
            guard row.latest.number != nil else { return nil }
            switch indicator.aggregation {
            case .ratio: return row.latestDenominator
            case .weighted: return figure?.weight
            default: return nil
            }
        }
        let memberRows = rows.filter { $0.level == .municipality }.map { row -> (row: ReportRow, denominator: Double?) in
            guard let code = MunicipalityCode(row.id), let input = table.inputs[code], row.latest.number != nil else { return (row, nil) }
            switch indicator.aggregation {
            case .ratio: return (row, input.denominator.map { $0 * row.share })
            case .weighted: return (row, input.weight.map { $0 * row.share })
            default: return (row, nil)
            }
        }
        comparison.opportunity = Opportunity.compute(
            indicator, rule: rule, period: period, row: clusterRow, denominator: base(table.figures[.cluster(cluster.id)], clusterRow),
            neighbours: neighbourValues, members: memberRows)
        return comparison
    }
}
