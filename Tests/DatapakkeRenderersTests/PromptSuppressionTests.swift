import DatapakkeCore
import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeRenderers

/// No prompt shows a hidden small number, and a missing value never becomes 0.
@Suite struct PromptSuppressionTests {
    /// A 0 standing on its own as a number ("0", "0,0"), not part of "10", "1.000" or "20,0".
    static var zero: Regex<AnyRegexOutput> { try! Regex(#"(^|[^\d.,])0(,0+)?(?![\d,]|\.\d)"#) }

    @Test func hiddenAndMissingValuesAreNamedNeverShown() throws {
        let inputs = try PromptTestSupport.handMadeInputs()
        let reports = PromptTestSupport.reports(inputs)
        // (cluster, municipality, whether its cell is hidden (true) or missing (false))
        for (clusterID, name, hidden) in [("C", "Gby", true), ("A", "Cby", false)] {
            let report = try #require(reports.first { $0.cluster.id == clusterID })
            let indicator = try #require(report.sections.flatMap(\.indicators).first { $0.indicator.id == PromptTestSupport.ratioID })
            let row = try #require(indicator.municipalityRows.first { $0.name == name })
            if hidden {
                guard case .hidden = row.latest else {
                    Issue.record("\(name) skulle være skjult, er \(row.latest)")
                    continue
                }
            } else {
                #expect(row.latest == .missing)
            }
            for templates in [PromptTestSupport.shippedTemplates, fixturePath("prompts/regler")] {
                let renderer =
                    templates == PromptTestSupport.shippedTemplates
                    ? try PromptTestSupport.shippedRenderer() : try PromptRenderer(templatesDirectory: templates)
                let prompts = try renderer.prompts(for: report)
                let item = try #require(prompts.items.first { $0.indicatorID == PromptTestSupport.ratioID })
                let texts = item.facts + item.questionTexts
                #expect(texts.contains { $0.contains(name) }, "\(name) nævnes ved navn: \(texts)")
                #expect(
                    texts.contains {
                        $0.contains(hidden ? "skjulte_vaerdier" : "manglende_vaerdier") || $0.contains(hidden ? "skjult" : "ingen tal")
                    },
                    "\(texts)")
                // The page's text, not its style sheet (which has "margin: 0").
                let html = try PromptTestSupport.shippedHTML(prompts, report: report)
                let body = String(html[(html.range(of: "<body>")?.upperBound ?? html.startIndex)...])
                let everything = prompts.allText + [renderer.markdown(prompts, report: report), body]
                for text in everything {
                    #expect(!text.contains("7,5"), "Gby's skjulte tal (7,5) må ikke stå nogen steder: \(text)")
                    #expect(!text.contains(AbsentValue.marker))
                    #expect(text.firstMatch(of: Self.zero) == nil, "et manglende tal må aldrig blive til 0: \(text)")
                }
            }
        }
    }

    @Test func aLineThatPrintsAnAbsentValueIsDropped() throws {
        let context: [String: Any] = ["vaerdi": AbsentValue(), "landet": "55,1"]
        let text = try PromptTemplateLoader.render("fakta: tallet er {{vaerdi}}.\nfakta: altid\nspørgsmål: {{landet}}?", context: context)
        let item = PromptRenderer.item(
            from: text, indicatorID: "x", title: "x", period: nil,
            isSynthetic: false, template: "x")
        #expect(item.facts == ["Altid"])
        #expect(item.questionTexts == ["55,1?"])
    }
}
