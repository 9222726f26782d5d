import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeCore

/// Direct age standardisation (docs/statistics.md#directly-standardised-rates-and-dobsons-method,
/// docs/weighting.md#directly-age-standardised-rates) on the `aldersstandardisering` fixture, every
/// expectation worked out by hand beside it.
@Suite struct AgeStandardisationTests {
    let inputs: DatapakkeInputs
    let engine: FigureEngine

    init() throws {
        inputs = try loadFixture("aldersstandardisering")
        engine = FigureEngine(inputs: inputs)
    }

    func figure(_ indicator: String, _ area: Area) throws -> Figure {
        engine.figure(try #require(inputs.catalogue.indicator(indicator)), period: .year(2023), area: area)
    }

    func cluster(_ id: String) throws -> Area { .cluster(try inputs.definitions.cluster(named: id)) }

    func municipality(_ code: MunicipalityCode) throws -> Area { .municipality(try #require(inputs.register.municipality(code))) }

    @Test func theCatalogueNamesStandardAndBands() throws {
        let ophold = try #require(inputs.catalogue.indicator("ophold80")?.standardisation)
        #expect(ophold == AgeStandardisation(scale: 1000, standard: .esp2013, bands: try #require(AgeBandRange(catalogueText: "80+"))))
        #expect(ophold.bands.bands.map(\.label) == ["80-84", "85-89", "90+"])
        let kronisk = try #require(inputs.catalogue.indicator("kronisk")?.standardisation)
        #expect(kronisk.standard == .danish(date: .date(2023, 1, 1)))
        #expect(kronisk.bands == .all)
        #expect(StandardPopulation.esp2013Weights.reduce(0, +) == 100_000)
        #expect(AgeBandRange(catalogueText: "0-64")?.bands.map(\.label).last == "60-64")
        #expect(AgeBandRange(catalogueText: "67+") == nil)
        #expect(AgeBandRange(catalogueText: "0-66") == nil)
    }

    @Test func aMunicipalityIsStandardisedBandByBand() throws {
        // Slagelse: 20, 30, 25 events among 2.000, 1.000, 500; ESP 2013 weights 2.500, 1.500, 1.000:
        // (2.500 × 20/2.000 + 1.500 × 30/1.000 + 1.000 × 25/500) / 5.000 × 1.000 = (25 + 45 + 50) / 5 = 24
        let slagelse = try figure("ophold80", municipality(330))
        #expect(isClose(slagelse.value, 24))
        #expect(isClose(slagelse.crudeValue, 75.0 / 3500 * 1000))
        #expect(slagelse.numerator == 75 && slagelse.denominator == 3500)
        // var = (2.500² × 20/2.000² + 1.500² × 30/1.000² + 1.000² × 25/500²) / 5.000² = 198,75 / 25.000.000
        let dsr = try #require(slagelse.standardised)
        #expect(isClose(dsr.variance, 198.75 / 25_000_000, tolerance: 1e-12))
        // Dobson: 24 + √(var / 75) × (Byar's limit of 75 − 75) × 1.000, Byar's limits with z = 1,959964.
        let z = 1.959963984540054
        let lower = 75 * pow(1 - 1 / (9 * 75.0) - z / (3 * 75.0.squareRoot()), 3)
        let upper = 76 * pow(1 - 1 / (9 * 76.0) + z / (3 * 76.0.squareRoot()), 3)
        let interval = try #require(dsr.interval())
        #expect(interval.method == .dobson)
        #expect(isClose(interval.lower, 24 + (198.75 / 25_000_000 / 75).squareRoot() * (lower - 75) * 1000))
        #expect(isClose(interval.upper, 24 + (198.75 / 25_000_000 / 75).squareRoot() * (upper - 75) * 1000))
        // The municipality's own input carries the same DSR as the one-municipality area.
        let input = engine.input(try #require(inputs.catalogue.indicator("ophold80")), period: .year(2023), municipality: 330)
        #expect(input.value == slagelse.value)
    }

    @Test func aBandWithoutEventsCountsAsARateOfZero() throws {
        // Sorø: 5, 8, 0 events among 1.000, 400, 100: (2.500 × 0,005 + 1.500 × 0,02 + 1.000 × 0) / 5.000 × 1.000 = 8,5
        let soroe = try figure("ophold80", municipality(340))
        #expect(isClose(soroe.value, 8.5))
        #expect(isClose(soroe.crudeValue, 13.0 / 1500 * 1000))
    }

    @Test func aClusterIsStandardisedOverItsSummedBandsNotItsMembersRates() throws {
        // C = Slagelse + Sorø: 25, 38, 25 events among 3.000, 1.400, 600.
        let c = try figure("ophold80", cluster("C"))
        let cByHand: Double = (2500 * 25 / 3000.0 + 1500 * 38 / 1400.0 + 1000 * 25 / 600.0) / 5000 * 1000
        #expect(isClose(c.value, cByHand))
        #expect(isClose(c.crudeValue, 88.0 / 5000.0 * 1000.0))
        // Not the mean of 24 and 8,5 weighted by anything simple: it is its own band rates.
        let meanOfMembers: Double = (24 * 3500 + 8.5 * 1500) / 5000.0
        #expect(!isClose(c.value, meanOfMembers))
        // A = ½ København (300, 250, 150 among 20.000, 9.000, 3.000) + Frederiksberg (40, 45, 30 among
        // 3.000, 1.500, 500): 190, 170, 105 among 13.000, 6.000, 2.000.
        let a = try figure("ophold80", cluster("A"))
        let aByHand: Double = (2500 * 190 / 13000.0 + 1500 * 170 / 6000.0 + 1000 * 105 / 2000.0) / 5000 * 1000
        #expect(isClose(a.value, aByHand))
        #expect(isClose(a.numerator, 465))
        #expect(isClose(a.denominator, 21000))
        // The country: 370, 335, 208 events among 27.560, 12.630, 4.410.
        let country = try figure("ophold80", .country(inputs.register))
        let countryByHand: Double = (2500 * 370 / 27560.0 + 1500 * 335 / 12630.0 + 1000 * 208 / 4410.0) / 5000 * 1000
        #expect(isClose(country.value, countryByHand))
        #expect(isClose(country.crudeValue, 913.0 / 44600.0 * 1000.0))
    }

    @Test func underTenEventsThereIsACrudeRateButNoStandardisedRate() throws {
        // Læsø: 3, 2, 1 events among 60, 30, 10: 6 events, under the DSR minimum of 10, over the
        // suppression minimum of 5. The crude rate 6 / 100 × 1.000 = 60 is shown; there is no DSR, never 0.
        for area in [try municipality(825), try cluster("D")] {
            let laesoe = try figure("ophold80", area)
            #expect(laesoe.value == nil)
            #expect(laesoe.standardised == nil)
            #expect(isClose(laesoe.crudeValue, 60))
            #expect(laesoe.coverage.municipalitiesWithValue == 1)
        }
        let tables = ReportBuilder(inputs: inputs).allTables()
        let pack = ReportBuilder(inputs: inputs).pack(
            for: try inputs.definitions.cluster(named: "D"), tables: tables, documentDate: Date(timeIntervalSince1970: 0),
            toolVersion: "test")
        let report = try #require(pack.sections.first?.indicators.first { $0.indicator.id == "ophold80" })
        for row in report.rows where row.level != .country {
            #expect(row.latest == .missing, "\(row.name)")
            #expect(row.crudeValues?.last?.number.map { isClose($0, 60) } == true, "\(row.name)")
        }
        let note = try #require(report.standardisationNote)
        #expect(note.hasPrefix("Ingen aldersstandardiseret rate for Læsø, Klynge D og Region Nordjylland i 2023 (vist som ..)"))
        // The figures export gives the crude rate and says why there is no interval.
        let listing = FigureListing(inputs: inputs, clusters: [try inputs.definitions.cluster(named: "D")])
        let entry = try #require(listing.entries.first { $0.indicator == "ophold80" && $0.id == "D" })
        #expect(entry.value == nil && entry.method == nil)
        #expect(entry.crude.map { isClose($0, 60) } == true)
        #expect(entry.intervalNote == "færre end 10 hændelser: ingen aldersstandardiseret rate")
    }

    @Test func aMunicipalityWithoutCountsIsLeftOutNotZero() throws {
        // Frederiksberg's kronisk rows are empty: A rests on half of København alone, whose band rates
        // a half share does not change, so A's DSR is København's own.
        let a = try figure("kronisk", cluster("A"))
        #expect(a.coverage.municipalitiesWithValue == 1 && a.coverage.municipalities == 2)
        #expect(isClose(a.value, try #require(try figure("kronisk", municipality(101)).value)))
        #expect(try figure("kronisk", municipality(147)).value == nil)
        #expect(try figure("kronisk", municipality(147)).crudeValue == nil)
    }

    @Test func theDanishStandardIsTheWholePopulationOnItsDate() throws {
        let kronisk = try #require(inputs.catalogue.indicator("kronisk"))
        let weights = try #require(engine.standardWeights["kronisk"])
        // 80-84: 20.000 + 3.000 + 1.500 + 2.000 + 1.000 + 60; 0-4: 10.000 + 1.500 + 500 + 1.100 + 400 + 20.
        #expect(weights[16] == 27_560 && weights[0] == 13_520)
        let everyone: Double = 218_000 + 32_900 + 11_800 + 23_960 + 8_940 + 472
        #expect(weights.reduce(0, +) == everyone)
        #expect(kronisk.standardisationDescription?.contains("befolkningen i hele landet pr. 1. januar 2023") == true)
        // Standardised to the country's own population, the country's DSR is its crude rate.
        let country = try figure("kronisk", .country(inputs.register))
        // Frederiksberg has no counts, so the country's crude rate is over the others only; its DSR is
        // Σ weightᵢ × rateᵢ / Σ weights with the rates of the five.
        #expect(country.coverage.municipalitiesWithValue == 5)
        let value = try #require(country.value)
        let crude = try #require(country.crudeValue)
        #expect(abs(value - crude) / crude < 0.05)
    }

    @Test func smallCountsAreHiddenAsForAFractionAndStayHidden() throws {
        // Bornholm's 4 events (2, 0, 2) are under 5: hidden, its crude rate and DSR alike; B = ½ København
        // + Bornholm would give it away, so a second cell is hidden.
        let builder = ReportBuilder(inputs: inputs)
        let table = builder.table(try #require(inputs.catalogue.indicator("ophold80")), period: .year(2023))
        #expect(table.hidden[.municipality(400)] == .smallNumerator(minimum: 5))
        #expect(table.hidden.count >= 2)
        let pack = builder.pack(
            for: try inputs.definitions.cluster(named: "B"), tables: builder.allTables(), documentDate: Date(timeIntervalSince1970: 0),
            toolVersion: "test")
        let report = try #require(pack.sections.first?.indicators.first { $0.indicator.id == "ophold80" })
        for row in report.rows {
            if case .hidden(let reason) = row.latest {
                #expect(row.crudeValues?.last == .hidden(reason), "\(row.name)")
            } else {
                #expect(row.crudeValues?.last?.number != nil, "\(row.name)")
            }
        }
        let bornholm = try #require(report.rows.first { $0.name == "Bornholm" })
        #expect(bornholm.latest == .hidden(.smallNumerator(minimum: 5)))
    }

    @Test func theFiguresExportGivesDobsonsInterval() throws {
        let listing = FigureListing(inputs: inputs, clusters: inputs.definitions.clusters)
        let entry = try #require(listing.entries.first { $0.indicator == "ophold80" && $0.id == "C" })
        let c = try figure("ophold80", cluster("C"))
        let interval = try #require(c.standardised?.interval())
        #expect(entry.method == "dobson")
        #expect(entry.value == c.value && entry.lower == interval.lower && entry.upper == interval.upper)
        #expect(entry.crude == c.crudeValue)
    }
}

/// The population and indicator files by age band: what they must hold, with file, line and column.
@Suite struct AgeBandInputTests {
    static let bands = "Data/befolkning/befolkning-aldersgrupper.csv"
    static let population = "Data/befolkning/befolkning.csv"
    static let data = "Data/indikatorer/aldersfordelte.csv"

    /// Copies the fixture, lets `breakIt` change it, and returns the problems of loading it.
    func problemsAfter(_ breakIt: (String) throws -> Void) throws -> [InputProblem] {
        try withTemporaryDirectory { folder in
            try copyFixture("aldersstandardisering", to: folder)
            try breakIt(folder)
            return problems { _ = try loadFixtureInputs(at: folder) }
        }
    }

    func replacing(_ file: String, _ old: String, _ new: String) throws -> [InputProblem] {
        try problemsAfter { folder in try BrokenInputTests().replace(old, with: new, in: folder + "/" + file) }
    }

    @Test func theUnbrokenFixtureLoads() throws {
        #expect(try problemsAfter { _ in }.isEmpty)
    }

    @Test func theBandsMustSumToTheTotal() throws {
        // Slagelse's bands start on line 59 (after 3 × 19 rows and the header); the count is column 5.
        let found = try replacing(Self.population, "330;Slagelse;2023-01-01;23960;", "330;Slagelse;2023-01-01;23961;")
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(file: Self.bands, line: 59, column: 5))
        #expect(found.first?.message.contains("alle aldersgrupper summer til 23.960, men i_alt er 23.961") == true)
    }

    @Test func theBandsFrom65MustBeThe65PlusAndFrom80The80Plus() throws {
        let found = try replacing(Self.bands, "330;Slagelse;2023-01-01;70-74;1100", "330;Slagelse;2023-01-01;70-74;1000")
        let messages = found.map(\.message)
        #expect(messages.contains { $0.contains("alle aldersgrupper summer til 23.860, men i_alt er 23.960") })
        #expect(messages.contains { $0.contains("aldersgrupperne fra 65-69 summer til 6.700, men alder_65plus er 6.800") })
        #expect(found.allSatisfy { $0.location == SourceLocation(file: Self.bands, line: 59, column: 5) })
        let older = try replacing(Self.bands, "330;Slagelse;2023-01-01;85-89;1000", "330;Slagelse;2023-01-01;85-89;1001")
        #expect(older.map(\.message).contains { $0.contains("aldersgrupperne fra 80-84 summer til 3.501, men alder_80plus er 3.500") })
    }

    @Test func withoutTheGroupsTheBandsGiveThem() throws {
        let inputs = try withTemporaryDirectory { folder -> DatapakkeInputs in
            try copyFixture("aldersstandardisering", to: folder)
            try FileManager.default.removeItem(atPath: folder + "/" + Self.population)
            return try loadFixtureInputs(at: folder)
        }
        #expect(inputs.population.count(.total, municipality: 330, date: .date(2023, 1, 1)) == 23_960)
        #expect(inputs.population.count(.aged65plus, municipality: 330, date: .date(2023, 1, 1)) == 6_800)
        #expect(inputs.population.count(.aged80plus, municipality: 825, date: .date(2023, 1, 1)) == 100)
    }

    @Test func everyBandOnceAndOnlyKnownBands() throws {
        let missing = try replacing(Self.bands, "825;Læsø;2023-01-01;90+;10\n", "")
        #expect(missing.first?.location == SourceLocation(file: Self.bands, line: 97))
        #expect(missing.first?.message.contains("825 Læsø pr. 2023-01-01 mangler aldersgrupperne 90+") == true)
        let unknown = try replacing(Self.bands, "825;Læsø;2023-01-01;90+;10", "825;Læsø;2023-01-01;90-94;10")
        #expect(unknown.first?.location == SourceLocation(file: Self.bands, line: 115, column: 4))
        #expect(unknown.first?.message.contains("«90-94» er ikke en aldersgruppe; forventede en af 0-4, 5-9") == true)
        let twice = try replacing(Self.bands, "825;Læsø;2023-01-01;90+;10", "825;Læsø;2023-01-01;85-89;10")
        #expect(twice.map(\.message).contains("aldersgruppen 85-89 for 825 pr. 2023-01-01 står også på linje 114"))
        let empty = try replacing(Self.bands, "825;Læsø;2023-01-01;90+;10", "825;Læsø;2023-01-01;90+;..")
        #expect(empty.first?.location == SourceLocation(file: Self.bands, line: 115, column: 5))
    }

    @Test func anIndicatorsBandsAreExactlyItsOwn() throws {
        // ophold80 is standardised over 80-84, 85-89 and 90+: a 75-79 row does not belong, a missing 90+ is missing.
        let extra = try replacing(
            Self.data, "330;Slagelse;ophold80;2023;80-84;20\n", "330;Slagelse;ophold80;2023;80-84;20\n330;Slagelse;ophold80;2023;75-79;9\n")
        #expect(extra.count == 1)
        #expect(extra.first?.location == SourceLocation(file: Self.data, line: 12))
        #expect(extra.first?.message.contains("aldersgruppen 75-79 hører ikke til «ophold80»") == true)
        let missing = try replacing(Self.data, "330;Slagelse;ophold80;2023;90+;25\n", "")
        #expect(missing.first?.location == SourceLocation(file: Self.data, line: 11))
        #expect(missing.first?.message.contains("330 «ophold80» 2023 mangler aldersgrupperne 90+") == true)
        let partly = try replacing(Self.data, "330;Slagelse;ophold80;2023;90+;25", "330;Slagelse;ophold80;2023;90+;..")
        #expect(partly.first?.message.contains("har tal i nogle aldersgrupper, men ikke i 90+") == true)
    }

    @Test func personsCannotOutnumberTheirBandNorEventsHappenAmongNobody() throws {
        // kronisk counts persons: Læsø's 20 residents aged 0-4 cannot hold 21 with a chronic disease.
        let found = try replacing(Self.data, "825;Læsø;kronisk;2023;0-4;0", "825;Læsø;kronisk;2023;0-4;21")
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(file: Self.data, line: 115, column: 6))
        #expect(
            found.first?.message.contains("tælleren (21) er større end antal borgere i aldersgruppen 0-4 pr. 1. januar 2023 (20)") == true)
        let nobody = try problemsAfter { folder in
            let broken = BrokenInputTests()
            // Læsø's 90+ moved into 85-89: no residents aged 90+, yet one event there.
            try broken.replace("825;Læsø;2023-01-01;85-89;30", with: "825;Læsø;2023-01-01;85-89;40", in: folder + "/" + Self.bands)
            try broken.replace("825;Læsø;2023-01-01;90+;10", with: "825;Læsø;2023-01-01;90+;0", in: folder + "/" + Self.bands)
        }
        #expect(nobody.map(\.message).contains { $0.contains("1 hændelser blandt 0 borgere i aldersgruppen 90+") })
    }

    @Test func bandsForAnIndicatorTheCatalogueDoesNotStandardise() throws {
        let found = try problemsAfter { folder in
            try BrokenInputTests().replace(
                "    beregning: aldersstandardiseret\n    standardpopulation: esp2013\n    aldersgrupper: 80+\n",
                with: "    beregning: broek\n", in: folder + "/indikatorer.yaml")
        }
        #expect(
            found.contains {
                $0.message.contains("«ophold80» har tal pr. aldersgruppe, men kataloget beregner den ikke som aldersstandardiseret")
            })
    }

    @Test func theCatalogueSaysStandardAndBandsInItsOwnWords() throws {
        func catalogue(_ old: String, _ new: String) throws -> [String] {
            try problemsAfter { folder in try BrokenInputTests().replace(old, with: new, in: folder + "/indikatorer.yaml") }.map(\.message)
        }
        #expect(
            try catalogue("standardpopulation: esp2013", "standardpopulation: esp2011").contains {
                $0.contains("«standardpopulation» skal være esp2013 eller { befolkning: 2025-01-01 }")
            })
        #expect(try catalogue("    standardpopulation: esp2013\n", "").contains { $0.contains("mangler feltet «standardpopulation»") })
        #expect(try catalogue("aldersgrupper: 80+", "aldersgrupper: 82+").contains { $0.contains("«aldersgrupper» skal være alle") })
        #expect(
            try catalogue("standardpopulation: { befolkning: \"2023-01-01\" }", "standardpopulation: { befolkning: \"2024-01-01\" }")
                .contains {
                    $0.contains(
                        "«kronisk» standardiseres til befolkningen i hele landet pr. 1. januar 2024, men befolkningen i aldersgrupper pr. 1. januar 2024 mangler for 101 København"
                    )
                })
        #expect(
            try catalogue(
                "    beregning: aldersstandardiseret\n    standardpopulation: esp2013\n",
                "    beregning: broek\n    standardpopulation: esp2013\n"
            )
            .contains("«standardpopulation» gælder kun beregning: aldersstandardiseret"))
    }

    @Test func aFOLK1AExportIsSummedIntoTheBands() throws {
        try withTemporaryDirectory { folder in
            let register = MunicipalityRegister([Municipality(code: 787, name: "Thisted", region: "Nordjylland")])
            var lines = ["OMRÅDE;ALDER;TID;INDHOLD", "Thisted;Alder i alt;2026K1;40073"]
            for age in 0...100 {
                lines.append("Thisted;\(age == 100 ? "100 år og derover" : "\(age) år");2026K1;\(age < 100 ? 400 : 72)")
            }
            let path = folder + "/folk1a.csv"
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            var table = PopulationTable()
            try PopulationLoader.load(path: path, displayName: "folk1a.csv", register: register, into: &table)
            let counts = try #require(table.bands[.date(2026, 1, 1)]?[787])
            // 0-4: five years of 400; 90+: 90-99 år (ten of 400) and "100 år og derover" (72).
            #expect(counts.count == 19 && counts[0] == 2000 && counts[17] == 2000 && counts[18] == 4072)
            // "Alder i alt" says 40.073, one more than the single years: an input problem.
            let found = problems { try PopulationLoader.checkBands(&table, register: register) }
            #expect(found.count == 1)
            #expect(found.first?.message.contains("alle aldersgrupper summer til 40.072, men i_alt er 40.073") == true)
        }
    }
}
