import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeCore

/// Each broken input gives a clear message naming the file and the line, and every problem of a run
/// is reported together.
@Suite struct BrokenInputTests {
    /// Copies the `small` fixture, lets `breakIt` change one file, and returns the problems of loading it.
    func problemsAfter(_ breakIt: (String) throws -> Void) throws -> [InputProblem] {
        try withTemporaryDirectory { folder in
            try copyFixture("small", to: folder)
            try breakIt(folder)
            return problems { _ = try loadFixtureInputs(at: folder) }
        }
    }

    func replace(_ old: String, with new: String, in path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(old), "the fixture should contain \(old)")
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func theUnbrokenFixtureLoads() throws {
        #expect(try problemsAfter { _ in }.isEmpty)
    }

    @Test func aMunicipalityInTwoClusters() throws {
        let found = try problemsAfter { folder in
            try replace(
                "      - { kode: 340, navn: Sorø }", with: "      - { kode: 340, navn: Sorø }\n      - { kode: 147, navn: Frederiksberg }",
                in: folder + "/klynger.yaml")
        }
        let problem = try #require(found.first { $0.message.contains("147 Frederiksberg er med i flere klynger") })
        #expect(problem.location.file == "klynger.yaml")
        #expect(problem.location.line == 10)  // its first membership, in Klynge A
        #expect(problem.message.contains("Klynge C (linje 25"))
    }

    @Test func anUnknownMunicipalityCode() throws {
        let found = try problemsAfter { folder in
            try replace("{ kode: 340, navn: Sorø }", with: "{ kode: 341, navn: Sorø }", in: folder + "/klynger.yaml")
        }
        #expect(
            found.contains { $0.location.file == "klynger.yaml" && $0.location.line == 24 && $0.message.contains("ukendt kommunekode 341") }
        )
        // The municipality that lost its cluster is reported in the same run.
        #expect(found.contains { $0.message.contains("340 Sorø hører ikke til nogen klynge") })
    }

    @Test func aNameThatDoesNotMatchItsCode() throws {
        let found = try problemsAfter { folder in
            try replace("{ kode: 340, navn: Sorø }", with: "{ kode: 340, navn: Slagelse }", in: folder + "/klynger.yaml")
        }
        #expect(found.contains { $0.location.line == 24 && $0.message == "kommunekode 340 er Sorø, ikke «Slagelse»" })
    }

    @Test func aNonNumber() throws {
        let found = try problemsAfter { folder in
            try replace(
                "330;Slagelse;rate65;2023;55,0", with: "330;Slagelse;rate65;2023;55,0x", in: folder + "/Data/indikatorer/indikatorer.csv")
        }
        let problem = try #require(found.first)
        #expect(problem.location == SourceLocation(file: "Data/indikatorer/indikatorer.csv", line: 5, column: 5))
        #expect(problem.message.contains("«55,0x» i kolonnen vaerdi er ikke et tal"))
    }

    @Test func aWrongSeparator() throws {
        let found = try problemsAfter { folder in
            let path = folder + "/Data/indikatorer/indikatorer.csv"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: ";", with: "|").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let problem = try #require(found.first)
        #expect(problem.location == SourceLocation(file: "Data/indikatorer/indikatorer.csv", line: 1))
        #expect(problem.message.contains("bruger filen et andet skilletegn"))
    }

    @Test func aTruncatedLine() throws {
        let found = try problemsAfter { folder in
            try replace("340;Sorø;genindl;2023;;40;400", with: "340;Sorø;genindl;2023", in: folder + "/Data/indikatorer/indikatorer.csv")
        }
        let problem = try #require(found.first)
        #expect(problem.location == SourceLocation(file: "Data/indikatorer/indikatorer.csv", line: 12))
        #expect(problem.message.contains("linjen har 4 felter, men overskriften har 7"))
        #expect(problem.message.contains("afkortet"))
    }

    @Test func aWindows1252FileIsReadAndItsProblemsNamedCorrectly() throws {
        let found = try problemsAfter { folder in
            let path = folder + "/Data/indikatorer/indikatorer.csv"
            let text = try String(contentsOfFile: path, encoding: .utf8)
                .replacingOccurrences(of: "340;Sorø;rate65;2023;45,0", with: "340;Sorø;rate65;2023;fem")
                .replacingOccurrences(of: "\n", with: "\r\n")
            try #require(text.data(using: .windowsCP1252)).write(to: URL(fileURLWithPath: path))
        }
        // The file is not UTF-8, yet "Sorø" matched code 340 (else there would be a name problem),
        // and the one real problem is named with file, line and column.
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(file: "Data/indikatorer/indikatorer.csv", line: 6, column: 5))
        #expect(found.first?.message.contains("«fem»") == true)
    }

    @Test func everyProblemOfARunIsReportedTogether() throws {
        let found = try problemsAfter { folder in
            try replace(
                "330;Slagelse;rate65;2023;55,0", with: "330;Slagelse;rate65;2023;abc", in: folder + "/Data/indikatorer/indikatorer.csv")
            try replace("147;Frederiksberg;2023-01-01", with: "147;Frederiksberg;1. januar", in: folder + "/Data/befolkning/befolkning.csv")
            try replace("navn: Klynge D", with: "navn: Klynge C", in: folder + "/klynger.yaml")
        }
        #expect(found.contains { $0.location.file == "Data/indikatorer/indikatorer.csv" })
        #expect(found.contains { $0.location.file == "Data/befolkning/befolkning.csv" && $0.location.line == 3 })
        #expect(found.contains { $0.location.file == "klynger.yaml" && $0.message.contains("navnet «Klynge C» er brugt før") })
    }

    @Test func missingPopulationForAWeightIsAnErrorNotAGuess() throws {
        let found = try problemsAfter { folder in
            try replace("2023;55,0", with: "2022;55,0", in: folder + "/Data/indikatorer/indikatorer.csv")
        }
        #expect(
            found.contains { $0.message.contains("«rate65» periode 2022 vægtes med antal borgere på 65 år og derover pr. 1. januar 2022") })
    }

    @Test func aDuplicateRow() throws {
        let found = try problemsAfter { folder in
            let path = folder + "/Data/indikatorer/indikatorer.csv"
            try (try String(contentsOfFile: path, encoding: .utf8) + "330;Slagelse;antal;2023;41;;\n").write(
                toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(found.contains { $0.location.line == 26 && $0.message.contains("står også i Data/indikatorer/indikatorer.csv:17") })
    }

    @Test func catalogueMistakesNameTheLine() throws {
        let found = try problemsAfter { folder in
            try replace("    beregning: broek\n", with: "    beregning: brøk\n", in: folder + "/indikatorer.yaml")
            try replace("    vaegt: alder_65plus", with: "    vaegt: alder_70plus", in: folder + "/indikatorer.yaml")
        }
        #expect(
            found.contains {
                $0.location.file == "indikatorer.yaml" && $0.location.line == 16 && $0.message.contains("ukendt beregning «brøk»")
            })
        #expect(found.contains { $0.location.line == 10 && $0.message.contains("ukendt befolkningsgruppe «alder_70plus»") })
    }
}
