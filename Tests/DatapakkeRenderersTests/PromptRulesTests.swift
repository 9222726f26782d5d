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

    /// The item with every question its templates give, before selection (`PromptSelectionTests` checks the choice).
    private func item(_ cluster: String, renderer: PromptRenderer, indicator: String = PromptTestSupport.rateID) throws -> PromptItem {
        let report = try #require(reports[cluster])
        return try #require(try renderer.candidates(for: report).items.first { $0.indicatorID == indicator })
    }

    @Test func flagsFollowTheFigures() throws {
        let a = try facts("A")
        #expect(a.values[.vaerdi] == "60,0")
        #expect(a.values[.forrigeVaerdi] == "50,0")
        #expect(a.values[.landet] == "55,1")
        #expect(a.flags[.daarligereEndLandet] == true)
        #expect(a.flags[.overLandet] == true)
        #expect(a.flags[.udviklingForkertVej] == true)
        #expect(a.flags[.storSpredning] != true)
        #expect(a.flags[.afvigerEnKommune] != true)
        #expect(a.values[.hoejesteKommune] == "Bby")
        #expect(a.values[.lavesteKommune] == "Cby")

        let b = try facts("B")
        #expect(b.values[.vaerdi] == "50,3")
        #expect(b.flags[.bedreEndLandet] == true)
        #expect(b.flags[.udviklingRigtigVej] == true)
        #expect(b.flags[.storSpredning] == true)
        #expect(b.values[.spredning] == "1,8")
        #expect(b.flags[.afvigerEnKommune] == true)
        #expect(b.values[.afvigendeKommune] == "Fby")
        #expect(b.flags[.afvigendeOver] == true)

        let c = try facts("C")
        #expect(c.flags[.paaNiveau] == true)
        #expect(c.flags[.intetSaerligt] == true)
        #expect(c.values[.hoejesteKommune] == nil, "alle kommuner har samme tal, så der er ingen højeste og laveste")
    }

    @Test func differentFiguresGiveDifferentQuestions() throws {
        let renderer = try PromptRenderer(templatesDirectory: fixturePath("prompts/regler"))
        let a = try item("A", renderer: renderer)
        let b = try item("B", renderer: renderer)
        let c = try item("C", renderer: renderer)
        #expect(a.questionTexts == ["Generisk", "Regel daarligere_end_landet (8,9 pct.)", "Regel udvikling_forkert_vej (50,0 til 60,0)"])
        #expect(
            b.questionTexts == [
                "Generisk", "Regel bedre_end_landet", "Regel udvikling_rigtig_vej",
                "Regel stor_spredning (Fby 1,8 gange Dby)", "Regel afviger_en_kommune (Fby)",
            ])
        #expect(c.questionTexts == ["Generisk", "Regel intet_saerligt"])
        #expect(a.facts == ["Sundhedsrådet: 60,0 pr. 1.000 borgere på 65 år og derover i 2024; hele landet 55,1."])
        #expect(b.facts == ["Sundhedsrådet: 50,3 pr. 1.000 borgere på 65 år og derover i 2024; hele landet 55,1."])
    }

    @Test func shippedTemplatesAlsoAskDifferentQuestions() throws {
        let renderer = try PromptTestSupport.shippedRenderer()
        let a = try item("A", renderer: renderer)
        let b = try item("B", renderer: renderer)
        #expect(a.questionTexts != b.questionTexts)
        #expect(a.facts.contains { $0.contains("60,0") })
        #expect(b.facts.contains { $0.contains("50,3") })
        // B's own outlier is named in B's prompts and nowhere in A's.
        #expect((b.facts + b.questionTexts).contains { $0.contains("Fby") })
        #expect(!(a.facts + a.questionTexts).contains { $0.contains("Fby") })
        // Every prompt of the shipped templates is a finished sentence.
        for text in a.facts + a.questionTexts + b.facts + b.questionTexts {
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

    /// The loader marks every question with the findings of the rule blocks it stands in.
    @Test func aQuestionIsAboutTheFindingsOfTheBlocksItStandsIn() throws {
        let text = """
            spørgsmål: altid
            {{#daarligere_end_landet}}
            spørgsmål: niveau
            {{#udvikling_forkert_vej}}
              Spørgsmål: niveau og udvikling
            {{/udvikling_forkert_vej}}
            {{/daarligere_end_landet}}
            {{^daarligere_end_landet}}
            spørgsmål: ikke dårligere
            {{/daarligere_end_landet}}
            {{#stor_spredning}}{{^afviger_en_kommune}}
            spørgsmål: spredning
            {{/afviger_en_kommune}}{{/stor_spredning}}
            {{#afviger_en_kommune}}{{#afvigende_over}}spoergsmaal: over{{/afvigende_over}}{{/afviger_en_kommune}}
            {{#flere_kommuner}}
            spørgsmål: kommuner
            {{/flere_kommuner}}
            {{#har_vaerdi}}
            fakta: et tal
            {{/har_vaerdi}}
            """
        let flags: [PromptFlag] = [
            .daarligereEndLandet, .udviklingForkertVej, .storSpredning, .afvigerEnKommune, .afvigendeOver,
            .flereKommuner, .harVaerdi,
        ]
        var context: [String: Any] = [:]
        for flag in PromptFlag.allCases { context[flag.rawValue] = flags.contains(flag) }
        var rendered = try PromptTemplateLoader.render(text, context: context)
        var item = PromptRenderer.item(from: rendered, indicatorID: "x", title: "x", period: nil, isSynthetic: false, template: "x")
        #expect(item.questions.map(\.text) == ["Altid", "Niveau", "Niveau og udvikling", "Over", "Kommuner"])
        #expect(item.questions.map(\.findings) == [[], [.worseThanCountry], [.worseThanCountry, .wrongWay], [.outlier], []])
        #expect(item.facts == ["Et tal"])

        context[PromptFlag.daarligereEndLandet.rawValue] = false
        context[PromptFlag.afvigerEnKommune.rawValue] = false
        rendered = try PromptTemplateLoader.render(text, context: context)
        item = PromptRenderer.item(from: rendered, indicatorID: "x", title: "x", period: nil, isSynthetic: false, template: "x")
        #expect(item.questions.map(\.text) == ["Altid", "Ikke dårligere", "Spredning", "Kommuner"])
        #expect(item.questions.map(\.findings) == [[], [], [.spread], []])
    }
}
