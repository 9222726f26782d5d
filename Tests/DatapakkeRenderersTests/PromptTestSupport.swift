import DatapakkeCore
import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeRenderers

/// Helpers for the prompt tests: the shipped templates, a fixed date, small hand-made clusters, and
/// file snapshots.
enum PromptTestSupport {
    static let shippedTemplates = packageRoot + "/Templates/refleksioner"
    static let shippedHTMLTemplates = packageRoot + "/Templates/html"
    static let fixtures = packageRoot + "/Tests/DatapakkeRenderersTests/Fixtures"

    /// 24 November 2026, noon in Copenhagen: the document date of every test.
    static let documentDate: Date = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Copenhagen") ?? TimeZone(secondsFromGMT: 3600)!
        return calendar.date(from: DateComponents(year: 2026, month: 11, day: 24, hour: 12))!
    }()

    static func reports(_ inputs: DatapakkeInputs) -> [PackReport] {
        ReportBuilder(inputs: inputs).build(documentDate: documentDate, toolVersion: "test")
    }

    /// The shipped templates, checked against `catalogue` or else the shipped one (a group's template
    /// names its members, which only the catalogue knows).
    static func shippedRenderer(catalogue: IndicatorCatalogue? = nil) throws -> PromptRenderer {
        try PromptRenderer(
            templatesDirectory: shippedTemplates, catalogue: catalogue ?? ShippedInputs.councils().catalogue, relativeTo: packageRoot)
    }

    /// The prompts as the HTML document of the shipped templates.
    static func shippedHTML(_ prompts: PackPrompts, report: PackReport) throws -> String {
        PromptDocument(templates: try HTMLTemplates(directory: shippedHTMLTemplates, relativeTo: packageRoot)).html(prompts, report: report)
    }

    // MARK: Hand-made clusters

    static let rateID = "forebyggelige_ophold_pr_1000_65plus"
    static let ratioID = "genindl_test_pct"

    /// Nine municipalities of 10.000 borgere in one region and three clusters:
    /// - A (Aby, Bby, Cby): 60,0 in 2024, up from 50,0 and above the country on a lower-is-better rate;
    /// - B (Dby, Eby, Fby): 50,3 in 2024, down from 60,0, below the country, Fby (70) far from the rest;
    /// - C (Gby, Hby, Iby): flat 55,0.
    /// On the ratio indicator Cby (in A) has no data and Gby (in C) has 3 events, so it is hidden.
    static func handMadeInputs() throws -> DatapakkeInputs {
        let names = ["Aby", "Bby", "Cby", "Dby", "Eby", "Fby", "Gby", "Hby", "Iby"]
        let register = MunicipalityRegister(
            names.enumerated().map { Municipality(code: $0.offset + 1, name: $0.element, region: "Testregion") })
        let clusters = [
            Cluster(
                id: "A", name: "Sundhedsråd A", region: "Testregion", acuteHospitals: ["Sygehus A"],
                members: (1...3).map { ClusterMember(code: $0) }),
            Cluster(
                id: "B", name: "Sundhedsråd B", region: "Testregion", acuteHospitals: ["Sygehus B"],
                members: (4...6).map { ClusterMember(code: $0) }),
            Cluster(
                id: "C", name: "Sundhedsråd C", region: "Testregion", acuteHospitals: ["Sygehus C"],
                members: (7...9).map { ClusterMember(code: $0) }),
        ]
        let definitions = ClusterDefinitionSet(
            name: "Testråd", kind: .sundhedsraad, validFrom: nil, sources: [], clusters: clusters, file: "test")
        let section = Section(id: "aktivitet", title: "Aktivitet i sundhedsvæsenet")
        let rate = Indicator(
            id: rateID, title: "Forebyggelige akutte sygehusophold blandt ældre", unit: "pr. 1.000 borgere på 65 år og derover",
            sectionID: "aktivitet", aggregation: .weighted(base: .total), direction: .lowerIsBetter, decimals: 1, suppression: .none)
        let ratio = Indicator(
            id: ratioID, title: "Akutte genindlæggelser (test)", unit: "pct. af indlæggelserne", sectionID: "aktivitet",
            aggregation: .ratio(scale: 100), direction: .lowerIsBetter, decimals: 1)
        let catalogue = IndicatorCatalogue(sections: [section], indicators: [rate, ratio], file: "test")
        var population = PopulationTable()
        for date in [Period.date(2023, 1, 1), .date(2024, 1, 1)] {
            for code in 1...9 {
                population.set(10_000, group: .total, municipality: code, date: date, origin: .real)
                population.set(2_500, group: .aged65plus, municipality: code, date: date, origin: .real)
            }
        }
        let rates2023: [Double] = [50, 50, 50, 60, 60, 60, 55, 55, 55]
        let rates2024: [Double] = [60, 62, 58, 40, 41, 70, 55, 55, 55]
        var observations: [Observation] = []
        for code in 1...9 {
            observations.append(Observation(municipality: code, indicatorID: rateID, period: Period.year(2023), value: rates2023[code - 1]))
            observations.append(Observation(municipality: code, indicatorID: rateID, period: Period.year(2024), value: rates2024[code - 1]))
            let (numerator, denominator): (Double?, Double?) =
                switch code {
                case 3: (nil, nil)  // no data at all
                case 7: (3, 40)  // 7,5 pct.: too few events, hidden
                case 8: (25, 100)
                case 9: (30, 200)
                default: (20, 100)
                }
            let value = numerator.flatMap { n in denominator.map { n / $0 * 100 } }
            observations.append(
                Observation(
                    municipality: code, indicatorID: ratioID, period: Period.year(2024), value: value,
                    numerator: numerator, denominator: denominator))
        }
        return try DatapakkeInputs(
            register: register, definitions: definitions, catalogue: catalogue,
            population: population, observations: observations)
    }

    // MARK: Snapshots

    /// Compares text with the snapshot file `Fixtures/prompts-snapshots/<name>`. With the environment
    /// variable RECORD_SNAPSHOTS=1 (or when the file does not exist yet) the file is written instead:
    ///
    ///     RECORD_SNAPSHOTS=1 swift test --filter DatapakkeRenderersTests.PromptSnapshotTests
    ///
    /// Re-record only on purpose, after reading the diff of the changed snapshot.
    static func assertSnapshot(_ text: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let folder = fixturePath("prompts-snapshots")
        let path = folder + "/" + name
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        if record || !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            if !record { Issue.record("Snapshot \(name) fandtes ikke og er nu skrevet; kør testen igen.", sourceLocation: sourceLocation) }
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        if expected != text {
            let received = path + ".received"
            try? text.write(toFile: received, atomically: true, encoding: .utf8)
            let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let new = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(zip(old, new)).firstIndex { $0.0 != $0.1 } ?? min(old.count, new.count)
            let was = line < old.count ? String(old[line]) : "<slut>"
            let now = line < new.count ? String(new[line]) : "<slut>"
            Issue.record(
                "Snapshot \(name) afviger i linje \(line + 1):\n  forventet: \(was)\n  fik:       \(now)\n(se \(received))",
                sourceLocation: sourceLocation)
        }
    }
}

extension PackPrompts {
    /// Every fact and question, for searching.
    var allText: [String] { items.flatMap { [$0.title] + $0.facts + $0.questionTexts } }
}

extension PromptItem {
    /// The questions' texts.
    var questionTexts: [String] { questions.map(\.text) }
}
