import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeCore
@testable import DatapakkeRenderers

/// The presentation `<pack>-praesentation.html`: its slides against the real council presentation,
/// its charts drawn from shown figures only, the same bytes every time, and a real headless Chromium
/// that prints every council's presentation with one slide per page and nothing overflowing.
@Suite(.serialized) struct PresentationTests {
    static let documentDate = Date(timeIntervalSince1970: 1_735_689_600)  // 1 January 2025, UTC
    static let script = packageRoot + "/Tests/DatapakkeRenderersTests/Browser/check_presentation.py"

    static func templates() throws -> HTMLTemplates {
        try HTMLTemplates(directory: packageRoot + "/Templates/html", relativeTo: packageRoot)
    }

    /// Every council's report from the shipped inputs, built afresh.
    static func councils() throws -> [PackReport] {
        ReportBuilder(inputs: try ShippedInputs.councils()).build(documentDate: documentDate, toolVersion: "test")
    }

    static func presentation(_ report: PackReport, renderer: PromptRenderer) throws -> String {
        Presentation(templates: try templates()).html(report, prompts: try renderer.prompts(for: report))
    }

    /// The `aria-label` of every slide, in order.
    static func slideLabels(_ html: String) throws -> [String] {
        let pattern = try NSRegularExpression(pattern: "<section class=\"slide[^\"]*\" aria-label=\"([^\"]*)\"")
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { match in
            Range(match.range(at: 1), in: html).map { String(html[$0]) }
        }
    }

