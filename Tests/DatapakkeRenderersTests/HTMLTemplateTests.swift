import DatapakkeCore
import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeRenderers

/// The HTML templates in `Templates/html/`: an analyst changes the wording of the download page and
/// the prompt documents there, the engine escapes the data, and mistakes are reported with file and line.
@Suite struct HTMLTemplateTests {
    static let root = packageRoot

    /// A copy of the shipped `Templates/` folder, removed when the closure returns.
    private func withTemplatesCopy(_ body: (String) throws -> Void) throws {
        try withTemporaryDirectory { folder in
            let copy = folder + "/Templates"
            try FileManager.default.copyItem(atPath: Self.root + "/Templates", toPath: copy)
            try body(copy)
        }
    }

    /// Replaces text in a file of a templates copy; the text must be there exactly once.
    private func replace(_ old: String, with new: String, in file: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
    {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try #require(
            text.components(separatedBy: old).count == 2, "«\(old)» står ikke præcis én gang i \(file)", sourceLocation: sourceLocation)
        try text.replacingOccurrences(of: old, with: new).write(toFile: file, atomically: true, encoding: .utf8)
    }

    /// The line of a file that contains `text`, 1-based.
    private func line(of text: String, in file: String) throws -> Int {
        let lines = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
        return try #require(lines.firstIndex { $0.contains(text) }) + 1
    }

    private func page(_ templates: HTMLTemplates, _ reports: [PackReport], definitionsName: String = "Sundhedsråd 2027") -> String {
        DownloadPage(templates: templates).html(
            reports: reports, definitionsName: definitionsName, buildDate: PromptTestSupport.documentDate,
            keyIndicatorIDs: DownloadPage.defaultKeyIndicatorIDs)
    }

