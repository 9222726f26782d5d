import DatapakkeCore
import XLSXWriter

/// The Refleksioner sheet: grouped by section, facts first, then the questions for the meeting.
struct PromptsSheet {
    let report: PackReport
    let prompts: PackPrompts
    let styles: WorkbookStyles

    func write(in workbook: Workbook) throws {
        let sheet = try workbook.addWorksheet(named: PackSheet.prompts.name)
        try setUpPage(sheet, report: report)
        sheet.setPortrait()
        sheet.hideGridlines()
        try sheet.setColumn(0, 0, width: 4)
        try sheet.setColumn(1, 1, width: 110)
        try sheet.write(.text("Refleksioner · \(report.cluster.name)"), row: 0, column: 0, style: styles.title)
        try sheet.write(
            .text("Spørgsmål til \(report.kind.definite)s drøftelser, med udgangspunkt i \(report.kind.definite)s egne tal."),
            row: 1, column: 0, style: styles.subtitle)
        try sheet.write(
            .internalLink(sheet: PackSheet.front.name, cell: "A1", text: "← Til forsiden"), row: 2, column: 0, style: styles.link)
        var row = 4
        if report.hasSyntheticData {
            try sheet.merge(
                firstRow: row, firstColumn: 0, lastRow: row, lastColumn: 1,
                text: "OBS: Tallene i spørgsmålene bygger delvis på SYNTETISKE eksempeldata.", style: styles.warning)
            row += 2
        }
        for group in prompts.sections where !group.items.isEmpty {
            try sheet.write(.text(group.section.title), row: row, column: 0, style: styles.heading)
            row += 1
            for item in group.items {
                try sheet.write(.text(item.title), row: row, column: 0, style: styles.subheading)
                row += 1
                for fact in item.facts {
                    try writeLine("•", fact, style: styles.text, row: &row, sheet: sheet)
                }
                for question in item.questions {
                    try writeLine("?", question.text, style: styles.text, row: &row, sheet: sheet)
                }
                row += 1
            }
        }
    }

    private func writeLine(_ bullet: String, _ text: String, style: Format, row: inout Int, sheet: Worksheet) throws {
        try sheet.write(.text(bullet), row: row, column: 0, style: styles.bullet)
        try sheet.write(.text(text), row: row, column: 1, style: styles.note)
        try sheet.setRow(row, height: min(maximumRowHeight, Double(max(1, (text.count + 129) / 130)) * 13.5 + 1))
        row += 1
    }
}
