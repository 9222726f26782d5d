import DatapakkeTestSupport
import Foundation
import Testing

/// `datapakke build` on the shipped files: one workbook per council, reproducible, locale-proof, and
/// a failure in one pack leaves the others written and the old version of the failed one in place.
@Suite(.serialized) struct BuildTests {
    func files(in folder: String, ending suffix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(suffix) && !$0.hasPrefix(".") }.sorted()
    }

    @Test func buildWritesOneWorkbookPerCouncilAndPerClusterOf2022() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let outcome = try CommandRunner.run(["build", "--out", folder + "/raad"])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let workbooks = try files(in: folder + "/raad", ending: ".xlsx")
            #expect(workbooks.count == 17)
            #expect(workbooks.contains("sundhedsraad-midt-og-vestsjaelland.xlsx"))
            #expect(outcome.stdout.contains("17 af 17 datapakker skrevet til \(folder)/raad/"))
            #expect(outcome.stdout.split(separator: "\n").filter { $0.hasPrefix("skrevet  SR") }.count == 17)
            // No temporary files are left behind.
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/raad").allSatisfy { !$0.hasPrefix(".") })

            let clusters = try CommandRunner.run([
                "build", "--definitions", "ClusterDefinitions/sundhedsklynger-2022.yaml", "--out", folder + "/klynger",
            ])
            #expect(clusters.status == 0, "\(clusters.stderr)")
            #expect(try files(in: folder + "/klynger", ending: ".xlsx").count == 22)
        }
    }

    @Test func twoBuildsGiveByteIdenticalWorkbooks() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let first = try CommandRunner.run(["build", "--only", "SR06", "SR09", "--out", folder + "/a"], environment: ["LC_ALL": "C"])
            #expect(first.status == 0)
            let second = try CommandRunner.run(["build", "--only", "SR06", "SR09", "--out", folder + "/b"], environment: ["LC_ALL": "C"])
            #expect(second.status == 0)
            let names = try files(in: folder + "/a", ending: ".xlsx")
            #expect(names.count == 2)
            for name in names {
                let a = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/a/\(name)"))
                #expect(a == (try Data(contentsOf: URL(fileURLWithPath: "\(folder)/b/\(name)"))), "\(name) differs between two builds")
            }
        }
    }

    // Without the locale, LC_ALL=da_DK.UTF-8 silently means C and the test would prove nothing: it is
    // skipped, saying why, where the locale is missing, and fails on CI (CI set), saying how to install it.
    @Test(.enabled(if: DanishLocale.testsCanRun, Comment(rawValue: DanishLocale.skipReason)))
    func aDanishLocaleGivesByteIdenticalWorkbooks() throws {
        try DanishLocale.require()
        try CommandRunner.withTemporaryDirectory { folder in
            let c = try CommandRunner.run(["build", "--only", "SR06", "SR09", "--out", folder + "/c"], environment: ["LC_ALL": "C"])
            #expect(c.status == 0)
            let danish = try CommandRunner.run(
                ["build", "--only", "SR06", "SR09", "--out", folder + "/da"],
                environment: ["LC_ALL": DanishLocale.name, "LANG": DanishLocale.name])
            #expect(danish.status == 0, "\(danish.stderr)")
            let names = try files(in: folder + "/c", ending: ".xlsx")
            #expect(names.count == 2)
            for name in names {
                let c = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/c/\(name)"))
                #expect(c == (try Data(contentsOf: URL(fileURLWithPath: "\(folder)/da/\(name)"))), "\(name) differs under da_DK.UTF-8")
            }
            // The Danish build's numbers are written with a decimal point, as the file format requires
            // (sheet 5 is Aktivitet i sundhedsvæsenet).
            let sheet = try Unzip.part(folder + "/da/sundhedsraad-midt-og-vestsjaelland.xlsx", "xl/worksheets/sheet5.xml")
            #expect(sheet.contains("<v>65.5</v>"))
            #expect(!sheet.contains("<v>65,5</v>"))
        }
    }

    @Test func sourceDateEpochSetsTheDocumentDate() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let outcome = try CommandRunner.run(
                ["build", "--only", "SR06", "--out", folder], environment: ["SOURCE_DATE_EPOCH": "1780000000"])
            #expect(outcome.status == 0)
            let core = try Unzip.part(folder + "/sundhedsraad-midt-og-vestsjaelland.xlsx", "docProps/core.xml")
            #expect(core.contains("2026-05-28T20:26:40Z"))
        }
    }

    @Test func aPackThatFailsLeavesTheOthersWrittenAndItsEarlierVersionUntouched() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            // A folder where SR01's workbook should go: the one failure the inputs cannot predict.
            let out = folder + "/out"
            let earlier = out + "/sundhedsraad-hovedstaden.xlsx"
            try FileManager.default.createDirectory(atPath: earlier, withIntermediateDirectories: true)
            let kept = Data("the earlier, good version".utf8)
            try kept.write(to: URL(fileURLWithPath: earlier + "/indhold"))

            let outcome = try CommandRunner.run(["build", "--out", out])
            #expect(outcome.status == 1)
            #expect(outcome.stdout.contains("FEJL     SR01  Sundhedsråd Hovedstaden: \(earlier) er en mappe"))
            #expect(outcome.stdout.contains("16 af 17 datapakker skrevet"))
            #expect(outcome.stderr.contains("1 pakke fejlede; tidligere versioner af dem er ikke rørt."))
            #expect(try Data(contentsOf: URL(fileURLWithPath: earlier + "/indhold")) == kept)
            #expect(!FileManager.default.fileExists(atPath: out + "/sundhedsraad-hovedstaden-refleksioner.md"), "no half pack")
            let workbooks = try files(in: out, ending: ".xlsx")
            #expect(workbooks.count == 17)  // 16 new and the untouched earlier one
            #expect(try FileManager.default.contentsOfDirectory(atPath: out).allSatisfy { !$0.hasPrefix(".") }, "no temporary files left")
        }
    }

    /// A pack's files are moved into place together: when one of them cannot be (a folder where its
    /// prompts go), the pack's earlier workbook is not replaced either.
    @Test func aPackIsReplacedWholeOrNotAtAll() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let out = folder + "/out"
            try FileManager.default.createDirectory(
                atPath: out + "/sundhedsraad-hovedstaden-refleksioner.md", withIntermediateDirectories: true)
            let earlier = Data("the earlier workbook".utf8)
            try earlier.write(to: URL(fileURLWithPath: out + "/sundhedsraad-hovedstaden.xlsx"))
            let outcome = try CommandRunner.run(["build", "--only", "SR01", "--out", out])
            #expect(outcome.status == 1)
            #expect(
                outcome.stdout.contains(
                    "FEJL     SR01  Sundhedsråd Hovedstaden: \(out)/sundhedsraad-hovedstaden-refleksioner.md er en mappe"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/sundhedsraad-hovedstaden.xlsx")) == earlier)
            #expect(!FileManager.default.fileExists(atPath: out + "/sundhedsraad-hovedstaden-refleksioner.html"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: out).allSatisfy { !$0.hasPrefix(".datapakke-tmp") })
        }
    }

    /// What Excel cannot hold is found by `check` and refused by `build` before anything is written:
    /// `check` accepting an input means `build` can build it.
    @Test func aTextTooLongForExcelIsRefusedBeforeAnythingIsWritten() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let original = try String(contentsOfFile: packageRoot + "/ClusterDefinitions/sundhedsraad-2027.yaml", encoding: .utf8)
            let longNote = String(repeating: "meget lang note ", count: 2_500)
            let broken = original.replacingOccurrences(
                of: "    sikkerhed: middel (Bornholms placering kun set i én kilde)\n", with: "    sikkerhed: \"\(longNote)\"\n")
            #expect(broken != original)
            let definitions = folder + "/definitioner.yaml"
            try broken.write(toFile: definitions, atomically: true, encoding: .utf8)
            let check = try CommandRunner.run(["check", "--definitions", definitions])
            #expect(check.status == 1)
            #expect(check.stderr.contains("«sikkerhed» er 39999 tegn; højst 4000 tegn er tilladt"))
            let out = folder + "/out"
            let build = try CommandRunner.run(["build", "--definitions", definitions, "--out", out])
            #expect(build.status == 1)
            #expect(build.stderr == check.stderr)
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }
}

