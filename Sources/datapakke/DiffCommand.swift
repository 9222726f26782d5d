import ArgumentParser
import DatapakkeBuild
import DatapakkeRenderers

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Viser, hvad der er ændret mellem to bygninger (ud fra deres manifest.json).",
        discussion: """
            Læser manifest.json i begge mapper og skriver først en opsummering, så de datarækker, der er \
            ændret (fil, kommune, indikator, periode: gammel → ny værdi), og for hver pakke, hvad der er \
            ændret: nye og fjernede pakker, kommuner tilføjet eller fjernet, nye perioder og hvert vist \
            tal, der har flyttet sig, med samme ordlyd som forsiden af en genbygget pakke.

            Afslutter med 0, når bygningerne er ens, og med 1, når de er forskellige (som diff).

            Eksempler:
              datapakke diff out-2024 out
              datapakke diff gammel/manifest.json out
            """
    )

    @Argument(help: ArgumentHelp("Den tidligere bygning (mappe eller manifest.json).", valueName: "gammel"))
    var old: String

    @Argument(help: ArgumentHelp("Den nye bygning (mappe eller manifest.json).", valueName: "ny"))
    var new: String

    func run() throws {
        let report = try reportingFailures { try ManifestDiff.report(fromBuild: old, toBuild: new) }
        report.lines.forEach { print(TerminalText.escape($0)) }
        if report.differs { throw ExitCode(1) }
    }
}
