import DatapakkeBuild
import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeCore
@testable import DatapakkeRenderers

/// The independent disclosure checker (`DisclosureChecker.swift`) against what the packs publish:
/// one map (the `suppression` fixture), two maps published together (`suppression-two-maps`), and
/// the two shipped maps. It does not ask the engine what it hid or why.
@Suite(.serialized) struct SuppressionDisclosureTests {
    static let fixture = fixturePath("suppression")
    static let documentDate = Date(timeIntervalSince1970: 1_735_689_600)

    static func inputs() throws -> DatapakkeInputs {
        try loadFixtureInputs(at: fixture, catalogue: "Templates/indikatorer.yaml")
    }

    /// Writes every pack of the fixture into `folder` as a build does (workbooks, prompts, download
    /// page), with or without secondary suppression.
    static func publish(into folder: String, secondary: Bool) throws -> DatapakkeInputs {
        let inputs = try inputs()
        try publish(inputs, into: folder) { $0.secondarySuppression = secondary }
        return inputs
    }

    /// Writes every pack of `inputs` into `folder` (workbooks, prompts, download page) from the
    /// report builder as `configure` leaves it: how the tests switch parts of the suppression off.
    static func publish(_ inputs: DatapakkeInputs, into folder: String, configure: (inout ReportBuilder) -> Void) throws {
        var builder = ReportBuilder(inputs: inputs)
        configure(&builder)
        let tables = builder.allTables()
        let prompts = try PromptRenderer(templatesDirectory: fixture + "/Templates/refleksioner", catalogue: inputs.catalogue)
        // The fixture has its own prompt templates but the shipped HTML ones: what is checked is the data.
        let html = try HTMLTemplates(directory: packageRoot + "/Templates/html")
        var reports: [PackReport] = []
        for cluster in inputs.definitions.clusters {
            let report = builder.pack(for: cluster, tables: tables, documentDate: documentDate, toolVersion: "test")
            let pack = try prompts.prompts(for: report)
            let files = PackFiles(cluster: cluster)
            try WorkbookRenderer(prompts: pack).write(report, to: folder + "/" + files.workbook)
            try prompts.markdown(pack, report: report).write(
                toFile: folder + "/" + files.promptsMarkdown, atomically: true, encoding: .utf8)
            try PromptDocument(templates: html).html(pack, report: report)
                .write(toFile: folder + "/" + files.promptsHTML, atomically: true, encoding: .utf8)
            reports.append(report)
        }
        let page = DownloadPage(templates: html).html(
            reports: reports, definitionsName: inputs.definitions.name, buildDate: documentDate, keyIndicatorIDs: ["ophold"])
        try page.write(toFile: folder + "/index.html", atomically: true, encoding: .utf8)
    }

    /// The one map of the `suppression` fixture, as the checker sees it.
    static func publishedMap(_ inputs: DatapakkeInputs, folder: String) -> [PublishedMap] {
        [PublishedMap(definitions: inputs.definitions, folder: folder)]
    }

    @Test func nothingHiddenCanBeWorkedOut() throws {
        try withTemporaryDirectory { folder in
            let inputs = try Self.publish(into: folder, secondary: true)
            let checker = try DisclosureChecker(maps: Self.publishedMap(inputs, folder: folder), inputs: inputs)
            #expect(checker.hiddenCells.count >= 10, "the fixture hides cells in both periods")
            #expect(checker.conflicts.isEmpty, "\(checker.conflicts)")
            #expect(checker.determined().isEmpty, "determined by the shown values: \(checker.determined())")
            // The similar councils' rows are read, and those that rest on Råd R are hidden.
            #expect((checker.similarRead["xlsx"] ?? 0) > 0)
            #expect(checker.hidden["ophold"]?["2023"]?.contains(.similar(map: 0, id: "R+Q")) == true)
        }
    }

    /// The fixture's profile (`Templates/sammenlignelige.yaml`, the councils' share aged 80+) makes Råd R
    /// (Læsø alone, hidden in both years) one of the two similar councils of P, Q and S. Shown, P's
    /// similar councils (Q and R) minus Q's own figure would give Læsø away.
    @Test func theCheckerFindsTheLeakThroughTheSimilarCouncilsWithoutTheirRule() throws {
        try withTemporaryDirectory { folder in
            let inputs = try Self.inputs()
            #expect(inputs.similar?.clusters["P"]?.map(\.id) == ["R", "Q"])
            try Self.publish(inputs, into: folder) { $0.similarGroupProtection = false }
            let checker = try DisclosureChecker(maps: Self.publishedMap(inputs, folder: folder), inputs: inputs)
            #expect((checker.similarRead["xlsx"] ?? 0) > 0, "the similar councils' rows are read")
            let leaks = checker.leaks().map(\.description)
            #expect(leaks.contains("Læsø 2023 = 1"), "\(leaks)")
            #expect(leaks.contains("Læsø 2024 = 2"), "\(leaks)")
        }
    }

