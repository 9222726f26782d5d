import DatapakkeTestSupport
import Foundation
import Testing

/// `list`, `check` and `figures` run as a user runs them: files, stdout, stderr and exit codes.
@Suite struct CommandTests {
    @Test func listShowsTheSeventeenCouncilsWithTheirMunicipalities() throws {
        let outcome = try CommandRunner.run(["list"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasPrefix("Sundhedsråd 2027 (ClusterDefinitions/sundhedsraad-2027.yaml): 17 sundhedsråd, 98 kommuner"))
        let councils = outcome.stdout.split(separator: "\n").filter { $0.hasPrefix("SR") }
        #expect(councils.count == 17)
        #expect(outcome.stdout.contains("SR06  Sundhedsråd Midt- og Vestsjælland  [Østdanmark]  416.350 borgere"))
        #expect(outcome.stdout.contains("Kommuner (8): Slagelse (80.043), Holbæk (74.490)"))
        #expect(outcome.stdout.contains("(SYNTETISKE eksempeldata)"))
    }

    @Test func listOfThe2022DefinitionsShowsTwentyTwoClustersWithKobenhavnSplit() throws {
        let outcome = try CommandRunner.run(["list", "--definitions", "ClusterDefinitions/sundhedsklynger-2022.yaml"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains(": 22 sundhedsklynger, 98 kommuner"))
        #expect(outcome.stdout.components(separatedBy: "    Akutsygehuse:").count - 1 == 22)
        #expect(outcome.stdout.contains("København (") && outcome.stdout.contains(", andel 50 %)"))
    }

    @Test func checkPassesOnTheShippedFiles() throws {
        let outcome = try CommandRunner.run(["check"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("Ingen problemer fundet."))
        #expect(outcome.stdout.contains("73 indikatorer i 7 sektioner"))
        #expect(outcome.stderr.isEmpty)
    }

    @Test func checkReportsEveryProblemWithFileAndLineAndExitsWithOne() throws {
        let outcome = try CommandRunner.withTemporaryDirectory { folder in
            // The shipped templates beside the fixture's catalogue, so the only problems are the fixture's three.
            try copyFixture("broken", to: folder)
            try FileManager.default.copyItem(atPath: packageRoot + "/Templates/html", toPath: folder + "/Templates/html")
            try FileManager.default.createDirectory(atPath: folder + "/Templates/refleksioner", withIntermediateDirectories: true)
            for standard in ["_faelles.mustache", "_standard.mustache"] {
                try FileManager.default.copyItem(
                    atPath: packageRoot + "/Templates/refleksioner/" + standard, toPath: folder + "/Templates/refleksioner/" + standard)
            }
            return try CommandRunner.run(
                ["check", "--definitions", "klynger.yaml", "--register", "kommuner.csv", "--data", "Data", "--templates", "Templates"],
                in: folder)
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        let lines = outcome.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("fejl: klynger.yaml:10:9: 147 Frederiksberg er med i flere klynger") })
        #expect(lines.contains { $0.hasPrefix("fejl: Data/indikatorer/indikatorer.csv:5:5: «55,0x» i kolonnen vaerdi er ikke et tal") })
        #expect(lines.contains { $0.hasPrefix("fejl: Data/indikatorer/indikatorer.csv:12: linjen har 4 felter, men overskriften har 7") })
        #expect(lines.last == "3 problemer fundet i input.")
    }

    @Test func aUsageMistakeExitsWith64AndSaysWhatIsWrong() throws {
        let outcome = try CommandRunner.run(["figures", "--format", "xml"])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("--format"))
        let unknown = try CommandRunner.run(["figures", "--only", "SR99"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("fejl: ukendt sundhedsråd «SR99»"))
        #expect(!unknown.stderr.contains("USAGE"), "a wrong council is not a reason to print the whole usage")
    }

    @Test func onlyTakesIdsAndNamesAndSuggestsTheNearestId() throws {
        let typo = try CommandRunner.run(["figures", "--only", "SR6"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("fejl: ukendt sundhedsråd «SR6» – mente du SR06?"))
        for key in ["Midt- og Vestsjælland", "sundhedsraad midt og vestsjaelland", "sr06", "SUNDHEDSRÅD MIDT- OG VESTSJÆLLAND"] {
            let outcome = try CommandRunner.run(["figures", "--only", key, "--format", "csv"])
            #expect(outcome.status == 0, "\(key): \(outcome.stderr)")
            #expect(outcome.stdout.contains(";SR06;Sundhedsråd Midt- og Vestsjælland;"), "\(key)")
            #expect(!outcome.stdout.contains(";SR01;"), "\(key)")
        }
    }

    @Test func missingFilesAreNamed() throws {
        let outcome = try CommandRunner.run(["check", "--definitions", "ClusterDefinitions/findes-ikke.yaml"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "fejl: filen ClusterDefinitions/findes-ikke.yaml findes ikke (--definitions).\n")
    }

    @Test func runOutsideTheProjectSaysWhichFolderItExpectedAndHowToPointAtIt() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let outcome = try CommandRunner.run(["list"], in: folder)
            #expect(outcome.status == 1)
            #expect(
                outcome.stderr.hasPrefix(
                    "fejl: fandt ikke ClusterDefinitions/sundhedsraad-2027.yaml, ClusterDefinitions/kommuner.csv, Data/ og Templates/ i "))
            #expect(outcome.stderr.contains("Kør datapakke fra projektets rodmappe"))
            #expect(outcome.stderr.contains("--definitions, --register, --data og --templates"))
            #expect(outcome.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func theMapsBesideTheDefinitionsArePublishedTogetherUnlessTheUserSaysOtherwise() throws {
        let together = try CommandRunner.run(["check"])
        #expect(together.status == 0, "\(together.stderr)")
        #expect(
            together.stdout.contains(
                "Offentliggøres sammen med: Sundhedsklynger 2022 (22 sundhedsklynger); skjulte celler afgøres for kortene under ét."))
        #expect(together.stdout.contains("ClusterDefinitions/sundhedsraad-2027.yaml, ClusterDefinitions/sundhedsklynger-2022.yaml, "))
        let clusters = try CommandRunner.run(["check", "--definitions", "ClusterDefinitions/sundhedsklynger-2022.yaml"])
        #expect(clusters.stdout.contains("Offentliggøres sammen med: Sundhedsråd 2027 (17 sundhedsråd);"))

        let alone = try CommandRunner.run(["check", "--published-alone"])
        #expect(alone.status == 0)
        #expect(alone.stdout.contains("Offentliggøres alene: skjulte celler afgøres kun for Sundhedsråd 2027."))
        #expect(!alone.stdout.contains("sundhedsklynger-2022.yaml"))

        let named = try CommandRunner.run([
            "figures", "--format", "csv", "--published-with", "ClusterDefinitions/sundhedsklynger-2022.yaml",
        ])
        #expect(named.status == 0, "\(named.stderr)")

        let missing = try CommandRunner.run(["check", "--published-with", "ClusterDefinitions/findes-ikke.yaml"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "fejl: filen ClusterDefinitions/findes-ikke.yaml findes ikke (--published-with).\n")

        let both = try CommandRunner.run(["build", "--published-alone", "--published-with", "ClusterDefinitions/sundhedsklynger-2022.yaml"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("--published-with og --published-alone kan ikke bruges sammen."))
    }

    @Test func aBrokenMapPublishedAlongsideIsReportedWithFileAndLine() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let broken = folder + "/klynger.yaml"
            let original = try String(contentsOfFile: packageRoot + "/ClusterDefinitions/sundhedsklynger-2022.yaml", encoding: .utf8)
            try original.replacingOccurrences(of: "{ kode: 825, navn: Læsø }", with: "{ kode: 826, navn: Læsø }")
                .write(toFile: broken, atomically: true, encoding: .utf8)
            let outcome = try CommandRunner.run(["check", "--published-with", broken])
            #expect(outcome.status == 1)
            #expect(outcome.stderr.contains("klynger.yaml:"), "\(outcome.stderr)")
            #expect(outcome.stderr.contains("ukendt kommunekode 826"), "\(outcome.stderr)")
        }
    }

    @Test func helpTeachesInDanish() throws {
        let outcome = try CommandRunner.run(["--help"])
        #expect(outcome.status == 0)
        for word in ["list", "check", "figures", "build", "Eksempler:"] {
            #expect(outcome.stdout.contains(word))
        }
    }

    @Test func figuresAsJSONCoverEveryCouncilRegionAndTheCountryForEveryIndicator() throws {
        let outcome = try CommandRunner.run(["figures", "--format", "json"])
        #expect(outcome.status == 0)
        struct Entry: Decodable {
            var level: String
            var id: String
            var indicator: String
            var period: String
            var value: Double?
            var municipalitiesWithValue: Int
            var municipalities: Int
            var hidden: String?
        }
        let entries = try JSONDecoder().decode([Entry].self, from: Data(outcome.stdout.utf8))
        let areas = Set(entries.map { "\($0.level) \($0.id)" })
        #expect(areas.filter { $0.hasPrefix("sundhedsråd ") }.count == 17)
        #expect(areas.filter { $0.hasPrefix("region") }.count == 4)
        #expect(areas.contains("land DK"))
        let indicators = Set(entries.map(\.indicator))
        #expect(indicators.count == 73)
        for area in areas {
            #expect(Set(entries.filter { "\($0.level) \($0.id)" == area }.map(\.indicator)) == indicators)
        }
        let sr06 = try #require(
            entries.first { $0.id == "SR06" && $0.indicator == "aflastning_84_1_pr_1000_65plus" && $0.period == "2024" })
        #expect(abs((sr06.value ?? 0) - 1329.0 / 110_789 * 1000) < 1e-9)
        #expect(sr06.municipalitiesWithValue == 8 && sr06.municipalities == 8)
        let median = try #require(entries.first { $0.id == "DK" && $0.indicator == "ventetid_genoptraening_median_dage" })
        #expect(median.value == nil, "a median is not additive: no country figure")
    }

    @Test func figuresAsCSVUseDanishConventions() throws {
        let outcome = try CommandRunner.run(["figures", "--format", "csv", "--only", "SR06"])
        #expect(outcome.status == 0)
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("\u{FEFF}niveau;id;navn;indikator;periode;vaerdi;") == true, "a byte order mark for Danish Excel")
        #expect(lines.contains { $0.hasPrefix("sundhedsråd;SR06;Sundhedsråd Midt- og Vestsjælland;befolkning_i_alt;2025-01-01;416350;") })
        #expect(!lines.contains { $0.contains(";SR01;") })
    }
}
