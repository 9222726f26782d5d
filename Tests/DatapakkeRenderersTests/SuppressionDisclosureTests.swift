import DatapakkeTestSupport
import Foundation
import Testing
@testable import DatapakkeCore
@testable import DatapakkeRenderers

/// An independent disclosure checker: from what the packs publish (read back from the files with
/// openpyxl) and what is public anyway (the cluster definitions and the population, i.e. every
/// denominator), it tries to work out each hidden count by adding and subtracting published totals.
/// It does not ask the engine what it hid or why.
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
        var builder = ReportBuilder(inputs: inputs)
        builder.secondarySuppression = secondary
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
            try prompts.markdown(pack, report: report).write(toFile: folder + "/" + files.promptsMarkdown, atomically: true, encoding: .utf8)
            try PromptDocument(templates: html).html(pack, report: report)
                .write(toFile: folder + "/" + files.promptsHTML, atomically: true, encoding: .utf8)
            reports.append(report)
        }
        let page = DownloadPage(templates: html).html(reports: reports, definitionsName: inputs.definitions.name, buildDate: documentDate, keyIndicatorIDs: ["ophold"])
        try page.write(toFile: folder + "/index.html", atomically: true, encoding: .utf8)
        return inputs
    }

    @Test func nothingHiddenCanBeWorkedOut() throws {
        try withTemporaryDirectory { folder in
            let inputs = try Self.publish(into: folder, secondary: true)
            let checker = try DisclosureChecker(folder: folder, inputs: inputs)
            #expect(checker.hiddenCells.count >= 10, "the fixture hides cells in both periods")
            #expect(checker.leaks().isEmpty, "recoverable: \(checker.leaks())")
        }
    }

    @Test func theCheckerFindsTheLeakWhenSecondarySuppressionIsOff() throws {
        try withTemporaryDirectory { folder in
            let inputs = try Self.publish(into: folder, secondary: false)
            let leaks = try DisclosureChecker(folder: folder, inputs: inputs).leaks()
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
            let checker = try DisclosureChecker(folder: folder, inputs: inputs)
            var texts: [String] = []
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) where !name.hasSuffix(".xlsx") {
                texts.append(try String(contentsOfFile: folder + "/" + name, encoding: .utf8))
            }
            #expect(texts.count == 9, "prompts (Markdown and HTML) for four packs and the download page")
            for cell in checker.hiddenCells {
                let rate = DanishNumber.rounded(cell.truth / cell.denominator * 1000, decimals: 2)
                for workbook in checker.workbooks {
                    for sheet in workbook.sheets {
                        #expect(!sheet.cells.contains { $0.value.number == rate },
                                "\(cell.name) \(cell.period): \(rate) is published in \(sheet.name)")
                        #expect(!sheet.texts.contains { $0.contains(DanishNumber.format(rate, decimals: 2)) },
                                "\(cell.name) \(cell.period): \(rate) is written in a text on \(sheet.name)")
                    }
                }
                let formatted = DanishNumber.format(rate, decimals: 2)
                // Swift Regex has no lookbehind on Linux; NSRegularExpression has.
                let pattern = try NSRegularExpression(pattern: "(?<![0-9.,])" + NSRegularExpression.escapedPattern(for: formatted) + "(?![0-9])")
                for text in texts {
                    let match = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
                    #expect(match == nil, "\(cell.name) \(cell.period): \(formatted) appears in a text output")
                }
            }
        }
    }
}

/// Works out what can be recovered from the published packs of the `suppression` fixture.
struct DisclosureChecker {
    struct HiddenCell: CustomStringConvertible {
        var name: String
        var period: String
        var truth: Double
        var denominator: Double
        var description: String { "\(name) \(period) = \(Int(truth))" }
    }

    /// A number known to an outsider: a count, give or take `error` from rounding.
    struct Known {
        var value: Double
        var error: Double
    }

    let workbooks: [ReadWorkbook]
    /// area name → period label → published rate, or nil when hidden
    var published: [String: [String: Double?]] = [:]
    var hiddenCells: [HiddenCell] = []
    let constraints: [(total: String, parts: [(name: String, share: Double)])]
    let denominators: [String: Double]
    let truth: [String: [String: Double]]

