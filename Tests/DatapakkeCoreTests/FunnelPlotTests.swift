import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeCore

/// The funnel plot's model (FunnelPlot.swift): which municipalities it plots and how, the limits it
/// samples, which indicators get one and why the others do not. The limits themselves are compared
/// with PHStatsMethods in `StatisticsTests.funnelPlotLimitsAgreeWithPHStatsMethods`.
@Suite struct FunnelPlotTests {
    static let register = MunicipalityRegister([
        Municipality(code: 101, name: "København", region: "Hovedstaden"),
        Municipality(code: 147, name: "Frederiksberg", region: "Hovedstaden"),
        Municipality(code: 155, name: "Dragør", region: "Hovedstaden"),
        Municipality(code: 157, name: "Gentofte", region: "Hovedstaden"),
        Municipality(code: 825, name: "Læsø", region: "Nordjylland"),
        Municipality(code: 400, name: "Bornholm", region: "Hovedstaden"),
    ])

    static func figure(_ value: Double?) -> Figure {
        Figure(
            value: value, numerator: nil, denominator: nil, weight: nil,
            coverage: Coverage(municipalitiesWithValue: 0, municipalities: 0, weightShare: nil), isApproximation: false)
    }

    /// København 200 of 1.000 (20,0 %), Frederiksberg 50 of 400 (12,5 %), Dragør hidden, Gentofte
    /// without data, Læsø 5 of 20 (25,0 %), Bornholm 101 of 3.000 (3,3666… %, shown 3,4); the
    /// country 17,84 (shown 17,8).
    static func table(_ indicator: Indicator, country: Double? = 17.84, hidden: [CellKey: SuppressionReason]? = nil) -> IndicatorPeriodTable
    {
        IndicatorPeriodTable(
            indicator: indicator, period: .year(2024),
            inputs: [
                101: MunicipalInput(value: 20, numerator: 200, denominator: 1000),
                147: MunicipalInput(value: 12.5, numerator: 50, denominator: 400),
                155: MunicipalInput(value: 10, numerator: 3, denominator: 30),
                157: MunicipalInput(weight: 70_000),
                825: MunicipalInput(value: 25, numerator: 5, denominator: 20),
                400: MunicipalInput(value: 101.0 / 3000 * 100, numerator: 101, denominator: 3000),
            ],
            figures: [.country: figure(country)], hidden: hidden ?? [.municipality(155): .smallNumerator(minimum: 5)])
    }

    static let persons = Indicator(
        id: "andel", title: "Andel", unit: "pct. af borgerne", sectionID: "s", aggregation: .ratio(scale: 100),
        numeratorIsPartOfDenominator: true)

    func plot(_ indicator: Indicator = persons, table: IndicatorPeriodTable? = nil) throws -> FunnelPlot {
        try FunnelPlot.make(indicator, table: table ?? Self.table(indicator), register: Self.register, members: [147, 825]).get()
    }

    @Test func everyShownMunicipalityIsAPointAndNoHiddenOrMissingOne() throws {
        let plot = try plot()
        // The members first, then the others, each in Danish order; values as shown (one decimal).
        #expect(plot.points.map(\.name) == ["Frederiksberg", "Læsø", "Bornholm", "København"])
        #expect(plot.points.map(\.isMember) == [true, true, false, false])
        #expect(plot.points.map(\.value) == [12.5, 25, 3.4, 20])
        #expect(plot.points.map(\.denominator) == [400, 20, 3000, 1000])
        #expect(!plot.points.contains { $0.code == 155 || $0.code == 157 })
        #expect(plot.hiddenCount == 1 && plot.missingCount == 1 && plot.municipalityCount == 6)
        #expect(plot.target == 17.8)
        #expect(plot.method == .proportion && plot.multiplier == 100 && plot.decimals == 1)
        #expect(plot.denominatorLabel == "borgerne")
    }

    @Test func theLimitsAreSampledEvenlyOnALogScaleBetweenTheSmallestAndLargestPoint() throws {
        let plot = try plot()
        #expect(plot.limits.count == FunnelPlot.limitSamples)
        #expect(plot.limits.first?.denominator == 20)
        #expect(plot.limits.last?.denominator == 3000)
        // 20 × 150^(k/79): the ratio between neighbours is the same everywhere.
        let ratio = pow(150.0, 1.0 / 79)
        for (a, b) in zip(plot.limits, plot.limits.dropFirst()) {
            #expect(abs(b.denominator / a.denominator - ratio) < 1e-12)
        }
        for sample in plot.limits {
            #expect(sample.inner == FunnelLimits.proportion(target: 17.8, denominator: sample.denominator, level: .percent95))
            #expect(sample.outer == FunnelLimits.proportion(target: 17.8, denominator: sample.denominator, level: .percent99point8))
            #expect(sample.outer.lower < sample.inner.lower && sample.inner.upper < sample.outer.upper)
        }
    }

