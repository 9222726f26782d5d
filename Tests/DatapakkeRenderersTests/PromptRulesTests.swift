import DatapakkeCore
import DatapakkeTestSupport
import Foundation
import Testing
@testable import DatapakkeRenderers

/// Two hand-made clusters with different figures get different facts and questions where the rules
/// say so (`PromptTestSupport.handMadeInputs()` describes the figures).
@Suite struct PromptRulesTests {
    let reports: [String: PackReport]

    init() throws {
        let inputs = try PromptTestSupport.handMadeInputs()
        reports = Dictionary(uniqueKeysWithValues: PromptTestSupport.reports(inputs).map { ($0.cluster.id, $0) })
    }

    private func facts(_ cluster: String, _ indicator: String = PromptTestSupport.rateID) throws -> IndicatorFacts {
        let report = try #require(reports[cluster])
        let indicatorReport = try #require(report.sections.flatMap(\.indicators).first { $0.indicator.id == indicator })
        return IndicatorFacts(indicatorReport, pack: report)
    }

    private func item(_ cluster: String, renderer: PromptRenderer, indicator: String = PromptTestSupport.rateID) throws -> PromptItem {
        let report = try #require(reports[cluster])
        return try #require(try renderer.prompts(for: report).items.first { $0.indicatorID == indicator })
    }

    @Test func flagsFollowTheFigures() throws {
        let a = try facts("A")
        #expect(a.values["vaerdi"] == "60,0")
        #expect(a.values["forrige_vaerdi"] == "50,0")
        #expect(a.values["landet"] == "55,1")
        #expect(a.flags["daarligere_end_landet"] == true)
        #expect(a.flags["over_landet"] == true)
        #expect(a.flags["udvikling_forkert_vej"] == true)
        #expect(a.flags["stor_spredning"] != true)
        #expect(a.flags["afviger_en_kommune"] != true)
        #expect(a.values["hoejeste_kommune"] == "Bby")
        #expect(a.values["laveste_kommune"] == "Cby")

        let b = try facts("B")
        #expect(b.values["vaerdi"] == "50,3")
        #expect(b.flags["bedre_end_landet"] == true)
        #expect(b.flags["udvikling_rigtig_vej"] == true)
        #expect(b.flags["stor_spredning"] == true)
        #expect(b.values["spredning"] == "1,8")
        #expect(b.flags["afviger_en_kommune"] == true)
        #expect(b.values["afvigende_kommune"] == "Fby")
        #expect(b.flags["afvigende_over"] == true)

        let c = try facts("C")
        #expect(c.flags["paa_niveau"] == true)
        #expect(c.flags["intet_saerligt"] == true)
        #expect(c.values["hoejeste_kommune"] == nil, "alle kommuner har samme tal, så der er ingen højeste og laveste")
    }

    @Test func differentFiguresGiveDifferentQuestions() throws {
        let renderer = try PromptRenderer(templatesDirectory: fixturePath("prompts/regler"))
        let a = try item("A", renderer: renderer)
        let b = try item("B", renderer: renderer)
        let c = try item("C", renderer: renderer)
        #expect(a.questions == ["Generisk", "Regel daarligere_end_landet (8,9 pct.)", "Regel udvikling_forkert_vej (50,0 til 60,0)"])
        #expect(b.questions == ["Generisk", "Regel bedre_end_landet", "Regel udvikling_rigtig_vej",
                                "Regel stor_spredning (Fby 1,8 gange Dby)", "Regel afviger_en_kommune (Fby)"])
        #expect(c.questions == ["Generisk", "Regel intet_saerligt"])
        #expect(a.facts == ["Sundhedsrådet: 60,0 pr. 1.000 borgere på 65 år og derover i 2024; hele landet 55,1."])
        #expect(b.facts == ["Sundhedsrådet: 50,3 pr. 1.000 borgere på 65 år og derover i 2024; hele landet 55,1."])
    }

    @Test func shippedTemplatesAlsoAskDifferentQuestions() throws {
        let renderer = try PromptTestSupport.shippedRenderer()
        let a = try item("A", renderer: renderer)
        let b = try item("B", renderer: renderer)
        #expect(a.questions != b.questions)
        #expect(a.facts.contains { $0.contains("60,0") })
        #expect(b.facts.contains { $0.contains("50,3") })
        // B's own outlier is named in B's prompts and nowhere in A's.
        #expect((b.facts + b.questions).contains { $0.contains("Fby") })
        #expect(!(a.facts + a.questions).contains { $0.contains("Fby") })
        // Every prompt of the shipped templates is a finished sentence.
        for text in a.facts + a.questions + b.facts + b.questions {
            #expect(text.last == "." || text.last == "?", "\(text)")
        }
    }

    @Test func clusterKindDecidesTheWording() throws {
        var report = try #require(reports["A"])
        report.kind = .sundhedsklynge
        let renderer = try PromptTestSupport.shippedRenderer()
        let text = try renderer.prompts(for: report).allText.joined(separator: "\n")
        #expect(text.contains("sundhedsklyngen"))
        #expect(!text.contains("sundhedsrådet"))
    }
}
