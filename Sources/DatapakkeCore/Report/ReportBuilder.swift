import Foundation

/// One indicator in one period over the whole definition set: every municipality's inputs, every
/// aggregate figure and every hidden cell. Computed once and shared by all packs, so that the packs
/// agree with each other and suppression is decided over everything that is published.
public struct IndicatorPeriodTable: Sendable {
    public var indicator: Indicator
    public var period: Period
    public var inputs: [MunicipalityCode: MunicipalInput]
    public var figures: [CellKey: Figure]
    public var hidden: [CellKey: SuppressionReason]
}

/// Builds the report model of every pack of a definition set.
public struct ReportBuilder: Sendable {
    public let inputs: DatapakkeInputs
    public let engine: FigureEngine
    /// Turn secondary suppression off only to show in a test that the disclosure checker can fail.
    public var secondarySuppression = true

    public init(inputs: DatapakkeInputs) {
        self.inputs = inputs
        self.engine = FigureEngine(inputs: inputs)
    }

    /// The regions of the definition set and the country, as areas.
    public var regionAreas: [Area] { inputs.definitions.regions.map { Area.region($0, in: inputs.definitions) } }
    public var countryArea: Area { Area.country(inputs.register) }

    /// The sums that published figures obey: country = Σ regions, region = Σ clusters, cluster = Σ members.
    public var constraints: [SumConstraint] {
        let definitions = inputs.definitions
        var result = [SumConstraint(total: .country, parts: definitions.regions.map { CellKey.region($0) })]
        for region in definitions.regions {
            let clusters = definitions.clusters.filter { $0.region == region }.map { CellKey.cluster($0.id) }
            result.append(SumConstraint(total: .region(region), parts: clusters))
        }
        for cluster in definitions.clusters {
            result.append(SumConstraint(total: .cluster(cluster.id), parts: cluster.members.map { CellKey.municipality($0.code) }))
        }
        return result
    }

    /// Computes one indicator in one period for every area, with primary and secondary suppression.
    public func table(_ indicator: Indicator, period: Period) -> IndicatorPeriodTable {
        var municipalInputs: [MunicipalityCode: MunicipalInput] = [:]
        var figures: [CellKey: Figure] = [:]
        var hidden: [CellKey: SuppressionReason] = [:]
        for municipality in inputs.register.municipalities {
            let input = engine.input(indicator, period: period, municipality: municipality.code)
            municipalInputs[municipality.code] = input
            let key = CellKey.municipality(municipality.code)
            if let reason = primarySuppression(indicator.suppression, aggregation: indicator.aggregation, input: input) {
                hidden[key] = reason
            }
        }
        for cluster in inputs.definitions.clusters {
            figures[.cluster(cluster.id)] = engine.figure(indicator, period: period, area: .cluster(cluster))
        }
        for region in regionAreas {
            figures[.region(region.id)] = engine.figure(indicator, period: period, area: region)
        }
        figures[.country] = engine.figure(indicator, period: period, area: countryArea)

        if secondarySuppression, !hidden.isEmpty {
            // A cell without a value is not published and adds nothing to any sum: it is no part of
            // a constraint, and hiding it would protect nothing.
            let hasValue: (CellKey) -> Bool = { key in
                if case .municipality(let code) = key { return municipalInputs[code]?.value != nil }
                return figures[key]?.value != nil
            }
            let publishedSums = constraints.map { SumConstraint(total: $0.total, parts: $0.parts.filter(hasValue)) }
            let size: (CellKey) -> Double = { key in
                if case .municipality(let code) = key, let input = municipalInputs[code] {
                    return input.numerator ?? input.value ?? 0
                }
                return figures[key]?.numerator ?? figures[key]?.value ?? 0
            }
            for key in SecondarySuppression.complete(hidden: Set(hidden.keys), constraints: publishedSums, size: size) {
                hidden[key] = .secondary
            }
        }
        return IndicatorPeriodTable(indicator: indicator, period: period, inputs: municipalInputs, figures: figures, hidden: hidden)
    }

