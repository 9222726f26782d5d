import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeCore
@testable import DatapakkeRenderers

/// The workbook of Sundhedsråd Midt- og Vestsjælland, written from the shipped data and read back
/// with openpyxl.
@Suite(.serialized) struct WorkbookTests {
    static let documentDate = Date(timeIntervalSince1970: 1_735_689_600)  // 1 January 2025, UTC

    let inputs: DatapakkeInputs
    let report: PackReport

    init() throws {
        inputs = try ShippedInputs.councils()
        let builder = ReportBuilder(inputs: inputs)
        let council = try inputs.definitions.cluster(named: "SR06")
        report = builder.pack(for: council, tables: builder.allTables(), documentDate: Self.documentDate, toolVersion: "test")
    }

    func written() throws -> ReadWorkbook {
        try withTemporaryDirectory { folder in
            let path = folder + "/pakke.xlsx"
            try WorkbookRenderer().write(report, to: path)
            return try ReadWorkbook.read(path)
        }
    }

    @Test func theSheetsOfTheRealPackExist() throws {
        let workbook = try written()
        #expect(
            workbook.sheets.map(\.name) == [
                "Forside", "Overblik", "Population", "Forebyggelse og trivsel", "Aktivitet i sundhedsvæsenet", "Udgifter", "Medicin",
                "Kapacitet i praksissektoren", "Dokumentation",
            ])
        #expect(workbook.properties.title == "Datapakke – Sundhedsråd Midt- og Vestsjælland")
        #expect(workbook.properties.created?.hasPrefix("2025-01-01") == true)
        for sheet in workbook.sheets {
            // The front page and the section sheets print portrait (a section's table and chart fill a
            // page's width); the prompts and the overview, with their long rows, landscape.
            #expect(sheet.landscape == ["Refleksioner", "Overblik"].contains(sheet.name), "\(sheet.name)")
            #expect(sheet.header == "Sundhedsråd Midt- og Vestsjælland")
        }
    }

    @Test func theFrontPageNamesMembersLinksSheetsAndWarnsOfSyntheticData() throws {
        let front = try #require(try written().sheet("Forside"))
        #expect(front.cell(0, 0)?.value.string == "Sundhedsråd Midt- og Vestsjælland")
        #expect(front.texts.contains { $0.hasPrefix("OBS: Dele af tallene er SYNTETISKE eksempeldata") })
        #expect(front.texts.contains("Holbæk Sygehus; Slagelse Sygehus"))
        for name in ["Holbæk", "Kalundborg", "Lejre", "Næstved", "Odsherred", "Ringsted", "Slagelse", "Sorø"] {
            #expect(front.find(name) != nil, "member \(name) on the front page")
        }
        let links = front.cells.compactMap(\.link)
        #expect(links.contains("'Aktivitet i sundhedsvæsenet'!A1"))
        #expect(links.contains("Dokumentation!A1") || links.contains("'Dokumentation'!A1"))
    }

    @Test func aCouncilTableHoldsMembersCouncilRegionAndCountryWithTheComputedFigures() throws {
        let sheet = try #require(try written().sheet("Aktivitet i sundhedsvæsenet"))
        let title = try #require(sheet.find("Forebyggelige akutte sygehusophold blandt ældre"))
        let header = title.row + 2
        #expect(sheet.cell(header, 0)?.value.string == "Område")
        // One period only: it stands in the latest period's column, the second.
        #expect(sheet.cell(header, 2)?.value.string == "2023\npr. 1.000 borgere på 65 år og derover")
        let names = (1...11).compactMap { sheet.cell(header + $0, 0)?.value.string }
        #expect(
            names == [
                "Holbæk", "Kalundborg", "Lejre", "Næstved", "Odsherred", "Ringsted", "Slagelse", "Sorø",
                "Sundhedsråd Midt- og Vestsjælland", "Region Østdanmark", "Hele landet",
            ])
        // Computed outside the tool (Python over Data/*.csv), not by the engine that wrote the workbook:
        // Σ value × residents aged 65+ on 1 January 2023 / Σ residents aged 65+, over the council's 8
        // municipalities (written out in MidtOgVestsjaellandTests), Region Østdanmark's 46 and the
        // country's 98; each of them has a 2023 value.
        let expected: [(value: Double, shown: Double)] = [
            (6_699_570.4 / 109_479, 61.2),  // 61,195…
            (36_821_525.5 / 564_193, 65.3),  // 65,264…
            (70_818_929.5 / 1_249_310, 56.7),  // 56,686…
        ]
        for (offset, figure) in expected.enumerated() {
            let cell = try #require(sheet.cell(header + 9 + offset, 2))
            #expect(cell.type == "n", "a number cell, not text")
            // Stored as shown, with the indicator's one decimal.
            #expect(cell.value.number == figure.shown)
            #expect(abs((cell.value.number ?? 0) - figure.value) <= 0.05)
        }
        // Slagelse's own published value, stored as a number with one decimal shown.
        let slagelse = try #require(sheet.cell(header + 7, 2))
        #expect(slagelse.value == .number(65.5))
        #expect(slagelse.format == "#,##0.0")
    }

    @Test func everySectionSheetHasAChartPerIndicatorOverItsTable() throws {
        let workbook = try written()
        for section in report.sections {
            let sheet = try #require(workbook.sheet(WorkbookRenderer.sheetName(for: section.section)))
            // The bar charts; the funnel plots under them are FunnelChartTests' matter.
            let bars = sheet.charts.filter { $0.type == "barChart" }
            #expect(bars.count == section.indicators.count)
            for (chart, indicator) in zip(bars, section.indicators) {
                let series = try #require(chart.series.first)
                let title = try #require(sheet.find(indicator.indicator.title))
                let first = title.row + 4  // title, unit line, header, then the first municipality (1-based + 1)
                let rows = { () -> Int in
                    switch indicator.indicator.aggregation {
                    case .count, .population: return indicator.municipalityRows.count
                    default: return indicator.rows.count
                    }
                }()
                let quoted = "'\(sheet.name)'"
                #expect(series.categories == "\(quoted)!$A$\(first):$A$\(first + rows - 1)")
                let valueColumn = 6  // the chart's helper column, the same in every block
                let letter = String(UnicodeScalar(UInt8(65 + valueColumn)))
                #expect(series.values == "\(quoted)!$\(letter)$\(first):$\(letter)$\(first + rows - 1)")
                #expect(series.pointColours.count == rows)
                // The chart's data column holds exactly the shown latest values.
                for (offset, row) in indicator.rows.prefix(rows).enumerated() {
                    let cell = sheet.cell(first - 1 + offset, valueColumn)?.value.number
                    if let shown = row.latest.number {
                        #expect(cell == DanishNumber.rounded(shown, decimals: indicator.indicator.decimals))
                    } else {
                        #expect(cell == nil, "a hidden or missing value is a gap in the chart, not a number")
                    }
                }
            }
        }
    }

    @Test func trafficLightsFollowTheOnePercentRuleInAHandCheckedCase() throws {
        // Indlæggelser, lower is better. By hand from the data files:
        // council 2023 41.770/414.601 = 10,07 %, 2024 41.568/415.676 = 10,00 %: −0,74 % → unchanged;
        // country 2024 551.120/5.974.612 = 9,22 %: the council is 8,4 % above → worse than the country.
        // Holbæk 9,68 → 9,49 (−1,9 %) → better, and 2,9 % above the country → worse.
        // Sorø 9,01 → 9,27 (+2,9 %) → worse, 0,48 % above the country → on level.
        // Kalundborg 9,29 → 9,30 (+0,18 %) → unchanged, 0,85 % above → on level.
        let sheet = try #require(try written().sheet("Aktivitet i sundhedsvæsenet"))
        let title = try #require(sheet.find("Borgere med indlæggelse på sygehus"))
        func marks(_ name: String) -> (String?, String?) {
            let row = (title.row...(title.row + 14)).first { sheet.cell($0, 0)?.value.string == name } ?? -1
            return (sheet.cell(row, 3)?.value.string, sheet.cell(row, 4)?.value.string)
        }
        #expect(marks("Sundhedsråd Midt- og Vestsjælland") == ("● Uændret", "▼ Dårligere end landet"))
        #expect(marks("Holbæk") == ("▲ Bedre", "▼ Dårligere end landet"))
        #expect(marks("Sorø") == ("▼ Dårligere", "● På niveau"))
        #expect(marks("Kalundborg") == ("● Uændret", "● På niveau"))
        #expect(marks("Hele landet").1 == nil)
        let row = (title.row...(title.row + 14)).first { sheet.cell($0, 0)?.value.string == "Holbæk" } ?? -1
        #expect(sheet.cell(row, 3)?.fontColour == "FF1E7B34")  // green
    }

    @Test func indicatorsWithoutDirectionOrSecondPeriodSayWhyThereAreNoMarks() throws {
        let workbook = try written()
        let population = try #require(workbook.sheet("Population"))
        #expect(population.texts.contains("Ingen trafiklys: indikatoren har ingen retning, hvor høj eller lav er bedst."))
        let activity = try #require(workbook.sheet("Aktivitet i sundhedsvæsenet"))
        #expect(activity.texts.contains { $0.hasPrefix("Ingen markering af udvikling: der er kun data for én periode (2023).") })
    }

    @Test func theDocumentationSheetDescribesEveryIndicator() throws {
        let documentation = try #require(try written().sheet("Dokumentation"))
        for indicator in inputs.catalogue.indicators {
            #expect(documentation.find(indicator.title) != nil, "\(indicator.id) documented")
        }
        #expect(documentation.texts.contains("Gennemsnit af kommunernes værdier, vægtet med antal borgere på 65 år og derover."))
        #expect(documentation.texts.contains("Reelle, offentliggjorte tal"))
        #expect(documentation.texts.contains("SYNTETISKE eksempeldata"))
        // The shipped councils are published with the 2022 clusters, and hidden cells decided with them.
        #expect(
            documentation.texts.contains { $0.hasPrefix("Offentliggøres sammen med Sundhedsklynger 2022 for de samme kommuner og data.") })
    }

    @Test func twoWritesOfTheSameReportAreByteIdentical() throws {
        try withTemporaryDirectory { folder in
            try WorkbookRenderer().write(report, to: folder + "/a.xlsx")
            Thread.sleep(forTimeInterval: 1.1)  // a clock in the output would now differ
            try WorkbookRenderer().write(report, to: folder + "/b.xlsx")
            let a = try Data(contentsOf: URL(fileURLWithPath: folder + "/a.xlsx"))
            let b = try Data(contentsOf: URL(fileURLWithPath: folder + "/b.xlsx"))
            #expect(a == b)
            #expect(a.count > 10_000)
        }
    }

    @Test(arguments: ["Sundhedsråd Midt- og Vestsjælland", "Klynge: Nord/Syd*?", "Æblø Å"])
    func fileNamesAreSafeAndStable(name: String) {
        let cluster = Cluster(id: "X1", name: name, region: "R", acuteHospitals: ["H"], members: [])
        let stem = PackFiles(cluster: cluster).stem
        #expect(stem.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
        #expect(!stem.isEmpty && !stem.hasPrefix("-") && !stem.hasSuffix("-"))
        #expect(PackFiles(cluster: cluster).stem == stem)
    }

    @Test func theCouncilFileNameMatchesTheRealPack() {
        let cluster = Cluster(id: "SR06", name: "Sundhedsråd Midt- og Vestsjælland", region: "Østdanmark", acuteHospitals: [], members: [])
        #expect(PackFiles(cluster: cluster).workbook == "sundhedsraad-midt-og-vestsjaelland.xlsx")
    }
}
