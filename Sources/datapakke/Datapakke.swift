import ArgumentParser
import DatapakkeBuild
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
            filer: ClusterDefinitions/sundhedsraad-2027.yaml, Data/ og Templates/. Små tal skjules for \
            alle kort i ClusterDefinitions/ under ét (også sundhedsklynger-2022.yaml), da de offentliggøres \
            sammen; se --published-with under check, figures og build.

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
    /// end-to-end tests build under da_DK.UTF-8 to prove the files stay valid. The workbook library's
    /// own English messages are dropped: every failure is reported once, in Danish, by the build.
    static func main() {
        setlocale(LC_ALL, "")
        silenceLibraryDiagnostics()
        main(nil)
    }
}

/// The input files every command reads.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Fil med sundhedsråd/klynger (YAML). Standard: \(ProjectLayout.defaultDefinitions).", valueName: "fil"))
    var definitions: String?

    @Option(
        help: ArgumentHelp("Mappe med befolkning/*.csv og indikatorer/*.csv. Standard: \(ProjectLayout.defaultData).", valueName: "mappe"))
    var data: String?

    @Option(
        help: ArgumentHelp(
            "Mappe med indikatorkataloget (indikatorer.yaml) og skabelonerne. Standard: \(ProjectLayout.defaultTemplates).",
            valueName: "mappe"))
    var templates: String?

    @Option(
        help: ArgumentHelp(
            "Kommuneregisteret (kommunekode;navn;region;aliaser). Standard: \(ProjectLayout.defaultRegister).", valueName: "fil"))
    var register: String?

    /// The checked layout of the given (or default) paths, with the maps published together.
    func layout(publishing maps: PublishedMaps) throws -> ProjectLayout {
        try ProjectLayout.resolve(definitions: definitions, data: data, templates: templates, register: register, publishedWith: maps)
    }
}

/// Which maps are published together, for the commands whose output hides small numbers.
struct PublicationOptions: ParsableArguments {
    @Option(
        name: .customLong("published-with"), parsing: .upToNextOption,
        help: ArgumentHelp(
            "Andre definitionsfiler, hvis tal offentliggøres sammen med disse; skjulte celler afgøres for alle kort under ét. "
                + "Standard: de andre *.yaml-filer i definitionsfilens mappe.", valueName: "fil"))
    var publishedWith: [String] = []

    @Flag(
        name: .customLong("published-alone"),
        help: ArgumentHelp(
            "Kortet offentliggøres alene: skjulte celler afgøres kun for dette kort. "
                + "Brug det ikke, hvis et andet kort med samme data udgives."))
    var publishedAlone = false

    func validate() throws {
        if publishedAlone, !publishedWith.isEmpty { throw ValidationError("--published-with og --published-alone kan ikke bruges sammen.") }
    }

    /// The maps the options name.
    var maps: PublishedMaps {
        if publishedAlone { return .alone }
        return publishedWith.isEmpty ? .besideDefinitions : .files(publishedWith)
    }
}

/// Runs a command's library call; a failure the user can fix is printed as Danish lines on standard
/// error and ends the program with its exit code.
func reportingFailures<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        guard let failure = CommandFailure(error) else { throw error }
        failure.lines.forEach(printError)
        throw ExitCode(failure.exitCode)
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
