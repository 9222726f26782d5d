import DatapakkeCore
import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeRenderers

/// A group of indicators (the 15 specialties, the 8 RUKS diseases) gives one prompt item, never one
/// per member, so that it cannot take the pack's 30 questions; its rules hold when they hold for a member.
@Suite struct PromptGroupTests {
    let report: PackReport
    let renderer: PromptRenderer

    init() throws {
        let inputs = try ShippedInputs.councils()
        let builder = ReportBuilder(inputs: inputs)
        let council = try inputs.definitions.cluster(named: "SR06")
        report = builder.pack(
            for: council, tables: builder.allTables(), documentDate: PromptTestSupport.documentDate, toolVersion: "test")
        renderer = try PromptTestSupport.shippedRenderer(catalogue: inputs.catalogue)
    }

    var groups: [IndicatorGroupReport] {
        report.sections.flatMap(\.blocks).compactMap { block in
            if case .group(let group) = block { return group }
            return nil
        }
    }

    @Test func aGroupIsOneItemAndItsMembersHaveNone() throws {
        #expect(groups.map(\.group.id) == ["kroniske_sygdomme", "speciallaeger_kontakter", "speciallaeger_praksis"])
        let candidates = try renderer.candidates(for: report)
        let prompts = try renderer.prompts(for: report)
        for group in groups {
            let members = Set(group.indicators.map(\.indicator.id))
            #expect(!candidates.items.contains { $0.indicatorID.map(members.contains) == true }, "\(group.group.id)")
            let items = candidates.items.filter { $0.groupID == group.group.id }
            #expect(items.count == 1, "\(group.group.id)")
            let item = try #require(items.first)
            #expect(item.title == group.group.title)
            #expect(item.period == "2024")
            #expect(item.isSynthetic)
            #expect(!item.facts.isEmpty)
            // The group's own template, not the standard one.
            let section = try #require(group.indicators.first?.indicator.sectionID)
            #expect(item.template == "\(section)/\(group.group.id).mustache")
            let chosen = try #require(prompts.items.first { $0.groupID == group.group.id })
            #expect(chosen.questions.count <= PromptSelection.perItem)
        }
        // 15 + 15 + 8 members would be 38 items of up to 3 questions; the pack still has at most 30.
        #expect(prompts.items.flatMap(\.questions).count <= PromptSelection.perPack)
        // One item per block: an indicator on its own or a whole group.
        let blockItems = candidates.items.filter { $0.indicatorID != nil || $0.groupID != nil }
        #expect(blockItems.count == report.sections.reduce(0) { $0 + $1.blocks.count })
    }

    @Test func theGroupsRulesHoldWhenTheyHoldForAMember() throws {
        let group = try #require(groups.first { $0.group.id == "speciallaeger_kontakter" })
        var members: [String: IndicatorFacts] = [:]
        for indicator in group.indicators { members[indicator.indicator.id] = IndicatorFacts(indicator, pack: report) }
        let facts = GroupFacts(group, members: members, pack: report, otherIndicators: [])
        // By hand, on the shown values (one decimal): the council against the country, ±1 % on level.
        var above: [(title: String, difference: Double)] = []
        var below: [(title: String, difference: Double)] = []
        for indicator in group.indicators {
            let council = try #require(indicator.clusterRow?.latest.number).roundedTo(1)
            let country = try #require(indicator.countryRow?.latest.number).roundedTo(1)
            let difference = (council - country) / country
            if difference > 0.01 { above.append((indicator.indicator.shortTitle, difference)) }
            if difference < -0.01 { below.append((indicator.indicator.shortTitle, -difference)) }
        }
        #expect(!above.isEmpty && !below.isEmpty, "the council is above the country for some specialties, below for others")
        #expect(facts.context["over_landet"] as? Bool == true)
        #expect(facts.context["under_landet"] as? Bool == true)
        #expect(facts.context["antal_over_landet"] as? String == String(above.count))
        #expect(facts.context["antal_under_landet"] as? String == String(below.count))
        #expect(facts.context["antal_i_gruppen"] as? String == "15")
        let farthestBelow = try #require(below.max { $0.difference < $1.difference })
        #expect(facts.context["stoerst_under_titel"] as? String == PromptText.sentenceCase(farthestBelow.title))
        #expect(isClose(facts.strengths[.differsFromCountry] ?? 0, max(above.map(\.difference).max() ?? 0, farthestBelow.difference), 1e-9))
        // No member has a direction, so nothing is worse or better than the country.
        #expect(facts.context["daarligere_end_landet"] as? Bool == false)
        // The group's own words stand where an indicator's would.
        #expect(facts.context["titel"] as? String == "Borgere med kontakt til speciallægepraksis, efter speciale")
        #expect(facts.context["enhed"] as? String == "pr. 1.000 borgere")
    }
}

extension Double {
    fileprivate func roundedTo(_ decimals: Int) -> Double { DanishNumber.rounded(self, decimals: decimals) }
}

private func isClose(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool { abs(a - b) <= tolerance }
