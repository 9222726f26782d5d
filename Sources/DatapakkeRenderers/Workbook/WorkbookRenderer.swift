import DatapakkeCore
import Foundation
import XLSXWriter

/// Writes one pack's Excel workbook from its report model.
public struct WorkbookRenderer {
    /// The prompts shown on the Refleksioner sheet, already rendered from the templates.
    public var prompts: PackPrompts?

    public init(prompts: PackPrompts? = nil) {
        self.prompts = prompts
    }

    /// The sheet names, in order: front page, overview, one per section, prompts, documentation.
    public static func sheetNames(for report: PackReport, withPrompts: Bool) -> [String] {
        PackSheet.all(for: report, withPrompts: withPrompts).map(\.name)
    }

    /// A section's sheet name: its title, cut to Excel's 31 characters.
    public static func sheetName(for section: DatapakkeCore.Section) -> String {
        PackSheet.section(section).name
    }

    /// Writes the workbook to `path`; nothing is left at `path` if anything fails. `changes` are the
    /// build's sentences on what changed since the previous version of the pack, for the front page.
    /// `temporaryPath` is where the file is written before it is renamed to `path` (same folder; nil:
    /// the workbook writer's own hidden name).
    public func write(_ report: PackReport, changes: [String] = [], to path: String, temporaryPath: String? = nil) throws {
        let properties = DocumentProperties(
            title: "Datapakke – \(report.cluster.name)",
            subject: "Data om borgere, aktivitet, udgifter, medicin og kapacitet i \(report.cluster.name)",
            author: "datapakke \(report.toolVersion)",
            manager: "",
            company: "",
            category: "Datapakke til \(report.kind.rawValue)",
            keywords: ["datapakke", report.kind.rawValue, report.cluster.name, report.regionName].joined(separator: ", ")
                + (report.hasSyntheticData ? ", syntetiske eksempeldata" : ""),
            comments: report.hasSyntheticData ? "Indeholder SYNTETISKE eksempeldata; se Forside og Dokumentation." : "",
            created: report.documentDate)
        try Workbook.write(to: path, temporaryPath: temporaryPath, properties: properties) { workbook in
            let styles = WorkbookStyles(workbook)
            let sheets = PackSheet.all(for: report, withPrompts: prompts != nil)
            try FrontPage(report: report, changes: changes, styles: styles, sheets: sheets).write(in: workbook)
            try OverviewSheet(report: report, styles: styles).write(in: workbook)
            for section in report.sections {
                try SectionSheet(report: report, section: section, styles: styles).write(in: workbook)
            }
            if let prompts {
                try PromptsSheet(report: report, prompts: prompts, styles: styles).write(in: workbook)
            }
            try DocumentationSheet(report: report, styles: styles).write(in: workbook)
        }
    }
}

/// Page setup shared by every sheet: A4 landscape, fit to width, the council's name in the header.
func setUpPage(_ sheet: Worksheet, report: PackReport) throws {
    sheet.setPaperA4()
    sheet.setLandscape()
    sheet.fitToPages(width: 1, height: 0)
    sheet.setMargins(left: 0.5, right: 0.5, top: 0.75, bottom: 0.6)
    try sheet.setHeader("&L&\"Calibri,Bold\"\(headerText(report.cluster.name))&R&A")
    try sheet.setFooter("&LDatapakke · \(headerText(report.documentDate.danishDate))&RSide &P af &N")
}
