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
                "Kapacitet i praksissektoren", "Sundhedsuddannede", "Dokumentation",
            ])
        #expect(workbook.properties.title == "Datapakke – Sundhedsråd Midt- og Vestsjælland")
        #expect(workbook.properties.created?.hasPrefix("2025-01-01") == true)
        for sheet in workbook.sheets {
            // The front page and Dokumentation print portrait; the overview, the prompts and the
            // section sheets (a table with counts and interval, and charts) landscape.
            #expect(sheet.landscape == !["Forside", "Dokumentation"].contains(sheet.name), "\(sheet.name)")
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
        let names = (1...12).compactMap { sheet.cell(header + $0, 0)?.value.string }
        #expect(
            names == [
                "Holbæk", "Kalundborg", "Lejre", "Næstved", "Odsherred", "Ringsted", "Slagelse", "Sorø",
                "Sundhedsråd Midt- og Vestsjælland", "Region Østdanmark", "Sammenlignelige sundhedsråd", "Hele landet",
            ])
        // Computed outside the tool (Python over Data/*.csv), not by the engine that wrote the workbook:
        // Σ value × residents aged 65+ on 1 January 2023 / Σ residents aged 65+, over the council's 8
        // municipalities (written out in MidtOgVestsjaellandTests), Region Østdanmark's 46, the 41 of the
        // similar councils (Østsjælland og Øerne, Vestjylland, Nordsjælland, Københavns Omegn Nord, Fyn:
        // SimilarCouncilsTests) and the country's 98; each of them has a 2023 value.
        let expected: [(value: Double, shown: Double)] = [
            (6_699_570.4 / 109_479, 61.2),  // 61,195…
            (36_821_525.5 / 564_193, 65.3),  // 65,264…
            (26_505_736.8 / 453_609, 58.4),  // 58,433…
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

    @Test func anAgeStandardisedTableShowsTheStandardisedAndTheCrudeRate() throws {
        let workbook = try written()
        let sheet = try #require(workbook.sheet("Population"))
        let title = try #require(sheet.find("Borgere med mindst én udvalgt kronisk sygdom"))
        let header = title.row + 2
        #expect(sheet.cell(header, 2)?.value.string == "2024\npct. af borgerne\naldersstandardiseret")
        let crudeColumn = SectionSheet.crudeColumn
        #expect(sheet.cell(header, crudeColumn)?.value.string == "Rå rate 2024\n(ustandardiseret)")
        let council = try #require(
            (header...(header + 12)).first { sheet.cell($0, 0)?.value.string == "Sundhedsråd Midt- og Vestsjælland" })
        // Computed outside the tool (Python over Data/*.csv): the council's 2024 band rates weighted by
        // the whole country's residents per band on 1 January 2025, Σ wᵢ Oᵢ/nᵢ / Σ wᵢ × 100 = 16,766…,
        // and the crude share 79.810 / 415.676 × 100 = 19,200…, the real pack's 19,2 %.
        #expect(sheet.cell(council, 2)?.value.number == 16.8)
        #expect(sheet.cell(council, crudeColumn)?.value.number == 19.2)
        #expect(sheet.cell(council, crudeColumn)?.type == "n")
        #expect(
            sheet.texts.contains {
                $0.hasPrefix("Værdierne er direkte aldersstandardiseret til befolkningen i hele landet pr. 1. januar 2025")
            })
        // Every row of the block has its crude rate, and the chart shows the standardised one.
        let report = try #require(report.sections.flatMap(\.indicators).first { $0.indicator.id == "kronisk_sygdom_pct" })
        for (offset, row) in report.rows.enumerated() {
            let crude = try #require(row.crudeValues?.last?.number)
            #expect(sheet.cell(header + 1 + offset, crudeColumn)?.value.number == DanishNumber.rounded(crude, decimals: 1), "\(row.name)")
            #expect(
                sheet.cell(header + 1 + offset, SectionSheet.chartDataColumn)?.value.number
                    == row.latest.number.map { DanishNumber.rounded($0, decimals: 1) })
        }
        // Sheets without a standardised indicator have no crude rates (the column is hidden there).
        #expect(try #require(workbook.sheet("Udgifter")).cells.allSatisfy { $0.column != crudeColumn || $0.value.number == nil })
        let documentation = try #require(workbook.sheet("Dokumentation"))
        #expect(
            documentation.texts.contains {
                $0.hasPrefix(
                    "Direkte aldersstandardiseret til Den Europæiske Standardbefolkning 2013 (ESP 2013) over aldersgrupperne 65-69 til 90+ år."
                )
            })
        #expect(
            documentation.texts.contains { $0.hasPrefix("Direkte aldersstandardiseret til befolkningen i hele landet pr. 1. januar 2025") })
    }

    @Test func everySectionSheetHasAChartPerIndicatorOverItsTable() throws {
        let workbook = try written()
        for section in report.sections {
            let sheet = try #require(workbook.sheet(WorkbookRenderer.sheetName(for: section.section)))
            // One chart per indicator on its own and one per group (checked in groupsHaveOneBarChart…).
            // The bar charts; the funnel plots beside them are FunnelChartTests' matter.
            let bars = sheet.charts.filter { $0.type == "barChart" }
            #expect(bars.count == section.blocks.count)
            let single = zip(bars, section.blocks).compactMap { chart, block -> (ReadWorkbook.Chart, IndicatorReport)? in
                if case .indicator(let indicator) = block { return (chart, indicator) }
                return nil
            }
            for (chart, indicator) in single {
                #expect(chart.direction == "col")
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
                let valueColumn = SectionSheet.chartDataColumn  // the chart's helper column, the same in every block
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

    @Test(arguments: [
        ("Aktivitet i sundhedsvæsenet", "speciallaeger_kontakter", 15), ("Kapacitet i praksissektoren", "speciallaeger_praksis", 15),
        ("Population", "kroniske_sygdomme", 8),
    ])
    func groupsHaveOneBarChartWithACategoryPerMember(sheetName: String, groupID: String, members: Int) throws {
        let workbook = try written()
        let sheet = try #require(workbook.sheet(sheetName))
        let group = try #require(inputs.catalogue.groups.first { $0.id == groupID })
        let memberIDs = inputs.catalogue.indicators.filter { $0.groupID == groupID }.map(\.id)
        #expect(memberIDs.count == members)
        let titles = memberIDs.compactMap { inputs.catalogue.indicator($0)?.shortTitle }
        let charts = sheet.charts.filter { $0.title == "\(group.shortTitle), 2024" }
        #expect(charts.count == 1, "one chart for the whole group")
        let chart = try #require(charts.first)
        #expect(chart.type == "barChart")
        #expect(chart.direction == "bar", "horizontal bars, one category per member")
        #expect(chart.series.map(\.name) == ["Sundhedsråd Midt- og Vestsjælland", "Hele landet"])
        // The categories are the members' short titles, in catalogue order, one row each.
        let quoted = "'\(sheetName)'"
        let categories = try #require(chart.series.first?.categories)
        let match = try #require(categories.wholeMatch(of: /'.+'!\$A\$(\d+):\$A\$(\d+)/))
        let first = try #require(Int(match.1))
        let last = try #require(Int(match.2))
        #expect(last - first + 1 == members)
        #expect((first...last).map { sheet.cell($0 - 1, 0)?.value.string } == titles)
        #expect(chart.series.allSatisfy { $0.categories == categories })
        let (clusterLetter, countryLetter) = (Self.letter(SectionSheet.chartDataColumn), Self.letter(SectionSheet.countryChartDataColumn))
        #expect(
            chart.series.map(\.values) == [
                "\(quoted)!$\(clusterLetter)$\(first):$\(clusterLetter)$\(last)",
                "\(quoted)!$\(countryLetter)$\(first):$\(countryLetter)$\(last)",
            ])
        // The helper columns hold exactly the council's and the country's shown figures.
        let reports = try memberIDs.map { id in
            try #require(report.sections.flatMap(\.indicators).first { $0.indicator.id == id })
        }
        for (offset, member) in reports.enumerated() {
            let decimals = member.indicator.decimals
            for (column, row) in [
                (SectionSheet.chartDataColumn, member.clusterRow), (SectionSheet.countryChartDataColumn, member.countryRow),
            ] {
                let cell = sheet.cell(first - 1 + offset, column)?.value.number
                #expect(cell == row?.latest.number.map { DanishNumber.rounded($0, decimals: decimals) }, "\(member.indicator.id)")
            }
        }
        // Each member's own table follows, without a chart of its own.
        for member in reports {
            #expect(sheet.find(member.indicator.title) != nil, "\(member.indicator.id) has its table")
        }
        #expect(chart.row > last - 1)
    }

    /// The column letter of a 0-based column (A–Z).
    static func letter(_ column: Int) -> String { String(UnicodeScalar(UInt8(65 + column))) }

    @Test func trafficLightsFollowSignificanceInAHandCheckedCase() throws {
        // Indlæggelser, lower is better, compared by significance (a rate of persons with counts).
        // By hand from Data/indikatorer/syntetiske-indikatorer.csv (Wilson, z = 1,96; Newcombe's
        // difference of two Wilson intervals, written out in Python):
        // country 2024 551.120/5.974.612 = 9,224 %.
        // council 2024 41.568/415.676 = 10,000 % (9,909–10,092): above the country → significantly worse;
        //   2023 41.770/414.601: −0,075 procentpoint (−0,204 to +0,055) → not significantly changed.
        // Holbæk 7.034/74.129 = 9,489 % (9,280–9,702): wholly above 9,224 → significantly worse;
        //   change −0,187 (−0,487 to +0,113) → not significant (the ±1 % band said "better").
        // Sorø 2.825/30.478 = 9,269 % (8,949–9,600): holds the country → not significantly different.
        // Slagelse 9.073/79.923 = 11,352 % (11,134–11,574) → significantly worse.
        let sheet = try #require(try written().sheet("Aktivitet i sundhedsvæsenet"))
        let title = try #require(sheet.find("Borgere med indlæggelse på sygehus"))
        func marks(_ name: String) -> (String?, String?) {
            let row = (title.row...(title.row + 14)).first { sheet.cell($0, 0)?.value.string == name } ?? -1
            return (sheet.cell(row, SectionSheet.developmentColumn)?.value.string, sheet.cell(row, SectionSheet.levelColumn)?.value.string)
        }
        #expect(marks("Sundhedsråd Midt- og Vestsjælland") == ("● Ikke signifikant ændret", "▼ Signifikant dårligere"))
        #expect(marks("Holbæk") == ("● Ikke signifikant ændret", "▼ Signifikant dårligere"))
        #expect(marks("Sorø") == ("● Ikke signifikant ændret", "● Ikke signifikant forskellig"))
        #expect(marks("Slagelse").1 == "▼ Signifikant dårligere")
        #expect(marks("Hele landet").1 == nil)
        // The counts and the interval beside the latest rate.
        let holbaek = (title.row...(title.row + 14)).first { sheet.cell($0, 0)?.value.string == "Holbæk" } ?? -1
        #expect(sheet.cell(holbaek, SectionSheet.numeratorColumn)?.value == .number(7034))
        #expect(sheet.cell(holbaek, SectionSheet.denominatorColumn)?.value == .number(74129))
        #expect(sheet.cell(holbaek, SectionSheet.intervalColumn)?.value.string == "9,3–9,7")
        #expect(sheet.cell(holbaek, SectionSheet.levelColumn)?.fontColour == "FFB3261E")  // red
        #expect(sheet.texts.contains { $0.hasPrefix("Trafiklys efter statistisk signifikans") })
    }

    @Test func lifeExpectancyIsComparedWithinHalfAYear() throws {
        // Middellevetid: ±0,5 år in the indicator's unit (catalogue: sammenligning: { absolut: 0.5 }).
        let indicator = try #require(report.sections.flatMap(\.indicators).first { $0.indicator.id == "middellevetid_aar" })
        let country = try #require(indicator.countryRow?.latest.number)
        for row in indicator.municipalityRows {
            guard let value = row.latest.number else { continue }
            let difference = DanishNumber.rounded(value, decimals: 1) - DanishNumber.rounded(country, decimals: 1)
            let expected: TrafficLight = abs(difference) <= 0.5 + 1e-9 ? .yellow : difference > 0 ? .green : .red
            #expect(row.levelMark == expected, "\(row.name): \(value) against \(country)")
        }
        let sheet = try #require(try written().sheet("Population"))
        #expect(sheet.texts.contains { $0.contains("en forskel inden for ±0,5 år regnes som på niveau") })
    }

    @Test func indicatorsWithoutDirectionOrSecondPeriodSayWhyThereAreNoMarks() throws {
        let workbook = try written()
        let population = try #require(workbook.sheet("Population"))
        #expect(population.texts.contains("Ingen trafiklys: indikatoren har ingen retning, hvor høj eller lav er bedst."))
        let activity = try #require(workbook.sheet("Aktivitet i sundhedsvæsenet"))
        #expect(activity.texts.contains { $0.contains("Ingen markering af udvikling: der er kun data for én periode (2023).") })
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
