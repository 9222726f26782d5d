import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeCore
@testable import DatapakkeRenderers

/// Where a pack shows its similar councils (docs/similar-councils.md), read back with openpyxl: the
/// front page names them with their distances and lists the opportunities, the overview names them and
/// has their figure and the council's mark against it beside every indicator, each table has their row,
/// and Dokumentation explains the method and names each municipality's similar municipalities; the
/// presentation has a slide of them.
@Suite(.serialized) struct SimilarCouncilsWorkbookTests {
    static let documentDate = Date(timeIntervalSince1970: 1_735_689_600)

    static func report() throws -> PackReport {
        let inputs = try ShippedInputs.councils()
        let builder = ReportBuilder(inputs: inputs)
        let cluster = try #require(inputs.definitions.clusters.first { $0.id == "SR06" })
        return builder.pack(for: cluster, tables: builder.allTables(), documentDate: documentDate, toolVersion: "test")
    }

    @Test func thePackNamesItsSimilarCouncilsOnTheFrontPageAndTheOverview() throws {
        let report = try Self.report()
        let similar = try #require(report.similar)
        let names = [
            "Sundhedsråd Østsjælland og Øerne", "Sundhedsråd Vestjylland", "Sundhedsråd Nordsjælland",
            "Sundhedsråd Københavns Omegn Nord", "Sundhedsråd Fyn",
        ]
        #expect(similar.neighbours.map(\.name) == names)
        let workbook = try withTemporaryDirectory { folder in
            try WorkbookRenderer().write(report, to: folder + "/pakke.xlsx")
            return try ReadWorkbook.read(folder + "/pakke.xlsx")
        }

        let front = try #require(workbook.sheet("Forside"))
        #expect(front.find("Sammenlignelige sundhedsråd") != nil)
        let header = try #require(front.cells.first { $0.column == 1 && $0.value.string == "Afstand" })
        for (offset, neighbour) in similar.neighbours.enumerated() {
            #expect(front.cell(header.row + 1 + offset, 0)?.value.string == neighbour.name)
            #expect(front.cell(header.row + 1 + offset, 1)?.value.number == DanishNumber.rounded(neighbour.distance, decimals: 2))
        }
        #expect(
            front.texts.contains { $0.hasPrefix("Hele profilen bygger på SYNTETISKE eksempeldata") }, "the profile's data are synthetic")
        #expect(front.find("Muligheden") != nil)
        let stays = try #require(front.find("Forebyggelige akutte ophold"))
        let line = try #require(front.cell(stays.row, 1)?.value.string)
        #expect(
            line.hasPrefix(
                "ca. 960 færre forebyggelige akutte sygehusophold blandt ældre om året med det bedste kvartils niveau: 52,4 mod 61,2"))
        #expect(line.contains("vægtet med SYNTETISKE befolkningstal"))

        let overview = try #require(workbook.sheet("Overblik"))
        #expect(overview.cell(3, 0)?.value.string == "Sammenlignelige sundhedsråd: \(DanishText.list(names)) (se forsiden).")
        let columnHeader = try #require(overview.find("Indikator"))
        #expect(overview.cell(columnHeader.row, 10)?.value.string == "Sammen-\nlignelige")
        #expect(overview.cell(columnHeader.row, 11)?.value.string == "Ift. sammenlignelige")
        let row = try #require(overview.cells.first { $0.column == 0 && $0.value.string == "Forebyggelige akutte ophold" }).row
        #expect(overview.cell(row, 10)?.value.number == 58.4)
        #expect(overview.cell(row, 11)?.value.string == "▼ Dårligere end de sammenlignelige")
        #expect(overview.cell(columnHeader.row, 12)?.value.string == "Muligheden")
        #expect(overview.cell(row, 12)?.value.string == "ca. 960 færre om året")

        let documentation = try #require(workbook.sheet("Dokumentation"))
        #expect(documentation.find("Sammenlignelige sundhedsråd og muligheden") != nil)
        #expect(documentation.texts.contains { $0.hasPrefix("Borgere på 65 år og derover (1. januar 2025), vægt 1;") })
        #expect(documentation.find("Forbehold") != nil)
        // Each member municipality's ten most similar municipalities.
        let municipalities = try #require(documentation.find("Sammenlignelige kommuner"))
        let holbaek = try #require(documentation.cells.first { $0.value.string == "Holbæk" && $0.row > municipalities.row })
        #expect(documentation.cell(holbaek.row, 1)?.value.string?.split(separator: ",").count == 10)

        // Every table has the similar councils' row after the region, with its mark against the country.
        let activity = try #require(workbook.sheet("Aktivitet i sundhedsvæsenet"))
        let title = try #require(activity.find("Forebyggelige akutte sygehusophold blandt ældre"))
        let similarRow = title.row + 2 + 11
        #expect(activity.cell(similarRow - 1, 0)?.value.string == "Region Østdanmark")
        #expect(activity.cell(similarRow, 0)?.value.string == "Sammenlignelige sundhedsråd")
        #expect(activity.cell(similarRow, 2)?.value.number == 58.4)
        #expect(activity.cell(similarRow, SectionSheet.levelColumn)?.value.string == "▼ Dårligere end landet")
        // SR06's similar councils' figures are all shown: no note about them under the tables.
        #expect(!activity.texts.contains(Vocabulary.similarHiddenNote))
    }

    @Test func thePresentationHasASlideOfTheSimilarCouncils() throws {
        let report = try Self.report()
        let renderer = try PromptTestSupport.shippedRenderer()
        let html = try Presentation(templates: HTMLTemplates(directory: packageRoot + "/Templates/html")).html(
            report, prompts: renderer.prompts(for: report))
        let start = try #require(html.range(of: "aria-label=\"Sammenlignelige\""))
        let slide = String(html[start.lowerBound...].prefix(20_000))
        for neighbour in report.similar?.neighbours ?? [] {
            #expect(
                slide.contains(
                    "<tr><th scope=\"row\">\(neighbour.name)</th><td class=\"tal\">\(DanishNumber.format(neighbour.distance, decimals: 2))</td></tr>"
                ))
        }
        #expect(slide.contains("ca. 960 færre forebyggelige akutte sygehusophold blandt ældre om året"))
    }
}
