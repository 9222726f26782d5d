import DatapakkeCore
import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeRenderers

/// Template mistakes are found when the templates are loaded (`datapakke check`), with file and line.
@Suite struct PromptValidationTests {
    private func withTemplates(_ files: [String: String], _ body: (String) throws -> Void) throws {
        try withTemporaryDirectory { folder in
            for (name, text) in files {
                let path = folder + "/" + name
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            }
            try body(folder)
        }
    }

    @Test func shippedTemplatesAreClean() throws {
        let inputs = try ShippedInputs.councils()
        let problems = PromptRenderer.validate(
            templatesDirectory: PromptTestSupport.shippedTemplates, catalogue: inputs.catalogue,
            relativeTo: packageRoot)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func unknownVariableAndSyntaxErrorAreReportedWithFileAndLine() throws {
        let files = [
            "_standard.mustache": "fakta: {{vaerdi}}\n",
            "aktivitet/genindl_somatisk_pct.mustache": """
            {{#har_vaerdi}}
            fakta: {{vaerdi}} pct.
            spørgsmål: Hvorfor ligger {{hoejeste_komune}} højest?
            {{/har_vaerdi}}

            """,
            "medicin/dosispakket_medicin_pr_1000_80plus.mustache": """
            fakta: første linje
            {{#stor_spredning}}
            spørgsmål: Hvorfor?

            """,
            "kapacitet/speciallaegepraksis_pr_100000.mustache": """
            fakta: {{#har_vaerdi}}{{vaerdi}}{{/har_vaerdi}
            spoergsmaal: Hvad nu?

            """,
        ]
        try withTemplates(files) { folder in
            let problems = PromptRenderer.validate(templatesDirectory: folder, relativeTo: folder)
            let text = problems.map(\.description)
            #expect(
                text.contains {
                    $0.hasPrefix("aktivitet/genindl_somatisk_pct.mustache:3:") && $0.contains("ukendt variabel «hoejeste_komune»")
                        && $0.contains("mente du «hoejeste_kommune»")
                }, "\(text)")
            #expect(
                text.contains { $0.hasPrefix("medicin/dosispakket_medicin_pr_1000_80plus.mustache:2:") && $0.contains("lukkes aldrig") },
                "\(text)")
            #expect(
                text.contains { $0.hasPrefix("kapacitet/speciallaegepraksis_pr_100000.mustache:1:") && $0.contains("skabelonfejl") },
                "\(text)")
            #expect(problems.count == 3, "\(text)")

            // The renderer refuses to start with the same problems, so a build never fails halfway.
            #expect(throws: InputProblems.self) { try PromptRenderer(templatesDirectory: folder) }
        }
    }

    @Test func linesMustSayWhatTheyAre() throws {
        let files = [
            "_standard.mustache": "Dette er en løs linje\nfakta: ok\n  fortsat linje\nspørgsmal: stavefejl\n",
            "_faelles.mustache": "{{> delskabelon}}\n",
        ]
        try withTemplates(files) { folder in
            let text = PromptRenderer.validate(templatesDirectory: folder, relativeTo: folder).map(\.description)
            #expect(text.contains { $0.hasPrefix("_standard.mustache:1:") && $0.contains("skal begynde med fakta:") }, "\(text)")
            #expect(text.contains { $0.hasPrefix("_standard.mustache:4:") && $0.contains("ukendt linjetype «spørgsmal:»") }, "\(text)")
            #expect(!text.contains { $0.hasPrefix("_standard.mustache:3:") }, "\(text)")
            #expect(text.contains { $0.hasPrefix("_faelles.mustache:1:") && $0.contains("delskabeloner") }, "\(text)")
        }
    }

    @Test func filesAreCheckedAgainstTheCatalogue() throws {
        let inputs = try ShippedInputs.councils()
        let files = [
            "_standard.mustache": "fakta: {{vaerdi}}\n",
            "aktivitet/findes_ikke.mustache": "fakta: x\n",
            "medicin/genindl_somatisk_pct.mustache": "fakta: x\n",
            "aktivitet/_sektion.mustache": "fakta: {{#indlaeggelse_pct}}{{vaerdi}}{{/indlaeggelse_pct}} {{#ukendt_id}}x{{/ukendt_id}}\n",
        ]
        try withTemplates(files) { folder in
            let text = PromptRenderer.validate(templatesDirectory: folder, catalogue: inputs.catalogue, relativeTo: folder).map(
                \.description)
            #expect(text.contains { $0.hasPrefix("aktivitet/findes_ikke.mustache") && $0.contains("ingen indikator") }, "\(text)")
            #expect(
                text.contains { $0.hasPrefix("medicin/genindl_somatisk_pct.mustache") && $0.contains("hører til sektionen «aktivitet»") },
                "\(text)")
            #expect(text.contains { $0.hasPrefix("aktivitet/_sektion.mustache:1:") && $0.contains("ukendt_id") }, "\(text)")
            #expect(text.count == 3, "\(text)")
        }
    }

    @Test func groupTemplatesAreCheckedAgainstTheCatalogue() throws {
        let inputs = try ShippedInputs.councils()
        let files = [
            "_standard.mustache": "fakta: {{vaerdi}}\n",
            // A group's template may name its members, the group's values and the indicator names.
            "aktivitet/speciallaeger_kontakter.mustache":
                "fakta: {{#speciallaege_kirurgi_pr_1000}}{{vaerdi}}{{/speciallaege_kirurgi_pr_1000}} {{stoerst_under_titel}} {{titel}}\n",
            "_gruppe.mustache": "fakta: {{antal_i_gruppen}} {{ukendt_navn}}\n",
            // A group belongs to its members' section.
            "medicin/speciallaeger_praksis.mustache": "fakta: x\n",
            // A member gets its group's questions, not its own.
            "aktivitet/speciallaege_kirurgi_pr_1000.mustache": "fakta: x\n",
        ]
        try withTemplates(files) { folder in
            let text = PromptRenderer.validate(templatesDirectory: folder, catalogue: inputs.catalogue, relativeTo: folder).map(
                \.description)
            #expect(text.contains { $0.hasPrefix("_gruppe.mustache:1:") && $0.contains("ukendt_navn") }, "\(text)")
            #expect(
                text.contains { $0.hasPrefix("medicin/speciallaeger_praksis.mustache") && $0.contains("hører til sektionen «kapacitet»") },
                "\(text)")
            #expect(
                text.contains {
                    $0.hasPrefix("aktivitet/speciallaege_kirurgi_pr_1000.mustache")
                        && $0.contains("vises i gruppen «speciallaeger_kontakter» og får ingen spørgsmål af sine egne")
                }, "\(text)")
            #expect(text.count == 3, "\(text)")
        }
    }

    @Test func missingStandardTemplateIsAProblem() throws {
        try withTemplates(["aktivitet/indlaeggelse_pct.mustache": "fakta: x\n"]) { folder in
            let text = PromptRenderer.validate(templatesDirectory: folder, relativeTo: folder).map(\.description)
            #expect(text.contains { $0.hasPrefix("_standard.mustache") && $0.contains("standardskabelonen mangler") }, "\(text)")
        }
    }

    @Test func everyVariableIsDocumented() throws {
        let readme = try String(contentsOfFile: packageRoot + "/Templates/README-refleksioner.md", encoding: .utf8)
        for name in PromptVariables.values + PromptVariables.flags + PromptVariables.sectionValues + PromptVariables.groupValues {
            #expect(readme.contains("`\(name)`"), "\(name) mangler i Templates/README-refleksioner.md")
        }
    }
}