    init(folder: String, inputs: DatapakkeInputs) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".xlsx") }.sorted()
        workbooks = try files.map { try ReadWorkbook.read(folder + "/" + $0) }
        for workbook in workbooks {
            guard let sheet = workbook.sheet("Test"), let title = sheet.find("Ophold blandt ældre") else { continue }
            let header = title.row + 2
            let periods = (1...2).compactMap { sheet.cell(header, $0)?.value.string?.split(separator: "\n").first.map(String.init) }
            var row = header + 1
            // Table rows have a value or a marker in the first period column; the notes below do not.
            while let name = sheet.cell(row, 0)?.value.string, sheet.cell(row, 1) != nil {
                for (index, period) in periods.enumerated() {
                    published[name, default: [:]].updateValue(sheet.cell(row, index + 1)?.value.number, forKey: period)
                }
                row += 1
            }
        }
        // Public knowledge: who belongs where, and the 65+ population (the denominators).
        let register = inputs.register
        var denominators: [String: Double] = [:]
        var truth: [String: [String: Double]] = [:]
        let populationText = try String(contentsOfFile: SuppressionDisclosureTests.fixture + "/Data/befolkning/befolkning.csv", encoding: .utf8)
        for line in populationText.split(separator: "\n").dropFirst() where line.contains(";2024-01-01;") {
            let fields = line.split(separator: ";", omittingEmptySubsequences: false)
            denominators[String(fields[1])] = Double(fields[4]) ?? 0
        }
        // The truth, for judging a recovery: the counts in the data file.
        let dataText = try String(contentsOfFile: SuppressionDisclosureTests.fixture + "/Data/indikatorer/indikatorer.csv", encoding: .utf8)
        for line in dataText.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ";", omittingEmptySubsequences: false)
            truth[String(fields[1]), default: [:]][String(fields[3])] = Double(fields[5]) ?? 0
        }
        var constraints: [(total: String, parts: [(name: String, share: Double)])] = []
        var regionMembers: [String: [(String, Double)]] = [:]
        var regionClusters: [String: [(String, Double)]] = [:]
        for cluster in inputs.definitions.clusters {
            let members = cluster.members.map { (register.municipality($0.code)?.name ?? "", $0.share) }
            constraints.append((cluster.name, members))
            denominators[cluster.name] = members.reduce(0) { $0 + (denominators[$1.0] ?? 0) * $1.1 }
            regionMembers["Region \(cluster.region)", default: []] += members
            regionClusters["Region \(cluster.region)", default: []].append((cluster.name, 1))
            for (name, _) in members {
                for (period, count) in truth[name] ?? [:] {
                    truth[cluster.name, default: [:]][period, default: 0] += count
                    truth["Region \(cluster.region)", default: [:]][period, default: 0] += count
                    truth["Hele landet", default: [:]][period, default: 0] += count
                }
            }
        }
        for (region, members) in regionMembers.sorted(by: { $0.key < $1.key }) {
            constraints.append((region, members))
            constraints.append((region, regionClusters[region] ?? []))
            denominators[region] = members.reduce(0) { $0 + (denominators[$1.0] ?? 0) * $1.1 }
        }
        constraints.append(("Hele landet", regionMembers.keys.sorted().map { ($0, 1) }))
        constraints.append(("Hele landet", regionMembers.values.flatMap { $0 }))
        denominators["Hele landet"] = regionMembers.keys.reduce(0) { $0 + (denominators[$1] ?? 0) }
        self.constraints = constraints
        self.denominators = denominators
        self.truth = truth
        for (name, periods) in published.sorted(by: { $0.key < $1.key }) {
            for (period, value) in periods.sorted(by: { $0.key < $1.key }) where value == nil {
                hiddenCells.append(HiddenCell(name: name, period: period, truth: truth[name]?[period] ?? .nan, denominator: denominators[name] ?? .nan))
            }
        }
    }

    /// The hidden cells an outsider can pin down to the exact count, as "name period = count".
    func leaks() -> [String] {
        var found: [String] = []
        for period in ["2023", "2024"] {
            var known: [String: Known] = [:]
            for (name, periods) in published {
                guard let rate = periods[period] ?? nil, let denominator = denominators[name] else { continue }
                // A rate shown with two decimals is the count give or take half a unit of the last decimal.
                known[name] = Known(value: rate * denominator / 1000, error: 0.005 * denominator / 1000)
            }
            var changed = true
            while changed {
                changed = false
                for (total, parts) in constraints {
                    let unknown = ([total] + parts.map(\.name)).filter { known[$0] == nil }
                    guard Set(unknown).count == 1, let target = unknown.first else { continue }
                    var value: Double
                    var error: Double
                    if target == total {
                        value = parts.reduce(0) { $0 + (known[$1.name]?.value ?? 0) * $1.share }
                        error = parts.reduce(0) { $0 + (known[$1.name]?.error ?? 0) * $1.share }
                    } else {
                        guard let whole = known[total], let share = parts.first(where: { $0.name == target })?.share else { continue }
                        value = whole.value
                        error = whole.error
                        for part in parts where part.name != target {
                            value -= (known[part.name]?.value ?? 0) * part.share
                            error += (known[part.name]?.error ?? 0) * part.share
                        }
                        value /= share
                        error /= share
                    }
                    known[target] = Known(value: value, error: error)
                    changed = true
                    if let actual = truth[target]?[period], error < 0.5, abs(value - actual) <= error + 1e-6 {
                        found.append("\(target) \(period) = \(Int(actual))")
                    }
                }
            }
        }
        return found.sorted()
    }
}
