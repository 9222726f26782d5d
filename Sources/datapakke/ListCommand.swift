import ArgumentParser
import DatapakkeBuild

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Viser sundhedsrådene (eller klyngerne) i en definitionsfil med kommuner og indbyggertal."
    )

    @OptionGroup var input: InputOptions

    func run() throws {
        let lines = try reportingFailures { try Project.listing(of: Project.loadInputs(input.layout(publishing: .alone))) }
        lines.forEach { print($0) }
    }
}
