import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeCore
@testable import DatapakkeRenderers

/// The funnel plots of the section sheets (FunnelChart.swift), read back from the written workbook
/// with an independent reader (`Readers/read_charts.py` for the charts, openpyxl for the cells) and
/// checked against the data files, PHStatsMethods and the small-number rules.
@Suite(.serialized) struct FunnelChartTests {
    static let documentDate = Date(timeIntervalSince1970: 1_735_689_600)

    /// A written pack, read back.
    struct Written {
        var report: PackReport
        var cells: ReadWorkbook
        var charts: ReadCharts
        /// The raw XML of every section sheet and every chart, by part name.
        var xml: [String: String]
    }

    static func write(_ report: PackReport) throws -> Written {
        try withTemporaryDirectory { folder in
            let path = folder + "/pakke.xlsx"
            try WorkbookRenderer().write(report, to: path)
            let charts = try ReadCharts.read(path)
            var xml: [String: String] = [:]
            for sheet in charts.sheets {
                xml[sheet.part] = try Unzip.part(path, sheet.part)
                for chart in sheet.charts { xml[chart.part] = try Unzip.part(path, chart.part) }
            }
            return Written(report: report, cells: try ReadWorkbook.read(path), charts: charts, xml: xml)
        }
    }

    static func shippedPack(_ id: String = "SR06") throws -> (DatapakkeInputs, Written) {
        let inputs = try ShippedInputs.councils()
        let builder = ReportBuilder(inputs: inputs)
        let report = builder.pack(
            for: try inputs.definitions.cluster(named: id), tables: builder.allTables(), documentDate: documentDate, toolVersion: "test")
        return (inputs, try write(report))
    }

    /// Whether the catalogue gives the indicator numerator and denominator per municipality.
    static func hasCounts(_ indicator: Indicator) -> Bool {
        switch indicator.aggregation {
        case .ratio(let scale): return scale > 1  // a plain ratio (patients per doctor) has no funnel
        case .populationShare: return true
        default: return false
        }
    }

    /// The indicators that stand on their own in a section (a group's members have the group's chart only).
    static func standalone(_ section: SectionReport) -> [IndicatorReport] {
        section.blocks.compactMap { block in
            if case .indicator(let indicator) = block { return indicator }
            return nil
        }
    }

    /// The series that draw points (markers, no line) and those that draw lines.
    static func pointSeries(_ chart: ReadCharts.Chart) -> [ReadCharts.Series] {
        chart.series.filter { !$0.line && $0.marker != "none" }
    }
    static func lineSeries(_ chart: ReadCharts.Chart) -> [ReadCharts.Series] {
        chart.series.filter { $0.line && $0.marker == "none" }
    }

