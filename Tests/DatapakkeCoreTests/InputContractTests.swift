import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeCore

/// The input contract: every value a file can hold that would be published wrong is refused with
/// file, line and column, never read as something else (issue: "nothing wrong is ever published").
@Suite struct InputContractTests {
    let broken = BrokenInputTests()

    func problemsAfterReplacing(_ file: String, _ old: String, _ new: String) throws -> [InputProblem] {
        try broken.problemsAfter { folder in try broken.replace(old, with: new, in: folder + "/" + file) }
    }

    static let data = "Data/indikatorer/indikatorer.csv"
    static let population = "Data/befolkning/befolkning.csv"

    @Test func aThousandsPointInACountIsThousands() throws {
        // Danish Excel writes 1.000 as "1.000" into a semicolon CSV: in a count that is a thousand.
        let inputs = try withTemporaryDirectory { folder -> DatapakkeInputs in
            try copyFixture("small", to: folder)
            try broken.replace(
                "147;Frederiksberg;genindl;2023;;150;1000", with: "147;Frederiksberg;genindl;2023;;150;1.000", in: folder + "/" + Self.data)
            try broken.replace(
                "101;København;2023-01-01;600000;80000", with: "101;København;2023-01-01;600.000;80.000", in: folder + "/" + Self.population
            )
            return try loadFixtureInputs(at: folder)
        }
        #expect(inputs.observations["genindl"]?[.year(2023)]?[147]?.denominator == 1000)
        #expect(inputs.population.count(.total, municipality: 101, date: .date(2023, 1, 1)) == 600_000)
    }

