import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeCore
@testable import DatapakkeRenderers

/// The workbook's one-page overview (Overblik), read back with openpyxl: one row per indicator, the
/// spread between the councils as every council's own pack shows its figure, and one printed page.
@Suite(.serialized) struct OverviewSheetTests {
    static let documentDate = Date(timeIntervalSince1970: 1_735_689_600)

    /// The overview sheet of `report`'s workbook, read back.
    static func overview(_ report: PackReport) throws -> ReadWorkbook.Sheet {
        try withTemporaryDirectory { folder in
            let path = folder + "/pakke.xlsx"
            try WorkbookRenderer().write(report, to: path)
            let workbook = try ReadWorkbook.read(path)
            return try #require(workbook.sheet("Overblik"))
        }
    }

    /// The rows under the header "Indikator" that name an indicator (a period in column 1), by name.
    static func indicatorRows(_ sheet: ReadWorkbook.Sheet) throws -> [(row: Int, name: String)] {
        let header = try #require(sheet.find("Indikator")).row
        var rows: [(Int, String)] = []
        var row = header + 1
        while let name = sheet.cell(row, 0)?.value.string {
            if sheet.cell(row, 1) != nil { rows.append((row, name)) }
            row += 1
        }
        return rows
    }

    @Test func theOverviewIsTheSecondSheetWithOneRowPerIndicatorOnOnePrintedPage() throws {
        let inputs = try ShippedInputs.councils()
        let builder = ReportBuilder(inputs: inputs)
        let reports = builder.build(documentDate: Self.documentDate, toolVersion: "test")
        let report = try #require(reports.first { $0.cluster.id == "SR06" })
        try withTemporaryDirectory { folder in
            let path = folder + "/pakke.xlsx"
            try WorkbookRenderer().write(report, to: path)
            let workbook = try ReadWorkbook.read(path)
            #expect(Array(workbook.sheets.map(\.name).prefix(2)) == ["Forside", "Overblik"])
            let front = try #require(workbook.sheet("Forside"))
            #expect(front.cells.compactMap(\.link).contains("'Overblik'!A1"), "the front page's contents link the overview")
        }
        let sheet = try Self.overview(report)
        let indicators = report.sections.flatMap(\.indicators)
        let rows = try Self.indicatorRows(sheet)
        #expect(rows.map(\.name) == indicators.map(\.indicator.shortTitle))

        let print = try #require(sheet.print)
        #expect(print.fitToPage && print.fitToWidth == 1 && print.fitToHeight == 1, "fit to one page: \(print)")
        #expect(print.paperSize == 9, "A4")
        #expect(sheet.landscape)

        // The spread, worked out here from every council's own table (its cluster row), not from the spread.
        for ((row, _), indicator) in zip(rows, indicators) {
            let decimals = indicator.indicator.decimals
            let shown = reports.compactMap { pack in
                pack.sections.flatMap(\.indicators).first { $0.indicator.id == indicator.indicator.id }?.clusterRow?.latest.number
            }.map { DanishNumber.rounded($0, decimals: decimals) }
            let cells = (3...6).map { sheet.cell(row, $0)?.value }
            if let own = indicator.clusterRow?.latest.number {
                #expect(cells[0] == .number(DanishNumber.rounded(own, decimals: decimals)), "\(indicator.indicator.id)")
            }
            if let country = indicator.countryRow?.latest.number {
                #expect(cells[1] == .number(DanishNumber.rounded(country, decimals: decimals)), "\(indicator.indicator.id)")
            }
            if let low = shown.min(), let high = shown.max() {
                #expect(cells[2] == .number(low) && cells[3] == .number(high), "\(indicator.indicator.id): \(cells)")
                let bar = try #require(sheet.cell(row, 7)?.value.string)
                #expect(bar.count == OverviewSheet.barWidth)
                #expect(bar.filter { $0 == "●" }.count == (indicator.clusterRow?.latest.number == nil ? 0 : 1))
            } else {
                #expect(cells[2] == .string("·") || cells[2] == .string(".."), "\(indicator.indicator.id): no spread, no number")
            }
            let level = try #require(sheet.cell(row, 8)?.value.string)
            if let mark = indicator.clusterRow?.levelMark {
                #expect(level == Vocabulary.level(mark, rule: indicator.indicator.comparison))
            } else {
                #expect(level == Vocabulary.levelUnjudged(indicator.indicator))
            }
        }
    }

    /// Råd R (Læsø alone) is hidden in 2024, and so is a council that protects it: both are left out of
    /// the lowest and highest, which are those of the councils whose own packs show their figure.
    @Test func aHiddenCouncilIsLeftOutOfTheSpread() throws {
        let inputs = try loadFixtureInputs(at: fixturePath("suppression"), catalogue: "Templates/indikatorer.yaml")
        let builder = ReportBuilder(inputs: inputs)
        let reports = builder.build(documentDate: Self.documentDate, toolVersion: "test")
        let p = try #require(reports.first { $0.cluster.id == "P" })
        let indicator = try #require(p.sections.flatMap(\.indicators).first { $0.indicator.id == "ophold" })
        let spread = try #require(indicator.spread)
        let r = try #require(spread.figures.first { $0.id == "R" })
        guard case .hidden = r.value else {
            Issue.record("Råd R should be hidden in \(spread.period): \(r.value)")
            return
        }
        #expect(spread.shownCount < spread.figures.count)
        let sheet = try Self.overview(p)
        let row = try #require(try Self.indicatorRows(sheet).first)
        let shown = reports.compactMap { $0.sections.flatMap(\.indicators).first?.clusterRow?.latest.number }.map {
            DanishNumber.rounded($0, decimals: 2)
        }
        #expect(shown.count == spread.shownCount && shown.count < reports.count)
        #expect(sheet.cell(row.row, 5)?.value == .number(shown.min() ?? -1))
        #expect(sheet.cell(row.row, 6)?.value == .number(shown.max() ?? -1))
        #expect(sheet.cell(row.row, 9)?.value.string?.contains("\(shown.count) af 4 sundhedsråd med tal") == true)
    }

    @Test func theTextBarPlacesTheCouncilAndTheCountryOnTheRowsOwnScale() {
        let scale = RangeScale(minimum: 0, maximum: 10, cluster: 10, country: 5)
        #expect(scale.textBar(width: 11) == "├────│────●")
        #expect(RangeScale(minimum: -4, maximum: 4, cluster: -4, country: nil).textBar(width: 5) == "●───┤")
        #expect(RangeScale(minimum: 3, maximum: 3, cluster: 3, country: 3).textBar(width: 5) == "  ●  ")
    }
}
