import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeCore

/// The similar councils and the opportunity (docs/similar-councils.md): the neighbours of a shipped
/// council computed independently in Python from the CSV files, a hand fixture's neighbours, ties,
/// group figure and opportunity worked out by hand, and the profile file's problems with file and line.
@Suite struct SimilarCouncilsTests {
    static let documentDate = Date(timeIntervalSince1970: 1_735_689_600)

    // MARK: The shipped data against an independent computation

    struct Oracle: Decodable {
        struct Neighbour: Decodable {
            var id: String
            var distance: Double
        }
        var neighbours: [Neighbour]
        var profile: [String: [Double]]
    }

    @Test func midtOgVestsjaellandsNeighboursAgreeWithAnIndependentComputation() throws {
        let inputs = try ShippedInputs.councils()
        let profile = try #require(inputs.similar?.profile)
        // The oracle knows the five variables of the shipped profile, each with weight 1.
        #expect(
            profile.variables.map(\.indicatorID) == [
                "andel_65plus", "andel_80plus", "kronisk_sygdom_pct", "andel_plejehjem", "befolkning_i_alt",
            ])
        #expect(profile.variables.allSatisfy { $0.weight == 1 })
        #expect(profile.variables.map(\.transformation) == [.none, .none, .none, .none, .logarithm])
        #expect(profile.clusterNeighbours == 5 && profile.municipalityNeighbours == 10)

