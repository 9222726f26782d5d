import ArgumentParser
import DatapakkeCore
import DatapakkeRenderers
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Skriver en Excel-datapakke og refleksionsspørgsmål for hvert sundhedsråd.",
        discussion: """
            For hvert sundhedsråd i definitionsfilen skrives <navn>.xlsx, <navn>-refleksioner.md og \
            <navn>-refleksioner.html i mappen --out. Hver fil skrives færdig i en midlertidig fil og \
            flyttes først på plads, når den er hel: en fejl efterlader aldrig en halv pakke, og en \
            tidligere version af pakken bliver stående.

            Bygningen er trinvis: out/manifest.json husker for hver pakke et fingeraftryk (SHA-256) af \
            dens input (definition, egne kommuners data, sammenligningen med region og land som vist, \
            katalog, skabeloner, værktøjets version og programfil) og af de skrevne filer. Kun pakker, \
            hvis input eller filer er ændret, bygges igen; de andre meldes som uændrede. En genbygget \
            pakke får på forsiden en liste over, hvad der er ændret siden forrige version. --force \
            bygger alle. Filer fra pakker, der er fjernet fra definitionerne, slettes først, når \
            bygningen er lykkedes; andre filer i mappen røres ikke.

            Dokumentdatoen er fast (datagrundlagets seneste dato, eller SOURCE_DATE_EPOCH når den er \
            sat), så to kørsler på samme data giver byte-identiske filer.

            Eksempler:
              datapakke build
              datapakke build --only SR06 "Sundhedsråd Fyn" --out /tmp/pakker
              datapakke build --definitions ClusterDefinitions/sundhedsklynger-2022.yaml --out out/klynger
            """
    )

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("Mappe, pakkerne skrives i (oprettes om nødvendigt).", valueName: "mappe"))
    var out = "out"

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Kun disse sundhedsråd (id eller navn).", valueName: "id"))
    var only: [String] = []

    @Flag(help: "Byg alle pakker, også dem hvis input og filer er som ved sidste bygning.")
    var force = false

    @Option(help: ArgumentHelp("Antal pakker, der bygges samtidig (standard: antal kerner).", valueName: "antal"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs skal være mindst 1.") }
    }

    func run() throws {
        let started = Date()
        let (inputs, promptRenderer, htmlTemplates) = try input.loadWithPrompts()
        let selection = try only.isEmpty ? nil : only.map { key in
            guard let cluster = inputs.definitions.cluster(matching: key) else {
                throw ValidationError("Ukendt sundhedsråd «\(key)». Se `datapakke list` for id'er og navne.")
            }
            return cluster
        }
        var build = IncrementalBuild(
            inputs: inputs, promptRenderer: promptRenderer, htmlTemplates: htmlTemplates, directory: out, selection: selection,
            toolVersion: Datapakke.version,
            documentDate: Self.documentDate(default: inputs.dataDate), cataloguePath: input.paths.catalogue,
            templatesDirectory: input.promptTemplates)
        build.force = force
        build.jobs = jobs
        build.toolExecutable = Self.executablePath
        let progress = Progress(total: selection?.count ?? inputs.definitions.clusters.count)
        let outcome = try build.run { progress.advance($0) }
        progress.finish()
        report(outcome, seconds: Date().timeIntervalSince(started))
        if outcome.failed > 0 {
            printError("\(outcome.failed) \(outcome.failed == 1 ? "pakke" : "pakker") fejlede; tidligere versioner af dem er ikke rørt.")
            throw ExitCode(1)
        }
    }

    private func report(_ outcome: BuildOutcome, seconds: Double) {
        if let ignored = outcome.ignoredManifest {
            printError("advarsel: \(ignored); alle pakker bygges.")
        }
        var bytes = 0
        for (cluster, result) in outcome.packs {
            switch result {
            case .built(let files, let reasons):
                bytes += files.reduce(0) { $0 + $1.size }
                print("skrevet  \(cluster.id)  \(cluster.name) (\(reasons.map(\.rawValue).joined(separator: ", "))) → "
                    + files.map(\.name).joined(separator: ", "))
            case .skipped:
                print("uændret  \(cluster.id)  \(cluster.name) (input og filer som sidst)")
            case .failed(let error, _):
                print("FEJL     \(cluster.id)  \(cluster.name): \(error)")
            }
        }
        for name in outcome.removed {
            print("fjernet  \(name) (hører ikke længere til en pakke i definitionerne)")
        }
        for (name, reason) in outcome.notRemoved {
            printError("advarsel: kunne ikke fjerne \(name): \(reason)")
        }
        if outcome.removalPostponed {
            print("Filer fra pakker, der ikke længere er i definitionerne, fjernes først, når en bygning lykkes helt.")
        }
        print((outcome.pageWritten ? "skrevet  " : "uændret  ") + "index.html (downloadside med \(outcome.published) pakker)")
        print((outcome.manifestWritten ? "skrevet  " : "uændret  ") + Manifest.fileName)
        let total = outcome.packs.count
        var summary = "\(outcome.built) af \(total) datapakker skrevet til \(out)/ på \(DanishNumber.format(seconds, decimals: 1)) s "
            + "(\(DanishNumber.format(Double(bytes) / 1_048_576, decimals: 1)) MB)"
        summary += outcome.skipped > 0 ? "; \(outcome.skipped) uændrede." : "."
        print(summary)
        if outcome.wroteNothing {
            print("Intet er ændret siden sidste bygning: ingen filer skrevet.")
        }
    }

    /// The running executable (Linux: /proc/self/exe), when it can be found.
    static var executablePath: String? {
        if FileManager.default.isReadableFile(atPath: "/proc/self/exe") { return "/proc/self/exe" }
        return Bundle.main.executablePath
    }

    /// SOURCE_DATE_EPOCH when set (reproducible builds convention), else the data's own date.
    static func documentDate(default dataDate: Date) -> Date {
        if let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(text), seconds > 0 {
            return Date(timeIntervalSince1970: seconds)
        }
        return dataDate
    }
}

/// A one-line progress indicator on a terminal; silent when standard error is not a terminal.
private final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var done = 0
    private let enabled = isatty(STDERR_FILENO) != 0

    init(total: Int) {
        self.total = total
    }

    func advance(_ name: String) {
        lock.withLock {
            done += 1
            guard enabled else { return }
            let width = 24
            let filled = total == 0 ? width : done * width / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(bar) \(done)/\(total) \(name)".utf8))
        }
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