    /// Every indicator's tables, by indicator id and period.
    public func allTables() -> [String: [Period: IndicatorPeriodTable]] {
        var result: [String: [Period: IndicatorPeriodTable]] = [:]
        for indicator in inputs.catalogue.indicators {
            for period in inputs.periods(of: indicator) {
                result[indicator.id, default: [:]][period] = table(indicator, period: period)
            }
        }
        return result
    }

    /// The report of every cluster, in definition order.
    public func build(documentDate: Date, toolVersion: String) -> [PackReport] {
        let tables = allTables()
        return inputs.definitions.clusters.map { pack(for: $0, tables: tables, documentDate: documentDate, toolVersion: toolVersion) }
    }

    /// How many cells each rule hid over the whole definition set (every cluster's table, both periods).
    public static func suppressionCounts(_ tables: [String: [Period: IndicatorPeriodTable]]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for periods in tables.values {
            for table in periods.values {
                for reason in table.hidden.values { counts[reason.ruleName, default: 0] += 1 }
            }
        }
        return counts
    }

    /// The report of one cluster from precomputed tables.
    public func pack(for cluster: Cluster, tables: [String: [Period: IndicatorPeriodTable]], documentDate: Date, toolVersion: String) -> PackReport {
        let definitions = inputs.definitions
        let region = Area.region(cluster.region, in: definitions)
        let members = cluster.members.sorted { danishSortKey(name(of: $0.code)) < danishSortKey(name(of: $1.code)) }
        let latestDate = inputs.population.dates.last
        let memberSummaries = members.map { member in
            MemberSummary(code: member.code, name: name(of: member.code), share: member.share,
                          population: latestDate.flatMap { inputs.population.count(.total, municipality: member.code, date: $0) })
        }
        var clusterPopulation: Double? = 0
        for summary in memberSummaries {
            if let population = summary.population { clusterPopulation? += population * summary.share } else { clusterPopulation = nil }
        }

        var sections: [SectionReport] = []
        var allPeriods: Set<Period> = []
        var synthetic: [String] = []
        for section in inputs.catalogue.sections {
            let indicators = inputs.catalogue.indicators(in: section).compactMap { indicator -> IndicatorReport? in
                guard let byPeriod = tables[indicator.id], !byPeriod.isEmpty else { return nil }
                let report = indicatorReport(indicator, tables: byPeriod, cluster: cluster, members: members, region: region)
                allPeriods.formUnion(report.periods)
                if report.origin == .synthetic { synthetic.append(indicator.title) }
                return report
            }
            if !indicators.isEmpty { sections.append(SectionReport(section: section, indicators: indicators)) }
        }
        // In first-seen order, with a set beside the list: a long source list stays linear.
        var sources: [String] = []
        var seenSources: Set<String> = []
        for source in inputs.catalogue.indicators.map(\.source) + cluster.sources where !source.isEmpty && seenSources.insert(source).inserted {
            sources.append(source)
        }
        return PackReport(
            cluster: cluster, kind: definitions.kind, definitionsName: definitions.name,
            definitionsValidFrom: definitions.validFrom, regionName: region.name,
            members: memberSummaries, populationDate: latestDate, population: clusterPopulation,
            sections: sections, periods: allPeriods.sorted(), sources: sources,
            hasSyntheticData: !synthetic.isEmpty, syntheticIndicators: synthetic,
            documentDate: documentDate, toolVersion: toolVersion)
    }

