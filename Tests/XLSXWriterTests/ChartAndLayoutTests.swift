import DatapakkeTestSupport
import Foundation
import Testing
import XLSXWriter

@Suite("Charts, styles, conditional formats and page setup")
struct ChartAndLayoutTests {
    @Test func columnChartReferencesQuotedRanges() throws {
        try withTemporaryDirectoryURL { dir in
            let file = dir.appendingPathComponent("chart.xlsx")
            let sheetName = "Aktivitet i sundhedsvæsenet"
            try Workbook.write(to: file.path, properties: testProperties) { workbook in
                let sheet = try workbook.addWorksheet(named: sheetName)
                for row in 4...11 {
                    try sheet.write(.text("Region \(row)"), row: row, column: 0)
                    try sheet.write(.number(Double(row) * 1.5), row: row, column: 1)
                }
                let chart = try workbook.addChart(.column)
                let series = try chart.addSeries(
                    name: "Kontakter",
                    categories: CellRange(sheet: sheetName, firstRow: 4, firstColumn: 0, lastRow: 11, lastColumn: 0),
                    values: CellRange(sheet: sheetName, firstRow: 4, firstColumn: 1, lastRow: 11, lastColumn: 1))
                series.setFillColor(0x1F77B4)
                series.setLineColor(0x000000, width: 1.5)
                try series.setPointColors([nil, 0xFF0000, nil, 0x00FF00])
                series.setDataLabels(show: true, numberFormat: "#,##0.0")
                chart.setTitle("Kontakter pr. region")
                chart.setXAxisTitle("Region")
                chart.setYAxisTitle("Antal")
                chart.setYAxisNumberFormat("#,##0")
                chart.setYAxisMin(0)
                chart.setYAxisMax(20)
                chart.setLegend(position: .bottom)
                chart.setStyle(10)
                chart.setGapWidth(50)
                try sheet.insertChart(chart, row: 1, column: 4, xOffset: 10, yOffset: 5, xScale: 1.5, yScale: 1.2)
            }
            #expect(try entries(file).contains("xl/charts/chart1.xml"))
            #expect(try entries(file).contains("xl/drawings/drawing1.xml"))
            let chart = try part(file, "xl/charts/chart1.xml")
            #expect(chart.contains("<c:barDir val=\"col\"/>"))
            #expect(chart.contains("<c:f>'Aktivitet i sundhedsvæsenet'!$B$5:$B$12</c:f>"))
            #expect(chart.contains("<c:f>'Aktivitet i sundhedsvæsenet'!$A$5:$A$12</c:f>"))
            #expect(chart.contains("<c:v>Kontakter</c:v>"))
            #expect(chart.contains("Kontakter pr. region"))
            #expect(chart.contains("<a:t>Antal</a:t>"))
            #expect(chart.contains("<c:numFmt formatCode=\"#,##0\" sourceLinked=\"0\"/>"))
            #expect(chart.contains("<c:min val=\"0\"/>"))
            #expect(chart.contains("<c:max val=\"20\"/>"))
            #expect(chart.contains("<c:legendPos val=\"b\"/>"))
            #expect(chart.contains("<c:style val=\"10\"/>"))
            #expect(chart.contains("<c:gapWidth val=\"50\"/>"))
            #expect(chart.contains("<a:srgbClr val=\"1F77B4\"/>"))
            #expect(chart.contains("<c:dLbls>"))
            #expect(chart.contains("<c:numFmt formatCode=\"#,##0.0\" sourceLinked=\"0\"/>"))
            // Only the two coloured points get a data-point override, with their own index and colour.
            #expect(chart.components(separatedBy: "<c:dPt>").count - 1 == 2)
            #expect(
                chart.contains(
                    "<c:dPt><c:idx val=\"1\"/><c:spPr><a:solidFill><a:srgbClr val=\"FF0000\"/></a:solidFill></c:spPr></c:dPt>"))
            #expect(
                chart.contains(
                    "<c:dPt><c:idx val=\"3\"/><c:spPr><a:solidFill><a:srgbClr val=\"00FF00\"/></a:solidFill></c:spPr></c:dPt>"))
            // Black must survive libxlsxwriter's "0 means unset" convention.
            #expect(chart.contains("<a:ln w=\"19050\"><a:solidFill><a:srgbClr val=\"000000\"/></a:solidFill></a:ln>"))
            // The data cache was filled from the sheet even though the name needs quoting.
            #expect(chart.contains("<c:v>16.5</c:v>"))
        }
    }

    @Test func pieAndBarChartsAndSheetNamesWithApostrophes() throws {
        try withTemporaryDirectoryURL { dir in
            let file = dir.appendingPathComponent("pie.xlsx")
            try Workbook.write(to: file.path, properties: testProperties) { workbook in
                let sheet = try workbook.addWorksheet(named: "Ann's tal")
                for row in 0..<3 { try sheet.write(.number(Double(row + 1)), row: row, column: 0) }
                let pie = try workbook.addChart(.pie)
                _ = try pie.addSeries(values: CellRange(sheet: sheet.name, firstRow: 0, firstColumn: 0, lastRow: 2, lastColumn: 0))
                pie.setLegend(position: .none)
                try sheet.insertChart(pie, row: 0, column: 2)
                let bar = try workbook.addChart(.barStacked)
                _ = try bar.addSeries(values: CellRange(sheet: sheet.name, firstRow: 0, firstColumn: 0, lastRow: 2, lastColumn: 0))
                try sheet.insertChart(bar, row: 20, column: 2)
            }
            let pie = try part(file, "xl/charts/chart1.xml")
            #expect(pie.contains("<c:pieChart>"))
            #expect(pie.contains("<c:f>'Ann''s tal'!$A$1:$A$3</c:f>"))
            #expect(!pie.contains("<c:legend>"))
            let bar = try part(file, "xl/charts/chart2.xml")
            #expect(bar.contains("<c:barDir val=\"bar\"/>"))
            #expect(bar.contains("<c:grouping val=\"stacked\"/>"))
        }
    }

    @Test func chartReferencingMissingSheetFailsTheWorkbook() throws {
        let error = try failingBuild { workbook in
            let sheet = try workbook.addWorksheet(named: "Data")
            let chart = try workbook.addChart(.line)
            _ = try chart.addSeries(values: CellRange(sheet: "Dta", firstRow: 0, firstColumn: 0, lastRow: 3, lastColumn: 0))
            try sheet.insertChart(chart, row: 0, column: 0)
        }
        guard case .invalidArgument(let operation, _, _, let message)? = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(operation == "chart_add_series")
        #expect(message.contains("'Dta'"))
    }

    @Test func invertedRangeIsRejected() throws {
        let error = try failingBuild { workbook in
            _ = try workbook.addWorksheet(named: "Data")
            _ = try workbook.addChart(.line).addSeries(
                values: CellRange(sheet: "Data", firstRow: 5, firstColumn: 0, lastRow: 1, lastColumn: 0))
        }
        guard case .invalidArgument(let operation, _, _, _)? = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(operation == "chart_add_series")
    }

    @Test func stylesAreCachedAndWritten() throws {
        try withTemporaryDirectoryURL { dir in
            let file = dir.appendingPathComponent("styles.xlsx")
            try Workbook.write(to: file.path, properties: testProperties) { workbook in
                let header = CellStyle(
                    bold: true, italic: true, fontName: "Arial", fontSize: 14, fontColor: 0x112233,
                    backgroundColor: 0xDDEEFF, numberFormat: "#,##0.0", horizontalAlignment: .right,
                    verticalAlignment: .top, wrapText: true, border: .thin, bottomBorder: .medium, indent: 2)
                let first = workbook.style(header)
                let second = workbook.style(header)
                let other = workbook.style(CellStyle(italic: true, fontColor: 0x000000, horizontalAlignment: .center))
                #expect(first === second)
                #expect(first !== other)
                let sheet = try workbook.addWorksheet(named: "Data")
                try sheet.write(.number(1.25), row: 0, column: 0, style: first)
                try sheet.write(.number(2), row: 1, column: 0, style: second)
                try sheet.write(.number(3), row: 2, column: 0, style: other)
            }
            let styles = try part(file, "xl/styles.xml")
            #expect(styles.contains("formatCode=\"#,##0.0\""))
            #expect(styles.contains("<b/>"))
            #expect(styles.contains("<sz val=\"14\"/>"))
            #expect(styles.contains("<color rgb=\"FF112233\"/>"))
            #expect(styles.contains("<name val=\"Arial\"/>"))
            #expect(styles.contains("<fgColor rgb=\"FFDDEEFF\"/>"))
            #expect(styles.contains("<bottom style=\"medium\">"))
            #expect(styles.contains("<left style=\"thin\">"))
            #expect(styles.contains("horizontal=\"right\" vertical=\"top\" indent=\"2\""))
            #expect(styles.contains("horizontal=\"center\""))
            // Black must survive libxlsxwriter's "0 means unset" convention.
            #expect(styles.contains("<i/><sz val=\"11\"/><color rgb=\"FF000000\"/>"))
            #expect(styles.contains("vertical=\"top\""))
            #expect(styles.contains("wrapText=\"1\""))
            #expect(styles.contains("indent=\"2\""))
            // Default + two distinct styles: the cached format was registered once.
            #expect(styles.contains("<cellXfs count=\"3\">"))
            let sheet = try part(file, "xl/worksheets/sheet1.xml")
            #expect(cellXML(sheet, "A1")?.contains("s=\"1\"") == true)
            #expect(cellXML(sheet, "A2")?.contains("s=\"1\"") == true)
            #expect(cellXML(sheet, "A3")?.contains("s=\"2\"") == true)
        }
    }

    @Test func conditionalFormats() throws {
        try withTemporaryDirectoryURL { dir in
            let file = dir.appendingPathComponent("cond.xlsx")
            try Workbook.write(to: file.path, properties: testProperties) { workbook in
                let sheet = try workbook.addWorksheet(named: "Data")
                let red = workbook.style(CellStyle(fontColor: 0x9C0006, backgroundColor: 0xFFC7CE))
                try sheet.conditionalFormat(
                    firstRow: 1, firstColumn: 1, lastRow: 9, lastColumn: 1, rule: .cellValue(.greaterThan(100.5)), style: red)
                try sheet.conditionalFormat(
                    firstRow: 1, firstColumn: 2, lastRow: 9, lastColumn: 2, rule: .cellValue(.lessThan(-3)), style: red)
                try sheet.conditionalFormat(
                    firstRow: 1, firstColumn: 3, lastRow: 9, lastColumn: 3, rule: .cellValue(.between(1, 2.5)), style: red)
                try sheet.conditionalFormat(
                    firstRow: 1, firstColumn: 0, lastRow: 9, lastColumn: 0, rule: .textContains("mangler"), style: red)
            }
            let sheet = try part(file, "xl/worksheets/sheet1.xml")
            #expect(
                sheet.contains(
                    "<conditionalFormatting sqref=\"B2:B10\"><cfRule type=\"cellIs\" dxfId=\"0\" priority=\"1\" operator=\"greaterThan\"><formula>100.5</formula>"
                ))
            #expect(sheet.contains("operator=\"lessThan\"><formula>-3</formula>"))
            #expect(sheet.contains("operator=\"between\"><formula>1</formula><formula>2.5</formula>"))
            #expect(sheet.contains("<conditionalFormatting sqref=\"A2:A10\"><cfRule type=\"containsText\""))
            #expect(sheet.contains("text=\"mangler\""))
            #expect(sheet.contains("SEARCH(\"mangler\",A2)"))
            let styles = try part(file, "xl/styles.xml")
            #expect(styles.contains("<dxfs count=\"1\">"))
        }
    }

    @Test func pageSetupAndView() throws {
        try withTemporaryDirectoryURL { dir in
            let file = dir.appendingPathComponent("page.xlsx")
            try Workbook.write(to: file.path, properties: testProperties) { workbook in
                _ = try workbook.addWorksheet(named: "Forside")
                let sheet = try workbook.addWorksheet(named: "Data")
                try sheet.write(.text("Header"), row: 0, column: 0)
                sheet.setLandscape()
                sheet.setPaperA4()
                sheet.fitToPages(width: 1, height: 0)
                try sheet.setHeader("&CSundhedsdata")
                try sheet.setFooter("&CSide &P af &N")
                try sheet.repeatRows(first: 0, last: 1)
                sheet.setMargins(left: 0.5, right: 0.5, top: 1, bottom: 1)
                sheet.hideGridlines()
                sheet.setTabColor(0x2E75B6)
                sheet.setZoom(85)
                sheet.freezePanes(row: 1, column: 0)
                try sheet.setColumn(0, 1, width: 20)
                try sheet.setColumn(5, 5, width: 10, hidden: true)
                try sheet.setRow(0, height: 30, style: workbook.style(CellStyle(bold: true)))
                // What the sheet remembers of its rows' heights, for a caller that measures its pages.
                #expect(sheet.rowHeights == [0: 30])
                sheet.activate()
            }
            let sheet = try part(file, "xl/worksheets/sheet2.xml")
            #expect(sheet.contains("orientation=\"landscape\""))
            #expect(sheet.contains("paperSize=\"9\""))
            #expect(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"))
            #expect(sheet.contains("fitToHeight=\"0\""))
            #expect(sheet.contains("<oddHeader>&amp;CSundhedsdata</oddHeader>"))
            #expect(sheet.contains("<oddFooter>&amp;CSide &amp;P af &amp;N</oddFooter>"))
            #expect(sheet.contains("<pageMargins left=\"0.5\" right=\"0.5\" top=\"1\" bottom=\"1\""))
            #expect(sheet.contains("showGridLines=\"0\""))
            #expect(sheet.contains("<tabColor rgb=\"FF2E75B6\"/>"))
            #expect(sheet.contains("zoomScale=\"85\""))
            #expect(sheet.contains("tabSelected=\"1\""))
            #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
            #expect(sheet.contains("<col min=\"1\" max=\"2\" width=\"20.7109375\" customWidth=\"1\"/>"))
            #expect(sheet.contains("<col min=\"6\" max=\"6\" width=\"10.7109375\" hidden=\"1\" customWidth=\"1\"/>"))
            #expect(sheet.contains("ht=\"30\""))
            let workbookXML = try part(file, "xl/workbook.xml")
            #expect(workbookXML.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">Data!$1:$2</definedName>"))
            #expect(workbookXML.contains("activeTab=\"1\""))
        }
    }

    @Test func dataValidationList() throws {
        try withTemporaryDirectoryURL { dir in
            let file = dir.appendingPathComponent("validation.xlsx")
            try Workbook.write(to: file.path, properties: testProperties) { workbook in
                try workbook.addWorksheet(named: "Data").dataValidationList(
                    ["Hovedstaden", "Sjælland", "Syddanmark"], firstRow: 1, firstColumn: 0, lastRow: 20, lastColumn: 0)
            }
            let sheet = try part(file, "xl/worksheets/sheet1.xml")
            #expect(sheet.contains("<dataValidation type=\"list\""))
            #expect(sheet.contains("sqref=\"A2:A21\""))
            #expect(sheet.contains("<formula1>\"Hovedstaden,Sjælland,Syddanmark\"</formula1>"))

            let error = try failingBuild { workbook in
                try workbook.addWorksheet(named: "Data").dataValidationList(["a,b"], firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 0)
            }
            guard case .invalidArgument(let operation, _, _, _)? = error else {
                Issue.record("unexpected \(String(describing: error))")
                return
            }
            #expect(operation == "worksheet_data_validation_range")
        }
    }

    @Test func headerLongerThanExcelAllowsIsRejected() throws {
        let error = try failingBuild { workbook in
            try workbook.addWorksheet(named: "Data").setHeader(String(repeating: "x", count: 256))
        }
        #expect(error == .textTooLong(operation: "worksheet_set_header", sheet: "Data", cell: nil, length: 256, limit: 255))
    }

    @Test func scatterChartWithMarkersSmoothLinesCustomLabelsAndALogAxis() throws {
        try withTemporaryDirectoryURL { dir in
            let file = dir.appendingPathComponent("scatter.xlsx")
            let sheetName = "Tragt"
            try Workbook.write(to: file.path, properties: testProperties) { workbook in
                let sheet = try workbook.addWorksheet(named: sheetName)
                for (column, (x, y)) in [(1_800.0, 33.0), (60_000, 25.5), (650_000, 13.5)].enumerated() {
                    try sheet.write(.number(x), row: 0, column: column)
                    try sheet.write(.number(y), row: 1, column: column)
                    try sheet.write(.text("Kommune \(column)"), row: 2, column: column)
                }
                let chart = try workbook.addChart(.scatter)
                let xs = CellRange(sheet: sheetName, firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 2)
                let ys = CellRange(sheet: sheetName, firstRow: 1, firstColumn: 0, lastRow: 1, lastColumn: 2)
                let points = try chart.addSeries(name: "Kommuner", categories: xs, values: ys)
                points.setMarker(.diamond, size: 8, fill: 0x0B4F6C, border: 0xFFFFFF)
                try points.setCustomDataLabels(
                    [.text("Læsø"), .cell(CellRange(sheet: sheetName, firstRow: 2, firstColumn: 1, lastRow: 2, lastColumn: 1)), .hidden],
                    fontSize: 10)
                points.setDataLabelPosition(.left)
                let line = try chart.addSeries(name: "Grænse", categories: xs, values: ys)
                line.setLineColor(0xB3261E, width: 1.25, dash: .dash)
                line.setMarker(.none)
                line.setSmooth(true)
                let second = try chart.addSeries(name: "Grænse, øvre", categories: xs, values: ys)
                second.setLineColor(0xB3261E)
                try chart.hideFromLegend(seriesAt: [2])
                chart.setLogBase(.x, 10)
                chart.setLegendFontSize(11)
                chart.setTitle("Tragt")
                chart.setTitleFontSize(12)
                try sheet.insertChart(chart, row: 4, column: 0)
            }
            let chart = try part(file, "xl/charts/chart1.xml")
            #expect(chart.contains("<c:scatterChart>"))
            #expect(chart.contains("<c:xVal><c:numRef><c:f>'Tragt'!$A$1:$C$1</c:f>"))
            #expect(chart.contains("<c:yVal><c:numRef><c:f>'Tragt'!$A$2:$C$2</c:f>"))
            // The points: diamonds of size 8, filled, with a white border, and no line (scatter's default).
            #expect(chart.contains("<c:symbol val=\"diamond\"/><c:size val=\"8\"/>"))
            #expect(chart.contains("<a:solidFill><a:srgbClr val=\"0B4F6C\"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val=\"FFFFFF\"/>"))
            // Their labels: a text, a cell's text cached from the sheet, and none at the third point.
            #expect(chart.contains("<c:dLbl><c:idx val=\"0\"/><c:layout/><c:tx><c:rich>"))
            #expect(chart.contains("<a:t>Læsø</a:t>"))
            #expect(chart.contains("<c:f>'Tragt'!$B$3</c:f>"))
            #expect(chart.contains("<c:v>Kommune 1</c:v>"))
            #expect(chart.contains("<c:dLbl><c:idx val=\"2\"/><c:delete val=\"1\"/></c:dLbl>"))
            #expect(chart.contains("<c:dLblPos val=\"l\"/>"))
            // The limit: a smooth dashed line without markers.
            #expect(chart.contains("<a:prstDash val=\"dash\"/>"))
            #expect(chart.contains("<c:symbol val=\"none\"/>"))
            #expect(chart.contains("<c:smooth val=\"1\"/>"))
            #expect(chart.contains("<c:logBase val=\"10\"/>"))
            #expect(chart.contains("<c:legendEntry><c:idx val=\"2\"/><c:delete val=\"1\"/></c:legendEntry>"))
            #expect(chart.contains("<c:legend><c:legendPos val=\"r\"/>"))
            #expect(chart.contains("<a:defRPr sz=\"1200\" b=\"1\""))
            #expect(
                chart.contains(
                    "<a:defRPr sz=\"1100\" b=\"0\" i=\"0\" baseline=\"0\"/></a:pPr><a:endParaRPr lang=\"en-US\"/></a:p></c:txPr></c:legend>"
                ))
        }
    }

    @Test func scatterArgumentsOutsideTheirRangesFailTheWorkbook() throws {
        func invalid(_ body: @escaping (Chart, ChartSeries) throws -> Void) throws -> String? {
            let error = try failingBuild { workbook in
                let sheet = try workbook.addWorksheet(named: "Data")
                try sheet.write(.number(1), row: 0, column: 0)
                let chart = try workbook.addChart(.scatter)
                let range = CellRange(sheet: "Data", firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 0)
                try body(chart, try chart.addSeries(categories: range, values: range))
                try sheet.insertChart(chart, row: 2, column: 0)
            }
            guard case .invalidArgument(let operation, _, _, _)? = error else {
                Issue.record("unexpected \(String(describing: error))")
                return nil
            }
            return operation
        }
        #expect(try invalid { _, series in series.setMarker(.circle, size: 1) } == "chart_series_set_marker_size")
        #expect(try invalid { _, series in series.setMarker(.circle, fill: 0x1000000) } == "chart_series_set_marker_fill")
        #expect(try invalid { chart, _ in chart.setLogBase(.x, 1) } == "chart_axis_set_log_base")
        #expect(try invalid { chart, _ in try chart.hideFromLegend(seriesAt: [1]) } == "chart_legend_delete_series")
        #expect(try invalid { _, series in try series.setCustomDataLabels([.text("=A1")]) } == "chart_series_set_labels_custom")
        #expect(
            try invalid { _, series in
                try series.setCustomDataLabels([.cell(CellRange(sheet: "Data", firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 0))])
            } == "chart_series_set_labels_custom")
        // A column chart's horizontal axis holds categories, which cannot be logarithmic.
        let column = try failingBuild { workbook in
            let sheet = try workbook.addWorksheet(named: "Data")
            try sheet.write(.number(1), row: 0, column: 0)
            let chart = try workbook.addChart(.column)
            _ = try chart.addSeries(values: CellRange(sheet: "Data", firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 0))
            chart.setLogBase(.x, 10)
            try sheet.insertChart(chart, row: 2, column: 0)
        }
        guard case .invalidArgument(let operation, _, _, let message)? = column else {
            Issue.record("unexpected \(String(describing: column))")
            return
        }
        #expect(operation == "chart_axis_set_log_base")
        #expect(message.contains("no value axis"))
    }
}
