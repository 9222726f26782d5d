import DatapakkeCore
import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeRenderers

/// The Markdown prompts of shipped councils, compared with snapshot files in
/// `Fixtures/prompts-snapshots/`. A change in the templates, the data or the code shows up as a diff.
///
/// Re-record on purpose only, after reading the diff:
///
///     RECORD_SNAPSHOTS=1 swift test --scratch-path .build-prompts --filter DatapakkeRenderersTests.PromptSnapshotTests
@Suite struct PromptSnapshotTests {
    @Test(arguments: [
        ("ClusterDefinitions/sundhedsraad-2027.yaml", "SR06"),
        ("ClusterDefinitions/sundhedsraad-2027.yaml", "SR01"),
        ("ClusterDefinitions/sundhedsklynger-2022.yaml", "N1"),
    ])
    func markdownSnapshot(definitions: String, clusterID: String) throws {
        let inputs = try ShippedInputs.load(definitions: definitions)
        let report = try #require(PromptTestSupport.reports(inputs).first { $0.cluster.id == clusterID })
        let renderer = try PromptTestSupport.shippedRenderer(catalogue: inputs.catalogue)
        let prompts = try renderer.prompts(for: report)
        let markdown = renderer.markdown(prompts, report: report)
        try PromptTestSupport.assertSnapshot(markdown, named: "\(PackFiles(cluster: report.cluster).stem)-refleksioner.md")
    }

    @Test func everyCouncilStatesItsOwnFacts() throws {
        let inputs = try ShippedInputs.councils()
        let renderer = try PromptTestSupport.shippedRenderer(catalogue: inputs.catalogue)
        var seen: Set<[String]> = []
        for report in PromptTestSupport.reports(inputs) {
            let prompts = try renderer.prompts(for: report)
            let facts = prompts.items.flatMap(\.facts)
            let population = try #require(report.population)
            #expect(facts.contains { $0.contains(DanishNumber.format(population, decimals: 0)) }, "\(report.cluster.name)")
            #expect(seen.insert(facts).inserted, "\(report.cluster.name) har samme fakta som et andet sundhedsråd")
            // An indicator on its own has an item, a group one item for all its members.
            var blocks: Set<String> = []
            for block in report.sections.flatMap(\.blocks) {
                switch block {
                case .indicator(let indicator): blocks.insert(indicator.indicator.id)
                case .group(let group): blocks.insert(group.group.id)
                }
            }
            #expect(Set(prompts.items.compactMap { $0.indicatorID ?? $0.groupID }) == blocks, "hver indikator og gruppe har et punkt")
            for item in prompts.items {
                #expect(!item.facts.isEmpty || !item.questions.isEmpty, "\(report.cluster.id) \(item.title) er tomt")
            }
        }
    }

    @Test func htmlIsSelfContainedAndPrintsOnA4() throws {
        let inputs = try ShippedInputs.councils()
        let report = try #require(PromptTestSupport.reports(inputs).first { $0.cluster.id == "SR06" })
        let renderer = try PromptTestSupport.shippedRenderer()
        let html = try PromptTestSupport.shippedHTML(try renderer.prompts(for: report), report: report)
        #expect(html.contains("@page { size: A4"))
        #expect(html.contains("<h1>Sundhedsråd Midt- og Vestsjælland</h1>"))
        #expect(html.contains("24. november 2026"))
        #expect(html.contains("SYNTETISKE"))
        for external in ["http://", "https://", "<link", "<script", "src="] {
            #expect(!html.contains(external), "HTML'en må ikke hente noget udefra: \(external)")
        }
        if let path = ProcessInfo.processInfo.environment["PROMPTS_HTML_OUT"] {
            try html.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}