    @Test func theCheckerFindsTheLeakWhenSecondarySuppressionIsOff() throws {
        try withTemporaryDirectory { folder in
            let inputs = try Self.publish(into: folder, secondary: false)
            let leaks = try DisclosureChecker(maps: Self.publishedMap(inputs, folder: folder), inputs: inputs).leaks().map(\.description)
            // Dragør is the only hidden member of Råd P in 2023; Læsø is Råd R, Nordjylland on its own.
            #expect(leaks.contains("Dragør 2023 = 3"))
            #expect(leaks.contains("Læsø 2023 = 1"))
            #expect(leaks.contains("Glostrup 2024 = 4"))
        }
    }

    @Test func theExpectedCellsAreHiddenForTheExpectedReasons() throws {
        let inputs = try Self.inputs()
        let builder = ReportBuilder(inputs: inputs)
        let indicator = try #require(inputs.catalogue.indicator("ophold"))
        let hidden2023 = builder.table(indicator, period: Period.year(2023)).hidden
        // Primary: fewer than 5 events.
        for code in [155, 161, 163, 825] {
            #expect(hidden2023[CellKey.municipality(code)] == .smallNumerator(minimum: 5))
        }
        // Secondary: Frederiksberg protects Dragør in P (the smallest shown member); Q already has two.
        #expect(hidden2023[CellKey.municipality(147)] == .secondary)
        #expect(hidden2023[CellKey.municipality(101)] == nil)
        #expect(hidden2023[CellKey.municipality(157)] == nil)
        // Læsø alone in R and Nordjylland: the cluster and region figures go, and another region protects it.
        #expect(hidden2023[CellKey.cluster("R")] == .secondary)
        #expect(hidden2023[CellKey.region("Nordjylland")] == .secondary)
        #expect(hidden2023[CellKey.region("Syddanmark")] == .secondary)
        #expect(hidden2023[CellKey.country] == nil)
        let hidden2024 = builder.table(indicator, period: Period.year(2024)).hidden
        #expect(hidden2024[CellKey.municipality(155)] == nil, "Dragør has 7 events in 2024")
        #expect(hidden2024[CellKey.municipality(163)] == .secondary, "Herlev protects Glostrup in 2024")
    }

    @Test func noOutputContainsAHiddenValue() throws {
        try withTemporaryDirectory { folder in
            let inputs = try Self.publish(into: folder, secondary: true)
            let checker = try DisclosureChecker(maps: Self.publishedMap(inputs, folder: folder), inputs: inputs)
            let texts = try Self.texts(in: [folder])
            #expect(texts.count == 9, "prompts (Markdown and HTML) for four packs and the download page")
            try Self.expectNoHiddenRate(checker, texts: texts)
        }
    }

    /// Every text output of the folders (prompts in Markdown and HTML, download pages).
    static func texts(in folders: [String]) throws -> [String] {
        var texts: [String] = []
        for folder in folders {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            where name.hasSuffix(".md") || name.hasSuffix(".html") {
                texts.append(try String(contentsOfFile: folder + "/" + name, encoding: .utf8))
            }
        }
        return texts
    }