    @Test func aDecimalInACountIsRefused() throws {
        let found = try problemsAfterReplacing(
            Self.population, "147;Frederiksberg;2023-01-01;100000;15000", "147;Frederiksberg;2023-01-01;100000,5;15000")
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(file: Self.population, line: 3, column: 4))
        #expect(found.first?.message.contains("et antal kan ikke have decimaler") == true)
    }

    @Test func aNegativeCountIsRefused() throws {
        let found = try problemsAfterReplacing(Self.data, "330;Slagelse;genindl;2023;;120;1000", "330;Slagelse;genindl;2023;;-5;1000")
        #expect(found.first?.location == SourceLocation(file: Self.data, line: 11, column: 6))
        #expect(found.first?.message.contains("negativt") == true)
    }

    @Test func aNumeratorAboveItsDenominatorIsRefusedWhenItCountsItsPersons() throws {
        let found = try broken.problemsAfter { folder in
            try broken.replace(
                "    skala: 100\n    bedst: lav\n", with: "    skala: 100\n    bedst: lav\n    taeller_af_naevner: ja\n",
                in: folder + "/indikatorer.yaml")
            try broken.replace(
                "330;Slagelse;genindl;2023;;120;1000", with: "330;Slagelse;genindl;2023;;1200;1000", in: folder + "/" + Self.data)
        }
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(file: Self.data, line: 11, column: 6))
        #expect(found.first?.message.contains("tælleren (1.200) er større end nævneren (1.000)") == true)
    }

    @Test func eventsOverADenominatorOfZeroAreRefused() throws {
        let found = try problemsAfterReplacing(Self.data, "340;Sorø;genindl;2023;;40;400", "340;Sorø;genindl;2023;;40;0")
        #expect(found.first?.location == SourceLocation(file: Self.data, line: 12, column: 7))
        #expect(found.first?.message.contains("nævneren er 0, men tælleren er 40") == true)
        // 0 of 0 says nothing, and is allowed.
        #expect(try problemsAfterReplacing(Self.data, "340;Sorø;genindl;2023;;40;400", "340;Sorø;genindl;2023;;0;0").isEmpty)
    }

    @Test func aValueOutsideItsPlausibleRangeIsRefused() throws {
        let found = try broken.problemsAfter { folder in
            try broken.replace(
                "    vaegt: alder_65plus\n", with: "    vaegt: alder_65plus\n    interval: [0, 1000]\n", in: folder + "/indikatorer.yaml")
            try broken.replace("330;Slagelse;rate65;2023;55,0", with: "330;Slagelse;rate65;2023;1.873,4", in: folder + "/" + Self.data)
        }
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(file: Self.data, line: 5, column: 5))
        #expect(found.first?.message.contains("uden for det mulige interval 0–1.000") == true)
    }

    @Test func aCountIndicatorTakesWholeNumbersOnly() throws {
        let found = try problemsAfterReplacing(Self.data, "330;Slagelse;antal;2023;40;;", "330;Slagelse;antal;2023;40,5;;")
        #expect(found.first?.location == SourceLocation(file: Self.data, line: 17, column: 5))
        #expect(found.first?.message.contains("et antal, så værdien skal være et helt tal") == true)
    }

    @Test func aPeriodWithALetterIsNoPeriod() throws {
        let found = try problemsAfterReplacing(Self.data, "330;Slagelse;rate65;2023;55,0", "330;Slagelse;rate65;2O23;55,0")
        #expect(found.first?.location == SourceLocation(file: Self.data, line: 5, column: 4))
        #expect(found.first?.message.hasPrefix("«2O23» er ikke en periode") == true)
    }

    @Test func anImpossibleDateIsRefused() throws {
        let found = try problemsAfterReplacing(
            Self.population, "147;Frederiksberg;2023-01-01;100000;15000", "147;Frederiksberg;2023-02-30;100000;15000")
        #expect(
            found.contains {
                $0.location == SourceLocation(file: Self.population, line: 3, column: 3)
                    && $0.message.contains("«2023-02-30» er ikke en dato")
            })
    }

    @Test func anOlderGroupLargerThanItsWholeIsRefused() throws {
        let found = try problemsAfterReplacing(
            Self.population, "147;Frederiksberg;2023-01-01;100000;15000", "147;Frederiksberg;2023-01-01;10000;15000")
        #expect(found.first?.location == SourceLocation(file: Self.population, line: 3, column: 5))
        #expect(found.first?.message.contains("alder_65plus (15.000) er større end i_alt (10.000)") == true)
    }

    @Test func aMisspelledRegionIsRefusedWithTheNearestName() throws {
        let found = try problemsAfterReplacing("klynger.yaml", "region: Hovedstaden", "region: Hovedstaen")
        #expect(found.contains { $0.location.line == 6 && $0.message.contains("ukendt region «Hovedstaen» – mente du «Hovedstaden»?") })
        let register = try problemsAfterReplacing("kommuner.csv", "330;Slagelse;Sjælland;", "330;Slagelse;Sjaelland;")
        #expect(register.contains { $0.location == SourceLocation(file: "kommuner.csv", line: 5, column: 3) })
    }

    @Test func aMunicipalityTwiceInAFOLK1AExportIsAnErrorNotASum() throws {
        let export = """
            OMRÅDE;ALDER;TID;INDHOLD
            København;Alder i alt;2023K1;600000
            Københavns Kommune;Alder i alt;2023K1;600000
            """
        let found = try withTemporaryDirectory { folder -> [InputProblem] in
            try copyFixture("small", to: folder)
            try export.write(toFile: folder + "/Data/befolkning/folk1a.csv", atomically: true, encoding: .utf8)
            try FileManager.default.removeItem(atPath: folder + "/" + Self.population)
            return problems { _ = try loadFixtureInputs(at: folder) }
        }
        #expect(
            found.contains {
                $0.location == SourceLocation(file: "Data/befolkning/folk1a.csv", line: 3, column: 1)
                    && $0.message.contains("står også på linje 2")
            })
    }

    @Test func anAmbiguousDecimalPointIsRefusedWithTheFix() throws {
        // A file without decimal commas: "16.377" could be 16,377 or 16377.
        let found = try withTemporaryDirectory { folder -> [InputProblem] in
            try copyFixture("small", to: folder)
            let path = folder + "/" + Self.data
            let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: ",0;", with: ".0;")
                .replacingOccurrences(of: "330;Slagelse;rate65;2023;55.0", with: "330;Slagelse;rate65;2023;16.377")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return problems { _ = try loadFixtureInputs(at: folder) }
        }
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(file: Self.data, line: 5, column: 5))
        #expect(found.first?.message.contains("kan betyde både 16,377 og 16377") == true)
    }

    @Test func aLatin1LineInAUTF8FileIsReportedOnItsOwnLine() throws {
        let found = try withTemporaryDirectory { folder -> [InputProblem] in
            try copyFixture("small", to: folder)
            let path = folder + "/" + Self.data
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            // "Sorø" on line 6 in Latin-1 (ø = 0xF8) while "København" elsewhere stays UTF-8.
            let utf8 = Array("340;Sorø;rate65".utf8)
            let latin1: [UInt8] = Array("340;Sor".utf8) + [0xF8] + Array(";rate65".utf8)
            if let start = (0...(bytes.count - utf8.count)).first(where: { Array(bytes[$0..<$0 + utf8.count]) == utf8 }) {
                bytes.replaceSubrange(start..<start + utf8.count, with: latin1)
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return problems { _ = try loadFixtureInputs(at: folder) }
        }
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(file: Self.data, line: 6, column: 8))
        #expect(found.first?.message.contains("ikke gyldig UTF-8") == true)
    }

    @Test func aHugeFieldIsNotEchoedWhole() throws {
        let huge = String(repeating: "9x", count: 100_000)
        let found = try problemsAfterReplacing(Self.data, "330;Slagelse;rate65;2023;55,0", "330;Slagelse;rate65;2023;\(huge)")
        #expect(found.first.map { $0.message.count < 400 } == true)
    }

    @Test func catalogueSettingsOutsideTheirRangeAreRefused() throws {
        let cases: [(String, String, String)] = [
            ("    skala: 100\n", "    skala: 0\n", "«skala» skal være et positivt tal"),
            (
                "    bedst: lav\n  - id: antal", "    bedst: lav\n    decimaler: -1\n  - id: antal",
                "«decimaler» skal være et helt tal fra 0 til 6"
            ),
            (
                "    bedst: lav\n  - id: antal", "    bedst: lav\n    decimaler: 99999999999999999999\n  - id: antal",
                "«decimaler» skal være et helt tal fra 0 til 6"
            ),
            (
                "    bedst: lav\n  - id: antal", "    bedst: lav\n    decimaler: 400\n  - id: antal",
                "«decimaler» skal være et helt tal fra 0 til 6"
            ),
            (
                "    bedst: lav\n  - id: antal", "    bedst: lav\n    diskretionering: { min_taeller: -5 }\n  - id: antal",
                "«min_taeller» skal være et helt tal på mindst 1"
            ),
            (
                "    bedst: lav\n  - id: antal", "    bedst: lav\n    diskretionerng: ingen\n  - id: antal",
                "ukendt felt «diskretionerng» – mente du «diskretionering»?"
            ),
            ("    titel: Test\n", "    titel: \"Test'\"\n", "Excel tillader ikke ' først eller sidst i et arknavn"),
            ("    titel: Test\n", "    titel: Dokumentation\n", "som pakken selv bruger"),
        ]
        for (old, new, expected) in cases {
            let found = try problemsAfterReplacing("indikatorer.yaml", old, new)
            #expect(
                found.contains { $0.location.file == "indikatorer.yaml" && $0.location.line != nil && $0.message.contains(expected) },
                "\(new): \(found)")
        }
    }

    @Test func aMappingWithOneMinimumKeepsTheOtherDefaults() throws {
        let inputs = try withTemporaryDirectory { folder -> DatapakkeInputs in
            try copyFixture("small", to: folder)
            try broken.replace(
                "    skala: 100\n    bedst: lav\n", with: "    skala: 100\n    bedst: lav\n    diskretionering: { min_taeller: 10 }\n",
                in: folder + "/indikatorer.yaml")
            return try loadFixtureInputs(at: folder)
        }
        let rule = try #require(inputs.catalogue.indicator("genindl")?.suppression)
        #expect(rule == SuppressionRule(minimumNumerator: 10, minimumDenominator: 20, minimumCount: 5))
    }

    @Test func namesThatWouldBreakAnOutputAreRefused() throws {
        let control = try problemsAfterReplacing("klynger.yaml", "navn: Klynge A", "navn: \"Klynge\\u0007 A\"")
        #expect(control.contains { $0.location.line == 5 && $0.message.contains("kontroltegnet U+0007") })
        let long = try problemsAfterReplacing("klynger.yaml", "navn: Klynge A", "navn: " + String(repeating: "Å", count: 240))
        #expect(long.contains { $0.location.line == 5 && $0.message.contains("højst 100 tegn") })
        let sameFiles = try problemsAfterReplacing("klynger.yaml", "navn: Klynge B", "navn: \"Klynge A!\"")
        #expect(
            sameFiles.contains { $0.message.contains("«Klynge A!» og «Klynge A» (linje 4) ville skrive de samme filer (klynge-a.xlsx)") })
    }

    @Test func aDuplicateYAMLKeyIsNamedOnItsLine() throws {
        let found = try problemsAfterReplacing(
            "klynger.yaml", "    region: Hovedstaden\n", "    region: Hovedstaden\n    region: Sjælland\n")
        #expect(found.count == 1)
        #expect(found.first?.location.line == 7)
        #expect(found.first?.message.contains("«region» står to gange") == true)
        #expect(found.first.map { $0.message.count < 200 } == true, "the file is not dumped")
    }
}