    @Test func everyIndicatorWithCountsHasAFunnelPlotUnderItsBarChart() throws {
        let (inputs, written) = try Self.shippedPack()
        var funnels = 0
        for section in written.report.sections {
            let name = WorkbookRenderer.sheetName(for: section.section)
            let charts = try #require(written.charts.sheet(name)).charts
            let cells = try #require(written.cells.sheet(name))
            let bars = charts.filter { $0.type == "barChart" }
            let scatters = charts.filter { $0.type == "scatterChart" }
            #expect(bars.count == section.blocks.count)
            let eligible = Self.standalone(section).filter { Self.hasCounts($0.indicator) }
            #expect(scatters.count == eligible.count, "\(name)")
            for indicator in eligible {
                let info = indicator.indicator
                let period = try #require(inputs.periods(of: info).last)
                let title = try #require(cells.find(info.title))
                let nextTitle =
                    section.indicators.drop(while: { $0.indicator.id != info.id }).dropFirst().first.flatMap {
                        cells.find($0.indicator.title)?.row
                    }
                    ?? Int.max
                let chart = try #require(
                    scatters.first { $0.title == "Tragtdiagram: \(info.shortTitle), alle kommuner, \(period.label)" }, "\(info.id)")
                // Under the bar chart of its own block, so that both print on the indicator's page.
                let bar = try #require(bars.first { $0.row > title.row && $0.row < nextTitle })
                // Beside the bar chart of its own block, so that both print on the indicator's page.
                #expect(chart.row == bar.row && chart.row < nextTitle)
                #expect(chart.legend == ["Hele landet", "95 %-grænser", "99,8 %-grænser", "Øvrige kommuner", "Kommuner i sundhedsrådet"])
                #expect(chart.axisTitles.first == "Nævner (\(try #require(info.denominatorLabel)))")
                #expect(chart.axisTitles.last == info.unit)
                #expect(chart.logBases.first == "10")
                // Five lines (the country and two limits at two levels), smooth and without markers for the limits.
                let lines = Self.lineSeries(chart)
                #expect(lines.count == 5)
                #expect(lines.dropFirst().allSatisfy { $0.smooth && ($0.xCache?.count ?? 0) >= 60 })
                let xs = try #require(lines.first?.points.map(\.x))
                #expect(zip(xs, xs.dropFirst()).allSatisfy { $0.0 < $0.1 })
                let points = Self.pointSeries(chart).flatMap(\.points)
                #expect(xs.first == points.map(\.x).min() && xs.last == points.map(\.x).max())
                // The council's own municipalities, each labelled with its name.
                let members = Self.pointSeries(chart).filter { $0.name == "Kommuner i sundhedsrådet" }
                let labels = members.flatMap(\.labels).compactMap(\.text)
                let shownMembers = indicator.municipalityRows.filter { $0.latest.number != nil }.map(\.name)
                #expect(labels.sorted() == shownMembers.sorted(), "\(info.id)")
                funnels += 1
            }
        }
        #expect(funnels >= 13)
        // The documentation names the method for the plotted indicators and says why the others have none.
        let documentation = try #require(written.cells.sheet("Dokumentation"))
        for indicator in written.report.sections.flatMap(\.indicators) {
            if let plot = indicator.funnel {
                #expect(documentation.texts.contains(Vocabulary.funnelDocumentation(plot)), "\(indicator.indicator.id)")
            } else {
                #expect(!Self.hasCounts(indicator.indicator))
                let absence = try #require(indicator.funnelAbsence)
                #expect(documentation.texts.contains(Vocabulary.funnelAbsence(absence)), "\(indicator.indicator.id)")
            }
        }
        #expect(documentation.texts.contains("Intet tragtdiagram: kilden oplyser kun kommunernes værdier, ikke tællere og nævnere."))
        #expect(documentation.texts.contains { $0.contains("Wilsons metode for andele af personer") })
        #expect(documentation.texts.contains { $0.contains("eksakte Poisson-grænser for hændelser pr. befolkning") })
    }

    /// The shipped data read straight from the files: per municipality its numerator and denominator
    /// in the indicator's latest period, or nil where the file has none.
    static func shippedCounts(_ indicator: Indicator, period: Period) throws -> [MunicipalityCode: (Double, Double)] {
        func rows(_ file: String) throws -> [[String: String]] {
            let text = try String(contentsOfFile: packageRoot + "/Data/" + file, encoding: .utf8)
            let lines = text.split(whereSeparator: \.isNewline).map {
                $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            }
            let header = lines[0].map { $0.replacingOccurrences(of: "\u{FEFF}", with: "") }
            return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        }
        var counts: [MunicipalityCode: (Double, Double)] = [:]
        switch indicator.aggregation {
        case .ratio:
            // Every indicator file with counts (the synthetic ones: the real national-goals file has values only).
            let files = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/Data/indikatorer").filter {
                $0.hasPrefix("syntetiske-") && $0.hasSuffix(".csv") && $0 != "syntetiske-aldersfordelte.csv"
            }.sorted()
            for row in try files.flatMap({ try rows("indikatorer/" + $0) })
            where row["indikator"] == indicator.id && row["periode"] == period.id {
                guard let code = row["kommunekode"].flatMap({ Int($0) }), let top = row["taeller"].flatMap({ Double($0) }),
                    let bottom = row["naevner"].flatMap({ Double($0) })
                else { continue }
                counts[code] = (top, bottom)
            }
        case .populationShare(let top, let bottom, _):
            for row in try rows("befolkning/befolkning-syntetisk.csv") where row["dato"] == period.id {
                guard let code = row["kommunekode"].flatMap({ Int($0) }), let numerator = row[top.rawValue].flatMap({ Double($0) }),
                    let denominator = row[bottom.rawValue].flatMap({ Double($0) })
                else { continue }
                counts[code] = (numerator, denominator)
            }
        default:
            break
        }
        return counts
    }

    @Test func thePointsAreTheShownMunicipalValuesAndNoHiddenOne() throws {
        let (inputs, written) = try Self.shippedPack()
        let builder = ReportBuilder(inputs: inputs)
        var hiddenSeen = 0
        for section in written.report.sections {
            let name = WorkbookRenderer.sheetName(for: section.section)
            let scatters = try #require(written.charts.sheet(name)).charts.filter { $0.type == "scatterChart" }
            let cells = try #require(written.cells.sheet(name))
            for indicator in Self.standalone(section) where Self.hasCounts(indicator.indicator) {
                let info = indicator.indicator
                let period = try #require(inputs.periods(of: info).last)
                let chart = try #require(scatters.first { $0.title?.contains(" \(info.shortTitle), ") == true })
                let scale: Double
                switch info.aggregation {
                case .ratio(let s), .populationShare(_, _, let s): scale = s
                default: scale = .nan
                }
                // By hand from the files: the catalogue's thresholds hide a municipality (primary); the
                // secondary cells are the engine's, decided over both maps.
                let counts = try Self.shippedCounts(info, period: period)
                let rule = info.suppression.applying(to: info.aggregation)
                let primary = Set(
                    counts.filter { _, pair in
                        (rule.minimumNumerator.map { pair.0 < $0 } ?? false) || (rule.minimumDenominator.map { pair.1 < $0 } ?? false)
                    }.keys)
                let secondary = Set(
                    builder.table(info, period: period).hidden.compactMap { key, reason -> MunicipalityCode? in
                        guard case .municipality(let code) = key, reason == .secondary else { return nil }
                        return code
                    })
                let hidden = primary.union(secondary)
                hiddenSeen += hidden.count
                let expected = counts.filter { !hidden.contains($0.key) && $0.value.1 > 0 }.map { _, pair in
                    (x: pair.1, y: DanishNumber.rounded(pair.0 / pair.1 * scale, decimals: info.decimals))
                }
                let missing = inputs.register.municipalities.count - counts.filter { $0.value.1 > 0 }.count
                let plotted = Self.pointSeries(chart).flatMap(\.points)
                #expect(plotted.count == 98 - hidden.count - missing, "\(info.id)")
                let order = { (a: (x: Double, y: Double), b: (x: Double, y: Double)) in (a.x, a.y) < (b.x, b.y) }
                let pairs = zip(plotted.sorted(by: order), expected.sorted(by: order))
                #expect(pairs.allSatisfy { abs($0.0.x - $0.1.x) < 1e-9 && abs($0.0.y - $0.1.y) < 1e-9 }, "\(info.id)")
                // No hidden municipality is named in the plot's data block, nor its denominator written there or
                // plotted. (The same denominator may stand in another indicator's block, where the municipality
                // is shown: §§ 84, stk. 1 and 2 both count per resident aged 65+.)
                let heading = try #require(cells.find(Vocabulary.funnelDataHeading(shortTitle: info.shortTitle, period: period)))
                let block = cells.cells.filter {
                    $0.row >= heading.row && $0.row < heading.row + FunnelChart.dataRows && $0.column > heading.column
                }
                #expect(
                    block.compactMap(\.value.string).filter { name in inputs.register.municipalities.contains { $0.name == name } }.count
                        == plotted.count)
                for code in hidden {
                    let denominator = try #require(counts[code]?.1)
                    let name = try #require(inputs.register.municipality(code)?.name)
                    #expect(!plotted.contains { $0.x == denominator }, "\(info.id) \(name)")
                    #expect(
                        !block.contains { $0.value.number == denominator || $0.value.string == name },
                        "\(info.id) \(name) in the data block")
                }
                // The chart reads the sheet's data block: the cells hold exactly what the chart caches.
                for series in Self.pointSeries(chart) {
                    let xs = try Self.cells(series.x, in: cells)
                    let ys = try Self.cells(series.y, in: cells)
                    #expect(xs == series.points.map(\.x) && ys == series.points.map(\.y))
                }
            }
        }
        #expect(hiddenSeen >= 4, "§ 84 stays hide small municipalities in 2024")
    }

    /// The numbers of a one-row range ("'Population'!$Q$46:$DB$46") on the sheet.
    static func cells(_ range: String?, in sheet: ReadWorkbook.Sheet) throws -> [Double] {
        let reference = try #require(range?.split(separator: "!").last).replacingOccurrences(of: "$", with: "")
        let ends = reference.split(separator: ":").map(String.init)
        func position(_ a1: String) -> (row: Int, column: Int) {
            let letters = a1.prefix { $0.isLetter }
            let column = letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
            return (Int(a1.dropFirst(letters.count)).map { $0 - 1 } ?? -1, column)
        }
        let first = position(ends[0])
        let last = position(ends.last ?? ends[0])
        #expect(first.row == last.row)
        return (first.column...last.column).compactMap { sheet.cell(first.row, $0)?.value.number }
    }

    @Test func theLimitsInTheChartsAreThoseOfPHStatsMethods() throws {
        try Python.require("PHStatsMethods")
        let (_, written) = try Self.shippedPack()
        // Every limit point of every funnel plot, as an oracle case at the chart's own denominator and
        // around the target the chart draws (its country line): nothing taken from the report model.
        struct Case: Encodable {
            var id: String
            var kind: String
            var target: Double
            var denominator: Double
            var multiplier: Double
        }
        var cases: [Case] = []
        var drawn: [(lower: Double, upper: Double, level: Double, what: String)] = []
        for section in written.report.sections {
            let scatters = try #require(written.charts.sheet(WorkbookRenderer.sheetName(for: section.section))).charts.filter {
                $0.type == "scatterChart"
            }
            for indicator in Self.standalone(section) where Self.hasCounts(indicator.indicator) {
                let info = indicator.indicator
                let chart = try #require(scatters.first { $0.title?.contains(" \(info.shortTitle), ") == true })
                let lines = Self.lineSeries(chart)
                let target = try #require(lines.first?.points.first?.y)
                let persons: Bool
                let scale: Double
                switch info.aggregation {
                case .ratio(let s): (persons, scale) = (info.numeratorIsPartOfDenominator, s)
                case .populationShare(_, _, let s): (persons, scale) = (true, s)
                default: continue
                }
                let (innerLower, innerUpper, outerLower, outerUpper) = (lines[1].points, lines[2].points, lines[3].points, lines[4].points)
                for index in innerLower.indices {
                    let id = String(cases.count)
                    cases.append(
                        Case(
                            id: id, kind: persons ? "funnelProportion" : "funnelRateAt", target: target,
                            denominator: innerLower[index].x, multiplier: scale))
                    drawn.append((innerLower[index].y, innerUpper[index].y, 0.95, "\(info.id) at \(innerLower[index].x)"))
                    drawn.append((outerLower[index].y, outerUpper[index].y, 0.998, "\(info.id) at \(innerLower[index].x)"))
                }
            }
        }
        #expect(cases.count >= 13 * FunnelPlot.limitSamples && cases.count % FunnelPlot.limitSamples == 0)
        let results = try withTemporaryDirectory { folder -> [[String: Any]] in
            let input = folder + "/cases.json"
            try JSONEncoder().encode(["cases": cases]).write(to: URL(fileURLWithPath: input))
            let script = packageRoot + "/Tests/DatapakkeCoreTests/Oracles/phstatsmethods_oracle.py"
            let outcome = try runProcess("/bin/sh", ["-c", "exec \"$0\" \"$1\" < \"$2\"", Python.interpreter, script, input]).checked()
            let root = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
            return root?["results"] as? [[String: Any]] ?? []
        }
        try #require(results.count == cases.count)
        var worst = 0.0
        var compared = 0
        for (index, result) in results.enumerated() {
            for interval in result["intervals"] as? [[String: Any]] ?? [] {
                let level = interval["level"] as? Double ?? 0
                let mine = drawn[2 * index + (level > 0.99 ? 1 : 0)]
                let multiplier = cases[index].multiplier
                // PHStatsMethods' sigma_adjustment is not clipped; a drawn limit is within [0, multiplier].
                let clip = { (value: Double) in min(multiplier, max(0, value)) }
                for (ours, theirs) in [(mine.lower, interval["lower"] as? Double), (mine.upper, interval["upper"] as? Double)] {
                    let expected = clip(try #require(theirs, "\(mine.what)"))
                    let difference = ours == expected ? 0 : abs(ours - expected) / max(abs(ours), abs(expected))
                    worst = max(worst, difference)
                    compared += 1
                }
            }
        }
        #expect(compared == 4 * cases.count)
        #expect(worst <= 1e-9, "largest relative difference \(worst)")
        print("FunnelChartTests: \(compared) drawn limits compared with PHStatsMethods, largest relative difference \(worst)")
    }

    // MARK: The printed page

    @Test(arguments: [("SR06", false), ("H2", true)])
    func everyIndicatorStillPrintsOnOnePage(id: String, clusters: Bool) throws {
        // Sundhedsråd Midt- og Vestsjælland, and Sundhedsklynge Syd: ten municipalities, København split, the most rows.
        let inputs = clusters ? try ShippedInputs.clusters2022() : try ShippedInputs.councils()
        let builder = ReportBuilder(inputs: inputs)
        let report = builder.pack(
            for: try inputs.definitions.cluster(named: id), tables: builder.allTables(), documentDate: Self.documentDate,
            toolVersion: "test")
        struct Pages: Decodable {
            struct Sheet: Decodable {
                struct Page: Decodable { var firstRow, endRow: Int, fullness: Double }
                var name: String
                var pages: [Page]
            }
            var sheets: [Sheet]
        }
        let pages = try withTemporaryDirectory { folder -> Pages in
            let path = folder + "/pakke.xlsx"
            try WorkbookRenderer().write(report, to: path)
            let script = packageRoot + "/Tests/DatapakkeRenderersTests/Readers/read_print_pages.py"
            return try JSONDecoder().decode(Pages.self, from: Data(try Python.run([script, path]).checked().stdout.utf8))
        }
        for section in report.sections {
            let sheet = try #require(pages.sheets.first { $0.name == WorkbookRenderer.sheetName(for: section.section) })
            // At least one page a block (the page breaks; a chart that does not fit starts a page of its
            // own), and each page holds what it is given at the sheet's print scale.
            #expect(sheet.pages.count >= section.blocks.count)
            for page in sheet.pages {
                #expect(page.fullness <= 1, "\(id) \(sheet.name): rows \(page.firstRow)–\(page.endRow) fill \(page.fullness) of a page")
            }
        }
    }

    // MARK: Small numbers

    @Test func noHiddenValueOrDenominatorIsInAnySheetOrChart() throws {
        try withTemporaryDirectory { folder in
            let inputs = try SuppressionDisclosureTests.publish(into: folder, secondary: true)
            let checker = try DisclosureChecker(maps: SuppressionDisclosureTests.publishedMap(inputs, folder: folder), inputs: inputs)
            // Every pack's funnel plots (the fixture's rate and its share aged 80+) were read, and no value
            // hidden in one pack is plotted in another's.
            #expect(checker.funnelBlocksRead == 4 * 2)
            #expect(checker.conflicts.isEmpty, "\(checker.conflicts)")
            let indicator = try #require(inputs.catalogue.indicator("ophold"))
            let latest = try #require(inputs.periods(of: indicator).last)
            let hidden = checker.hiddenCells.filter { $0.period == latest.id }.compactMap {
                cell -> (name: String, rate: Double, denominator: Double)? in
                guard case .municipality = cell.cell, let denominator = cell.denominator else { return nil }
                return (cell.name, DanishNumber.rounded(cell.truth / denominator * 1000, decimals: 2), denominator)
            }
            // Glostrup (4 stays) and Læsø (2) by their numerators; Herlev and Middelfart by secondary suppression
            // (Herlev beside Glostrup in Råd Q; Middelfart as a further cell for Læsø, alone in its council and region).
            #expect(Set(hidden.map(\.name)) == ["Glostrup", "Herlev", "Læsø", "Middelfart"])
            for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where name.hasSuffix(".xlsx") {
                let path = folder + "/" + name
                let charts = try ReadCharts.read(path)
                let sheet = try #require(charts.sheet("Test"))
                let scatter = try #require(
                    sheet.charts.first { $0.type == "scatterChart" && $0.title?.contains(" \(indicator.shortTitle), ") == true })
                // 9 municipalities, 4 hidden in 2024, none without data.
                #expect(Self.pointSeries(scatter).flatMap(\.points).count == 5, "\(name)")
                let labels = Self.pointSeries(scatter).flatMap(\.labels).compactMap(\.text)
                let cells = try #require(try ReadWorkbook.read(path).sheet("Test"))
                let sheetNumbers = cells.cells.compactMap(\.value.number)
                var chartNumbers: [Double] = []
                for chart in sheet.charts {
                    let xml = try Unzip.part(path, chart.part)
                    chartNumbers += xml.components(separatedBy: "<c:v>").dropFirst().compactMap { Double($0.prefix { $0 != "<" }) }
                }
                // The names in the rate's own data block (the fixture's share aged 80+ has a block too,
                // in which these municipalities are shown: nothing of theirs is hidden there).
                let heading = try #require(
                    cells.cells.first { $0.value.string == Vocabulary.funnelDataHeading(shortTitle: indicator.shortTitle, period: latest) })
                let dataNames = cells.cells.filter { $0.row == heading.row + 1 && $0.column > heading.column }.compactMap(\.value.string)
                for cell in hidden {
                    for number in [cell.rate, cell.denominator] {
                        #expect(!chartNumbers.contains { abs($0 - number) < 1e-9 }, "\(name): \(cell.name)'s \(number) in a chart")
                        #expect(!sheetNumbers.contains { abs($0 - number) < 1e-9 }, "\(name): \(cell.name)'s \(number) on the sheet")
                    }
                    #expect(
                        !labels.contains(cell.name) && !dataNames.contains(cell.name), "\(name): \(cell.name) is named in the funnel plot")
                }
            }
        }
    }
}