        let script = packageRoot + "/Tests/DatapakkeCoreTests/Oracles/similar_councils_oracle.py"
        let outcome = try Python.run([script, packageRoot, ShippedInputs.councilsFile, "SR06", "5"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let oracle = try JSONDecoder().decode(Oracle.self, from: Data(outcome.stdout.utf8))
        let neighbours = try #require(inputs.similar?.clusters["SR06"])
        #expect(neighbours.map(\.id) == oracle.neighbours.map(\.id))
        #expect(neighbours.map(\.id) == ["SR05", "SR13", "SR04", "SR03", "SR14"])
        for (tool, python) in zip(neighbours, oracle.neighbours) {
            #expect(abs(tool.distance - python.distance) < 1e-9, "\(tool.id): \(tool.distance) against \(python.distance)")
        }
        // The profile values the pack shows are the councils' own figures.
        let unit = try #require(inputs.similar?.clusterUnits["SR06"])
        for (value, expected) in zip(unit.values, try #require(oracle.profile["SR06"])) {
            #expect(isClose(value, expected, tolerance: 1e-12))
        }
        // Every municipality has ten, none of them itself.
        #expect(inputs.similar?.municipalities.count == 98)
        #expect(inputs.similar?.municipalities.allSatisfy { $0.value.count == 10 } == true)
        #expect(inputs.similar?.municipalities.allSatisfy { code, list in !list.contains { $0.id == String(code) } } == true)
    }

    // MARK: The hand fixture

    static func fixture() throws -> DatapakkeInputs { try loadFixture("similar") }

    @Test func neighboursByHand() throws {
        let inputs = try Self.fixture()
        let similar = try #require(inputs.similar)
        // Shares aged 65+: A 25, B 24, C 22, D 20, E 18, F 15; mean 124 / 6; squared deviations
        // (4⅓², 3⅓², 1⅓², ⅔², 2⅔², 5⅔²) sum to 71⅓, so the sample standard deviation is √(71⅓ / 5).
        let deviation = (71.0 + 1.0 / 3.0) / 5
        let sd = deviation.squareRoot()
        // The residents are the same everywhere: no spread, no part in the distance (weight 2 or not).
        #expect(similar.clusterVariables[1].standardDeviation == 0)
        #expect(inputs.notices.contains { $0.message.contains("«befolkning_i_alt» har samme værdi for alle sundhedsråd") })
        // A: B is 1 point away, C 3, D 5, E 7, F 10; four neighbours. The log variable is present for
        // all, so no rescaling: the distance is |Δ share| / sd.
        let a = try #require(similar.clusters["A"])
        #expect(a.map(\.id) == ["B", "C", "D", "E"])
        for (neighbour, points) in zip(a, [1.0, 3, 5, 7]) {
            #expect(isClose(neighbour.distance, points / sd, tolerance: 1e-12), "\(neighbour.id)")
        }
        // D: C and E are both 2 points away, A and F both 5: ties go to the lower id.
        #expect(similar.clusters["D"]?.map(\.id) == ["C", "E", "B", "A"])
        // The municipalities are the councils here, with three each and their codes as ids.
        #expect(similar.municipalities[101]?.map(\.id) == ["147", "151", "153"])
        #expect(similar.municipalities[153]?.map(\.id) == ["151", "155", "147"])
    }

    @Test func theGroupsFigureAndTheOpportunityByHand() throws {
        let inputs = try Self.fixture()
        let report = try #require(
            ReportBuilder(inputs: inputs).build(documentDate: Self.documentDate, toolVersion: "test").first { $0.cluster.id == "A" })
        #expect(report.similar?.neighbours.map(\.name) == ["Råd B", "Råd C", "Råd D", "Råd E"])
        let indicator = try #require(report.sections.flatMap(\.indicators).first { $0.indicator.id == "ophold" })
        #expect(indicator.rows.map(\.level) == [.municipality, .cluster, .region, .similar, .country])
        // B, C, D and E together: (240 + 198 + 220 + 144) / (24.000 + 22.000 + 20.000 + 18.000) × 1.000.
        let group = try #require(indicator.similarRow)
        #expect(group.name == "Sammenlignelige sundhedsråd" && group.id == "B+C+D+E")
        #expect(isClose(group.latest.number, 802.0 / 84_000 * 1000))
        #expect(group.latestNumerator == 802 && group.latestDenominator == 84_000)
        // Marked against the country like the region: its 95 % interval (Byar, 8,90–10,23) holds the
        // country's 1.252 / 124.000 × 1.000 = 10,10, so not significantly different.
        #expect(group.levelMark == .yellow)

        // The best quartile: the lower quartile of B 10, C 9, D 11, E 8 (low is best): sorted 8, 9, 10, 11,
        // position (4 − 1) × 0,25 = 0,75, so 8 + 0,75 × (9 − 8) = 8,75. A has 12,0 over 25.000 aged 65+:
        // (12,0 − 8,75) × 25.000 / 1.000 = 81,25 stays fewer.
        let comparison = try #require(indicator.similar)
        let opportunity = try #require(comparison.opportunity)
        #expect(isClose(opportunity.best, 8.75))
        #expect(isClose(opportunity.amount, 81.25))
        #expect(opportunity.shownNeighbours == 4 && opportunity.neighbours == 4)
        #expect(isClose(opportunity.membersAmount, 81.25), "A's only municipality is A")
        #expect(opportunity.sentence == "ca. 81 færre ophold blandt ældre om året")
        // The uncertainty from A's own 95 % interval, Byar's limits for 300 events (docs/statistics.md),
        // written out here: O (1 − 1/(9O) − z/(3√O))³ and (O+1) (1 − 1/(9(O+1)) + z/(3√(O+1)))³.
        let z = 1.959963984540054
        let events = 300.0
        let lowerCount = events * pow(1 - 1 / (9 * events) - z / (3 * events.squareRoot()), 3)
        let upperCount = (events + 1) * pow(1 - 1 / (9 * (events + 1)) + z / (3 * (events + 1).squareRoot()), 3)
        #expect(isClose(opportunity.lower, lowerCount - 8.75 * 25, tolerance: 1e-9))
        #expect(isClose(opportunity.upper, upperCount - 8.75 * 25, tolerance: 1e-9))
        // A's lower limit (266,7 events, 10,67 per 1.000) lies above the group's 9,55: significantly worse.
        #expect(comparison.position == .above && comparison.mark == .red)
        #expect(comparison.isHidden == false)

        // E (8,0, the lowest) already lies better than the best quartile of its similar councils.
        let e = try #require(
            ReportBuilder(inputs: inputs).build(documentDate: Self.documentDate, toolVersion: "test").first { $0.cluster.id == "E" })
        let eOpportunity = try #require(e.sections.flatMap(\.indicators).first { $0.indicator.id == "ophold" }?.similar?.opportunity)
        #expect(!eOpportunity.exists && eOpportunity.sentence == nil)
    }

    @Test func theBestQuartileFollowsTheDirection() {
        #expect(Opportunity.bestQuartile([10, 9, 11, 8], direction: .lowerIsBetter) == 8.75)
        #expect(Opportunity.bestQuartile([10, 9, 11, 8], direction: .higherIsBetter) == 10.25)
        // Of five, the second best.
        #expect(Opportunity.bestQuartile([5, 1, 4, 2, 3], direction: .lowerIsBetter) == 2)
        #expect(Opportunity.bestQuartile([5, 1, 4, 2, 3], direction: .higherIsBetter) == 4)
        #expect(Opportunity.bestQuartile([3], direction: .none) == nil)
    }

    @Test func amountsAreRoundedAsASentenceStatesThem() {
        #expect(Opportunity.significant(81.25) == 81)
        #expect(Opportunity.significant(1343.6) == 1300)
        #expect(Opportunity.significant(273.8) == 270)
        #expect(Opportunity.significant(4.4) == 4)
    }

    @Test func theFiguresExportCarriesTheGroupAndTheOpportunity() throws {
        let inputs = try Self.fixture()
        let listing = FigureListing(inputs: inputs, clusters: inputs.definitions.clusters)
        let entry = try #require(listing.entries.first { $0.id == "A" && $0.indicator == "ophold" })
        #expect(entry.similar == ["B", "C", "D", "E"])
        #expect(isClose(entry.similarValue, 802.0 / 84_000 * 1000))
        #expect(entry.similarPosition == "over")
        #expect(isClose(entry.opportunity, 81.25) && isClose(entry.opportunityBest, 8.75))
        #expect(entry.opportunityUnit == "ophold blandt ældre")
        // A share without a direction has a group figure, but no opportunity.
        let share = try #require(listing.entries.first { $0.id == "A" && $0.indicator == "andel_65plus" })
        #expect(isClose(share.similarValue, 84_000.0 / 400_000 * 100))
        #expect(share.opportunity == nil)
        // Regions and the country have none.
        #expect(listing.entries.filter { $0.level != "sundhedsråd" }.allSatisfy { $0.similar == nil })
    }

    // MARK: The profile file

    /// Loads the fixture with `profile` as its `sammenlignelige.yaml`; the problems `load` reports.
    static func problems(withProfile profile: String) throws -> [String] {
        try withTemporaryDirectory { folder in
            try copyFixture("similar", to: folder)
            try profile.write(toFile: folder + "/sammenlignelige.yaml", atomically: true, encoding: .utf8)
            return DatapakkeCoreTests.problems { _ = try loadFixtureInputs(at: folder) }.map(\.description)
        }
    }

    @Test func aMistypedProfileIsReportedWithFileAndLine() throws {
        let problems = try Self.problems(
            withProfile: """
                sammenlignelige_rad: 4
                sammenlignelige_kommuner: 2.5
                variabler:
                  - indikator: andel_65plu
                  - indikator: andel_65plus
                    vaegt: 0
                  - indikator: befolkning_i_alt
                    transformation: kvadrat
                  - indikator: befolkning_i_alt
                muligheder:
                  - indikator: ophold
                    pr: 1000
                  - indikator: andel_65plus

                """)
        let expected = [
            "sammenlignelige.yaml:1:1: ukendt felt «sammenlignelige_rad» – mente du «sammenlignelige_raad»?",
            "sammenlignelige.yaml:1:1: mangler feltet «sammenlignelige_raad»",
            "sammenlignelige.yaml:2:27: «sammenlignelige_kommuner» skal være et helt tal på mindst 1, ikke 2,50",
            "sammenlignelige.yaml:4:16: ukendt indikator «andel_65plu» – mente du «andel_65plus»?",
            "sammenlignelige.yaml:6:12: «vaegt» skal være et positivt tal (fx 1 eller 0.5), ikke 0,00; fjern variablen for at se bort fra den",
            "sammenlignelige.yaml:8:21: «transformation» skal være log eller ingen, ikke «kvadrat»",
            "sammenlignelige.yaml:9:5: «befolkning_i_alt» står allerede som variabel (sammenlignelige.yaml:7:5); en variabel tæller kun én gang",
            "sammenlignelige.yaml:12:9: «ophold» er en brøk med sin egen skala; «pr» bruges kun for vægtede rater",
            "sammenlignelige.yaml:13:16: «andel_65plus» har ingen retning («bedst: ingen» i kataloget), så ingen niveau er det bedste at måle muligheden mod",
        ]
        for line in expected {
            #expect(problems.contains(line), "missing: \(line)\nall: \(problems)")
        }
    }

    @Test func aProfileThatDoesNotFitTheDataIsReportedWithFileAndLine() throws {
        let problems = try Self.problems(
            withProfile: """
                sammenlignelige_raad: 6
                sammenlignelige_kommuner: 3
                variabler:
                  - indikator: andel_65plus
                    transformation: log
                  - indikator: ophold
                    transformation: log

                """)
        // Six councils: each can be compared with at most five. The log of a share is fine here (all above 0).
        #expect(
            problems.contains(
                "sammenlignelige.yaml:1:23: «sammenlignelige_raad» er 6, men Testråd til sammenlignelige har kun 6 sundhedsråd; højst 5 kan sammenlignes med hver"
            ), "\(problems)")
        #expect(problems.count == 1, "\(problems)")

        let zero = try withTemporaryDirectory { folder -> [String] in
            try copyFixture("similar", to: folder)
            // Dragør without anyone aged 65+: the log of its share is no number.
            let path = folder + "/Data/befolkning/befolkning.csv"
            let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
                of: "155;Dragør;2024-01-01;100000;18000", with: "155;Dragør;2024-01-01;100000;0")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            try "sammenlignelige_raad: 2\nsammenlignelige_kommuner: 2\nvariabler:\n  - indikator: andel_65plus\n    transformation: log\n"
                .write(
                    toFile: folder + "/sammenlignelige.yaml", atomically: true, encoding: .utf8)
            return DatapakkeCoreTests.problems { _ = try loadFixtureInputs(at: folder) }.map(\.description)
        }
        #expect(
            zero.contains {
                $0.hasPrefix(
                    "sammenlignelige.yaml:4:5: «transformation: log» kræver værdier over 0, men «andel_65plus» er 0 eller negativ for Råd E og Dragør"
                )
            },
            "\(zero)")
    }

    @Test func withoutAProfileThereAreNoSimilarCouncils() throws {
        try withTemporaryDirectory { folder in
            try copyFixture("similar", to: folder)
            try FileManager.default.removeItem(atPath: folder + "/sammenlignelige.yaml")
            let inputs = try loadFixtureInputs(at: folder)
            #expect(inputs.similar == nil)
            let report = try #require(ReportBuilder(inputs: inputs).build(documentDate: Self.documentDate, toolVersion: "test").first)
            #expect(report.similar == nil)
            #expect(report.sections.flatMap(\.indicators).allSatisfy { $0.similarRow == nil && $0.similar == nil })
        }
    }
}
