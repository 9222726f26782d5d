import DatapakkeCore
import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeRenderers

/// The CSV and terminal helpers every text output goes through.
@Suite struct TextSafetyTests {
    @Test func csvTextThatStartsLikeAFormulaIsNeutralisedAndNumbersAreNot() {
        #expect(CSVText.field(.text("=1+1")) == "'=1+1")
        #expect(CSVText.field(.text("+cmd|' /C calc'!A0")) == "'+cmd|' /C calc'!A0")
        #expect(CSVText.field(.text("-2+3")) == "'-2+3")
        #expect(CSVText.field(.text("@SUM(A1)")) == "'@SUM(A1)")
        #expect(CSVText.field(.text("\t=1")) == "'\t=1")
        #expect(CSVText.field(.text("\r=1")) == "\"'\r=1\"")
        #expect(CSVText.field(.text("-0,4")) == "'-0,4", "text that looks like a number is still text")
        #expect(CSVText.field(.number("-0,4")) == "-0,4")
        #expect(CSVText.field(.text("Sundhedsråd Midt- og Vestsjælland")) == "Sundhedsråd Midt- og Vestsjælland")
        #expect(CSVText.field(.text("")) == "")
    }

    @Test func csvFieldsAreQuotedAsRFC4180Says() {
        #expect(CSVText.field(.text("a;b")) == "\"a;b\"")
        #expect(CSVText.field(.text("sagt \"nej\"")) == "\"sagt \"\"nej\"\"\"")
        #expect(CSVText.field(.text("to\nlinjer")) == "\"to\nlinjer\"")
        #expect(CSVText.field(.text("to\r\nlinjer")) == "\"to\r\nlinjer\"")
        #expect(CSVText.field(.text("=HYPERLINK(\"http://x\";\"klik\")")) == "\"'=HYPERLINK(\"\"http://x\"\";\"\"klik\"\")\"")
        #expect(CSVText.line([.text("a"), .number("1,5"), .text("b;c")]) == "a;1,5;\"b;c\"")
        #expect(CSVText.document(header: ["x", "y"], rows: [[.text("æ"), .number("-1")]]) == "\u{FEFF}x;y\næ;-1\n")
    }

    @Test func terminalTextShowsControlCharactersAndLeavesDanishAlone() {
        #expect(TerminalText.escape("Sundhedsråd \u{1B}[31mRød\u{07}") == "Sundhedsråd \\u{1B}[31mRød\\u{7}")
        #expect(TerminalText.escape("a\nb\tc\r") == "a\\u{A}b\\u{9}c\\u{D}")
        #expect(TerminalText.escape("\u{9B}2J\u{7F}") == "\\u{9B}2J\\u{7F}", "C1 CSI and DEL")
        #expect(TerminalText.escape("abc\u{202E}fed") == "abc\\u{202E}fed", "a right-to-left override")
        #expect(TerminalText.escape("Æblegård, Ødsted, Århus – 12,3 % · ▲") == "Æblegård, Ødsted, Århus – 12,3 % · ▲")
        #expect(TerminalText.lines(["ok", "\u{1B}"]) == ["ok", "\\u{1B}"])
    }
}

/// A pack's figures as a CSV: the numbers the pack shows, hidden ones as their marker, never 0.
@Suite struct PackFiguresCSVTests {
    @Test func theCSVHoldsWhatThePackShowsAndNothingHidden() throws {
        let inputs = try ShippedInputs.councils()
        let builder = ReportBuilder(inputs: inputs)
        let report = builder.pack(
            for: try inputs.definitions.cluster(named: "SR07"), tables: builder.allTables(), documentDate: PromptTestSupport.documentDate,
            toolVersion: "test")
        let csv = PackFiguresCSV.csv(report)
        #expect(csv.hasPrefix("\u{FEFF}indikator;titel;enhed;periode;niveau;id;navn;vaerdi;taeller;naevner;nedre_95;oevre_95;skjult;"))
        let lines = csv.split(separator: "\n").map(String.init)
        let shownRows = report.sections.flatMap(\.indicators).reduce(0) { $0 + $1.rows.count * $1.periods.count }
        #expect(lines.count == shownRows + 1)
        // Every hidden cell of the pack (Læsø's small numbers) is a marker with an empty value.
        #expect(!report.hiddenCells.isEmpty)
        for (indicator, cell) in report.hiddenCells {
            let row = lines.first {
                $0.hasPrefix("\(indicator.id);") && $0.contains(";\(cell.period.label);") && $0.contains(";\(cell.rowName);")
            }
            // No value, no counts, no interval: only the marker.
            #expect(row?.contains(";\(cell.rowName);;;;;;\(cell.reason.marker);") == true, "\(indicator.id) \(cell.rowName)")
        }
        // A shown rate of persons carries its counts and its Wilson interval, which holds the value.
        let admissions = try #require(report.sections.flatMap(\.indicators).first { $0.indicator.id == "indlaeggelse_pct" })
        let council = try #require(admissions.clusterRow)
        let numerator = try #require(council.latestNumerator)
        let denominator = try #require(council.latestDenominator)
        let interval = try #require(council.latestInterval)
        let value = try #require(council.latest.number)
        #expect(abs(value - numerator / denominator * 100) < 1e-9 && interval.lower < value && value < interval.upper)
        let line = try #require(lines.first { $0.hasPrefix("indlaeggelse_pct;") && $0.contains(";SR07;") && $0.contains(";2024;") })
        let fields = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        #expect(fields[8] == DanishNumber.formatCount(numerator) && fields[9] == DanishNumber.formatCount(denominator))
        #expect(
            fields[10] == DanishNumber.format(interval.lower, decimals: 2) && fields[11] == DanishNumber.format(interval.upper, decimals: 2)
        )
        #expect(csv.contains(";sundhedsråd;SR07;Sundhedsråd Vendsyssel;"))
    }
}
