import ArgumentParser
import DatapakkeBuild

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Viser, hvad der er ændret mellem to bygninger (ud fra deres manifest.json).",
        discussion: """
            Læser manifest.json i begge mapper og skriver for hver pakke, hvad der er ændret: nye og \
            fjernede pakker, kommuner tilføjet eller fjernet, nye perioder og hvert vist tal, der har \
            flyttet sig, med samme ordlyd som forsiden af en genbygget pakke.

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
        let lines = try reportingFailures { try ManifestDiff.lines(fromBuild: old, toBuild: new) }
        lines.forEach { print($0) }
    }
}
