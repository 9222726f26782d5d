import DatapakkeCore
import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeRenderers

/// The questions of a pack are chosen by what stands out in the cluster's own figures, within the
/// limits of `PromptSelection` (documented for analysts in `Templates/README-refleksioner.md`).
@Suite struct PromptSelectionTests {
    // MARK: Every shipped pack

    @Test(arguments: [ShippedInputs.councilsFile, ShippedInputs.clustersFile])
    func shippedPacksKeepTheLimits(definitions: String) throws {
        let inputs = try ShippedInputs.load(definitions: definitions)
        let renderer = try PromptTestSupport.shippedRenderer(catalogue: inputs.catalogue)
        let reports = PromptTestSupport.reports(inputs)
        #expect(reports.count == (definitions == ShippedInputs.councilsFile ? 17 : 22))
        for report in reports {
            let name = report.cluster.id
            let prompts = try renderer.prompts(for: report)
            let candidates = try renderer.candidates(for: report)
            let questions = prompts.items.flatMap(\.questions)
            #expect(questions.count <= PromptSelection.perPack, "\(name): \(questions.count) spørgsmål")
            #expect(questions.count >= 25, "\(name): kun \(questions.count) spørgsmål")
            for item in prompts.items {
                #expect(item.questions.count <= PromptSelection.perItem, "\(name) \(item.title): \(item.questions.count) spørgsmål")
            }

            // No stem more than twice in the pack.
            let selection = PromptSelection(report: report)
            var stems: [String: [String]] = [:]
            for question in questions {
                for stem in selection.stems(of: question.text) { stems[stem, default: []].append(question.text) }
            }
            for (stem, texts) in stems {
                #expect(texts.count <= PromptSelection.stemRepeats, "\(name): «\(stem)» \(texts.count) gange: \(texts)")
            }

            // A generic question at most once per section.
            for section in prompts.sections {
                let generic = section.items.flatMap(\.questions).filter(\.isGeneric).map(\.text)
                #expect(Set(generic).count == generic.count, "\(name) \(section.section.title): \(generic)")
            }

            // Only questions are selected: every indicator keeps its item and all its facts.
            let kept = Dictionary(uniqueKeysWithValues: prompts.items.compactMap { item in item.indicatorID.map { ($0, item) } })
            for item in candidates.items {
                guard let id = item.indicatorID else { continue }
                #expect(kept[id]?.facts == item.facts, "\(name) \(id)")
                // A chosen question is one of the item's own candidates.
                for question in kept[id]?.questions ?? [] {
                    #expect(item.questions.contains(question), "\(name) \(id): \(question.text)")
                }
            }
        }
    }