    @Test func aPointIsOutsideTheFunnelWhenItsOwnIntervalExcludesTheCountry() throws {
        // For proportions the funnel is the Wilson test turned around (docs/statistics.md): Bornholm's
        // 101 of 3.000 has a 99,8 % interval of about 2,5 % to 4,5 %, far under 17,8; København's 200 of
        // 1.000 has about 16,3 % to 24,1 %, which holds 17,8.
        let plot = try plot()
        for point in plot.points {
            let numerator = point.value * point.denominator / 100
            let interval = try #require(
                ConfidenceIntervals.wilson(numerator: numerator, denominator: point.denominator, level: .percent99point8, multiplier: 100))
            #expect(point.outer == Significance(interval, reference: 17.8), "\(point.name)")
        }
        #expect(plot.points.first { $0.code == 400 }?.outer == .lower)
        #expect(plot.points.first { $0.code == 101 }?.outer == .notSignificantlyDifferent)
        #expect(plot.outsideOuterLimits == 1)
    }

    @Test func eventsPerPopulationUseTheRateLimits() throws {
        var events = Self.persons
        events.numeratorIsPartOfDenominator = false
        events.aggregation = .ratio(scale: 1000)
        events.unit = "pr. 1.000 borgere på 65 år og derover"
        let plot = try plot(events, table: Self.table(events, country: 178.44))
        #expect(plot.method == .rate && plot.target == 178.4)
        #expect(plot.denominatorLabel == "borgere på 65 år og derover")
        for sample in plot.limits {
            #expect(
                sample.outer == FunnelLimits.rate(target: 178.4, denominator: sample.denominator, level: .percent99point8, multiplier: 1000)
            )
        }
        // A population share counts persons.
        let share = Indicator(
            id: "andel_65", title: "65+", unit: "pct. af borgerne", sectionID: "s",
            aggregation: .populationShare(numerator: .aged65plus, denominator: .total, scale: 100))
        #expect(share.countsPersonsAmongDenominator == true)
        #expect(share.denominatorLabel == "indbyggertal")
        #expect(events.countsPersonsAmongDenominator == false)
    }

    @Test func indicatorsWithoutAFunnelSayWhy() throws {
        func absence(_ indicator: Indicator, table: IndicatorPeriodTable?) -> FunnelPlotAbsence? {
            if case .failure(let reason) = FunnelPlot.make(indicator, table: table, register: Self.register, members: []) { return reason }
            return nil
        }
        var weighted = Self.persons
        weighted.aggregation = .weighted(base: .aged65plus)
        #expect(absence(weighted, table: Self.table(weighted)) == .noCounts(.weighted(base: .aged65plus)))
        #expect(Vocabulary.funnelAbsence(.noCounts(.weighted(base: .aged65plus))).hasPrefix("Intet tragtdiagram: kilden oplyser kun"))
        #expect(absence(Self.persons, table: nil) == .noPeriod)
        #expect(absence(Self.persons, table: Self.table(Self.persons, country: nil)) == .countryNotShown(.year(2024)))
        let countryHidden = Self.table(Self.persons, hidden: [.country: .secondary])
        #expect(absence(Self.persons, table: countryHidden) == .countryNotShown(.year(2024)))
        let allHidden = Self.table(
            Self.persons,
            hidden: Dictionary(uniqueKeysWithValues: Self.register.municipalities.map { (.municipality($0.code), .secondary) }))
        #expect(absence(Self.persons, table: allHidden) == .noMunicipalities(.year(2024)))
        // A proportion above 100 % has no Wilson limits.
        #expect(absence(Self.persons, table: Self.table(Self.persons, country: 150)) == .limitsNotComputable(.year(2024)))
    }

    @Test func theWordsComeFromTheLevels() throws {
        #expect(Vocabulary.levelText(.percent95) == "95 %")
        #expect(Vocabulary.funnelLimits(.percent99point8) == "99,8 %-grænser")
        #expect(Vocabulary.funnelMembers(.sundhedsraad) == "Kommuner i sundhedsrådet")
        #expect(
            Vocabulary.funnelTitle(shortTitle: "Indlæggelser", period: .year(2024)) == "Tragtdiagram: Indlæggelser, alle kommuner, 2024")
        let note = Vocabulary.funnelNote(try plot())
        #expect(note.contains("En kommune uden for 99,8 %-grænserne afviger mere fra hele landet, end tilfældigheder kan forklare"))
        #expect(
            note.hasSuffix(
                "1 af 4 kommuner ligger uden for 99,8 %-grænserne. Ikke med: 1 kommune med skjulte små tal og 1 kommune uden tal. Se også arket Dokumentation."
            ))
        #expect(Vocabulary.funnelDocumentation(try plot()).contains("Wilsons metode for andele af personer"))
        var unitless = Self.persons
        unitless.unit = "år"
        #expect(unitless.denominatorLabel == nil)
        unitless.unit = "pr. 100.000 borgere"
        #expect(unitless.denominatorLabel == "borgere")
    }

    @Test func aSplitMunicipalityIsPlottedWhole() throws {
        // København is split between two 2022 clusters; each cluster's plot has the whole municipality.
        let inputs = try ShippedInputs.clusters2022()
        let builder = ReportBuilder(inputs: inputs)
        let tables = builder.allTables()
        let split = inputs.definitions.clusters.filter { $0.members.contains { $0.code == 101 && $0.share < 1 } }
        #expect(split.count == 2)
        let indicator = try #require(inputs.catalogue.indicator("indlaeggelse_pct"))
        let latest = try #require(tables[indicator.id]?.keys.max())
        let input = try #require(tables[indicator.id]?[latest]?.inputs[101])
        for cluster in split {
            let report = builder.pack(for: cluster, tables: tables, documentDate: Date(timeIntervalSince1970: 0), toolVersion: "test")
            let plot = try #require(report.sections.flatMap(\.indicators).first { $0.indicator.id == indicator.id }?.funnel)
            let point = try #require(plot.points.first { $0.code == 101 })
            #expect(point.isMember)
            #expect(point.denominator == input.denominator)
            #expect(point.value == DanishNumber.rounded(try #require(input.value), decimals: indicator.decimals))
        }
    }
}
