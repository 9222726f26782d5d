import DatapakkeCore
import DatapakkeTestSupport
import Foundation
import Testing

/// `datapakke build` over an earlier build: only packs whose inputs or files changed are written, the
/// change is listed on their front page and by `datapakke diff`, and departed packs' files are removed
/// only after a build that succeeded.
@Suite(.serialized) struct RebuildTests {
    static let definitions = packageRoot + "/" + ShippedInputs.councilsFile

    /// Every file of a folder with its modification date and bytes.
    func snapshot(_ folder: String) throws -> [String: (date: Date, data: Data)] {
        var result: [String: (date: Date, data: Data)] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let path = folder + "/" + name
            let date = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date ?? .distantPast
            result[name] = (date, try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        return result
    }

    /// The ids of the packs a build reports as written.
    func written(_ stdout: String) -> Set<String> {
        Set(stdout.split(separator: "\n").filter { $0.hasPrefix("skrevet  SR") }.map { String($0.split(separator: " ")[1]) })
    }

    /// A copy of the shipped data in `folder`/Data.
    func copyData(to folder: String) throws -> String {
        let data = folder + "/Data"
        try FileManager.default.copyItem(atPath: packageRoot + "/Data", toPath: data)
        return data
    }

    /// Pack id → its file names, from a build's manifest.
    func packFiles(_ folder: String) throws -> [String: [String]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let packs = try #require(manifest["packs"] as? [[String: Any]])
        var result: [String: [String]] = [:]
        for pack in packs {
            let id = try #require(pack["id"] as? String)
            result[id] = try #require(pack["files"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        }
        return result
    }

    @Test func aRebuildWithoutChangesWritesNothing() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let out = folder + "/out"
            let first = try CommandRunner.run(["build", "--out", out])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(FileManager.default.fileExists(atPath: out + "/manifest.json"))
            let before = try snapshot(out)
            #expect(before.count == 17 * 5 + 2)  // workbook, prompts (Markdown, HTML), presentation, figures; page and manifest

            let second = try CommandRunner.run(["build", "--out", out])
            #expect(second.status == 0, "\(second.stderr)")
            #expect(written(second.stdout).isEmpty)
            #expect(second.stdout.split(separator: "\n").filter { $0.hasPrefix("uændret  SR") }.count == 17)
            #expect(second.stdout.contains("uændret  SR06  Sundhedsråd Midt- og Vestsjælland (input og filer som sidst)"))
            #expect(second.stdout.contains("0 af 17 datapakker skrevet til \(out)/"))
            #expect(second.stdout.contains("17 uændrede."))
            #expect(second.stdout.contains("Intet er ændret siden sidste bygning: ingen filer skrevet."))
            let after = try snapshot(out)
            #expect(Set(after.keys) == Set(before.keys))
            for (name, file) in before {
                #expect(after[name]?.date == file.date, "\(name) was written again")
                #expect(after[name]?.data == file.data, "\(name) changed")
            }
        }
    }

    @Test func changingOneMunicipalityRebuildsExactlyThePacksWhoseFiguresMoved() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let data = try copyData(to: folder)
            let out = folder + "/out"
            #expect(try CommandRunner.run(["build", "--data", data, "--out", out]).status == 0)
            let before = folder + "/before"
            try FileManager.default.copyItem(atPath: out, toPath: before)
            let beforeSnapshot = try snapshot(out)

            // Læsø (825) is tiny: its prevented admissions move its council, its region, and the country in a far decimal.
            let csv = data + "/indikatorer/nationale-maal-2024-kommuner.csv"
            let original = try String(contentsOfFile: csv, encoding: .utf8)
            let changed = original.replacingOccurrences(
                of: "825;Læsø;forebyggelige_ophold_pr_1000_65plus;2023;32,7\n",
                with: "825;Læsø;forebyggelige_ophold_pr_1000_65plus;2023;60,0\n")
            #expect(changed != original)
            try changed.write(toFile: csv, atomically: true, encoding: .utf8)

            let rebuild = try CommandRunner.run(["build", "--data", data, "--out", out])
            #expect(rebuild.status == 0, "\(rebuild.stderr)")
            let rebuilt = written(rebuild.stdout)

            // Independently: a fresh build of the new data, compared file by file with the fresh build of the old.
            let fresh = folder + "/fresh"
            #expect(try CommandRunner.run(["build", "--data", data, "--out", fresh]).status == 0)
            var expected: Set<String> = []
            for (id, names) in try packFiles(before) {
                for name in names
                where FileManager.default.contents(atPath: before + "/" + name) != FileManager.default.contents(atPath: fresh + "/" + name)
                {
                    expected.insert(id)
                }
            }
            #expect(rebuilt == expected)
            #expect(!rebuilt.isEmpty && rebuilt.count < 17)

