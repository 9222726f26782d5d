import DatapakkeTestSupport
import Foundation
import Testing
import XLSXWriter

/// Runs `body` inside a workbook that is expected to fail, returning the error it threw; checks no file was written.
func failingBuild(sourceLocation: SourceLocation = #_sourceLocation, _ body: (Workbook) throws -> Void) throws -> XLSXError? {
    try withTemporaryDirectoryURL { dir throws in
        let file = dir.appendingPathComponent("fail.xlsx")
        let error = thrownError(sourceLocation: sourceLocation) {
            try Workbook.write(to: file.path, properties: testProperties, body)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, sourceLocation: sourceLocation)
        return error
    }
}

/// The reason inside an `.invalidSheetName` error, or nil.
func sheetNameReason(_ error: XLSXError?) -> String? {
    guard case .invalidSheetName(_, let reason)? = error else { return nil }
    return reason
}

@Suite("Trap: Excel limits checked in Swift")
struct ValidationTests {
    @Test func sheetNameRules() throws {
        let longest = String(repeating: "x", count: 31)
        try withTemporaryDirectoryURL { dir in
            try Workbook.write(
                to: dir.appendingPathComponent("ok.xlsx").path, properties: testProperties
            ) { workbook in
                _ = try workbook.addWorksheet(named: longest)
                _ = try workbook.addWorksheet(named: "Ann's data")  // an apostrophe inside is fine
                _ = try workbook.addWorksheet(named: "Sundhed – ældre & børn")
            }
        }

        let empty = try failingBuild { try _ = $0.addWorksheet(named: "") }
        #expect(sheetNameReason(empty)?.contains("empty") == true)

        let tooLong = try failingBuild { try _ = $0.addWorksheet(named: longest + "y") }
        #expect(sheetNameReason(tooLong)?.contains("32 characters") == true)

        for character in ["[", "]", ":", "*", "?", "/", "\\"] {
            let error = try failingBuild { try _ = $0.addWorksheet(named: "Data\(character)2024") }
            #expect(sheetNameReason(error)?.contains("contains '\(character)'") == true, "character \(character)")
        }

        for name in ["'Data", "Data'", "'"] {
            let error = try failingBuild { try _ = $0.addWorksheet(named: name) }
            #expect(sheetNameReason(error)?.contains("apostrophe") == true, "name \(name)")
        }

        let duplicate = try failingBuild { workbook in
            _ = try workbook.addWorksheet(named: "Data")
            _ = try workbook.addWorksheet(named: "DATA")
        }
        #expect(sheetNameReason(duplicate)?.contains("already exists") == true)

        let danishDuplicate = try failingBuild { workbook in
            _ = try workbook.addWorksheet(named: "Ældre")
            _ = try workbook.addWorksheet(named: "ældre")
        }
        #expect(sheetNameReason(danishDuplicate)?.contains("already exists") == true)
    }

    @Test func cellTextLimit() throws {
        try withTemporaryDirectoryURL { dir in
            let file = dir.appendingPathComponent("long.xlsx")
            let maximum = String(repeating: "a", count: 32_767)
            try Workbook.write(to: file.path, properties: testProperties) { workbook in
                try workbook.addWorksheet(named: "Data").write(.text(maximum), row: 0, column: 0)
            }
            #expect(try part(file, "xl/sharedStrings.xml").contains(maximum))

            let error = try failingBuild { workbook in
                try workbook.addWorksheet(named: "Data").write(.text(maximum + "a"), row: 2, column: 1)
            }
            #expect(error == .textTooLong(operation: "worksheet_write_string", sheet: "Data", cell: "B3", length: 32_768, limit: 32_767))
        }
    }

    @Test func gridLimits() throws {
        try withTemporaryDirectoryURL { dir in
            let file = dir.appendingPathComponent("edge.xlsx")
            try Workbook.write(to: file.path, properties: testProperties) { workbook in
                try workbook.addWorksheet(named: "Data").write(.number(1), row: 1_048_575, column: 16_383)
            }
            #expect(cellXML(try part(file, "xl/worksheets/sheet1.xml"), "XFD1048576") != nil)

            for (row, column) in [(1_048_576, 0), (0, 16_384), (-1, 0), (0, -1)] {
                let error = try failingBuild { workbook in
                    try workbook.addWorksheet(named: "Data").write(.number(1), row: row, column: column)
                }
                #expect(error == .cellOutOfRange(operation: "worksheet_write_number", sheet: "Data", row: row, column: column))
            }
        }
    }

    @Test func urlLengthLimit() throws {
        let base = "https://example.com/"
        let maximum = base + String(repeating: "a", count: 2_079 - base.count)
        try withTemporaryDirectoryURL { dir in
            try Workbook.write(to: dir.appendingPathComponent("url.xlsx").path, properties: testProperties) { workbook in
                try workbook.addWorksheet(named: "Data").write(.url(maximum, text: nil), row: 0, column: 0)
            }
            let error = try failingBuild { workbook in
                try workbook.addWorksheet(named: "Data").write(.url(maximum + "a", text: "link"), row: 0, column: 0)
            }
            #expect(error == .textTooLong(operation: "worksheet_write_url_opt", sheet: "Data", cell: "A1", length: 2_080, limit: 2_079))
        }
    }