    @Test func theMarkdownTheHTMLAndTheWorkbookShowTheSameQuestions() throws {
        let inputs = try ShippedInputs.councils()
        let report = try #require(PromptTestSupport.reports(inputs).first { $0.cluster.id == "SR06" })
        let renderer = try PromptTestSupport.shippedRenderer()
        let prompts = try renderer.prompts(for: report)
        let questions = prompts.items.flatMap(\.questionTexts)
        let markdown = renderer.markdown(prompts, report: report)
        let html = try PromptTestSupport.shippedHTML(prompts, report: report)
        #expect(
            markdown.components(separatedBy: "\n- ").count - 1 == prompts.items.flatMap(\.facts).count + questions.count
                + PromptHeader(report).fields.count)
        for question in questions.prefix(5) {
            #expect(markdown.contains(PromptRenderer.markdownEscaped(question)))
        }
        let dropped = try renderer.candidates(for: report).items.flatMap(\.questionTexts).filter { !questions.contains($0) }
        #expect(!dropped.isEmpty)
        for question in dropped {
            #expect(!markdown.contains(PromptRenderer.markdownEscaped(question)), "\(question)")
            #expect(!html.contains(question), "\(question)")
        }
    }

    // MARK: The priority order

    /// Cluster A is worse than the country and moving the wrong way on the rate: both questions come
    /// first. The generic question stands once a pack, and A's other indicator (20 of 100, not
    /// significantly different from the country) has nothing but the generic question, so it goes
    /// there. Cluster B has an outlier,
    /// a large spread, a better level and a better trend: the outlier and the spread come first, then
    /// the larger of the two good findings (a 16 % fall beats 9 % below the country), and the generic
    /// question does not make it.
    @Test func whatStandsOutComesFirst() throws {
        let inputs = try PromptTestSupport.handMadeInputs()
        let reports = PromptTestSupport.reports(inputs)
        let renderer = try PromptRenderer(templatesDirectory: fixturePath("prompts/regler"))
        func questions(_ cluster: String) throws -> [String] {
            let report = try #require(reports.first { $0.cluster.id == cluster })
            let item = try #require(try renderer.prompts(for: report).items.first { $0.indicatorID == PromptTestSupport.rateID })
            return item.questionTexts
        }
        #expect(
            try questions("A") == ["Regel daarligere_end_landet (8,9 pct.)", "Regel udvikling_forkert_vej (50,0 til 60,0)"])
        #expect(
            try questions("B") == [
                "Regel afviger_en_kommune (Fby)", "Regel stor_spredning (Fby 1,8 gange Dby)", "Regel udvikling_rigtig_vej",
            ])
        #expect(try questions("C") == ["Generisk", "Regel intet_saerligt"])
    }

    @Test func shippedTemplatesAskAboutTheWorseFigureFirst() throws {
        let inputs = try PromptTestSupport.handMadeInputs()
        let report = try #require(PromptTestSupport.reports(inputs).first { $0.cluster.id == "A" })
        let renderer = try PromptTestSupport.shippedRenderer()
        let item = try #require(try renderer.prompts(for: report).items.first { $0.indicatorID == PromptTestSupport.rateID })
        let questions = item.questions
        #expect(questions.count == 3)
        #expect(questions.first?.findings == [.worseThanCountry])
        #expect(questions.first?.text.contains("60,0 mod 55,1") == true, "\(item.questionTexts)")
        #expect(questions.dropFirst().first?.findings == [.wrongWay])
        #expect(questions.last?.isGeneric == true)
        // The indicator's own question about the level replaces the shared one.
        #expect(!item.questionTexts.contains { $0.hasPrefix("Sundhedsrådet ligger dårligere end hele landet") })
    }

    /// 31 items, each with a generic question and a worse-than-country question of a different strength:
    /// the 30 strongest findings fill the pack, the weakest and every generic question are left out.
    @Test func findingsBeatGenericQuestionsAcrossThePack() {
        let items = (0..<31).map { index in
            PromptItem(
                indicatorID: "i\(index)", title: "I\(index)", facts: ["Fakta \(index)."],
                questions: [
                    PromptQuestion("Generelt spørgsmål om emne\(index)?"),
                    PromptQuestion(
                        "Punkt\(index) ligger dårligere end landet?", findings: [.worseThanCountry], strength: Double(index + 1)),
                ])
        }
        let prompts = PackPrompts(sections: [SectionPrompts(section: Section(id: "s", title: "S"), items: items)])
        let chosen = PromptSelection(names: []).select(prompts)
        let questions = chosen.items.flatMap(\.questions)
        #expect(questions.count == PromptSelection.perPack)
        #expect(questions.allSatisfy { $0.findings == [.worseThanCountry] })
        #expect(chosen.items[0].questions.isEmpty, "den svageste afvigelse (punkt 0) falder ud")
        #expect(chosen.items[0].facts == ["Fakta 0."], "fakta bliver stående")
        #expect(chosen.items.count == 31)
    }

    @Test func stemsRepeatAtMostTwiceAndTextsOnce() {
        let names = ["Aby", "Bby", "Cby", "Høje-Taastrup"]
        let items = [
            ("Aby ligger 2,4 gange så højt som Bby. Hvad nu?", "Første reserve?"),
            ("Cby ligger 1,6 gange så højt som Aby. Hvorfor?", "Anden reserve?"),
            ("Høje-Taastrups tal ligger 3,0 gange så højt. Hvad så?", "Tredje reserve?"),
            ("Bby ligger 9,9 gange så højt som Cby. Og så?", "Fjerde reserve?"),
            ("Fælles spørgsmål?", "Femte reserve?"),
            ("Fælles spørgsmål?", "Sjette reserve?"),
        ].enumerated().map { index, texts in
            PromptItem(
                indicatorID: "i\(index)", title: "I\(index)", facts: [],
                questions: [
                    PromptQuestion(texts.0, findings: [.spread], strength: 1), PromptQuestion(texts.1),
                ])
        }
        let prompts = PackPrompts(sections: [SectionPrompts(section: Section(id: "s", title: "S"), items: items)])
        let chosen = PromptSelection(names: names).select(prompts).items.map(\.questionTexts)
        // Items 0 and 1 share the stem "‹navn› ligger # gange så"; item 2's name with a genitive s is
        // a different stem; item 3 is the third of the first stem and gets its reserve instead.
        #expect(chosen[0] == ["Aby ligger 2,4 gange så højt som Bby. Hvad nu?", "Første reserve?"])
        #expect(chosen[1] == ["Cby ligger 1,6 gange så højt som Aby. Hvorfor?", "Anden reserve?"])
        #expect(chosen[2].first == "Høje-Taastrups tal ligger 3,0 gange så højt. Hvad så?")
        #expect(chosen[3] == ["Fjerde reserve?"])
        #expect(chosen[4] == ["Fælles spørgsmål?", "Femte reserve?"])
        #expect(chosen[5] == ["Sjette reserve?"], "samme tekst stilles kun én gang")
    }

    @Test func aQuestionAboutAFindingAlreadyAskedIsLeftOut() {
        let item = PromptItem(
            indicatorID: "i", title: "I", facts: [],
            questions: [
                PromptQuestion("Egen skabelon om niveauet?", findings: [.worseThanCountry]),
                PromptQuestion("Egen skabelon om niveau og udvikling?", findings: [.worseThanCountry, .wrongWay]),
                PromptQuestion("Fælles om niveauet?", findings: [.worseThanCountry]),
                PromptQuestion("Fælles om udviklingen?", findings: [.wrongWay]),
                PromptQuestion("Generelt?"),
            ])
        let prompts = PackPrompts(sections: [SectionPrompts(section: Section(id: "s", title: "S"), items: [item])])
        let chosen = PromptSelection(names: []).select(prompts).items[0].questionTexts
        #expect(chosen == ["Egen skabelon om niveauet?", "Egen skabelon om niveau og udvikling?", "Generelt?"])
    }

    @Test func anEmptySectionItemGoesAnIndicatorItemStays() {
        let section = PromptItem(indicatorID: nil, title: "Sektion", facts: [], questions: [PromptQuestion("Sektionens spørgsmål?")])
        let full = (0..<12).map { index in
            PromptItem(
                indicatorID: "i\(index)", title: "I\(index)", facts: ["F."],
                questions: [
                    PromptQuestion("Fund\(index) a?", findings: [.spread], strength: 2),
                    PromptQuestion("Fund\(index) b?", findings: [.worseThanCountry], strength: 2),
                    PromptQuestion("Fund\(index) c?", findings: [.wrongWay], strength: 2),
                ])
        }
        let prompts = PackPrompts(sections: [SectionPrompts(section: Section(id: "s", title: "S"), items: [section] + full)])
        let chosen = PromptSelection(names: []).select(prompts)
        #expect(chosen.items.count == 12, "sektionens punkt uden fakta og uden valgte spørgsmål falder væk")
        #expect(chosen.items.allSatisfy { $0.facts == ["F."] })
        // Shown by priority, not in template order.
        #expect(chosen.items[0].questionTexts == ["Fund0 b?", "Fund0 c?", "Fund0 a?"])
    }

    // MARK: Stems

    @Test func stemsIgnoreNumbersNamesAndCase() {
        let selection = PromptSelection(names: ["Odsherred", "Ringsted", "Lyngby-Taarbæk", "Region Østdanmark"])
        #expect(
            selection.stems(of: "Odsherred ligger 2,4 gange så højt som Ringsted. Skyldes forskellen alder?")
                == ["‹navn› ligger # gange så", "skyldes forskellen alder"])
        #expect(
            selection.stem(ofSentence: "Lyngby-Taarbæks tal er -4.600 kr. pr. 1.000 borgere")
                == "‹navn› tal er # kr")
        #expect(selection.stem(ofSentence: "SUNDHEDSRÅDET ligger 8,4 procent over landet") == "sundhedsrådet ligger # procent over")
        // A name inside a longer word is not a name.
        #expect(selection.stem(ofSentence: "Ringstedvej og Ringsted-egnen") == "ringstedvej og ringsted-egnen")
        // Abbreviations and thousands do not end a sentence; a capital letter after the stop does.
        #expect(PromptSelection.sentences("Det er 1.000 kr. pr. borger. Hvad nu? Og så").count == 3)
        #expect(PromptSelection.sentences("Det er 5,2 pct. af borgerne i 2024.").count == 1)
    }

    @Test func theReadmeExplainsTheSelection() throws {
        let readme = try String(contentsOfFile: packageRoot + "/Templates/README-refleksioner.md", encoding: .utf8)
        let part = try #require(readme.range(of: "## Hvilke spørgsmål kommer med").map { readme[$0.upperBound...] })
        let section = String(part).components(separatedBy: "\n## ").first ?? ""
        for finding in PromptFinding.allCases {
            for flag in finding.flags {
                #expect(section.contains("`{{#\(flag.rawValue)}}`"), "\(flag.rawValue) mangler i tabellen over prioriteter")
            }
            #expect(section.contains("| \(finding.priority) |"), "prioritet \(finding.priority)")
        }
        for limit in [PromptSelection.perPack, PromptSelection.perItem, PromptSelection.stemRepeats] {
            #expect(section.contains("**\(limit)**"), "grænsen \(limit) står ikke i README")
        }
        #expect(section.contains("første fem ord") && PromptSelection.stemWords == 5)
    }
}
