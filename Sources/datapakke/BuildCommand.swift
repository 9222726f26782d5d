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

    @Option(help: ArgumentHelp("Antal pakker, der bygges samtidig (standard: antal kerner).", valueName: "antal"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs skal være mindst 1.") }
    }

    func run() throws {
        let started = Date()
        let (inputs, promptRenderer) = try input.loadWithPrompts()
        let clusters = try only.isEmpty ? inputs.definitions.clusters : only.map { key in
            guard let cluster = inputs.definitions.cluster(matching: key) else {
                throw ValidationError("Ukendt sundhedsråd «\(key)». Se `datapakke list` for id'er og navne.")
            }
            return cluster
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)

        let builder = ReportBuilder(inputs: inputs)
        let tables = builder.allTables()
        let documentDate = Self.documentDate(default: inputs.dataDate)
        let writer = PackWriter(directory: out)
        let progress = Progress(total: clusters.count)
        let results = Results(count: clusters.count)
        let nextIndex = Counter()
        DispatchQueue.concurrentPerform(iterations: min(jobs, clusters.count)) { _ in
            while let index = nextIndex.next(below: clusters.count) {
                let cluster = clusters[index]
                let report = builder.pack(for: cluster, tables: tables, documentDate: documentDate, toolVersion: Datapakke.version)
                do {
                    let prompts = try promptRenderer.prompts(for: report)
                    let paths = try writer.write(report, prompts: prompts, markdown: promptRenderer.markdown(prompts, report: report),
                                                 html: promptRenderer.html(prompts, report: report))
                    results.set(index, .success(paths))
                } catch {
                    results.set(index, .failure(error))
                }
                progress.advance(cluster.name)
            }
        }
        progress.finish()

        var failed = 0
        var bytes = 0
        for (cluster, result) in zip(clusters, results.all) {
            switch result {
            case .success(let paths):
                let size = paths.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
                bytes += size
                print("skrevet  \(cluster.id)  \(cluster.name) → \(paths.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", "))")
            case .failure(let error):
                failed += 1
                print("FEJL     \(cluster.id)  \(cluster.name): \(error)")
            case nil:
                failed += 1
                print("FEJL     \(cluster.id)  \(cluster.name): blev ikke bygget")
            }
        }
        // The download page lists every pack of the definition set that is now in the folder.
        let published = inputs.definitions.clusters.filter {
            FileManager.default.fileExists(atPath: out + "/" + PackFiles(cluster: $0).workbook)
        }
        let page = DownloadPage.html(
            reports: published.map { builder.pack(for: $0, tables: tables, documentDate: documentDate, toolVersion: Datapakke.version) },
            definitionsName: inputs.definitions.name, buildDate: documentDate, keyIndicatorIDs: DownloadPage.defaultKeyIndicatorIDs)
        try writeIfChanged(page, to: out + "/index.html")
        print("skrevet  index.html (downloadside med \(published.count) pakker)")

        let seconds = Date().timeIntervalSince(started)
        let summary = "\(clusters.count - failed) af \(clusters.count) datapakker skrevet til \(out)/ på \(DanishNumber.format(seconds, decimals: 1)) s "
            + "(\(DanishNumber.format(Double(bytes) / 1_048_576, decimals: 1)) MB)."
        print(summary)
        if failed > 0 {
            printError("\(failed) \(failed == 1 ? "pakke" : "pakker") fejlede; tidligere versioner af dem er ikke rørt.")
            throw ExitCode(1)
        }
    }

    /// Writes text atomically, and not at all when the file already holds exactly that text.
    func writeIfChanged(_ text: String, to path: String) throws {
        let data = Data(text.utf8)
        if FileManager.default.contents(atPath: path) == data { return }
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// SOURCE_DATE_EPOCH when set (reproducible builds convention), else the data's own date.
    static func documentDate(default dataDate: Date) -> Date {
        if let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(text), seconds > 0 {
            return Date(timeIntervalSince1970: seconds)
        }
        return dataDate
    }
}

/// Results of the parallel build, by pack index.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Result<[String], Error>?]

    init(count: Int) {
        values = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ result: Result<[String], Error>) {
        lock.withLock { values[index] = result }
    }

    var all: [Result<[String], Error>?] { lock.withLock { values } }
}

/// Hands out pack indexes to the workers.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
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
