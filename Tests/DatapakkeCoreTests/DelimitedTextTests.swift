import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeCore

@Suite struct DelimitedTextTests {
    @Test(arguments: [
        ("12,3", 12.3), ("1.234,5", 1234.5), ("-0,4", -0.4), ("\u{2212}2", -2), ("7", 7), (" 26,6 ", 26.6), ("16.377", 16377),
        ("1.234.567,25", 1_234_567.25),
    ])
    func decimalCommaFiles(text: String, expected: Double) {
        #expect(parseNumber(text, as: .decimal(.comma)) == .number(expected))
    }

    @Test(arguments: [("12.3", 12.3), ("-0.4", -0.4), ("7", 7), ("0.125", 0.125), ("1.234.567", 1_234_567), ("1234.5", 1234.5)])
    func decimalPointFiles(text: String, expected: Double) {
        #expect(parseNumber(text, as: .decimal(.point)) == .number(expected))
    }

    /// A thousands point is read as thousands where the column holds counts or the file writes decimal
    /// commas; where the file writes decimal points, "16.377" could be either and is refused.
    @Test func aThousandsPointIsNeverGuessed() {
        #expect(parseNumber("16.377", as: .count) == .number(16377))
        #expect(parseNumber("16.377", as: .decimal(.comma)) == .number(16377))
        guard case .invalid(let why) = parseNumber("16.377", as: .decimal(.point)) else {
            Issue.record("16.377 in a decimal-point file must be refused")
            return
        }
        #expect(why.contains("16,377") && why.contains("16377"))
        #expect(DecimalConvention.detect(["12.3", "", "1.234"]) == .point)
        #expect(DecimalConvention.detect(["12.3", "4,5"]) == .comma)
    }

    @Test(arguments: ["80043,5", "-5", "16.3", "1.2345", "12,", "abc"])
    func countsAreNonNegativeWholeNumbers(text: String) {
        guard case .invalid = parseNumber(text, as: .count) else {
            Issue.record("«\(text)» must not be read as a count")
            return
        }
    }

    @Test(arguments: ["", "..", "  "])
    func notShownIsNotAvailableNeverZero(text: String) {
        #expect(parseNumber(text, as: .count) == .notAvailable)
        #expect(parseNumber(text, as: .decimal(.comma)) == .notAvailable)
    }

    @Test(arguments: ["abc", "1,2,3", "12 %", "NaN", "inf", "12.3,4", "1,234.5"])
    func invalidDecimalCommaNumbers(text: String) {
        guard case .invalid = parseNumber(text, as: .decimal(.comma)) else {
            Issue.record("«\(text)» must not be read in a decimal-comma file")
            return
        }
    }

    @Test func echoedValuesAreCutAndControlCharactersShown() {
        #expect(quoted(String(repeating: "x", count: 200)) == "«" + String(repeating: "x", count: 80) + "…»")
        #expect(quoted("a\u{1B}[31mb") == "«a\\u{1B}[31mb»")
    }

    @Test func utf8WithBOMAndCRLF() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("kommunekode;navn\r\n825;Læsø\r\n".utf8)
        let table = try DelimitedText.parse(data, file: "x.csv")
        #expect(table.encoding == .utf8WithBOM)
        #expect(table.header == ["kommunekode", "navn"])
        #expect(table.rows.map(\.fields) == [["825", "Læsø"]])
        #expect(table.rows.first?.line == 2)
    }

    @Test func windows1252() throws {
        let data = try #require("kommunekode;navn\n825;Læsø\n492;Ærø\n".data(using: .windowsCP1252))
        let table = try DelimitedText.parse(data, file: "x.csv")
        #expect(table.encoding == .windows1252)
        #expect(table.rows.map { $0.fields[1] } == ["Læsø", "Ærø"])
    }

    @Test func commaSeparatedWithQuotedDecimalComma() throws {
        let table = try DelimitedText.parse(Data("kommunekode,vaerdi,note\n330,\"12,5\",\"sagt \"\"højt\"\"\"\n".utf8), file: "x.csv")
        #expect(table.separator == ",")
        #expect(table.rows.first?.fields == ["330", "12,5", "sagt \"højt\""])
    }

    @Test func linesAreCountedPastBlankLines() throws {
        let table = try DelimitedText.parse(Data("a;b\n\n1;2\n\n3;4\n".utf8), file: "x.csv")
        #expect(table.rows.map(\.line) == [3, 5])
    }

    @Test func folk1aQuarters() {
        #expect(PopulationLoader.folkDate("2026K1")?.id == "2026-01-01")
        #expect(PopulationLoader.folkDate("2025K3")?.id == "2025-07-01")
        #expect(PopulationLoader.folkDate("2025K5") == nil)
    }
}