            // And from the report model: Læsø's council and the councils whose shown region figure moved are among them.
            let council = try Self.reports().first { $0.cluster.members.contains { $0.code == 825 } }
            let councilID = try #require(council?.cluster.id)
            #expect(rebuilt.contains(councilID))
            #expect(rebuild.stdout.contains("skrevet  \(councilID)  \(council?.cluster.name ?? "") (data for egne kommuner ændret"))
            let old = try Self.shownRegionFigures()
            let new = try Self.shownRegionFigures(data: data)
            for (id, figure) in new where old[id] != figure {
                #expect(rebuilt.contains(id), "\(id): region figure moved from \(old[id] ?? "") to \(figure) but the pack was not rebuilt")
            }

            // The skipped packs are untouched: same bytes, same modification time.
            let after = try snapshot(out)
            for (id, names) in try packFiles(before) where !rebuilt.contains(id) {
                for name in names {
                    #expect(after[name]?.date == beforeSnapshot[name]?.date, "\(name) was written again")
                    #expect(after[name]?.data == beforeSnapshot[name]?.data)
                }
            }

            // The change is on the rebuilt council's front page and in the manifest …
            let sentence =
                "Forebyggelige akutte sygehusophold blandt ældre (2023): Læsø 32,7 → 60,0 pr. 1.000 borgere på 65 år og derover (+27,3)"
            let workbook = try #require(try packFiles(out)[councilID]?.first { $0.hasSuffix(".xlsx") })
            let strings = try Unzip.part(out + "/" + workbook, "xl/sharedStrings.xml")
            #expect(strings.contains("Ændringer siden forrige version"))
            #expect(strings.contains(sentence))
            let manifest = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
            #expect(manifest.contains(sentence))
            // … but not on a pack that was not rebuilt, nor in the fresh build, which has no earlier version.
            #expect(!(try Unzip.part(fresh + "/" + workbook, "xl/sharedStrings.xml")).contains("Ændringer siden forrige version"))

