import DatapakkeCore
import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeRenderers

/// The Markdown prompts carry names and notes from the inputs; none of them may become HTML, a link
/// or an image in a Markdown reader.
@Suite struct MarkdownSafetyTests {
    @Test func namesAndNotesFromTheInputsStayText() throws {
        var inputs = try ShippedInputs.councils()
        inputs.definitions.clusters[0].name = "Råd <script>alert(1)</script> [klik](javascript:alert(1))"
        inputs.definitions.clusters[0].acuteHospitals = ["<img src=x onerror=alert(1)>", "*fed* _kursiv_ `kode`"]
        let builder = ReportBuilder(inputs: inputs)
        let report = builder.pack(
            for: inputs.definitions.clusters[0], tables: builder.allTables(), documentDate: PromptTestSupport.documentDate,
            toolVersion: "test")
        let renderer = try PromptRenderer(templatesDirectory: PromptTestSupport.shippedTemplates, catalogue: inputs.catalogue)
        let markdown = renderer.markdown(try renderer.prompts(for: report), report: report)
        #expect(markdown.contains("# Refleksioner: Råd \\<script\\>alert(1)\\</script\\> \\[klik\\](javascript:alert(1))"))
        #expect(markdown.contains("\\<img src=x onerror=alert(1)\\>"))
        #expect(markdown.contains("\\*fed\\* \\_kursiv\\_ \\`kode\\`"))
        // No unescaped opening of a tag or a link anywhere that came from the name.
        for line in markdown.split(separator: "\n") where line.contains("script") || line.contains("onerror") {
            #expect(!line.contains(" <") && !line.contains("](") || line.contains("\\]("), "\(line)")
        }
    }

    @Test func escapingLeavesOrdinaryDanishTextAlone() {
        let text = "Sundhedsråd Midt- og Vestsjælland (tilnærmet): 61,2 pr. 1.000 – 8 af 8 kommuner, 100 % af vægten."
        #expect(PromptRenderer.markdownEscaped(text) == text)
    }
}
