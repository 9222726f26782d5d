import DatapakkeCore
import DatapakkeRenderers
import DatapakkeTestSupport
import Foundation
import Testing

/// The download page `out/index.html`: its HTML for the shipped data and for doctored reports, and a
/// real headless Chromium that loads it, follows its links and uses its search box.
@Suite struct DownloadPageTests {
    static let buildDate = Date(timeIntervalSince1970: 1_795_521_600)  // 24 November 2026, 12:00 UTC

    /// The reports of the 17 councils from the shipped inputs.
    static func shippedReports() throws -> [PackReport] {
        ReportBuilder(inputs: try ShippedInputs.councils()).build(documentDate: buildDate, toolVersion: "test")
    }

    /// The page of the shipped templates.
    static func page(
        _ reports: [PackReport], keys: [String] = DownloadPage.defaultKeyIndicatorIDs,
        definitionsName: String = "Sundhedsråd 2027"
    ) throws -> String {
        let templates = try HTMLTemplates(directory: packageRoot + "/Templates/html", relativeTo: packageRoot)
        return DownloadPage(templates: templates).html(
            reports: reports, definitionsName: definitionsName, buildDate: buildDate,
            keyIndicatorIDs: keys)
    }

    /// HTML escaping written out here, independently of the engine the page uses.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
            of: ">", with: "&gt;"
        )
        .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }

    /// The index of the first report whose cluster row for `indicatorID` shows a number in the latest period.
    static func locate(_ reports: [PackReport], _ indicatorID: String) -> (pack: Int, section: Int, indicator: Int, row: Int)? {
        for (p, report) in reports.enumerated() {
            for (s, section) in report.sections.enumerated() {
                for (i, indicator) in section.indicators.enumerated() where indicator.indicator.id == indicatorID {
                    if let r = indicator.rows.firstIndex(where: { $0.level == .cluster }), indicator.rows[r].latest.number != nil {
                        return (p, s, i, r)
                    }
                }
            }
        }
        return nil
    }

    // MARK: - The HTML

    @Test func thePageIsDanishSelfContainedAndListsEveryCouncilWithItsFiles() throws {
        let reports = try Self.shippedReports()
        #expect(reports.count == 17)
        let html = try Self.page(reports)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"da\">"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.components(separatedBy: "<h1").count == 2)
        #expect(html.contains("Dannet <time datetime=\"2026-11-24\">24. november 2026</time>"))
        for report in reports {
            let files = PackFiles(cluster: report.cluster)
            #expect(html.contains("<h2 id=\"titel-\(files.stem)\">\(Self.escape(report.cluster.name))</h2>"))
            #expect(html.contains("href=\"\(files.workbook)\" download>Excel-datapakke for \(Self.escape(report.cluster.name)) (xlsx)</a>"))
            #expect(html.contains("href=\"\(files.promptsHTML)\">Refleksionsspørgsmål for \(Self.escape(report.cluster.name)) (HTML)</a>"))
            #expect(
                html.contains(
                    "href=\"\(files.promptsMarkdown)\" download>Refleksionsspørgsmål for \(Self.escape(report.cluster.name)) (Markdown)</a>"
                ))
            #expect(html.contains("<dt>Region</dt><dd>\(Self.escape(report.regionName))</dd>"))
            for member in report.members {
                #expect(html.contains(Self.escape(member.name)))
            }
        }
        // No external resource of any kind: no remote scripts, styles, fonts or images.
        #expect(!html.contains("src=\""))
        #expect(!html.contains("href=\"http"))
        #expect(!html.contains("href=\"//"))
        #expect(!html.contains("rel=\"stylesheet\""))
        #expect(!html.contains("rel=stylesheet"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        #expect(html.components(separatedBy: "<style>").count == 2)
        #expect(html.components(separatedBy: "<script>").count == 2)
    }

    @Test func syntheticDataPeriodsAndTheLegendAreOnThePage() throws {
        let reports = try Self.shippedReports()
        #expect(reports.contains { $0.hasSyntheticData })
        let html = try Self.page(reports)
        #expect(html.contains("Tallene er SYNTETISKE eksempeldata"))
        #expect(html.contains("<span class=\"tag\">syntetisk</span>"))
        var periods: Set<Period> = []
        for report in reports { periods.formUnion(report.periods) }
        let years = periods.filter { !$0.isDate }.sorted().map(\.label)
        #expect(!years.isEmpty)
        for year in years { #expect(html.contains(year)) }
        #expect(
            html.contains("<dt>Dataperioder</dt><dd>\(years.dropLast().joined(separator: ", ")) og \(years.last ?? "")</dd>")
                || html.contains("<dt>Dataperioder</dt><dd>\(years.joined())</dd>"))
        let latestPopulation = try #require(reports.compactMap(\.populationDate).max())
        #expect(html.contains("<dt>Befolkningstal pr.</dt><dd>") && html.contains(latestPopulation.label))
        #expect(html.contains("Sådan læses nøgletallene"))
        for text in ["▲</span> bedre", "●</span> på niveau", "▼</span> dårligere", "ikke oplyst", "ingen retning"] {
            #expect(html.contains(text), "the legend explains \(text)")
        }

        var real = reports
        for index in real.indices {
            real[index].hasSyntheticData = false
            real[index].syntheticIndicators = []
        }
        #expect(try !Self.page(real).contains("SYNTETISKE"))
    }

    @Test func keyFiguresShowTheCouncilAndTheCountryWithMarksInWordsNotOnlyColour() throws {
        var reports = try Self.shippedReports()
        let place = try #require(Self.locate(reports, "forebyggelige_ophold_pr_1000_65plus"))
        var indicator = reports[place.pack].sections[place.section].indicators[place.indicator]
        let country = try #require(indicator.rows.firstIndex { $0.level == .country })
        // Two periods, so that there is a development to mark.
        indicator.periods = [Period.year(2022), Period.year(2023)]
        indicator.rows = indicator.rows.map { row in
            var row = row
            row.values = [.missing, row.latest]
            return row
        }
        indicator.rows[place.row].values = [.shown(1000), .shown(1234.56)]
        indicator.rows[place.row].levelMark = .red
        indicator.rows[place.row].development = .green
        indicator.rows[country].values = [.shown(99), .shown(98.7)]
        reports[place.pack].sections[place.section].indicators[place.indicator] = indicator

        let html = try Self.page([reports[place.pack]], keys: ["forebyggelige_ophold_pr_1000_65plus"])
        #expect(html.contains("<strong class=\"value\">1.234,6</strong>"))
        #expect(html.contains("<span class=\"value\">98,7</span>"))
        #expect(html.contains("pr. 1.000 borgere på 65 år og derover"))
        #expect(html.contains("<span class=\"mark mark-daarligere\"><span aria-hidden=\"true\">▼</span> dårligere end landet</span>"))
        #expect(html.contains("<span class=\"mark mark-bedre\"><span aria-hidden=\"true\">▲</span> forbedret siden 2022</span>"))
        // Only the asked-for indicators are key figures.
        #expect(!html.contains(">Somatiske genindlæggelser<"))
    }

    @Test(arguments: [
        SuppressionReason.smallNumerator(minimum: 5), .smallDenominator(minimum: 20), .smallCount(minimum: 5), .secondary,
    ])
    func aHiddenCouncilValueShowsItsMarkerAndNeverTheNumber(reason: SuppressionReason) throws {
        var reports = try Self.shippedReports()
        let place = try #require(Self.locate(reports, "genindl_somatisk_pct"))
        var indicator = reports[place.pack].sections[place.section].indicators[place.indicator]
        // A number that appears nowhere else on the page, so finding it would mean it leaked.
        indicator.rows[place.row].values = indicator.rows[place.row].values.map { _ in .shown(777.777) }
        reports[place.pack].sections[place.section].indicators[place.indicator] = indicator
        let visible = try Self.page([reports[place.pack]], keys: ["genindl_somatisk_pct"])
        #expect(visible.contains("777,8"))
        indicator.rows[place.row].values[indicator.rows[place.row].values.count - 1] = .hidden(reason)
        indicator.rows[place.row].levelMark = nil
        indicator.rows[place.row].development = nil
        reports[place.pack].sections[place.section].indicators[place.indicator] = indicator

        let html = try Self.page([reports[place.pack]], keys: ["genindl_somatisk_pct"])
        #expect(!html.contains("777"))
        #expect(html.contains("<span class=\"marker\">\(Self.escape(reason.marker))</span> <span class=\"unit\">skjult: "))
    }

    @Test func aMissingValueSaysSoAndIsNeverZero() throws {
        var reports = try Self.shippedReports()
        let place = try #require(Self.locate(reports, "genindl_somatisk_pct"))
        var indicator = reports[place.pack].sections[place.section].indicators[place.indicator]
        indicator.rows = indicator.rows.map { row in
            var row = row
            row.values = row.values.map { _ in .missing }
            row.levelMark = nil
            row.development = nil
            return row
        }
        reports[place.pack].sections[place.section].indicators[place.indicator] = indicator
        let html = try Self.page([reports[place.pack]], keys: ["genindl_somatisk_pct"])
        let table = try #require(
            html.range(of: "<table").flatMap { start in html.range(of: "</table>").map { html[start.lowerBound..<$0.upperBound] } })
        #expect(table.components(separatedBy: "ikke oplyst").count == 3)  // the council and the country
        #expect(!table.contains(">0<"))
        #expect(!table.contains(">0,0<"))
    }

    @Test func everyTextIsEscaped() throws {
        var reports = try Self.shippedReports()
        var report = reports[0]
        report.cluster.name = "Råd <script>alert(\"x\")</script> & 'co'"
        report.regionName = "Region <b>Syd</b>"
        report.members[0].name = "Kommune \"A\" <i>"
        reports = [report]
        let html = try Self.page(reports, keys: [], definitionsName: "Sæt <1> & \"2\"")
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<b>Syd"))
        #expect(!html.contains("<i>"))
        #expect(!html.contains("Sæt <1>"))
        #expect(html.contains("Råd &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;"))
        #expect(html.contains("Region &lt;b&gt;Syd&lt;/b&gt;"))
        #expect(html.contains("Kommune &quot;A&quot; &lt;i&gt;"))
        #expect(html.contains("Sæt &lt;1&gt; &amp; &quot;2&quot;"))
    }

    @Test func theSearchDegradesWithoutJavaScriptAndIsLabelled() throws {
        let html = try Self.page(try Self.shippedReports())
        #expect(html.contains("<div id=\"soegning\" class=\"search\" role=\"search\" hidden data-flertal=\"sundhedsråd\">"))
        #expect(html.contains("<label for=\"soeg\">Søg efter sundhedsråd eller kommune</label>"))
        #expect(html.contains("<input type=\"search\" id=\"soeg\""))
        #expect(html.contains("aria-live=\"polite\">Viser 17 af 17 sundhedsråd</p>"))
        // No pack is hidden in the HTML itself; only the script hides packs.
        #expect(!html.contains("<article class=\"pack\" hidden"))
        #expect(html.contains("data-soeg=\"Sundhedsråd Nordjylland") || html.contains("Læsø"))
    }

    @Test func thePageIsDeterministic() throws {
        let reports = try Self.shippedReports()
        #expect(try Self.page(reports) == Self.page(reports))
        #expect(try Self.page(Self.shippedReports()) == Self.page(reports))
    }

    @Test func aClusterDefinitionSetGetsItsOwnWords() throws {
        var reports = try Self.shippedReports()
        for index in reports.indices { reports[index].kind = .sundhedsklynge }
        let html = try Self.page(reports)
        #expect(html.contains("<h1>Datapakker til sundhedsklyngerne</h1>"))
        #expect(html.contains("Viser 17 af 17 sundhedsklynger"))
        #expect(html.contains("Hver sundhedsklynge har"))
    }

    // MARK: - A real browser

    static let chromium = "/usr/bin/chromium"
    static let chromedriver = "/usr/bin/chromedriver"
    static let script = packageRoot + "/Tests/DatapakkeRenderersTests/Browser/check_download_page.py"

    /// Chromium, its driver and Selenium, which `make test` installs; the browser test fails, saying so, without them.
    struct BrowserMissing: Error, CustomStringConvertible {
        var description: String
    }

    static func requireBrowser() throws {
        for program in [chromium, chromedriver] where !FileManager.default.isExecutableFile(atPath: program) {
            throw BrowserMissing(description: "\(program) missing: run `make test` (Tools/setup.sh installs chromium and chromium-driver)")
        }
        try Python.require("selenium")
    }

    /// Where the browser test leaves its screenshots: `DATAPAKKE_SCREENSHOTS`, where they are kept, or
    /// a folder in the test's temporary folder, removed with it.
    static func screenshotFolder(in scratch: String) -> String {
        ProcessInfo.processInfo.environment["DATAPAKKE_SCREENSHOTS"] ?? (scratch + "/screenshots")
    }

    @Test(.timeLimit(.minutes(3)))
    func theShippedPageWorksInHeadlessChromium() throws {
        try Self.requireBrowser()
        try withTemporaryDirectory { scratch in try Self.checkInChromium(scratch: scratch) }
    }

    /// Writes the page and an empty file for each of its links into `scratch`, and checks it with
    /// `Browser/check_download_page.py`.
    static func checkInChromium(scratch: String) throws {
        let reports = try Self.shippedReports()
        let folder = scratch + "/page"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let page = folder + "/index.html"
        try Self.page(reports).write(toFile: page, atomically: true, encoding: .utf8)
        for report in reports {
            for file in PackFiles(cluster: report.cluster).all {
                #expect(FileManager.default.createFile(atPath: folder + "/" + file, contents: Data()))
            }
        }
        let laesoe = try #require(reports.first { $0.members.contains { $0.name == "Læsø" } })
        let fyn = reports.filter { $0.cluster.name.contains("Fyn") }
        try #require(!fyn.isEmpty)
        let stem = { (report: PackReport) in PackFiles(cluster: report.cluster).stem }
        let cases = [
            "Læsø=\(stem(laesoe))",
            "laesoe=\(stem(laesoe))",  // ASCII spelling of æ/ø
            "LÆSØ=\(stem(laesoe))",
            "\(laesoe.cluster.id.lowercased())=\(stem(laesoe))",
            "Fyn=\(fyn.map(stem).joined(separator: ","))",
            "ingen-saadan-kommune=",
        ]
        let screenshots = Self.screenshotFolder(in: scratch)
        // Chromium and its driver keep profiles and their singleton socket under TMPDIR: here, removed with
        // the scratch folder. (The socket's path must stay under 108 bytes, so the scratch folder's name is short.)
        let temporary = scratch + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let result = try Python.run(
            [Self.script, page, "--screenshots", screenshots, "--total", String(reports.count)] + cases.flatMap { ["--case", $0] },
            environment: ["TMPDIR": temporary])
        let output = result.stdout + result.stderr
        // A copy of the page beside the screenshots, to open by hand (its links lead nowhere there).
        try? FileManager.default.removeItem(atPath: screenshots + "/index.html")
        try? FileManager.default.copyItem(atPath: page, toPath: screenshots + "/index.html")
        #expect(result.status == 0, "check_download_page.py failed:\n\(output)")
        print(output)
        for name in ["desktop-top.png", "desktop-full.png", "phone-top.png", "phone-filtered.png", "phone-full.png"] {
            #expect(FileManager.default.fileExists(atPath: screenshots + "/" + name), "screenshot \(name)")
        }
    }
}
