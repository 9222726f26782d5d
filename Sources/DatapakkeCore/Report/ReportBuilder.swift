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
    /// Turn the linear check of secondary suppression off only to show in a test that the sums alone
    /// leave a difference of two maps' clusters open (docs/small-numbers.md#both-maps-as-linked-tables).
    public var linearCheck = true
    /// Turn the hiding of a similar clusters' figure that rests on a hidden cluster figure off only to
    /// show in a test that the disclosure checker can fail (docs/similar-councils.md#small-numbers).
    public var similarGroupProtection = true

    public init(inputs: DatapakkeInputs) {
        self.inputs = inputs
        self.engine = FigureEngine(inputs: inputs)
    }

    /// The regions of the definition set and the country, as areas.
    public var regionAreas: [Area] { inputs.definitions.regions.map { Area.region($0, in: inputs.definitions) } }
    public var countryArea: Area { Area.country(inputs.register) }

    /// The maps published together, whose hidden cells are decided together: the definition set and
    /// `inputs.publishedWith`, ordered by name, then file, so that every map of the set comes to the
    /// same decision whichever of them is being built (docs/small-numbers.md#both-maps-as-linked-tables).
    public var publishedMaps: [ClusterDefinitionSet] { orderedMaps.maps }

    /// The published maps in their fixed order, and the place of the definition set among them.
    private var orderedMaps: (maps: [ClusterDefinitionSet], own: Int) {
        let maps = [inputs.definitions] + inputs.publishedWith
        let order = maps.indices.sorted { (maps[$0].name, maps[$0].file, $0) < (maps[$1].name, maps[$1].file, $1) }
        return (order.map { maps[$0] }, order.firstIndex(of: 0) ?? 0)
    }

    /// The sums that published figures obey, in every published map: country = Σ regions,
    /// region = Σ clusters, cluster = Σ members. Clusters and regions carry their map's place in `publishedMaps`.
    public var constraints: [SumConstraint] {
        var result: [SumConstraint] = []
        for (index, definitions) in publishedMaps.enumerated() {
            let cell = { (key: CellKey) in LinkedCell(key, map: index) }
            result.append(SumConstraint(total: cell(.country), parts: definitions.regions.map { cell(.region($0)) }))
            for region in definitions.regions {
                let clusters = definitions.clusters.filter { $0.region == region }.map { cell(.cluster($0.id)) }
                result.append(SumConstraint(total: cell(.region(region)), parts: clusters))
            }
            for cluster in definitions.clusters {
                result.append(SumConstraint(total: cell(.cluster(cluster.id)), parts: cluster.members.map { cell(.municipality($0.code)) }))
            }
        }
        return result
    }

    /// Computes one indicator in one period for every area, with primary and secondary suppression.
    ///
    /// Secondary suppression is decided over every map in `publishedMaps` at once; the table keeps the
    /// municipalities' and the definition set's own cells.
    public func table(_ indicator: Indicator, period: Period) -> IndicatorPeriodTable {
        var municipalInputs: [MunicipalityCode: MunicipalInput] = [:]
        var hidden: [CellKey: SuppressionReason] = [:]
        for municipality in inputs.register.municipalities {
            let input = engine.input(indicator, period: period, municipality: municipality.code)
            municipalInputs[municipality.code] = input
            let key = CellKey.municipality(municipality.code)
            if let reason = primarySuppression(indicator.suppression, aggregation: indicator.aggregation, input: input) {
                hidden[key] = reason
            }
        }
        let (maps, own) = orderedMaps
        func aggregates(of index: Int) -> [(cell: LinkedCell, area: Area)] {
            let definitions = maps[index]
            return definitions.clusters.map { (LinkedCell(.cluster($0.id), map: index), Area.cluster($0)) }
                + definitions.regions.map { (LinkedCell(.region($0), map: index), Area.region($0, in: definitions)) }
        }
        var figures: [CellKey: Figure] = [:]
        var areas: [LinkedCell: Area] = [LinkedCell(.country): countryArea]
        var linkedFigures: [LinkedCell: Figure] = [:]
        for (cell, area) in aggregates(of: own) {
            let figure = engine.figure(indicator, period: period, area: area)
            figures[cell.key] = figure
            linkedFigures[cell] = figure
            areas[cell] = area
        }
        figures[.country] = engine.figure(indicator, period: period, area: countryArea)
        linkedFigures[LinkedCell(.country)] = figures[.country]

        if secondarySuppression, !hidden.isEmpty {
            // The other maps' figures are not shown in these packs, but they are published beside them.
            for index in maps.indices where index != own {
                for (cell, area) in aggregates(of: index) {
                    linkedFigures[cell] = engine.figure(indicator, period: period, area: area)
                    areas[cell] = area
                }
            }
            let contributes: (MunicipalityCode) -> Bool = { code in
                municipalInputs[code].map { Aggregator.contributes(indicator.aggregation, $0) } ?? false
            }
            // A cell without a value is not published and adds nothing to any sum: it is no part of a
            // constraint, and hiding it would protect nothing.
            // An age-standardised figure without a DSR (under 10 events) still shows its crude rate.
            let hasValue: (LinkedCell) -> Bool = { cell in
                if case .municipality(let code) = cell.key { return contributes(code) }
                return linkedFigures[cell]?.value != nil || linkedFigures[cell]?.crudeValue != nil
            }
            let publishedSums = constraints.filter { hasValue($0.total) }.map {
                SumConstraint(total: $0.total, parts: $0.parts.filter(hasValue))
            }
            var sums = LinkedSums()
            for (cell, area) in areas where hasValue(cell) {
                var terms: [MunicipalityCode: Double] = [:]
                for member in area.members where contributes(member.code) { terms[member.code, default: 0] += member.share }
                sums.add(cell, terms: terms)
            }
            let size: (LinkedCell) -> Double = { cell in
                if case .municipality(let code) = cell.key, let input = municipalInputs[code] {
                    return input.numerator ?? input.value ?? 0
                }
                return linkedFigures[cell]?.numerator ?? linkedFigures[cell]?.value ?? 0
            }
            let primary = Set(hidden.keys.map { LinkedCell($0) })
            for cell in SecondarySuppression.complete(
                hidden: primary, constraints: publishedSums, sums: linearCheck ? sums : LinkedSums(), size: size)
            where cell.key.level == .municipality || cell.key == .country || cell.map == own {
                hidden[cell.key] = .secondary
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
    public func pack(for cluster: Cluster, tables: [String: [Period: IndicatorPeriodTable]], documentDate: Date, toolVersion: String)
        -> PackReport
    {
        let definitions = inputs.definitions
        let region = Area.region(cluster.region, in: definitions)
        let members = cluster.members.sorted { danishSortKey(name(of: $0.code)) < danishSortKey(name(of: $1.code)) }
        let latestDate = inputs.population.dates.last
        let memberSummaries = members.map { member in
            MemberSummary(
                code: member.code, name: name(of: member.code), share: member.share,
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
            let groupIDs = Set(indicators.compactMap(\.indicator.groupID))
            let groups = inputs.catalogue.groups.filter { groupIDs.contains($0.id) }
            if !indicators.isEmpty { sections.append(SectionReport(section: section, indicators: indicators, groups: groups)) }
        }
        // Each source the pack's indicators use, once, in catalogue order, with its date. The cluster's
        // own sources, confidence and note are the analysts' research notes and stay in the definitions.
        let used = Set(sections.flatMap { $0.indicators.compactMap(\.indicator.sourceID) })
        let sources = inputs.catalogue.sources.filter { used.contains($0.id) }.map(\.line)
        return PackReport(
            cluster: cluster, kind: definitions.kind, definitionsName: definitions.name,
            definitionsValidFrom: definitions.validFrom, regionName: region.name,
            members: memberSummaries, populationDate: latestDate, population: clusterPopulation,
            sections: sections, periods: allPeriods.sorted(), sources: sources,
            hasSyntheticData: !synthetic.isEmpty, syntheticIndicators: synthetic,
            documentDate: documentDate, dataDate: inputs.dataDate, toolVersion: toolVersion,
            publishedWith: inputs.publishedWith.map(\.name), similar: similarClusters(of: cluster, members: members))
    }

    private func indicatorReport(
        _ indicator: Indicator, tables: [Period: IndicatorPeriodTable], cluster: Cluster, members: [ClusterMember], region: Area
    ) -> IndicatorReport {
        let allPeriods = tables.keys.sorted()
        let periods = Array(allPeriods.suffix(2))
        var rows: [ReportRow] = []
        var hiddenCells: [HiddenCell] = []
        let hasCounts = FigureUncertainty.hasCounts(indicator)
        let standardisation = indicator.standardisation
        func row(_ key: CellKey, name: String, share: Double) -> ReportRow {
            let level = key.level
            var values: [ReportValue] = []
            var crude: [ReportValue] = []
            var coverage: [Coverage?] = []
            var numerators: [Double?] = []
            var denominators: [Double?] = []
            var standardised: [DirectlyStandardisedRate?] = []
            var approximation = false
            for period in periods {
                var counts: (numerator: Double?, denominator: Double?) = (nil, nil)
                var rate: DirectlyStandardisedRate?
                defer {
                    numerators.append(counts.numerator)
                    denominators.append(counts.denominator)
                    standardised.append(rate)
                }
                guard let table = tables[period] else {
                    values.append(.missing)
                    crude.append(.missing)
                    coverage.append(nil)
                    continue
                }
                if let reason = table.hidden[key] {
                    values.append(.hidden(reason))
                    crude.append(.hidden(reason))
                    hiddenCells.append(HiddenCell(rowName: name, level: level, period: period, reason: reason))
                    coverage.append(table.figures[key]?.coverage)
                    continue
                }
                if case .municipality(let code) = key {
                    let input = table.inputs[code]
                    values.append(input?.value.map(ReportValue.shown) ?? .missing)
                    crude.append(standardisation.flatMap { input?.crudeRate(scale: $0.scale) }.map(ReportValue.shown) ?? .missing)
                    coverage.append(nil)
                    if hasCounts, input?.value != nil { counts = (input?.numerator, input?.denominator) }
                    rate = input?.standardised
                } else {
                    crude.append(table.figures[key]?.crudeValue.map(ReportValue.shown) ?? .missing)
                    let figure = table.figures[key]
                    approximation = approximation || (figure?.isApproximation ?? false)
                    if case .notAdditive(nil) = indicator.aggregation {
                        values.append(.notComputed)
                    } else {
                        values.append(figure?.value.map(ReportValue.shown) ?? .missing)
                    }
                    coverage.append(figure?.coverage)
                    if hasCounts, figure?.value != nil { counts = (figure?.numerator, figure?.denominator) }
                    rate = figure?.value != nil ? figure?.standardised : nil
                }
            }
            let intervals = periods.indices.map { index in
                FigureUncertainty.interval(
                    indicator, numerator: numerators[index], denominator: denominators[index], standardised: standardised[index]
                ).interval
            }
            return ReportRow(
                level: level, id: key.id, name: name, share: share, values: values, coverage: coverage, numerators: numerators,
                denominators: denominators, intervals: intervals, standardised: standardised, isApproximation: approximation,
                levelPosition: nil, developmentPosition: nil, development: nil, levelMark: nil,
                crudeValues: standardisation == nil ? nil : crude)
        }
        for member in members {
            rows.append(row(.municipality(member.code), name: name(of: member.code), share: member.share))
        }
        rows.append(row(.cluster(cluster.id), name: cluster.name, share: 1))
        rows.append(row(.region(region.id), name: region.name, share: 1))
        // The similar clusters after the region (docs/similar-councils.md), marked against the country like it.
        let neighbours = inputs.similar?.clusters[cluster.id] ?? []
        if !neighbours.isEmpty {
            let similar = similarRow(indicator, tables: tables, periods: periods, neighbours: neighbours)
            rows.append(similar.row)
            hiddenCells += similar.hidden
        }
        rows.append(row(.country, name: "Hele landet", share: 1))

        let country = rows.last?.latest.number
        for index in rows.indices {
            if rows[index].previous != nil {
                rows[index].developmentPosition = Self.developmentPosition(of: rows[index], indicator: indicator)
                rows[index].development = rows[index].developmentPosition?.mark(direction: indicator.direction)
            }
            if rows[index].level != .country {
                rows[index].levelPosition = Self.levelPosition(of: rows[index], country: country, indicator: indicator)
                rows[index].levelMark = rows[index].levelPosition?.mark(direction: indicator.direction)
            }
        }
        var notes: [String] = []
        if indicator.direction == .none {
            notes.append("Ingen trafiklys: indikatoren har ingen retning, hvor høj eller lav er bedst.")
        } else {
            notes.append(Vocabulary.comparisonNote(indicator))
            if periods.count < 2 {
                notes.append(
                    "Ingen markering af udvikling: der er kun data for én periode (\(periods.first?.label ?? "")). Niveau er sammenlignet med hele landet."
                )
            }
        }
        let note: String? = notes.isEmpty ? nil : notes.joined(separator: " ")
        let funnel = FunnelPlot.make(
            indicator, table: periods.last.flatMap { tables[$0] }, register: inputs.register, members: Set(members.map(\.code)))
        var report = IndicatorReport(
            indicator: indicator, origin: inputs.origin(of: indicator) ?? .real, hasSyntheticWeights: inputs.hasSyntheticWeights(indicator),
            periods: periods, allPeriods: allPeriods,
            rows: rows, trafficLightNote: note, hiddenCells: hiddenCells,
            spread: periods.last.flatMap { period in tables[period].map { spread(indicator, table: $0) } },
            funnel: try? funnel.get(), funnelAbsence: funnel.absence,
            standardisationNote: standardisationNote(indicator, rows: rows, period: periods.last))
        report.similar = similarComparison(
            indicator, tables: tables, periods: periods, cluster: cluster, rows: rows, neighbours: neighbours)
        return report
    }

    /// Names the rows whose crude rate is shown in the latest period but whose standardised rate is
    /// not: under 10 events, where Fingertips and PHStatsMethods publish no DSR.
    private func standardisationNote(_ indicator: Indicator, rows: [ReportRow], period: Period?) -> String? {
        guard indicator.standardisation != nil, let period else { return nil }
        let names = rows.filter { $0.latest == .missing && $0.crudeValues?.last?.number != nil }.map(\.name)
        guard !names.isEmpty else { return nil }
        let minimum = DanishNumber.format(DirectlyStandardisedRate.minimumEvents, decimals: 0)
        return "Ingen aldersstandardiseret rate for \(DanishText.list(names)) i \(period.label) (vist som \(Vocabulary.missingMarker)): "
            + "med færre end \(minimum) hændelser er en aldersstandardiseret rate for usikker og beregnes ikke. Den rå rate vises."
    }

    /// The latest value against the country's by the indicator's rule: the interval against the
    /// country's value for significance, the shown values for a band.
    static func levelPosition(of row: ReportRow, country: Double?, indicator: Indicator) -> ComparisonPosition? {
        guard let value = row.latest.number, let country else { return nil }
        switch indicator.comparison {
        case .significance:
            return row.latestInterval.map { ComparisonRule.position(of: Significance($0, reference: country)) }
        case .relativeBand, .absoluteBand, .none:
            return indicator.comparison.bandPosition(value, against: country, decimals: indicator.decimals)
        }
    }

    /// The latest value against the previous period's by the indicator's rule: the test of the
    /// change from both periods' counts for significance, the shown values for a band.
    static func developmentPosition(of row: ReportRow, indicator: Indicator) -> ComparisonPosition? {
        guard let value = row.latest.number, let previous = row.previous?.number else { return nil }
        switch indicator.comparison {
        case .significance:
            let count = row.numerators.count
            guard count >= 2 else { return nil }
            let rates = row.standardised.count == count ? (row.standardised[count - 1], row.standardised[count - 2]) : (nil, nil)
            let change = FigureUncertainty.change(
                indicator, latest: (row.numerators[count - 1], row.denominators[count - 1]),
                previous: (row.numerators[count - 2], row.denominators[count - 2]), standardised: rates)
            return change.map { ComparisonRule.position(of: $0.significance) }
        case .relativeBand, .absoluteBand, .none:
            return indicator.comparison.bandPosition(value, against: previous, decimals: indicator.decimals)
        }
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
    return String(
        text.map { character -> Character in
            switch character {
            case "æ", "ä": return "\u{7B}"
            case "ø", "ö": return "\u{7C}"
            case "å": return "\u{7D}"
            default: return character
            }
        })
}
