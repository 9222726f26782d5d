import ArgumentParser
import DatapakkeBuild

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Kontrollerer definitioner, indikatorkatalog og data og viser alle problemer på én gang.",
        discussion: """
            Afslutter med 0, når alt er i orden, og med 1, når der er fundet problemer (alle listes med fil og linje). \
            Kortene, der offentliggøres sammen (--published-with), læses og kontrolleres også, og antallet af \
            skjulte celler gælder dem under ét.
            """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var publication: PublicationOptions

    func run() throws {
        let summary = try reportingFailures { try Project.load(input.layout(publishing: publication.maps)).checkSummary() }
        summary.forEach { print($0) }
    }
}
