import DatapakkeTestSupport
import Testing

@testable import DatapakkeCore

/// Figures checked against arithmetic done by hand (written out beside each expectation).
@Suite struct HandComputedFiguresTests {
    let inputs: DatapakkeInputs
    let engine: FigureEngine

    init() throws {
        inputs = try loadFixture()
        engine = FigureEngine(inputs: inputs)
    }

    func figure(_ indicator: String, _ area: Area) throws -> Figure {
        let indicator = try #require(inputs.catalogue.indicator(indicator))
        return engine.figure(indicator, period: Period.year(2023), area: area)
    }

    func cluster(_ id: String) throws -> Area {
        .cluster(try inputs.definitions.cluster(named: id))
    }

    @Test func rateWeightedBy65PlusPopulation() throws {
        // C: (20.000 × 55 + 8.000 × 45) / (20.000 + 8.000) = 1.460.000 / 28.000
        #expect(isClose(try figure("rate65", cluster("C")).value, 1_460_000.0 / 28_000))
        // A: half of København's 65+ (40.000) at 50, Frederiksberg's 15.000 at 40: 2.600.000 / 55.000
        #expect(isClose(try figure("rate65", cluster("A")).value, 2_600_000.0 / 55_000))
        // B: 40.000 at 50 and Bornholm's 12.000 at 60: 2.720.000 / 52.000
        #expect(isClose(try figure("rate65", cluster("B")).value, 2_720_000.0 / 52_000))
    }

    @Test func missingValueIsLeftOutNotZero() throws {
        // Læsø has ".." for rate65: D has no figure, and the country leaves Læsø out of both sums.
        let d = try figure("rate65", cluster("D"))
        #expect(d.value == nil)
        #expect(d.coverage.municipalitiesWithValue == 0)
        let country = try figure("rate65", .country(inputs.register))
        // (80.000×50 + 15.000×40 + 12.000×60 + 20.000×55 + 8.000×45) / 135.000 = 6.780.000 / 135.000
        #expect(isClose(country.value, 6_780_000.0 / 135_000))
        #expect(country.coverage.municipalitiesWithValue == 5)
        #expect(country.coverage.municipalities == 6)
        #expect(isClose(country.coverage.weightShare, 135_000.0 / 135_700))
    }

    @Test func regionAddsUpTheSharesOfASplitMunicipality() throws {
        let region = Area.region("Hovedstaden", in: inputs.definitions)
        #expect(region.members.map(\.code) == [101, 147, 400])
        #expect(region.members.allSatisfy { $0.share == 1 })
        // (80.000×50 + 15.000×40 + 12.000×60) / 107.000
        #expect(isClose(try figure("rate65", region).value, 5_320_000.0 / 107_000))
    }

    @Test func numeratorOverDenominator() throws {
        // C: (120 + 40) / (1.000 + 400) × 100
        let c = try figure("genindl", cluster("C"))
        #expect(isClose(c.value, 160.0 / 1400 * 100))
        #expect(c.numerator == 160 && c.denominator == 1400)
        // A: (½ × 900 + 150) / (½ × 6.000 + 1.000) × 100 = 600 / 4.000 × 100 = 15
        #expect(isClose(try figure("genindl", cluster("A")).value, 15))
        // Country: 1.215 / 8.445 × 100; small numbers still count in the aggregate.
        #expect(isClose(try figure("genindl", .country(inputs.register)).value, 1215.0 / 8445 * 100))
    }

    @Test func countsAddUpWithShares() throws {
        #expect(try figure("antal", cluster("A")).value == 200)  // ½ × 300 + 50
        #expect(try figure("antal", cluster("B")).value == 170)  // ½ × 300 + 20
        let c = try figure("antal", cluster("C"))  // Sorø is missing: only Slagelse's 40
        #expect(c.value == 40)
        #expect(c.coverage.municipalitiesWithValue == 1)
        #expect(isClose(c.coverage.weightShare, 80_000.0 / 110_000))
        #expect(try figure("antal", .country(inputs.register)).value == 417)
    }

    @Test func notAdditiveHasNoAggregate() throws {
        let c = try figure("median", cluster("C"))
        #expect(c.value == nil)
        #expect(!c.isApproximation, "nothing computed, so nothing approximated")
        #expect(c.coverage.municipalitiesWithValue == 2)
    }
}

/// Sundhedsråd Midt- og Vestsjælland from the shipped data, against a calculation made outside the
/// tool (Python over the CSV files; the inputs are written out below so the arithmetic can be redone).
@Suite struct MidtOgVestsjaellandTests {
    let inputs: DatapakkeInputs

    init() throws {
        inputs = try ShippedInputs.councils()
    }

    @Test func preventableAdmissionsWeightedBy65Plus() throws {
        // (kommune, real 2023 value per 1.000 aged 65+, synthetic 65+ population on 1 January 2023)
        let rows: [(Int, Double, Double)] = [
            (330, 65.5, 20985), (316, 61.3, 19323), (370, 60.2, 21405), (329, 59.0, 9244),
            (340, 59.5, 8076), (306, 63.5, 9904), (326, 63.0, 13462), (350, 49.3, 7080),
        ]
        let expected = rows.reduce(0) { $0 + $1.1 * $1.2 } / rows.reduce(0) { $0 + $1.2 }
        #expect(isClose(expected, 61.1950273568447, tolerance: 1e-12))
        let indicator = try #require(inputs.catalogue.indicator("forebyggelige_ophold_pr_1000_65plus"))
        let council = try inputs.definitions.cluster(named: "SR06")
        let figure = FigureEngine(inputs: inputs).figure(indicator, period: Period.year(2023), area: .cluster(council))
        #expect(isClose(figure.value, expected))
        #expect(figure.coverage.isComplete)
    }

    @Test func respiteCareAsNumeratorOverDenominator() throws {
        // §84 stk. 1, 2024: Σ tæller = 192+176+422+169+74+119+113+64 = 1.329;
        // Σ nævner (65+) = 21.236+19.689+21.622+9.357+8.161+9.976+13.514+7.234 = 110.789
        let indicator = try #require(inputs.catalogue.indicator("aflastning_84_1_pr_1000_65plus"))
        let council = try inputs.definitions.cluster(named: "Sundhedsråd Midt- og Vestsjælland")
        let figure = FigureEngine(inputs: inputs).figure(indicator, period: Period.year(2024), area: .cluster(council))
        #expect(figure.numerator == 1329)
        #expect(figure.denominator == 110_789)
        #expect(isClose(figure.value, 1329.0 / 110_789 * 1000))
    }

    @Test func theShippedSetsHaveTheirCouncilsAndClusters() throws {
        #expect(inputs.definitions.clusters.count == 17)
        #expect(try ShippedInputs.clusters2022().definitions.clusters.count == 22)
        let midt = try inputs.definitions.cluster(named: "SR06")
        #expect(Set(midt.members.map(\.code)) == [330, 316, 370, 329, 340, 306, 326, 350])
    }
}