    /// No hidden rate (per 1.000, two decimals: the fixtures' indicator) is a number on any sheet or
    /// appears in a text on a sheet or in a text output.
    static func expectNoHiddenRate(_ checker: DisclosureChecker, texts: [String]) throws {
        for cell in checker.hiddenCells {
            let denominator = try #require(cell.denominator, "\(cell) has a denominator")
            let rate = DanishNumber.rounded(cell.truth / denominator * 1000, decimals: 2)
            let formatted = DanishNumber.format(rate, decimals: 2)
            for (_, name, workbook) in checker.workbooks {
                for sheet in workbook.sheets {
                    #expect(!sheet.cells.contains { $0.value.number == rate }, "\(cell): \(rate) is published in \(name), \(sheet.name)")
                    // A shown row's confidence interval ("9,32–10,60") is a function of that row's own shown
                    // counts, and a hidden row has none; its bounds can equal a hidden rate by chance
                    // (the fixture's region has 10,60 as its upper bound, Middelfart's hidden rate is 10,60).
                    #expect(
                        !sheet.texts.filter { $0.wholeMatch(of: /[0-9.,]+–[0-9.,]+/) == nil }.contains { $0.contains(formatted) },
                        "\(cell): \(formatted) is written in a text in \(name), \(sheet.name)")
                }
            }
            // Swift Regex has no lookbehind on Linux; NSRegularExpression has.
            let pattern = try NSRegularExpression(
                pattern: "(?<![0-9.,])" + NSRegularExpression.escapedPattern(for: formatted) + "(?![0-9])")
            for text in texts {
                let match = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
                #expect(match == nil, "\(cell): \(formatted) appears in a text output")
            }
        }
    }

    // MARK: Two maps published together

    static let twoMaps = fixturePath("suppression-two-maps")

    /// The templates of the two-map fixture: the `suppression` fixture's catalogue and prompt
    /// templates with the shipped HTML templates, assembled in `folder`.
    static func twoMapTemplates(in folder: String) throws -> String {
        let templates = folder + "/Templates"
        try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
        for item in try FileManager.default.contentsOfDirectory(atPath: fixture + "/Templates") {
            try FileManager.default.copyItem(atPath: fixture + "/Templates/" + item, toPath: templates + "/" + item)
        }
        try FileManager.default.copyItem(atPath: packageRoot + "/Templates/html", toPath: templates + "/html")
        return templates
    }

    /// Builds every pack of each definition file with the command's own pipeline (`datapakke build`:
    /// workbooks, prompts, download page, manifest) into `folder/<file>/`, and writes what
    /// `datapakke figures` prints as JSON and CSV beside it. Returns the maps and the public inputs.
    static func publishWithTheTool(
        _ definitions: [String], register: String? = nil, data: String? = nil, templates: String? = nil,
        published: PublishedMaps = .besideDefinitions, workingDirectory: String, into folder: String
    ) throws -> (maps: [PublishedMap], inputs: DatapakkeInputs) {
        var maps: [PublishedMap] = []
        var inputs: DatapakkeInputs?
        for file in definitions {
            let layout = try ProjectLayout.resolve(
                definitions: file, data: data, templates: templates, register: register, publishedWith: published,
                workingDirectory: workingDirectory)
            let project = try Project.load(layout)
            let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let out = folder + "/" + stem
            let options = BuildOptions(directory: out, jobs: 2, tool: ToolIdentity(version: "test"), documentDate: documentDate)
            let outcome = try IncrementalBuild(project: project, options: options).run()
            #expect(outcome.succeeded, "\(outcome.report(seconds: 0))")
            let json = folder + "/" + stem + "-figurer.json"
            let csv = folder + "/" + stem + "-figurer.csv"
            try Project.figures(of: project.inputs, only: [], format: .json).write(toFile: json, atomically: true, encoding: .utf8)
            try Project.figures(of: project.inputs, only: [], format: .csv).write(toFile: csv, atomically: true, encoding: .utf8)
            maps.append(PublishedMap(definitions: project.inputs.definitions, folder: out, figuresJSON: json, figuresCSV: csv))
            inputs = inputs ?? project.inputs
        }
        return (maps, try #require(inputs))
    }

    /// Both maps of the two-map fixture, published as `published` says.
    static func publishTwoMaps(into folder: String, published: PublishedMaps = .besideDefinitions) throws -> (
        maps: [PublishedMap], inputs: DatapakkeInputs
    ) {
        try publishWithTheTool(
            ["Kort/raad.yaml", "Kort/klynger.yaml"], register: "kommuner.csv", data: "Data", templates: try twoMapTemplates(in: folder),
            published: published, workingDirectory: twoMaps, into: folder)
    }

    @Test func bothMapsTogetherGiveNothingAway() throws {
        try withTemporaryDirectory { folder in
            let (maps, inputs) = try Self.publishTwoMaps(into: folder)
            let checker = try DisclosureChecker(maps: maps, inputs: inputs)
            #expect(checker.filesRead == ["xlsx": 8, "manifest": 2, "json": 2, "csv": 2])
            for kind in ["xlsx", "manifest", "json", "csv"] {
                #expect((checker.similarRead[kind] ?? 0) > 0, "the similar councils' figures in \(kind)")
            }
            let hidden = checker.hiddenCells.map(\.description)
            #expect(hidden.contains("ophold Dragør 2023") && hidden.contains("ophold Glostrup 2024"))
            // A municipality hidden in one map is hidden in every output of both.
            #expect(checker.conflicts.isEmpty, "\(checker.conflicts)")
            #expect(checker.determined().isEmpty, "determined by the shown values of both maps: \(checker.determined())")
            #expect(checker.leaks().isEmpty)
            let texts = try Self.texts(in: maps.map(\.folder))
            #expect(
                texts.count == 2 * (4 * 3 + 1), "prompts (Markdown and HTML) and presentation for four packs and the download page, per map"
            )
            try Self.expectNoHiddenRate(checker, texts: texts)
        }
    }

    @Test func publishedApartTheMapsGiveTheSmallCountsAway() throws {
        try withTemporaryDirectory { folder in
            let (maps, inputs) = try Self.publishTwoMaps(into: folder, published: .alone)
            let checker = try DisclosureChecker(maps: maps, inputs: inputs)
            // Each map alone hides a second cell of its own, which the other map shows.
            #expect(checker.conflicts.contains("ophold Frederiksberg 2023 is hidden in one output and shown in another"))
            let leaks = checker.leaks().map(\.description)
            // Klynge Vest (Dragør, Gentofte, Glostrup) minus Råd Nord (Gentofte, Glostrup), and Råd By minus Klynge Byen
            // and Syd plus Råd Syd (København's halves add up), each give Dragør.
            #expect(leaks.contains("Dragør 2023 = 3"), "\(leaks)")
            #expect(leaks.contains("Glostrup 2024 = 3"), "\(leaks)")
        }
    }

    /// The inputs of the two-map fixture with each map as the definition set and the other published with it.
    static func twoMapInputs() throws -> [DatapakkeInputs] {
        try [("raad", "klynger"), ("klynger", "raad")].map { own, other in
            try DatapakkeInputs.load(
                InputPaths(
                    register: twoMaps + "/kommuner.csv", definitions: twoMaps + "/Kort/\(own).yaml", data: twoMaps + "/Data",
                    catalogue: fixture + "/Templates/indikatorer.yaml", publishedWith: [twoMaps + "/Kort/\(other).yaml"],
                    similarityProfile: fixture + "/Templates/" + SimilarityProfile.fileName),
                relativeTo: twoMaps)
        }
    }

    @Test func theSumsAloneLeaveADifferenceOfTheTwoMapsOpen() throws {
        try withTemporaryDirectory { folder in
            var maps: [PublishedMap] = []
            for inputs in try Self.twoMapInputs() {
                let out = folder + "/" + inputs.definitions.name
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                try Self.publish(inputs, into: out) { $0.linearCheck = false }
                maps.append(PublishedMap(definitions: inputs.definitions, folder: out))
            }
            let checker = try DisclosureChecker(maps: maps, inputs: try Self.twoMapInputs()[0])
            // Both maps hide the same cells, and no single sum has one unknown, but Klynge Vest − Råd Nord = Dragør.
            #expect(checker.conflicts.isEmpty, "\(checker.conflicts)")
            #expect(checker.leaks().map(\.description).contains("Dragør 2023 = 3"), "\(checker.leaks())")
        }
    }

    @Test func eachMapOfTheSetComesToTheSameDecision() throws {
        let views = try Self.twoMapInputs()
        let councils = ReportBuilder(inputs: views[0])
        let clusters = ReportBuilder(inputs: views[1])
        #expect(councils.publishedMaps.map(\.name) == ["Testklynger", "Testråd"])
        #expect(clusters.publishedMaps.map(\.name) == ["Testklynger", "Testråd"])
        let indicator = try #require(views[0].catalogue.indicator("ophold"))
        for year in [2023, 2024] {
            let municipalities = { (table: IndicatorPeriodTable) in table.hidden.filter { $0.key.level == .municipality } }
            let fromCouncils = municipalities(councils.table(indicator, period: .year(year)))
            #expect(fromCouncils == municipalities(clusters.table(indicator, period: .year(year))))
        }
        #expect(councils.table(indicator, period: .year(2023)).hidden[.municipality(155)] == .smallNumerator(minimum: 5))
        // Published alone, the clusters leave Frederiksberg shown in 2023, the cell the councils hide beside Dragør.
        var alone = views[1]
        alone.publishedWith = []
        #expect(ReportBuilder(inputs: alone).table(indicator, period: .year(2023)).hidden[.municipality(147)] == nil)
        #expect(councils.table(indicator, period: .year(2023)).hidden[.municipality(147)] == .secondary)
    }

    @Test(.timeLimit(.minutes(5))) func bothShippedMapsTogetherGiveNothingAway() throws {
        try withTemporaryDirectory { folder in
            let (maps, inputs) = try Self.publishWithTheTool(
                [ShippedInputs.councilsFile, ShippedInputs.clustersFile], workingDirectory: packageRoot, into: folder)
            let checker = try DisclosureChecker(maps: maps, inputs: inputs)
            #expect(checker.filesRead == ["xlsx": 17 + 22, "manifest": 2, "json": 2, "csv": 2])
            // The funnel plots show every municipality in every pack: at least 13 indicators with counts.
            #expect(checker.funnelBlocksRead >= 13 * (17 + 22))
            for kind in ["xlsx", "manifest", "json", "csv"] {
                #expect((checker.similarRead[kind] ?? 0) > 0, "the similar councils' figures in \(kind)")
            }
            #expect(checker.hiddenCells.count >= 14, "\(checker.hiddenCells)")
            #expect(checker.unchecked.isEmpty, "hidden cells the checker has no arithmetic for: \(checker.unchecked)")
            #expect(checker.conflicts.isEmpty, "\(checker.conflicts)")
            #expect(checker.determined().isEmpty, "determined by the shown values of both maps: \(checker.determined())")
        }
    }
}