@Suite struct FOLK1ATests {
    @Test func anExportFromStatistikbankenIsSummedIntoAgeGroups() throws {
        try withTemporaryDirectory { folder in
            let register = MunicipalityRegister([
                Municipality(code: 787, name: "Thisted", region: "Nordjylland"),
                Municipality(code: 820, name: "Vesthimmerlands", region: "Nordjylland", aliases: ["Vesthimmerland"]),
            ])
            var lines = [
                "\"OMRÅDE\";\"ALDER\";\"TID\";\"INDHOLD\"", "Hele landet;Alder i alt;2026K1;6000000", "Thisted;Alder i alt;2026K1;42572",
            ]
            for age in 0...100 {
                lines.append("Thisted;\(age == 100 ? "100 år og derover" : "\(age) år");2026K1;\(age < 100 ? 400 : 72)")
                lines.append("Vesthimmerland;\(age) år;2026K1;10")
            }
            let path = folder + "/folk1a.csv"
            try #require((lines.joined(separator: "\r\n") + "\r\n").data(using: .windowsCP1252)).write(to: URL(fileURLWithPath: path))
            var table = PopulationTable()
            try PopulationLoader.load(path: path, displayName: "folk1a.csv", register: register, into: &table)
            #expect(table.count(.total, municipality: 787, date: .date(2026, 1, 1)) == 42572)  // "Alder i alt" wins
            #expect(table.count(.aged0to15, municipality: 787, date: .date(2026, 1, 1)) == Double(16 * 400))
            #expect(table.count(.aged16to67, municipality: 787, date: .date(2026, 1, 1)) == Double(52 * 400))
            #expect(table.count(.aged65plus, municipality: 787, date: .date(2026, 1, 1)) == Double(35 * 400 + 72))
            #expect(table.count(.aged80plus, municipality: 787, date: .date(2026, 1, 1)) == Double(20 * 400 + 72))
            #expect(table.count(.total, municipality: 820, date: .date(2026, 1, 1)) == 1010)  // no total row: the sum
            #expect(table.count(.nursingHome, municipality: 787, date: .date(2026, 1, 1)) == nil)
        }
    }

    @Test func anUnknownNameIsReportedWithItsLine() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/folk1a.csv"
            try "OMRÅDE;ALDER;TID;INDHOLD\nThisted;Alder i alt;2026K1;42572\nTisted;Alder i alt;2026K1;1\n".write(
                toFile: path, atomically: true, encoding: .utf8)
            var table = PopulationTable()
            let found = problems {
                try PopulationLoader.load(
                    path: path, displayName: "folk1a.csv",
                    register: MunicipalityRegister([Municipality(code: 787, name: "Thisted", region: "N")]), into: &table)
            }
            #expect(
                found == [
                    InputProblem(
                        SourceLocation(file: "folk1a.csv", line: 3, column: 1),
                        "ukendt kommune «Tisted»; forventede et kommunenavn fra kommuneregisteret")
                ])
        }
    }
}

@Suite struct TrafficLightTests {
    @Test func theOnePercentBandOfTheNationalGoalsReport() {
        // Lower is better: 10,1 against 10,0 is +1 %: unchanged / on level.
        #expect(TrafficLightRule.level(value: 10.1, country: 10.0, direction: .lowerIsBetter) == .yellow)
        #expect(TrafficLightRule.level(value: 9.9, country: 10.0, direction: .lowerIsBetter) == .yellow)
        #expect(TrafficLightRule.level(value: 10.11, country: 10.0, direction: .lowerIsBetter) == .red)
        #expect(TrafficLightRule.level(value: 9.89, country: 10.0, direction: .lowerIsBetter) == .green)
        #expect(TrafficLightRule.development(current: 81.0, previous: 80.0, direction: .higherIsBetter) == .green)
        #expect(TrafficLightRule.development(current: 79.0, previous: 80.0, direction: .higherIsBetter) == .red)
    }

    @Test func noMarkWithoutDirectionOrComparison() {
        #expect(TrafficLightRule.level(value: 12, country: 10, direction: .none) == nil)
        #expect(TrafficLightRule.development(current: 12, previous: nil, direction: .lowerIsBetter) == nil)
        #expect(TrafficLightRule.development(current: 12, previous: 0, direction: .lowerIsBetter) == nil)
        #expect(TrafficLightRule.development(current: nil, previous: 10, direction: .lowerIsBetter) == nil)
    }

    @Test func negativeValuesCompareByMagnitudeOfTheReference() {
        // Net expenses can be negative: from −10 to −5 is a rise of 50 %, worse when lower is better.
        #expect(TrafficLightRule.development(current: -5, previous: -10, direction: .lowerIsBetter) == .red)
    }
}

/// A period is parsed once where it is read; text that is no year, span of years or calendar date is
/// no period, so a typo never becomes a new period.
@Suite struct PeriodTests {
    @Test func yearsSpansAndDatesAreRead() {
        #expect(Period("2023")?.kind == .year(2023))
        #expect(Period("2019-2023")?.kind == .years(first: 2019, last: 2023))
        #expect(Period("2025-01-01")?.kind == .date(year: 2025, month: 1, day: 1))
        #expect(Period("2024-02-29")?.label == "29. februar 2024")
        #expect(Period("2025-01-01")?.id == "2025-01-01")
    }

    @Test(arguments: [
        "2O24", "2027-02-30", "2023-02-29", "2023-2019", "2023-13-01", "23", "2023 ", "", "1850", "2024-1-1", "2024-01-01-01", "２０２４",
    ])
    func textThatIsNoPeriodIsRejected(text: String) {
        #expect(Period(text) == nil)
    }

    @Test func periodsSortByTheirLastYearAndWeightByFirstOfJanuary() {
        let periods = ["2024", "2019-2023", "2025-01-01", "2023"].compactMap(Period.init)
        #expect(periods.sorted().map(\.id) == ["2019-2023", "2023", "2024", "2025-01-01"])
        #expect(Period("2019-2023")?.defaultPopulationDate == .date(2023, 1, 1))
        #expect(Period("2023")?.lastDay == .date(2023, 12, 31))
    }
}