    @Test func urlWithoutSchemeIsRejected() throws {
        let error = try failingBuild { workbook in
            try workbook.addWorksheet(named: "Data").write(.url("www.sst.dk", text: nil), row: 0, column: 0)
        }
        guard case .invalidArgument(let operation, _, let cell, let message)? = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(operation == "worksheet_write_url_opt" && cell == "A1")
        #expect(message.contains("www.sst.dk"))
    }

    @Test func nonFiniteNumbersAreRejected() throws {
        for value in [Double.nan, .infinity, -.infinity] {
            let error = try failingBuild { workbook in
                try workbook.addWorksheet(named: "Data").write(.number(value), row: 0, column: 0)
            }
            guard case .invalidArgument(let operation, let sheet, let cell, _)? = error else {
                Issue.record("unexpected \(String(describing: error))")
                continue
            }
            #expect(operation == "worksheet_write_number" && sheet == "Data" && cell == "A1")
        }
    }

    @Test func internalLinkToMissingSheetFailsTheWorkbook() throws {
        let error = try failingBuild { workbook in
            try workbook.addWorksheet(named: "Data").write(
                .internalLink(sheet: "Mangler", cell: "A1", text: "x"), row: 0, column: 0)
        }
        guard case .invalidArgument(_, _, _, let message)? = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(message.contains("'Mangler'"))

        let badCell = try failingBuild { workbook in
            _ = try workbook.addWorksheet(named: "Mål")
            try workbook.addWorksheet(named: "Data").write(.internalLink(sheet: "Mål", cell: "B0", text: "x"), row: 0, column: 0)
        }
        guard case .invalidArgument(_, _, _, let badMessage)? = badCell else {
            Issue.record("unexpected \(String(describing: badCell))")
            return
        }
        #expect(badMessage.contains("'B0'"))
    }

    @Test func libraryErrorsNameOperationSheetAndCell() throws {
        // libxlsxwriter itself refuses to merge a single cell; the error must come back through the one check function.
        let error = try failingBuild { workbook in
            try workbook.addWorksheet(named: "Befolkning").merge(firstRow: 3, firstColumn: 1, lastRow: 3, lastColumn: 1, text: "x")
        }
        guard case .libraryError(let operation, let sheet, let cell, let message)? = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(operation == "worksheet_merge_range")
        #expect(sheet == "Befolkning")
        #expect(cell == "B4")
        #expect(!message.isEmpty)
    }

    @Test func invalidArgumentsToNonThrowingMethodsFailTheWorkbook() throws {
        let zoom = try failingBuild { workbook in
            try workbook.addWorksheet(named: "Data").setZoom(5)
        }
        #expect(zoom == .invalidArgument(operation: "worksheet_set_zoom", sheet: "Data", cell: nil, message: "zoom 5% is outside 10...400"))

        let freeze = try failingBuild { workbook in
            try workbook.addWorksheet(named: "Data").freezePanes(row: -1, column: 0)
        }
        #expect(freeze == .cellOutOfRange(operation: "worksheet_freeze_panes", sheet: "Data", row: -1, column: 0))

        let style = try failingBuild { workbook in
            let bad = workbook.style(CellStyle(numberFormat: String(repeating: "0", count: 200)))
            try workbook.addWorksheet(named: "Data").write(.number(1), row: 0, column: 0, style: bad)
        }
        guard case .invalidArgument(let operation, _, let cell, _)? = style else {
            Issue.record("unexpected \(String(describing: style))")
            return
        }
        #expect(operation == "worksheet_write_number" && cell == "A1")

        let chartStyle = try failingBuild { workbook in
            try workbook.addChart(.pie).setYAxisMin(0)
        }
        guard case .invalidArgument(let chartOperation, _, _, _)? = chartStyle else {
            Issue.record("unexpected \(String(describing: chartStyle))")
            return
        }
        #expect(chartOperation == "chart_axis_set_min")
    }

    @Test func formatsFromAnotherWorkbookAreRejected() throws {
        try withTemporaryDirectoryURL { dir in
            let error = try failingBuild { outer in
                let sheet = try outer.addWorksheet(named: "Data")
                try Workbook.write(to: dir.appendingPathComponent("inner.xlsx").path, properties: testProperties) { inner in
                    _ = try inner.addWorksheet(named: "Inner")
                    try sheet.write(.number(1), row: 0, column: 0, style: inner.style(CellStyle(bold: true)))
                }
            }
            guard case .invalidArgument(_, _, _, let message)? = error else {
                Issue.record("unexpected \(String(describing: error))")
                return
            }
            #expect(message.contains("different workbook"))
        }
    }
}
