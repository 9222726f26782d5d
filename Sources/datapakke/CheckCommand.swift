import ArgumentParser
import DatapakkeBuild

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Kontrollerer definitioner, indikatorkatalog og data og viser alle problemer på én gang.",
        discussion: "Afslutter med 0, når alt er i orden, og med 1, når der er fundet problemer (alle listes med fil og linje)."
    )

    @OptionGroup var input: InputOptions

    func run() throws {
        let summary = try reportingFailures { try Project.load(input.layout()).checkSummary() }
        summary.forEach { print($0) }
    }
}
