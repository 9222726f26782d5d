import DatapakkeTestSupport
import Foundation
import Testing
@testable import DatapakkeCore

@Suite struct DelimitedTextTests {
    @Test(arguments: [
        ("12,3", 12.3), ("1.234,5", 1234.5), ("-0,4", -0.4), ("\u{2212}2", -2), ("12.3", 12.3), ("1,234.5", 1234.5),
        ("7", 7), (" 26,6 ", 26.6),
    ])
    func danishNumbers(text: String, expected: Double) {
        #expect(parseDanishNumber(text) == .number(expected))
    }

    @Test(arguments: ["", "..", "  "])
    func notShownIsNotAvailableNeverZero(text: String) {
        #expect(parseDanishNumber(text) == .notAvailable)
    }

    @Test(arguments: ["abc", "1,2,3", "12 %", "NaN", "inf"])
    func invalidNumbers(text: String) {
        #expect(parseDanishNumber(text) == .invalid)
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
        #expect(PopulationLoader.folkDate("2026K1") == "2026-01-01")
        #expect(PopulationLoader.folkDate("2025K3") == "2025-07-01")
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
            var lines = ["\"OMRÅDE\";\"ALDER\";\"TID\";\"INDHOLD\"", "Hele landet;Alder i alt;2026K1;6000000", "Thisted;Alder i alt;2026K1;42572"]
            for age in 0...100 {
                lines.append("Thisted;\(age == 100 ? "100 år og derover" : "\(age) år");2026K1;\(age < 100 ? 400 : 72)")
                lines.append("Vesthimmerland;\(age) år;2026K1;10")
            }
            let path = folder + "/folk1a.csv"
            try #require((lines.joined(separator: "\r\n") + "\r\n").data(using: .windowsCP1252)).write(to: URL(fileURLWithPath: path))
            var table = PopulationTable()
            try PopulationLoader.load(path: path, displayName: "folk1a.csv", register: register, into: &table)
            #expect(table.count("i_alt", municipality: 787, date: "2026-01-01") == 42572)  // "Alder i alt" wins
            #expect(table.count("alder_0_15", municipality: 787, date: "2026-01-01") == Double(16 * 400))
            #expect(table.count("alder_16_67", municipality: 787, date: "2026-01-01") == Double(52 * 400))
            #expect(table.count("alder_65plus", municipality: 787, date: "2026-01-01") == Double(35 * 400 + 72))
            #expect(table.count("alder_80plus", municipality: 787, date: "2026-01-01") == Double(20 * 400 + 72))
            #expect(table.count("i_alt", municipality: 820, date: "2026-01-01") == 1010)  // no total row: the sum
            #expect(table.count("plejehjem", municipality: 787, date: "2026-01-01") == nil)
        }
    }

    @Test func anUnknownNameIsReportedWithItsLine() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/folk1a.csv"
            try "OMRÅDE;ALDER;TID;INDHOLD\nThisted;Alder i alt;2026K1;42572\nTisted;Alder i alt;2026K1;1\n".write(toFile: path, atomically: true, encoding: .utf8)
            var table = PopulationTable()
            let found = problems {
                try PopulationLoader.load(path: path, displayName: "folk1a.csv", register: MunicipalityRegister([Municipality(code: 787, name: "Thisted", region: "N")]), into: &table)
            }
            #expect(found == [InputProblem(SourceLocation(file: "folk1a.csv", line: 3, column: 1), "ukendt kommune «Tisted»; forventede et kommunenavn fra kommuneregisteret")])
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
