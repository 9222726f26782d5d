import DatapakkeTestSupport
import Foundation
import Testing

/// `datapakke build` writes a presentation for every council and the download page links it; with
/// `--pdf` a headless Chromium prints it, one page per slide, and without a Chromium the build warns
/// and goes on. The manifest lists the PDF as the pack's file, and later builds keep it in step.
@Suite(.serialized) struct PresentationBuildTests {
    static let council = "sundhedsraad-midt-og-vestsjaelland"

    static func manifestFiles(_ folder: String) throws -> [String: (size: Int, sha256: String)] {
        struct Manifest: Decodable {
            struct Pack: Decodable { var files: [File] }
            struct File: Decodable {
                var name: String
                var size: Int
                var sha256: String
            }
            var packs: [Pack]
        }
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json")))
        var files: [String: (Int, String)] = [:]
        for file in manifest.packs.flatMap(\.files) { files[file.name] = (file.size, file.sha256) }
        return files
    }

    /// The number of pages of a PDF that Chromium wrote (plain page objects).
    static func pageCount(_ pdf: Data) -> Int {
        let text = String(decoding: pdf, as: UTF8.self)
        return text.components(separatedBy: "/Type /Page").count - 1 - (text.components(separatedBy: "/Type /Pages").count - 1)
    }

    @Test func theBuildWritesAPresentationForEveryCouncilAndThePageLinksIt() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let out = folder + "/out"
            let outcome = try CommandRunner.run(["build", "--out", out])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let names = try FileManager.default.contentsOfDirectory(atPath: out)
            let presentations = names.filter { $0.hasSuffix("-praesentation.html") }.sorted()
            let workbooks = names.filter { $0.hasSuffix(".xlsx") }.sorted()
            #expect(presentations.count == 17)
            #expect(presentations == workbooks.map { $0.replacingOccurrences(of: ".xlsx", with: "-praesentation.html") })
            #expect(!names.contains { $0.hasSuffix(".pdf") }, "no PDF without --pdf")
            let page = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
            let listed = try Self.manifestFiles(out)
            for name in presentations {
                #expect(page.contains("href=\"\(name)\">Præsentation til mødet for "), "\(name) linked")
                let size = try #require(try FileManager.default.attributesOfItem(atPath: out + "/" + name)[.size] as? Int)
                #expect(listed[name]?.size == size, "\(name) in the manifest")
            }
            #expect(!page.contains(".pdf"))
            #expect(outcome.stdout.contains("\(Self.council)-praesentation.html"))
        }
    }

    @Test func pdfWithoutAChromiumIsAWarningAndTheBuildGoesOn() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let out = folder + "/out"
            let outcome = try CommandRunner.run(["build", "--only", "SR06", "--pdf", "--out", out], environment: ["PATH": folder + "/tom"])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let warnings = outcome.stderr.split(separator: "\n").filter { $0.hasPrefix("advarsel: --pdf:") }
            #expect(
                warnings == [
                    "advarsel: --pdf: fandt ingen Chromium (chromium, chromium-browser, google-chrome, google-chrome-stable på PATH); præsentationerne er kun skrevet som HTML."
                ])
            #expect(FileManager.default.fileExists(atPath: out + "/\(Self.council)-praesentation.html"))
            #expect(!FileManager.default.fileExists(atPath: out + "/\(Self.council)-praesentation.pdf"))
            #expect(try Self.manifestFiles(out).keys.allSatisfy { !$0.hasSuffix(".pdf") })
        }
    }

    /// Needs Chromium, which `make test` installs; fails, saying so, without it.
    @Test(.timeLimit(.minutes(3)))
    func pdfIsPrintedOnePagePerSlideListedLinkedAndKeptInStep() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else {
            Issue.record("/usr/bin/chromium missing: run `make test` (Tools/setup.sh installs chromium)")
            return
        }
        try CommandRunner.withTemporaryDirectory { folder in
            let out = folder + "/out"
            // The printer's own temporary folder goes under TMPDIR: it must be empty again afterwards.
            let temporary = folder + "/tmp"
            try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
            let environment = ["TMPDIR": temporary, "PATH": "/usr/bin:/bin"]
            let html = out + "/\(Self.council)-praesentation.html"
            let pdf = out + "/\(Self.council)-praesentation.pdf"

            let first = try CommandRunner.run(["build", "--only", "SR06", "--pdf", "--out", out], environment: environment)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(!first.stderr.contains("advarsel"), "\(first.stderr)")
            let printed = try Data(contentsOf: URL(fileURLWithPath: pdf))
            #expect(printed.starts(with: Data("%PDF-".utf8)))
            let slides = try String(contentsOfFile: html, encoding: .utf8).components(separatedBy: "<section class=\"slide").count - 1
            #expect(slides > 20 && Self.pageCount(printed) == slides, "\(Self.pageCount(printed)) pages for \(slides) slides")
            #expect(try Self.manifestFiles(out)["\(Self.council)-praesentation.pdf"]?.size == printed.count)
            #expect(
                try String(contentsOfFile: out + "/index.html", encoding: .utf8).contains(
                    "href=\"\(Self.council)-praesentation.pdf\" download>"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty, "the printer's folder is removed")

            // Nothing changed: nothing is printed again.
            let second = try CommandRunner.run(["build", "--only", "SR06", "--pdf", "--out", out], environment: environment)
            #expect(second.stdout.contains("uændret  SR06"), "\(second.stdout)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)) == printed)

            // Rebuilt without --pdf: the old PDF would not match the pack, so it goes, from the folder, the manifest and the page.
            let plain = try CommandRunner.run(["build", "--only", "SR06", "--force", "--out", out], environment: environment)
            #expect(plain.status == 0, "\(plain.stderr)")
            #expect(!FileManager.default.fileExists(atPath: pdf))
            #expect(try Self.manifestFiles(out).keys.allSatisfy { !$0.hasSuffix(".pdf") })
            #expect(!(try String(contentsOfFile: out + "/index.html", encoding: .utf8).contains(".pdf")))

            // Asked for again: the missing PDF alone is a reason to build the pack.
            let again = try CommandRunner.run(["build", "--only", "SR06", "--pdf", "--out", out], environment: environment)
            #expect(again.stdout.contains("skrevet  SR06  Sundhedsråd Midt- og Vestsjælland (PDF mangler)"), "\(again.stdout)")
            #expect(FileManager.default.fileExists(atPath: pdf))
            #expect(try FileManager.default.contentsOfDirectory(atPath: out).allSatisfy { !$0.hasPrefix(".datapakke-tmp") })
        }
    }
}