            // `datapakke diff` says the same for the whole build.
            let diff = try CommandRunner.run(["diff", before, out])
            #expect(diff.status == 1, "the builds differ, so diff exits 1 as diff(1) does: \(diff.stderr)")
            #expect(diff.stdout.hasPrefix("\(rebuilt.count) af 17 pakker ændret; 1 datarække ændret.\n"))
            #expect(
                diff.stdout.contains(
                    "/Data/indikatorer/nationale-maal-2024-kommuner.csv: 825 Læsø forebyggelige_ophold_pr_1000_65plus 2023: værdi 32,7 → 60\n"
                ))
            #expect(diff.stdout.contains("ændret    \(councilID)  \(council?.cluster.name ?? "")\n  - "))
            #expect(diff.stdout.contains("  - " + sentence + "\n"))
            let changedInDiff = Set(
                diff.stdout.split(separator: "\n").filter { $0.hasPrefix("ændret    ") }.map { String($0.split(separator: " ")[1]) })
            #expect(changedInDiff == rebuilt)
            #expect(diff.stdout.contains("\(17 - rebuilt.count) pakker uden ændringer."))

            let same = try CommandRunner.run(["diff", out, out])
            #expect(same.stdout == "ingen ændringer (17 pakker som før)\n")
            #expect(same.status == 0)
            let missing = try CommandRunner.run(["diff", folder + "/nowhere", out])
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("\(folder)/nowhere/manifest.json findes ikke"))
            try Data("{ not json".utf8).write(to: URL(fileURLWithPath: folder + "/broken.json"))
            let broken = try CommandRunner.run(["diff", folder + "/broken.json", out])
            #expect(broken.status == 1)
            #expect(broken.stderr.contains("\(folder)/broken.json kan ikke læses som manifest"))
        }
    }

    @Test func forceRebuildsEveryPackAndADamagedFileIsRebuilt() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let out = folder + "/out"
            #expect(try CommandRunner.run(["build", "--only", "SR06", "SR09", "--out", out]).status == 0)
            let before = try snapshot(out)

            let forced = try CommandRunner.run(["build", "--force", "--out", out])
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(written(forced.stdout).count == 17)
            #expect(forced.stdout.contains("skrevet  SR06  Sundhedsråd Midt- og Vestsjælland (--force) → "))
            #expect(forced.stdout.contains("skrevet  SR01  Sundhedsråd Hovedstaden (ny pakke) → "))
            // Forcing reproduces the same files.
            let after = try snapshot(out)
            for (name, file) in before where name.hasSuffix(".xlsx") || name.hasSuffix(".md") {
                #expect(after[name]?.data == file.data, "\(name) differs after --force")
            }

            // A deleted or edited file is noticed and rebuilt; the other packs are not.
            try FileManager.default.removeItem(atPath: out + "/sundhedsraad-fyn.xlsx")
            try Data("edited".utf8).write(to: URL(fileURLWithPath: out + "/sundhedsraad-midt-refleksioner.md"))
            let repaired = try CommandRunner.run(["build", "--out", out])
            #expect(repaired.status == 0, "\(repaired.stderr)")
            #expect(written(repaired.stdout) == ["SR14", "SR12"])
            #expect(repaired.stdout.contains("skrevet  SR14  Sundhedsråd Fyn (fil mangler eller er ændret) → "))
            #expect(repaired.stdout.contains("2 af 17 datapakker skrevet"))
            #expect(try String(contentsOfFile: out + "/sundhedsraad-midt-refleksioner.md", encoding: .utf8) != "edited")
        }
    }

    @Test func aRemovedCouncilsFilesGoOnlyAfterASuccessfulBuildAndUnknownFilesStay() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let out = folder + "/out"
            #expect(try CommandRunner.run(["build", "--out", out]).status == 0)
            let notes = Data("the secretariat's own notes".utf8)
            try notes.write(to: URL(fileURLWithPath: out + "/notes.txt"))

            // SR17 Sønderjylland leaves; its municipalities join SR16 Sydvestjylland (same region).
            let original = try String(contentsOfFile: Self.definitions, encoding: .utf8)
            let departed = try #require(original.range(of: "\n  - id: SR17\n"))
            let merged = String(original[..<departed.lowerBound]).replacingOccurrences(
                of: "      - { kode: 530, navn: Billund }\n",
                with:
                    "      - { kode: 530, navn: Billund }\n      - { kode: 580, navn: Aabenraa }\n      - { kode: 510, navn: Haderslev }\n"
                    + "      - { kode: 540, navn: Sønderborg }\n      - { kode: 550, navn: Tønder }\n")
            let definitions = folder + "/definitioner.yaml"
            try merged.write(toFile: definitions, atomically: true, encoding: .utf8)
            let sr17 = [
                "sundhedsraad-soenderjylland.xlsx", "sundhedsraad-soenderjylland-refleksioner.md",
                "sundhedsraad-soenderjylland-refleksioner.html",
                "sundhedsraad-soenderjylland-praesentation.html", "sundhedsraad-soenderjylland-tal.csv",
            ]

            // A build in which one pack fails removes nothing: a folder stands where SR01's workbook goes.
            let blocked = out + "/sundhedsraad-hovedstaden.xlsx"
            try FileManager.default.removeItem(atPath: blocked)
            try FileManager.default.createDirectory(atPath: blocked, withIntermediateDirectories: true)
            // Still published with the 2022 clusters, as the shipped councils were in the first build.
            let publishedWith = ["--published-with", ShippedInputs.clustersFile]
            let failed = try CommandRunner.run(["build", "--definitions", definitions, "--out", out] + publishedWith)
            #expect(failed.status == 1)
            #expect(!failed.stdout.contains("fjernet"))
            #expect(failed.stdout.contains("skrevet  SR16  Sundhedsråd Sydvestjylland (definition ændret, data for egne kommuner ændret"))
            for name in sr17 {
                #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name) removed although the build failed")
            }

            try FileManager.default.removeItem(atPath: blocked)
            let before = try snapshot(out)
            let outcome = try CommandRunner.run(["build", "--definitions", definitions, "--out", out] + publishedWith)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            for name in sr17 {
                #expect(outcome.stdout.contains("fjernet  \(name)"))
                #expect(!FileManager.default.fileExists(atPath: out + "/" + name))
            }
            #expect(outcome.stdout.split(separator: "\n").filter { $0.hasPrefix("fjernet") }.count == sr17.count)
            #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/notes.txt")) == notes)
            let after = try snapshot(out)
            #expect(Set(after.keys) == Set(before.keys).subtracting(sr17).union(["sundhedsraad-hovedstaden.xlsx"]))
            #expect(after.count == 16 * 5 + 3)
            // SR16 took the municipalities in the failed build already, and every pack's overview its
            // spread over 16 councils; SR01 lost its workbook to the folder in its place, so it alone is
            // written again, for both reasons.
            #expect(written(outcome.stdout) == ["SR01"])
            #expect(
                outcome.stdout.contains(
                    "skrevet  SR01  Sundhedsråd Hovedstaden (sammenligning med region/land ændret, fil mangler eller er ændret)"))
            let strings = try Unzip.part(out + "/sundhedsraad-sydvestjylland.xlsx", "xl/sharedStrings.xml")
            #expect(strings.contains("Kommuner tilføjet: Aabenraa, Haderslev, Sønderborg og Tønder."))
            let manifest = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
            #expect(!manifest.contains("SR17"))
            #expect(!manifest.contains("notes.txt"))
        }
    }

    /// The reports of the shipped definitions over a data folder (the shipped one when nil).
    static func reports(data: String? = nil) throws -> [PackReport] {
        let inputs = try data.map { try DatapakkeInputs.load(ShippedInputs.paths(data: $0)) } ?? ShippedInputs.councils()
        return ReportBuilder(inputs: inputs).build(documentDate: Date(timeIntervalSince1970: 0), toolVersion: "test")
    }

    /// Pack id → its region's shown figure for the changed indicator (latest period).
    static func shownRegionFigures(data: String? = nil) throws -> [String: String] {
        var result: [String: String] = [:]
        for report in try reports(data: data) {
            let indicator = report.sections.flatMap(\.indicators).first { $0.indicator.id == "forebyggelige_ophold_pr_1000_65plus" }
            let value = indicator?.regionRow?.latest.number.map { DanishNumber.format($0, decimals: indicator?.indicator.decimals ?? 0) }
            result[report.cluster.id] = value ?? ""
        }
        return result
    }
}
