import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeCore
@testable import DatapakkeRenderers

/// The legend is derived from the catalogue's thresholds: a catalogue with other thresholds gets a
/// legend that lists exactly the markers its cells can show.
@Suite struct LegendTests {
    @Test func theDefaultThresholdsGiveTheLegendOfTheNationalGoalsReport() {
        let entries = Vocabulary.legend(rules: [SuppressionRule.danishDefault.applying(to: .ratio(scale: 1))])
        #expect(entries.map(\.marker) == ["▲ Bedre / ▼ Dårligere", "● Uændret / På niveau", "<5", "–", "x", "..", "·"])
        #expect(entries[1].meaning == "Forskellen er inden for ±1 pct. (konventionen i Nationale mål for sundhedsvæsenet).")
        #expect(entries[2].meaning == "Skjult: færre end 5 hændelser (diskretionering).")
        #expect(entries[3].meaning == "Skjult: færre end 20 i nævneren (diskretionering).")
    }

    /// The marks' legend lists the comparison rules the pack uses, with the bands' widths in their units.
    @Test func theMarksLegendFollowsTheComparisonRulesInUse() {
        let significance = Vocabulary.comparisonLegend([(.significance, "pct.")])
        #expect(significance.map(\.marker) == ["▲ Signifikant bedre / ▼ Signifikant dårligere", "● Ikke signifikant forskellig / ændret"])
        let all = Vocabulary.comparisonLegend([(.significance, "pct."), (.nationalGoals, "pct."), (.absoluteBand(width: 0.5), "år")])
        #expect(all.count == 4)
        #expect(
            all.last?.meaning
                == "Forskellen er inden for ±1 pct. (konventionen i Nationale mål for sundhedsvæsenet) eller indikatorens eget bånd (±0,5 år)."
        )
        let absoluteOnly = Vocabulary.comparisonLegend([(.absoluteBand(width: 0.5), "år"), (ComparisonRule.none, "pct.")])
        #expect(absoluteOnly.last?.meaning == "Forskellen er inden for indikatorens eget bånd (±0,5 år).")
        #expect(Vocabulary.comparisonLegend([(ComparisonRule.none, "pct.")]).isEmpty)
    }

    @Test func everyThresholdInUseGetsItsOwnMarkerAndNoOtherIsListed() {
        let rules = [
            SuppressionRule(minimumNumerator: 10, minimumDenominator: 50),
            SuppressionRule(minimumCount: 3),
            SuppressionRule(minimumNumerator: 10, minimumDenominator: 20),
        ]
        let entries = Vocabulary.legend(rules: rules)
        #expect(entries.map(\.marker) == ["▲ Bedre / ▼ Dårligere", "● Uændret / På niveau", "<3", "<10", "–", "x", "..", "·"])
        #expect(entries.first { $0.marker == "<10" }?.meaning == "Skjult: færre end 10 hændelser (diskretionering).")
        #expect(entries.first { $0.marker == "–" }?.meaning == "Skjult: færre end 20 eller 50 i nævneren (diskretionering).")
        // Without any suppression there is nothing hidden to explain.
        let none = Vocabulary.legend(rules: [.none])
        #expect(!none.contains { ["<5", "–", "x"].contains($0.marker) })
    }

    @Test func aCountRuleDoesNotBringTheRatioMarkersAlong() {
        let count = SuppressionRule.danishDefault.applying(to: .count)
        #expect(count == SuppressionRule(minimumCount: 5))
        #expect(Vocabulary.legend(rules: [count]).map(\.marker).contains("–") == false)
    }

    /// The workbook written from a catalogue with thresholds 10/50: its cells show "<10", and the
    /// front page explains "<10" and "50", read back with openpyxl.
    @Test func aWorkbookFromACatalogueWith10And50SaysSoOnItsFrontPage() throws {
        try withTemporaryDirectory { folder in
            let fixture = packageRoot + "/Tests/DatapakkeRenderersTests/Fixtures/suppression"
            for item in try FileManager.default.contentsOfDirectory(atPath: fixture) {
                try FileManager.default.copyItem(atPath: fixture + "/" + item, toPath: folder + "/" + item)
            }
            let catalogue = folder + "/Templates/indikatorer.yaml"
            let text = try String(contentsOfFile: catalogue, encoding: .utf8)
            #expect(text.contains("{ min_taeller: 5, min_naevner: 20 }"))
            try text.replacingOccurrences(of: "{ min_taeller: 5, min_naevner: 20 }", with: "{ min_taeller: 10, min_naevner: 50 }")
                .write(toFile: catalogue, atomically: true, encoding: .utf8)
            let inputs = try DatapakkeInputs.load(
                InputPaths(
                    register: folder + "/kommuner.csv", definitions: folder + "/klynger.yaml", data: folder + "/Data", catalogue: catalogue),
                relativeTo: folder)
            let builder = ReportBuilder(inputs: inputs)
            let tables = builder.allTables()
            let reports = inputs.definitions.clusters.map {
                builder.pack(for: $0, tables: tables, documentDate: Date(timeIntervalSince1970: 1_735_689_600), toolVersion: "test")
            }
            let report = try #require(reports.first { $0.hiddenCells.contains { $0.cell.reason.marker == "<10" } })
            let path = folder + "/pakke.xlsx"
            try WorkbookRenderer().write(report, to: path)
            let front = try #require(try ReadWorkbook.read(path).sheet("Forside"))
            #expect(front.texts.contains("<10"))
            #expect(front.texts.contains("Skjult: færre end 10 hændelser (diskretionering)."))
            #expect(front.texts.contains("Skjult: færre end 50 i nævneren (diskretionering)."))
            #expect(!front.texts.contains("<5"))
            #expect(!front.texts.contains { $0.contains("færre end 5 ") || $0.contains("færre end 20 ") })

            // The download page over the same packs says the same.
            let page = DownloadPage(templates: try HTMLTemplates(directory: packageRoot + "/Templates/html")).html(
                reports: reports, definitionsName: inputs.definitions.name, buildDate: Date(timeIntervalSince1970: 1_735_689_600),
                keyIndicatorIDs: ["ophold"])
            #expect(page.contains("<span class=\"marker\">&lt;10</span>, <span class=\"marker\">–</span>, <span class=\"marker\">x</span>"))
            #expect(page.contains("færre end 10 hændelser, færre end 50 i nævneren"))
            #expect(!page.contains("&lt;5<") && !page.contains("færre end 20"))
            // The fixture's one indicator is a fraction with counts: its marks are by significance, and
            // the page explains that rule and no band.
            #expect(page.contains("95 %-konfidensintervallet rummer ikke landets tal"))
            #expect(!page.contains("inden for ±1 pct."))
        }
    }
}
