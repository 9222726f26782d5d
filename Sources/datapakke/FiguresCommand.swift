import ArgumentParser
import DatapakkeBuild
import DatapakkeRenderers

struct FiguresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures",
        abstract: "Viser de beregnede tal for sundhedsråd, regioner og hele landet.",
        discussion: """
            Hvert tal er regnet efter indikatorens regel i kataloget (sum, tæller/nævner eller vægtet \
            gennemsnit) og vises med dækning: hvor mange kommuner der havde en værdi, og hvor stor en \
            del af vægten de udgør. Manglende værdier udelades; de tælles aldrig som 0. Skjulte tal \
            (diskretionering) vises ikke, heller ikke deres tæller og nævner; de afgøres for alle kort, der \
            offentliggøres sammen, som i build (--published-with, --published-alone).

            --format csv er til dansk Excel: semikolon mellem felterne, decimalkomma og UTF-8 med \
            BOM, så æ, ø og å vises rigtigt. Felter med semikolon, anførselstegn eller linjeskift står \
            i anførselstegn, og tekst, der begynder med =, +, -, @ eller tabulator, får et ' foran, \
            så Excel ikke læser den som en formel. Tal røres ikke.

            --only tager id'er og navne, med eller uden "Sundhedsråd", uden hensyn til store og små \
            bogstaver, og med æ/ø/å eller ae/oe/aa.

            Eksempler:
              datapakke figures --only SR06
              datapakke figures --only "Midt- og Vestsjælland" --format csv > sr06.csv
            """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var publication: PublicationOptions

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Kun disse sundhedsråd (id eller navn).", valueName: "id"))
    var only: [String] = []

    @Option(help: "Format: table, json eller csv.")
    var format: FigureListingFormat = .table

    func run() throws {
        let text = try reportingFailures {
            try Project.figures(of: Project.loadInputs(input.layout(publishing: publication.maps)), only: only, format: format)
        }
        print(text, terminator: "")
    }
}

extension FigureListingFormat: ExpressibleByArgument {}