    /// HTML escaping written out here, independently of the engine.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
            of: ">", with: "&gt;"
        )
        .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }

    // MARK: - The slides

    @Test func theSlidesFollowTheRealPresentation() throws {
        let report = try #require(try Self.councils().first { $0.cluster.id == "SR06" })
        let renderer = try PromptTestSupport.shippedRenderer()
        let prompts = try renderer.prompts(for: report)
        let html = try Self.presentation(report, renderer: renderer)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"da\">"))

        // Title, overview (a slide per 32 rows), the similar councils, then per section its divider (the population
        // overview after its own) and its indicators, a group of indicators on one slide.
        let overviewRows = report.sections.reduce(0) { $0 + 1 + $1.indicators.count }  // a heading and the indicators
        let overviewSlides = (overviewRows + Presentation.overviewRowsPerSlide - 1) / Presentation.overviewRowsPerSlide
        #expect(overviewSlides == 3, "the shipped catalogue's \(overviewRows) overview rows take three slides")
        var expected = ["Forside"] + Array(repeating: "Overblik", count: overviewSlides) + ["Sammenlignelige"]
        for section in report.sections {
            expected.append(section.section.title)
            if section.section.id == "population" { expected.append("Populationsoverblik") }
            expected += section.blocks.map { block in
                switch block {
                case .indicator(let indicator): return indicator.indicator.title
                case .group(let group): return group.group.title
                }
            }
        }
        #expect(try Self.slideLabels(html) == expected.map(Self.escape))
        #expect(html.contains(">\(expected.count) / \(expected.count)</span>"), "the last slide's number")

        // The title slide: council, region, municipalities, acute hospitals, date and the warning.
        let title = String(
            html[html.range(of: "aria-label=\"Forside\"")!.lowerBound..<html.range(of: "aria-label=\"Overblik\"")!.lowerBound])
        #expect(title.contains("<h1>Sundhedsråd Midt- og Vestsjælland</h1>"))
        #expect(title.contains("Region Østdanmark"))
        #expect(title.contains("Holbæk, Kalundborg, Lejre, Næstved, Odsherred, Ringsted, Slagelse og Sorø"))
        #expect(title.contains("<dt>Akutsygehuse</dt><dd>Holbæk Sygehus og Slagelse Sygehus</dd>"))
        #expect(title.contains("<time datetime=\"2025-01-01\">1. januar 2025</time>"))
        #expect(title.contains("Bemærk: SYNTETISKE eksempeldata."))

        // The population overview: the four shares in one panel.
        for id in Presentation.populationOverviewIDs {
            let indicator = try #require(report.sections.flatMap(\.indicators).first { $0.indicator.id == id })
            let value = try #require(indicator.clusterRow?.latest.number)
            #expect(
                html.contains(
                    "<span class=\"noegletal-navn\">\(indicator.indicator.shortTitle)</span><span class=\"noegletal-tal\">"
                        + DanishNumber.format(value, decimals: indicator.indicator.decimals)))
        }

        // Every indicator slide: the prompts' facts and questions, the definition and the source.
        for item in prompts.items where item.indicatorID != nil || item.groupID != nil {
            for text in item.facts + item.questions.map(\.text) {
                #expect(html.contains("<li>\(Self.escape(text))</li>"), "\(item.title): \(text)")
            }
        }
        for block in report.sections.flatMap(\.blocks) {
            switch block {
            case .indicator(let indicator):
                let info = indicator.indicator
                #expect(html.contains("<strong>Definition:</strong> \(Self.escape(info.definition))</p>"), "\(info.id)")
                #expect(html.contains("Kilde: \(Self.escape(info.source)).</p>"), "\(info.id)")
            case .group(let group):
                #expect(html.contains("<strong>Definition:</strong> \(Self.escape(group.group.definition))</p>"), "\(group.group.id)")
                #expect(html.contains("Kilde: \(Self.escape(group.sources.joined(separator: "; "))).</p>"), "\(group.group.id)")
            }
        }

        // Self-contained: no script, no file or address to fetch.
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src=") && !html.contains("url("))
        let addresses = html.components(separatedBy: "http").count - 1
        #expect(addresses == html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1, "only SVG namespaces")
        #expect(html.contains("@page { size: A4 landscape; margin: 0; }"))
    }

    @Test func aCountsAggregatesAreGivenAsNumbersNotDrawnToTheMunicipalitiesScale() throws {
        let report = try #require(try Self.councils().first { $0.cluster.id == "SR06" })
        let context = Presentation.context(report, prompts: try PromptTestSupport.shippedRenderer().prompts(for: report))
        let sections = try #require(context["sektioner"] as? [[String: Any]])
        let slides = sections.flatMap { ($0["indikatorer"] as? [[String: Any]]) ?? [] }
        let population = try #require(slides.first { $0["titel"] as? String == "Borgere i alt" })
        #expect(population["summer"] as? Bool == true)
        let rows = try #require((population["diagram"] as? [String: Any])?["raekker"] as? [[String: Any]])
        #expect(rows.count == 12, "8 municipalities, the council, the region, the similar councils and the country")
        for row in rows.suffix(4) {
            #expect(row["bjaelke"] is NoValue && row["ikke_tegnet"] as? Bool == true, "\(row["etiket"] ?? "")")
            #expect(row["tal"] is String)
        }
        #expect(rows.prefix(8).allSatisfy { $0["bjaelke"] is [String: Any] })
    }

    @Test func aGroupHasOneSlideWithAPairOfBarsPerMember() throws {
        let report = try #require(try Self.councils().first { $0.cluster.id == "SR06" })
        let context = Presentation.context(report, prompts: try PromptTestSupport.shippedRenderer().prompts(for: report))
        let sections = try #require(context["sektioner"] as? [[String: Any]])
        let slides = sections.flatMap { ($0["indikatorer"] as? [[String: Any]]) ?? [] }
        let group = try #require(
            report.sections.flatMap(\.blocks).compactMap { block -> IndicatorGroupReport? in
                if case .group(let group) = block, group.group.id == "speciallaeger_kontakter" { return group }
                return nil
            }.first)
        #expect(!slides.contains { ($0["titel"] as? String) == group.indicators.first?.indicator.title }, "no slide of a member's own")
        let slide = try #require(slides.first { $0["titel"] as? String == group.group.title })
        let chart = try #require(slide["diagram"] as? [String: Any])
        // The members' short titles label the pairs, in catalogue order; each pair is the council and the country.
        let labels = try #require(chart["grupper"] as? [[String: Any]]).compactMap { $0["etiket"] as? String }
        #expect(labels == group.indicators.map(\.indicator.shortTitle))
        #expect(labels.count == 15)
        let rows = try #require(chart["raekker"] as? [[String: Any]])
        #expect(rows.map { $0["art"] as? String } == Array(repeating: ["raad", "land"], count: 15).flatMap { $0 })
        for (pair, member) in zip(stride(from: 0, to: rows.count, by: 2), group.indicators) {
            let council = try #require(member.clusterRow?.latest.number)
            #expect(rows[pair]["tal"] as? String == DanishNumber.format(council, decimals: member.indicator.decimals))
        }
        let legend = try #require(chart["forklaring"] as? [[String: Any]]).compactMap { $0["etiket"] as? String }
        #expect(legend == ["Sundhedsråd Midt- og Vestsjælland", "Hele landet"])
        // The drawing stays about as tall as the other charts, so its text is not shrunk much more.
        let heightText = try #require(chart["hoejde"] as? String)
        let height = try #require(Double(heightText))
        #expect(height <= 560, "\(height)")
    }

    // MARK: - Charts

    @Test func barsStartAtZeroAndHiddenOrMissingValuesAreLabelledGaps() throws {
        let bars: [BarChart.Bar] = [
            .init(label: "Aby", kind: .municipality, value: .shown(-4.6)),
            .init(label: "Bby", kind: .municipality, value: .shown(11.14)),
            .init(label: "Cby", kind: .municipality, value: .hidden(.smallNumerator(minimum: 5))),
            .init(label: "Dby", kind: .municipality, value: .missing),
            .init(label: "Rådet", kind: .cluster, value: .shown(5.2)),
            .init(label: "Regionen", kind: .region, value: .shown(3.6)),
            .init(label: "Landet", kind: .country, value: .notComputed),
        ]
        let chart = BarChart(
            groups: [.init(label: nil, bars: Array(bars.prefix(4))), .init(label: nil, bars: Array(bars.suffix(3)))], decimals: 1,
            unit: "pct.", id: "t", description: "test",
            legend: [.municipality: "Kommuner", .cluster: "Rådet", .region: "Regionen", .country: "Hele landet"])
        let context = chart.context
        let rows = try #require(context["raekker"] as? [[String: Any]])
        let ticks = try #require(context["akse"] as? [[String: Any]])
        let zero = try #require(ticks.first { $0["nul"] as? Bool == true })
        let zeroX = try #require(Double(zero["x"] as? String ?? ""))
        #expect(ticks.map { $0["etiket"] as? String } == ["-5", "0", "5", "10", "15"])

        func bar(_ index: Int) -> (x: Double, width: Double)? {
            guard let bar = rows[index]["bjaelke"] as? [String: Any], let x = Double(bar["x"] as? String ?? ""),
                let width = Double(bar["bredde"] as? String ?? "")
            else { return nil }
            return (x, width)
        }
        // A negative value ends at zero and is labelled on its left; a positive one starts at zero.
        let negative = try #require(bar(0))
        #expect(abs(negative.x + negative.width - zeroX) < 0.15)
        #expect(rows[0]["vaerdi_anker"] as? String == "end" && rows[0]["tal"] as? String == "-4,6")
        let positive = try #require(bar(1))
        #expect(abs(positive.x - zeroX) < 0.15 && rows[1]["tal"] as? String == "11,1")
        // Gaps: no bar, a reason instead of a number.
        #expect(bar(2) == nil && rows[2]["skjult"] as? Bool == true && rows[2]["markoer"] as? String == "<5" && rows[2]["tal"] is NoValue)
        #expect(bar(3) == nil && rows[3]["ikke_oplyst"] as? Bool == true)
        #expect(bar(6) == nil && rows[6]["intet_samlet_tal"] as? Bool == true)
        // Told apart without colour: the region is hatched, and the legend has only kinds with a bar.
        #expect((rows[5]["bjaelke"] as? [String: Any])?["skravering"] is String)
        #expect((rows[4]["bjaelke"] as? [String: Any])?["skravering"] is NoValue)
        let legend = try #require(context["forklaring"] as? [[String: Any]])
        #expect(legend.map { $0["art"] as? String } == ["kommune", "raad", "region"])
    }

    @Test func twoRendersAreByteIdenticalAndCoordinatesArePlainNumbers() throws {
        let renderer = try PromptTestSupport.shippedRenderer()
        let first = try #require(try Self.councils().first { $0.cluster.id == "SR06" })
        let second = try #require(try Self.councils().first { $0.cluster.id == "SR06" })
        let a = try Self.presentation(first, renderer: renderer)
        Thread.sleep(forTimeInterval: 1.1)  // a clock in the output would now differ
        let b = try Self.presentation(second, renderer: renderer)
        #expect(a == b)
        #expect(a.count > 50_000)
        // Every coordinate: a point, at most one decimal, no locale, no exponent.
        let attribute = try NSRegularExpression(pattern: " (?:x|y|x1|x2|y1|y2|cx|cy|r|width|height)=\"([^\"]*)\"")
        let values = attribute.matches(in: a, range: NSRange(a.startIndex..., in: a)).compactMap {
            Range($0.range(at: 1), in: a).map { String(a[$0]) }
        }
        #expect(values.count > 1_000)
        #expect(
            values.allSatisfy { $0.range(of: #"^-?[0-9]+(\.[0-9])?$"#, options: .regularExpression) != nil },
            "\(values.filter { $0.range(of: #"^-?[0-9]+(\.[0-9])?$"#, options: .regularExpression) == nil }.prefix(5))")
    }

    // MARK: - Small numbers

    /// The suppression fixture's hidden cells, worked out from the inputs (not from the report):
    /// no presentation shows them as numbers, in text, in the charts' labels or in their coordinates.
    @Test func hiddenValuesNeverAppearInThePresentation() throws {
        let fixture = fixturePath("suppression")
        let inputs = try loadFixtureInputs(at: fixture, catalogue: "Templates/indikatorer.yaml")
        let builder = ReportBuilder(inputs: inputs)
        let tables = builder.allTables()
        let renderer = try PromptRenderer(templatesDirectory: fixture + "/Templates/refleksioner", catalogue: inputs.catalogue)
        let reports = inputs.definitions.clusters.map {
            builder.pack(for: $0, tables: tables, documentDate: Self.documentDate, toolVersion: "test")
        }
        let pages = try reports.map { try Self.presentation($0, renderer: renderer) }

        var hidden: [(name: String, value: Double)] = []
        for table in tables.values.flatMap(\.values) {
            for (key, _) in table.hidden {
                let value: Double?
                if case .municipality(let code) = key { value = table.inputs[code]?.value } else { value = table.figures[key]?.value }
                if let value { hidden.append(("\(key) \(table.period)", value)) }
            }
        }
        #expect(hidden.count >= 10, "the fixture hides cells in both periods")
        // The search finds what is shown: Råd Q's own latest figure, in its text and its chart.
        let shownQ = try #require(reports.first { $0.cluster.id == "Q" }?.sections.first?.indicators.first?.clusterRow?.latest.number)
        let control = try NSRegularExpression(pattern: "(?<![0-9.,])" + DanishNumber.format(shownQ, decimals: 2) + "(?![0-9])")
        #expect(pages.contains { control.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil })
        for (name, value) in hidden {
            let danish = DanishNumber.format(value, decimals: 2)
            let plain = String(format: "%.2f", DanishNumber.rounded(value, decimals: 2))
            for text in [danish, plain] {
                let pattern = try NSRegularExpression(pattern: "(?<![0-9.,])" + NSRegularExpression.escapedPattern(for: text) + "(?![0-9])")
                for (report, page) in zip(reports, pages) {
                    #expect(
                        pattern.firstMatch(in: page, range: NSRange(page.startIndex..., in: page)) == nil,
                        "\(name): \(text) appears in \(report.cluster.name)'s presentation")
                }
            }
        }

        // In the latest period, each hidden municipality is a labelled gap: a row with its marker and no bar.
        let q = try #require(zip(reports, pages).first { $0.0.cluster.id == "Q" }?.1)
        let glostrup = try #require(q.range(of: "<title>Glostrup: skjult (&lt;5)</title>"))
        let row = q[glostrup.lowerBound..<(q[glostrup.lowerBound...].range(of: "</g>")?.lowerBound ?? q.endIndex)]
        #expect(!row.contains("<rect") && row.contains(">skjult (&lt;5)</text>"))
    }

    // MARK: - In a real browser

    /// Chromium, its driver and Selenium, which `make test` installs; the test fails, saying so, without them.
    static func requireBrowser() throws {
        for program in ["/usr/bin/chromium", "/usr/bin/chromedriver"] where !FileManager.default.isExecutableFile(atPath: program) {
            throw ProcessFailure(description: "\(program) missing: run `make test` (Tools/setup.sh installs chromium and chromium-driver)")
        }
        try Python.require("selenium")
    }

    /// Every council's presentation, printed by Chromium (`Browser/check_presentation.py`): one PDF page
    /// per slide, A4 landscape, and no slide or text block whose content overflows it.
    @Test(.timeLimit(.minutes(5)))
    func everyCouncilsPresentationPrintsOneSlidePerPageWithoutOverflow() throws {
        try Self.requireBrowser()
        let renderer = try PromptTestSupport.shippedRenderer()
        let reports = try Self.councils()
        try withTemporaryDirectory { scratch in
            var files: [String] = []
            var slides: [String: Int] = [:]
            for report in reports {
                let name = PackFiles(cluster: report.cluster).presentation
                let html = try Self.presentation(report, renderer: renderer)
                try html.write(toFile: scratch + "/" + name, atomically: true, encoding: .utf8)
                files.append(scratch + "/" + name)
                slides[name] = try Self.slideLabels(html).count
            }
            // Chromium and its driver keep profiles under TMPDIR: here, removed with the scratch folder.
            let temporary = scratch + "/tmp"
            try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
            let result = try Python.run([Self.script] + files + ["--pdf-folder", scratch + "/pdf"], environment: ["TMPDIR": temporary])
            #expect(result.status == 0, "check_presentation.py failed:\n\(result.stdout)\(result.stderr)")
            struct Line: Decodable {
                var page: String
                var slides: Int
                var pages: Int
                var problems: [String]
            }
            let lines = try result.stdout.split(separator: "\n").map { try JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
            #expect(lines.count == reports.count)
            for line in lines {
                #expect(
                    line.pages == line.slides && line.slides == slides[line.page],
                    "\(line.page): \(line.pages) pages, \(line.slides) slides")
                #expect(line.problems.isEmpty, "\(line.page): \(line.problems)")
            }
        }
    }
}