/// The analysts' research notes (how a membership was found: "data.json", "L 214", "Sikkerhed")
/// stay in the definitions; no pack prints them, and each data source is one line with its date.
@Suite struct ResearchNotesTests {
    @Test func noPackCarriesTheAnalystsResearchNotes() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let out = folder + "/out"
            let outcome = try CommandRunner.run(["build", "--out", out])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            var texts: [(String, String)] = []
            for name in try FileManager.default.contentsOfDirectory(atPath: out).sorted() {
                if name.hasSuffix(".xlsx") {
                    texts.append((name, try Unzip.part(out + "/" + name, "xl/sharedStrings.xml")))
                } else if name.hasSuffix(".md") || name.hasSuffix(".html") {
                    texts.append((name, try String(contentsOfFile: out + "/" + name, encoding: .utf8)))
                }
            }
            #expect(texts.count == 17 * 4 + 1)
            for (name, text) in texts {
                for word in ["data.json", "Sikkerhed", "L 214"] {
                    #expect(!text.contains(word), "\(name) contains \(word)")
                }
            }
            let front = try #require(texts.first { $0.0 == "sundhedsraad-midt-og-vestsjaelland.xlsx" }?.1)
            #expect(front.contains("Nationale mål for sundhedsvæsenet 2024, kommunetabeller (opgjort november 2024)"))
        }
    }
}

/// The workbook prints: each indicator's block on a page of its own (a horizontal page break before
/// every block but the first), and the chart's helper column hidden.
@Suite struct PrintLayoutTests {
    @Test func everySectionSheetBreaksPagesBetweenIndicatorBlocks() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let outcome = try CommandRunner.run(["build", "--only", "SR06", "--out", folder])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let workbook = folder + "/sundhedsraad-midt-og-vestsjaelland.xlsx"
            let sheets = try Unzip.entries(workbook).filter { $0.hasPrefix("xl/worksheets/sheet") && $0.hasSuffix(".xml") }
            var withBreaks = 0
            for entry in sheets {
                let xml = try Unzip.part(workbook, entry)
                guard xml.contains("<rowBreaks") else { continue }
                withBreaks += 1
                #expect(xml.contains("hidden=\"1\""), "\(entry): the chart's helper column is hidden")
                #expect(
                    xml.contains("scale=\"80\"") && xml.contains("orientation=\"landscape\"") && !xml.contains("fitToPage"),
                    "\(entry): A4 landscape at a fixed 80 %, so that the text prints at 8 pt or more")
            }
            // Every section with more than one block (an indicator or a group): all seven.
            #expect(withBreaks == 7)
        }
    }
}