    @Test func shippedTemplatesAreClean() throws {
        let problems = HTMLTemplates.validate(directory: Self.root + "/Templates/html", relativeTo: Self.root)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func theWordingIsChangedInTheTemplatesWithoutSwift() throws {
        let reports = PromptTestSupport.reports(try ShippedInputs.councils())
        let report = try #require(reports.first { $0.cluster.id == "SR06" })
        let prompts = try PromptTestSupport.shippedRenderer().prompts(for: report)
        let shipped = try HTMLTemplates(directory: Self.root + "/Templates/html")
        let shippedPage = page(shipped, reports)
        let shippedPrompts = PromptDocument(templates: shipped).html(prompts, report: report)

        try withTemplatesCopy { copy in
            let html = HTMLTemplates.directory(inTemplates: copy)
            try replace("Spring til datapakkerne", with: "Gå direkte til pakkerne", in: html + "/downloadside/side.mustache")
            try replace(
                ">Excel-datapakke for {{navn}} (xlsx)<", with: ">Regneark for {{navn}} (xlsx)<", in: html + "/downloadside/pakke.mustache")
            try replace("bedre end landet</span>", with: "bedre end hele landet</span>", in: html + "/downloadside/noegletal.mustache")
            try replace("Refleksioner til mødet", with: "Spørgsmål til drøftelse", in: html + "/refleksioner/side.mustache")
            try replace("@page { size: A4;", with: "@page { size: A5;", in: html + "/refleksioner/stil.css")
            let edited = try HTMLTemplates(directory: html)

            let editedPage = page(edited, reports)
            #expect(shippedPage.contains("Spring til datapakkerne") && shippedPage.contains(">Excel-datapakke for "))
            #expect(shippedPage.contains("bedre end landet</span>"))
            let expectedPage = shippedPage.replacingOccurrences(of: "Spring til datapakkerne", with: "Gå direkte til pakkerne")
                .replacingOccurrences(of: ">Excel-datapakke for ", with: ">Regneark for ")
                .replacingOccurrences(of: "bedre end landet</span>", with: "bedre end hele landet</span>")
            #expect(editedPage == expectedPage, "only the edited words change")

            let editedPrompts = PromptDocument(templates: edited).html(prompts, report: report)
            #expect(shippedPrompts.contains("Refleksioner til mødet") && shippedPrompts.contains("@page { size: A4;"))
            let expectedPrompts = shippedPrompts.replacingOccurrences(of: "Refleksioner til mødet", with: "Spørgsmål til drøftelse")
                .replacingOccurrences(of: "@page { size: A4;", with: "@page { size: A5;")
            #expect(editedPrompts == expectedPrompts, "only the edited words change")
        }
    }

    @Test func dataIsEscapedOnThePageAndInThePromptDocument() throws {
        let inputs = try ShippedInputs.councils()
        var report = try #require(PromptTestSupport.reports(inputs).first { $0.cluster.id == "SR06" })
        report.cluster.name = "Råd <script>alert(\"x\")</script> & 'co'"
        report.regionName = "Region <b>Sjælland</b>"
        report.members[0].name = "Kommune \"A\" & <i>"
        let templates = try HTMLTemplates(directory: Self.root + "/Templates/html")
        let escapedName = "Råd &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;"

        let html = page(templates, [report], definitionsName: "Sæt <1> & \"2\"")
        for raw in ["<script>alert", "<b>Sjælland", "<i>", "Sæt <1>", "'co'", "\"A\""] {
            #expect(!html.contains(raw), "\(raw) står uescapet på siden")
        }
        #expect(html.contains("<h2 id=\"titel-\(PackFiles(cluster: report.cluster).stem)\">\(escapedName)</h2>"))
        #expect(html.contains("data-soeg=\"\(escapedName) SR06 Kommune &quot;A&quot; &amp; &lt;i&gt;"))
        #expect(html.contains("<caption>Nøgletal for \(escapedName)</caption>"))
        #expect(html.contains("<dt>Region</dt><dd>Region &lt;b&gt;Sjælland&lt;/b&gt;</dd>"))
        #expect(html.contains("<title>Datapakker · Sæt &lt;1&gt; &amp; &quot;2&quot;</title>"))
        // The page's own script and the legend's "<5" are markup from the templates, not data.
        #expect(html.components(separatedBy: "<script>").count == 2)
        #expect(html.contains("<span class=\"marker\">&lt;5</span>"))

        let prompts = try PromptTestSupport.shippedRenderer().prompts(for: report)
        let document = PromptDocument(templates: templates).html(prompts, report: report)
        for raw in ["<script>alert", "<b>Sjælland", "<i>", "'co'", "\"A\""] {
            #expect(!document.contains(raw), "\(raw) står uescapet i refleksionerne")
        }
        #expect(document.contains("<title>Refleksioner: \(escapedName)</title>"))
        #expect(document.contains("<h1>\(escapedName)</h1>"))
        #expect(document.contains("<dd>Region &lt;b&gt;Sjælland&lt;/b&gt;</dd>"))
        #expect(!document.contains("<script"))
    }

    @Test func aQuoteFollowedByACombiningMarkIsEscapedToo() throws {
        // One Character ("\"\u{301}" is not "\""), but a browser still ends an attribute value at the quote.
        #expect(HTMLEscaping().escapeText("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&#39;f")
        #expect(HTMLEscaping().escapeText("x\"\u{301} y'\u{308} <\u{338}") == "x&quot;\u{301} y&#39;\u{308} &lt;\u{338}")
        var report = try #require(PromptTestSupport.reports(try ShippedInputs.councils()).first)
        report.members[0].name = "Kommune\"\u{301} onmouseover=\"\u{301}alert(1)"
        let html = page(try HTMLTemplates(directory: Self.root + "/Templates/html"), [report])
        #expect(
            html.contains("data-soeg=\"\(report.cluster.name) \(report.cluster.id) Kommune&quot;\u{301} onmouseover=&quot;\u{301}alert(1) ")
        )
        // Compared code unit by code unit, not character by character, as a browser reads it.
        #expect(html.range(of: "onmouseover=\"", options: .literal) == nil)
    }

