import DatapakkeTestSupport
import Foundation
import Testing

/// The similar councils through the command (docs/similar-councils.md): `figures` in JSON and CSV
/// carry per council and indicator the similar councils, their figure and the opportunity; `check`
/// names a broken profile with file and line.
@Suite struct SimilarCouncilsCommandTests {
    struct Entry: Decodable {
        var level: String
        var id: String
        var indicator: String
        var period: String
        var value: Double?
        var similar: [String]?
        var similarValue: Double?
        var similarHidden: String?
        var similarPosition: String?
        var opportunity: Double?
        var opportunityLower: Double?
        var opportunityUpper: Double?
        var opportunityBest: Double?
        var opportunityUnit: String?
        var opportunityMembers: Double?
    }

    @Test func figuresAsJSONCarryTheSimilarCouncilsAndTheOpportunity() throws {
        let outcome = try CommandRunner.run(["figures", "--format", "json", "--only", "SR06"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let entries = try JSONDecoder().decode([Entry].self, from: Data(outcome.stdout.utf8))
        let council = entries.filter { $0.level == "sundhedsråd" }
        #expect(!council.isEmpty)
        // Every indicator and period of the council names the same five, nearest first (SimilarCouncilsTests
        // checks them against a computation in Python).
        #expect(council.allSatisfy { $0.similar == ["SR05", "SR13", "SR04", "SR03", "SR14"] })
        #expect(entries.filter { $0.level != "sundhedsråd" }.allSatisfy { $0.similar == nil && $0.opportunity == nil })

        // Preventable stays 2023: the five councils' 41 municipalities, Σ value × residents aged 65+ /
        // Σ residents aged 65+, computed outside the tool (Python over Data/*.csv).
        let stays = try #require(council.first { $0.indicator == "forebyggelige_ophold_pr_1000_65plus" && $0.period == "2023" })
        #expect(abs((stays.similarValue ?? 0) - 26_505_736.8 / 453_609) < 1e-9)
        #expect(stays.similarPosition == "over")
        // The opportunity: (SR06's rate − the lower quartile of the five's rates) × SR06's residents aged
        // 65+ / 1.000; a rate published without counts has no interval.
        let best = try #require(stays.opportunityBest)
        let value = try #require(stays.value)
        #expect(best < value && stays.opportunityUnit == "forebyggelige akutte sygehusophold blandt ældre")
        #expect(abs((stays.opportunity ?? 0) - (value - best) * 109_479 / 1000) < 1e-6)
        #expect(stays.opportunityLower == nil && stays.opportunityUpper == nil)

        // A fraction with counts has an interval around its opportunity.
        let admissions = try #require(council.first { $0.indicator == "indlaeggelse_pct" && $0.period == "2024" })
        let amount = try #require(admissions.opportunity)
        #expect(amount > 0 && (admissions.opportunityLower ?? .infinity) < amount && amount < (admissions.opportunityUpper ?? 0))
        // No direction, no opportunity; the group's figure is still there.
        let old = try #require(council.first { $0.indicator == "andel_65plus" && $0.period == "2025-01-01" })
        #expect(old.opportunity == nil && old.similarValue != nil)
        // Only the latest period has a position and an opportunity.
        let earlier = try #require(council.first { $0.indicator == "indlaeggelse_pct" && $0.period == "2023" })
        #expect(earlier.similarValue != nil && earlier.similarPosition == nil && earlier.opportunity == nil)
    }

    @Test func theBestQuartileIsTheSimilarCouncilsOwn() throws {
        // The best quartile of preventable stays from the five councils' own figures in the same export.
        let outcome = try CommandRunner.run(["figures", "--format", "json"])
        let entries = try JSONDecoder().decode([Entry].self, from: Data(outcome.stdout.utf8))
        let rates = ["SR05", "SR13", "SR04", "SR03", "SR14"].compactMap { id in
            entries.first { $0.id == id && $0.indicator == "forebyggelige_ophold_pr_1000_65plus" }?.value
        }.sorted()
        #expect(rates.count == 5)
        let sr06 = try #require(entries.first { $0.id == "SR06" && $0.indicator == "forebyggelige_ophold_pr_1000_65plus" })
        // Of five, the lower quartile is the second lowest.
        #expect(sr06.opportunityBest == rates[1])
    }

    @Test func figuresAsCSVHaveTheSameColumns() throws {
        let outcome = try CommandRunner.run(["figures", "--format", "csv", "--only", "SR06"])
        #expect(outcome.status == 0)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first).split(separator: ";").map(String.init)
        for column in [
            "sammenlignelige", "vaerdi_sammenlignelige", "skjult_sammenlignelige", "ift_sammenlignelige", "mulighed", "mulighed_nedre_95",
            "mulighed_oevre_95", "bedste_kvartil", "mulighed_enhed", "mulighed_kommuner",
        ] {
            #expect(header.contains(column), "\(column)")
        }
        let index = try #require(header.firstIndex(of: "sammenlignelige"))
        let row = try #require(lines.first { $0.contains(";SR06;") && $0.contains(";forebyggelige_ophold_pr_1000_65plus;") })
        #expect(row.split(separator: ";", omittingEmptySubsequences: false)[index] == "SR05+SR13+SR04+SR03+SR14")
    }

    @Test func checkNamesABrokenProfileWithFileAndLine() throws {
        let outcome = try CommandRunner.withTemporaryDirectory { folder in
            try FileManager.default.copyItem(atPath: packageRoot + "/Templates", toPath: folder + "/Templates")
            try """
            sammenlignelige_raad: 17
            sammenlignelige_kommuner: 10
            variabler:
              - indikator: andel_65plus
                vaegt: -1
              - indikator: ventetid_genoptraening_median_dage
            muligheder:
              - indikator: forebyggelige_ophold_pr_1000_65plus

            """.write(toFile: folder + "/Templates/sammenlignelige.yaml", atomically: true, encoding: .utf8)
            return try CommandRunner.run(["check", "--templates", folder + "/Templates"])
        }
        #expect(outcome.status == 1)
        let lines = outcome.stderr.split(separator: "\n").map(String.init)
        let file = "Templates/sammenlignelige.yaml"
        #expect(
            lines.contains {
                $0.contains(
                    "\(file):5:12: «vaegt» skal være et positivt tal (fx 1 eller 0.5), ikke -1,00; fjern variablen for at se bort fra den")
            }, "\(lines)")
        #expect(
            lines.contains { $0.contains("\(file):6:16: «ventetid_genoptraening_median_dage» kan ikke lægges sammen over kommuner") },
            "\(lines)")
        #expect(
            lines.contains { $0.contains("\(file):8:5: «forebyggelige_ophold_pr_1000_65plus» er en vægtet rate; skriv med «pr»") },
            "\(lines)")
        #expect(lines.last == "3 problemer fundet i input.")
    }

    @Test func checkNamesTooManyNeighboursForTheMap() throws {
        let outcome = try CommandRunner.withTemporaryDirectory { folder in
            try FileManager.default.copyItem(atPath: packageRoot + "/Templates", toPath: folder + "/Templates")
            let path = folder + "/Templates/sammenlignelige.yaml"
            let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
                of: "sammenlignelige_raad: 5", with: "sammenlignelige_raad: 17")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return try CommandRunner.run(["check", "--templates", folder + "/Templates"])
        }
        #expect(outcome.status == 1)
        #expect(
            outcome.stderr.contains(
                "sammenlignelige.yaml:14:23: «sammenlignelige_raad» er 17, men Sundhedsråd 2027 har kun 17 sundhedsråd; højst 16 kan sammenlignes med hver"
            ),
            "\(outcome.stderr)")
    }
}
