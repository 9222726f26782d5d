import ArgumentParser
import DatapakkeCore
import DatapakkeRenderers
import Foundation

@main
struct Datapakke: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "datapakke",
        abstract: "Bygger datapakker til sundhedsråd og sundhedsklynger ud fra kommunetal.",
        discussion: """
            Læser kommunernes befolknings- og indikatortal, regner tal for hvert sundhedsråd, dets region \
            og hele landet med de rigtige vægte, og skriver en Excel-datapakke med refleksionsspørgsmål \
            for hvert sundhedsråd.

            Alle kommandoer virker uden argumenter fra projektets rodmappe og bruger da de medfølgende \
            filer: ClusterDefinitions/sundhedsraad-2027.yaml, Data/ og Templates/.

            Eksempler:
              datapakke list --definitions ClusterDefinitions/sundhedsklynger-2022.yaml
              datapakke check
              datapakke figures --only SR06 --format csv
              datapakke diff gammel-out out
            """,
        version: version,
        subcommands: [ListCommand.self, CheckCommand.self, FiguresCommand.self, BuildCommand.self, DiffCommand.self]
    )

    /// Takes the user's locale, as command-line tools do. A Danish locale makes the C library write
    /// decimal commas; the workbook writer keeps LC_NUMERIC at "C" on its own thread, and the
    /// end-to-end tests build under da_DK.UTF-8 to prove the files stay valid.
    static func main() {
        setlocale(LC_ALL, "")
        main(nil)
    }
}

/// The input files every command reads.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Fil med sundhedsråd/klynger (YAML).", valueName: "fil"))
    var definitions = "ClusterDefinitions/sundhedsraad-2027.yaml"

    @Option(help: ArgumentHelp("Mappe med befolkning/*.csv og indikatorer/*.csv.", valueName: "mappe"))
    var data = "Data"

    @Option(help: ArgumentHelp("Mappe med indikatorkataloget (indikatorer.yaml) og skabelonerne.", valueName: "mappe"))
    var templates = "Templates"

    @Option(help: ArgumentHelp("Kommuneregisteret (kommunekode;navn;region;aliaser).", valueName: "fil"))
    var register = "ClusterDefinitions/kommuner.csv"

    var paths: InputPaths {
        InputPaths(
            register: absolute(register), definitions: absolute(definitions), data: absolute(data),
            catalogue: absolute(templates) + "/indikatorer.yaml")
    }

    /// The folder with the reflection prompt templates.
    var promptTemplates: String { PromptRenderer.directory(inTemplates: absolute(templates)) }

    /// The folder with the HTML templates of the download page and the prompt documents.
    var htmlTemplates: String { HTMLTemplates.directory(inTemplates: absolute(templates)) }

    /// The folder messages name files relative to.
    var base: String { FileManager.default.currentDirectoryPath }

    private func absolute(_ path: String) -> String {
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
        return url.standardizedFileURL.path
    }

    /// Loads every input; on problems prints them all to standard error and exits with 1.
    func load() throws -> DatapakkeInputs {
        do {
            return try DatapakkeInputs.load(paths, relativeTo: base)
        } catch let problems as InputProblems {
            printProblems(problems.problems)
            throw ExitCode(1)
        }
    }

    /// Loads every input and compiles the prompt and HTML templates, reporting the problems of all in one run.
    func loadWithPrompts() throws -> (DatapakkeInputs, PromptRenderer, HTMLTemplates) {
        var problems: [InputProblem] = []
        var inputs: DatapakkeInputs?
        do {
            inputs = try DatapakkeInputs.load(paths, relativeTo: base)
        } catch let error as InputProblems {
            problems += error.problems
        }
        problems += PromptRenderer.validate(templatesDirectory: promptTemplates, catalogue: inputs?.catalogue, relativeTo: base)
        problems += HTMLTemplates.validate(directory: htmlTemplates, relativeTo: base)
        guard problems.isEmpty, let inputs else {
            printProblems(problems)
            throw ExitCode(1)
        }
        do {
            return (inputs, try PromptRenderer(templatesDirectory: promptTemplates, catalogue: inputs.catalogue, relativeTo: base),
                    try HTMLTemplates(directory: htmlTemplates, relativeTo: base))
        } catch let error as InputProblems {
            printProblems(error.problems)
            throw ExitCode(1)
        }
    }
}

/// Prints problems to standard error, one a line, with a count at the end.
func printProblems(_ problems: [InputProblem]) {
    for problem in problems {
        printError("fejl: \(problem)")
    }
    printError("\(problems.count) \(problems.count == 1 ? "problem" : "problemer") fundet i input.")
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