    @Test func aBrokenTemplateIsReportedWithFileAndLine() throws {
        try withTemplatesCopy { copy in
            let html = HTMLTemplates.directory(inTemplates: copy)
            let pack = html + "/downloadside/pakke.mustache"
            let page = html + "/downloadside/side.mustache"
            let document = html + "/refleksioner/side.mustache"
            try replace("<dd>{{region}}</dd>", with: "<dd>{{regoin}}</dd>", in: pack)
            try replace("{{> pakke}}", with: "{{> pakker}}", in: page)
            try replace("<title>Datapakker · {{definitioner}}</title>", with: "<title>Datapakker · {{{definitioner}}}</title>", in: page)
            try replace("<h1>{{navn}}</h1>", with: "<h1>{{navn}</h1>", in: document)
            try FileManager.default.removeItem(atPath: html + "/downloadside/script.js")

            let problems = HTMLTemplates.validate(directory: html, relativeTo: copy)
            let text = problems.map(\.description)
            let expected = [
                "html/downloadside/pakke.mustache:\(try line(of: "{{regoin}}", in: pack)):20: ukendt variabel «regoin»; mente du «region»?",
                "html/downloadside/side.mustache:\(try line(of: "{{> pakker}}", in: page)):1: delskabelonen «pakker» findes ikke",
                "html/downloadside/side.mustache:\(try line(of: "{{{definitioner}}}", in: page)):21: «{{{definitioner}}}» indsætter teksten uden",
                "html/downloadside/script.js: filen mangler",
                "html/refleksioner/side.mustache:\(try line(of: "<h1>{{navn}</h1>", in: document)):",
            ]
            for start in expected {
                #expect(text.contains { $0.hasPrefix(start) }, "\(start) mangler i \(text)")
            }
            #expect(text.contains { $0.hasPrefix("html/refleksioner/side.mustache:") && $0.contains("skabelonfejl") }, "\(text)")
            #expect(problems.count == expected.count, "\(text)")
            // The templates refuse to load with the same problems, so a build never stops halfway.
            #expect(throws: InputProblems.self) { try HTMLTemplates(directory: html) }
        }
    }

    @Test func whatCouldBreakThePageOrItsEscapingIsRefused() throws {
        try withTemplatesCopy { copy in
            let html = HTMLTemplates.directory(inTemplates: copy)
            let page = html + "/downloadside/side.mustache"
            let pack = html + "/downloadside/pakke.mustache"
            // Switching the escaping off, a section closed in the wrong order and a partial that inserts itself.
            try replace("<!DOCTYPE html>\n", with: "{{% CONTENT_TYPE: TEXT}}\n<!DOCTYPE html>\n", in: page)
            try replace("{{#dataperioder}}\n<dt>Dataperioder", with: "{{#dataperioder}}\n{{#har_noegletal}}\n<dt>Dataperioder", in: page)
            try replace("</article>", with: "{{> pakke}}\n</article>", in: pack)
            try FileManager.default.removeItem(atPath: html + "/refleksioner/side.mustache")

            let text = HTMLTemplates.validate(directory: html, relativeTo: copy).map(\.description)
            let pragma = try line(of: "CONTENT_TYPE", in: page)
            let opened = try line(of: "{{#har_noegletal}}", in: page)
            let recursion = try line(of: "{{> pakke}}", in: pack)
            #expect(text.contains { $0.hasPrefix("html/downloadside/side.mustache:\(pragma):1: «{{%…}}» bruges ikke") }, "\(text)")
            #expect(
                text.contains {
                    $0.hasPrefix("html/downloadside/side.mustache:\(opened + 2):")
                        && $0.contains("«{{#har_noegletal}}» fra linje \(opened)")
                },
                "\(text)")
            #expect(
                text.contains { $0.hasPrefix("html/downloadside/pakke.mustache:\(recursion):1: delskabelonen «pakke» indsætter") },
                "\(text)")
            #expect(text.contains { $0.hasPrefix("html/refleksioner/side.mustache: skabelonen til selve siden mangler") }, "\(text)")
        }
        let missing = HTMLTemplates.validate(directory: Self.root + "/findes-ikke", relativeTo: Self.root).map(\.description)
        #expect(missing == ["findes-ikke: mappen med HTML-skabeloner findes ikke"])
    }

    @Test func everyVariableIsDocumented() throws {
        let readme = try String(contentsOfFile: Self.root + "/Templates/README-html.md", encoding: .utf8)
        for document in HTMLDocument.allCases {
            for name in document.variables.sorted() + document.assets.map(\.variable) + document.assets.map(\.file) {
                #expect(readme.contains("`\(name)`"), "\(name) (\(document.rawValue)) mangler i Templates/README-html.md")
            }
        }
    }
}