    private func indicatorReport(
        _ indicator: Indicator, tables: [Period: IndicatorPeriodTable], cluster: Cluster, members: [ClusterMember], region: Area
    ) -> IndicatorReport {
        let allPeriods = tables.keys.sorted()
        let periods = Array(allPeriods.suffix(2))
        var rows: [ReportRow] = []
        var hiddenCells: [HiddenCell] = []
        func row(_ key: CellKey, name: String, share: Double) -> ReportRow {
            let level = key.level
            var values: [ReportValue] = []
            var coverage: [Coverage?] = []
            var approximation = false
            for period in periods {
                guard let table = tables[period] else { values.append(.missing); coverage.append(nil); continue }
                if let reason = table.hidden[key] {
                    values.append(.hidden(reason))
                    hiddenCells.append(HiddenCell(rowName: name, level: level, period: period, reason: reason))
                    coverage.append(table.figures[key]?.coverage)
                    continue
                }
                if case .municipality(let code) = key {
                    let value = table.inputs[code]?.value
                    values.append(value.map(ReportValue.shown) ?? .missing)
                    coverage.append(nil)
                } else {
                    let figure = table.figures[key]
                    approximation = approximation || (figure?.isApproximation ?? false)
                    if case .notAdditive(nil) = indicator.aggregation {
                        values.append(.notComputed)
                    } else {
                        values.append(figure?.value.map(ReportValue.shown) ?? .missing)
                    }
                    coverage.append(figure?.coverage)
                }
            }
            return ReportRow(level: level, id: key.id, name: name, share: share, values: values, coverage: coverage,
                             isApproximation: approximation, development: nil, levelMark: nil)
        }
        for member in members {
            rows.append(row(.municipality(member.code), name: name(of: member.code), share: member.share))
        }
        rows.append(row(.cluster(cluster.id), name: cluster.name, share: 1))
        rows.append(row(.region(region.id), name: region.name, share: 1))
        rows.append(row(.country, name: "Hele landet", share: 1))

        let country = rows.last?.latest.number
        for index in rows.indices {
            let current = rows[index].latest.number
            if let previous = rows[index].previous {
                rows[index].development = TrafficLightRule.development(current: current, previous: previous.number, direction: indicator.direction)
            }
            if rows[index].level != .country {
                rows[index].levelMark = TrafficLightRule.level(value: current, country: country, direction: indicator.direction)
            }
        }
        var note: String?
        if indicator.direction == .none {
            note = "Ingen trafiklys: indikatoren har ingen retning, hvor høj eller lav er bedst."
        } else if periods.count < 2 {
            note = "Ingen markering af udvikling: der er kun data for én periode (\(periods.first?.label ?? "")). Niveau er sammenlignet med hele landet."
        }
        return IndicatorReport(
            indicator: indicator, origin: inputs.origin(of: indicator) ?? .real, periods: periods, allPeriods: allPeriods,
            rows: rows, trafficLightNote: note, hiddenCells: hiddenCells,
            spread: periods.last.flatMap { period in tables[period].map { spread(indicator, table: $0) } })
    }

    /// Every cluster's latest figure as its own pack shows it: hidden figures keep only their reason.
    private func spread(_ indicator: Indicator, table: IndicatorPeriodTable) -> ClusterSpread {
        let figures = inputs.definitions.clusters.map { cluster -> ClusterFigure in
            let key = CellKey.cluster(cluster.id)
            let value: ReportValue
            if let reason = table.hidden[key] {
                value = .hidden(reason)
            } else if case .notAdditive(nil) = indicator.aggregation {
                value = .notComputed
            } else {
                value = table.figures[key]?.value.map(ReportValue.shown) ?? .missing
            }
            return ClusterFigure(id: cluster.id, name: cluster.name, value: value)
        }
        return ClusterSpread(period: table.period, figures: figures)
    }

    private func name(of code: MunicipalityCode) -> String {
        inputs.register.municipality(code)?.name ?? String(code)
    }
}

/// A sort key that puts Danish names in Danish order: Æ, Ø, Å after Z, and "Aa" as Å.
public func danishSortKey(_ name: String) -> String {
    var text = name.lowercased()
    if text.hasPrefix("aa") { text = "å" + text.dropFirst(2) }
    return String(text.map { character -> Character in
        switch character {
        case "æ", "ä": return "\u{7B}"
        case "ø", "ö": return "\u{7C}"
        case "å": return "\u{7D}"
        default: return character
        }
    })
}
