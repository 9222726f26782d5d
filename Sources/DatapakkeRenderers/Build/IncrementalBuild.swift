import DatapakkeCore
import Foundation

/// Why a pack is (re)built.
public enum RebuildReason: String, Sendable, CaseIterable {
    case new = "ny pakke"
    case force = "--force"
    case definition = "definition ændret"
    case municipalData = "data for egne kommuner ændret"
    case comparison = "sammenligning med region/land ændret"
    case catalogue = "katalog/skabeloner ændret"
    case tool = "ny version af værktøjet"
    case documentDate = "dokumentdato ændret"
    case files = "fil mangler eller er ændret"
}

/// What happened to one pack.
public enum PackOutcome: Sendable {
    case built(files: [Manifest.File], reasons: [RebuildReason])
    /// Inputs and files as at the last build: nothing written.
    case skipped
    case failed(error: String, reasons: [RebuildReason])
}

/// What a build did, for the command to report.
public struct BuildOutcome: Sendable {
    /// Every selected pack, in definition order.
    public var packs: [(cluster: Cluster, outcome: PackOutcome)]
    /// Files of packs no longer in the definitions (or renamed), removed after the build succeeded.
    public var removed: [String]
    /// Files that should have been removed but could not be, with the reason.
    public var notRemoved: [(name: String, reason: String)]
    /// True when packs left the definitions but their files stay, because a pack failed.
    public var removalPostponed = false
    /// Packs listed on the download page.
    public var published: Int
    public var pageWritten: Bool
    public var manifestWritten: Bool
    /// Why the earlier manifest was not used, when it existed but could not be read.
    public var ignoredManifest: String?

    public var failed: Int { packs.filter { if case .failed = $0.outcome { return true } else { return false } }.count }
    public var built: Int { packs.filter { if case .built = $0.outcome { return true } else { return false } }.count }
    public var skipped: Int { packs.filter { if case .skipped = $0.outcome { return true } else { return false } }.count }
    /// True when not a single file in the output folder was written or removed.
    public var wroteNothing: Bool { built == 0 && removed.isEmpty && !pageWritten && !manifestWritten }
}

/// Builds the packs of a definition set into a folder, rebuilding only those whose inputs or files
/// changed since the manifest of the last build, and recording what changed.
///
/// A pack is rebuilt when forced, when the manifest has no entry for it, when the hash of any of its
/// inputs differs, or when one of its files is missing or not the file that was written. Files of
/// packs that left the definitions are removed only after a build without failures, and only the
/// names the old manifest lists: anything else in the folder is left alone.
public struct IncrementalBuild: Sendable {
    public var inputs: DatapakkeInputs
    public var promptRenderer: PromptRenderer
    /// The HTML templates; the prompt document's folder is hashed with the prompt templates.
    public var htmlTemplates: HTMLTemplates
    /// The output folder.
    public var directory: String
    /// The packs to consider (nil: every pack of the definition set).
    public var selection: [Cluster]?
    public var force = false
    public var jobs = 1
    public var toolVersion: String
    public var documentDate: Date
    /// `indikatorer.yaml`, hashed as bytes.
    public var cataloguePath: String
    /// The prompt templates' folder, hashed file by file.
    public var templatesDirectory: String
    /// The running executable, hashed with the version: a rebuilt tool with the same version number
    /// can still write different files. Nil: the version alone identifies the tool.
    public var toolExecutable: String?

    public init(
        inputs: DatapakkeInputs, promptRenderer: PromptRenderer, htmlTemplates: HTMLTemplates, directory: String, selection: [Cluster]?,
        toolVersion: String, documentDate: Date, cataloguePath: String, templatesDirectory: String
    ) {
        self.inputs = inputs
        self.promptRenderer = promptRenderer
        self.htmlTemplates = htmlTemplates
        self.directory = directory
        self.selection = selection
        self.toolVersion = toolVersion
        self.documentDate = documentDate
        self.cataloguePath = cataloguePath
        self.templatesDirectory = templatesDirectory
    }

    /// Runs the build; `progress` is called with each pack's name as it is done (from any thread).
    public func run(progress: @escaping @Sendable (String) -> Void = { _ in }) throws -> BuildOutcome {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let manifestPath = directory + "/" + Manifest.fileName
        var old: Manifest?
        var ignoredManifest: String?
        do {
            old = try Manifest.read(path: manifestPath)
        } catch ManifestError.missing {
            old = nil
        } catch {
            ignoredManifest = "\(error)"
        }

        let definitions = inputs.definitions
        let builder = ReportBuilder(inputs: inputs)
        let tables = builder.allTables()
        let reports = definitions.clusters.map { builder.pack(for: $0, tables: tables, documentDate: documentDate, toolVersion: toolVersion) }
        let shared = try sharedInputs()
        let clusters = selection ?? definitions.clusters

        // Decide per pack, then build the ones that must be built in parallel.
        let plans: [Plan] = clusters.compactMap { cluster in
            guard let index = definitions.clusters.firstIndex(where: { $0.id == cluster.id }) else { return nil }
            let report = reports[index]
            let entry = Manifest.Pack(report: report, inputs: packInputs(report, shared: shared))
            let previous = old?.pack(cluster.id)
            return Plan(report: report, entry: entry, previous: previous, reasons: reasons(entry, previous: previous))
        }
        let results = Results(count: plans.count)
        let pending = plans.indices.filter { !plans[$0].reasons.isEmpty }
        let nextIndex = Counter()
        let writer = PackWriter(directory: directory)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, pending.count))) { _ in
            while let next = nextIndex.next(below: pending.count) {
                let index = pending[next]
                results.set(index, build(plans[index], writer: writer))
                progress(plans[index].report.cluster.name)
            }
        }

        var outcome = BuildOutcome(packs: [], removed: [], notRemoved: [], published: 0, pageWritten: false, manifestWritten: false,
                                   ignoredManifest: ignoredManifest)
        var entries: [String: Manifest.Pack] = [:]
        for entry in old?.packs ?? [] { entries[entry.id] = entry }
        for (index, plan) in plans.enumerated() {
            let id = plan.report.cluster.id
            if plan.reasons.isEmpty {
                outcome.packs.append((plan.report.cluster, .skipped))
            } else if let result = results.value(index), case .success(let entry) = result {
                entries[id] = entry
                outcome.packs.append((plan.report.cluster, .built(files: entry.files, reasons: plan.reasons)))
            } else {
                // The earlier files are untouched and keep their entry, whose old hashes make the next build try again.
                let message: String
                if let result = results.value(index), case .failure(let error) = result { message = "\(error)" } else { message = "blev ikke bygget" }
                outcome.packs.append((plan.report.cluster, .failed(error: message, reasons: plan.reasons)))
            }
        }

        // Packs of the definition set in definition order; after a failure the entries of departed
        // packs stay, so their files are still known when a later build succeeds.
        let current = Set(definitions.clusters.map(\.id))
        var packs = definitions.clusters.compactMap { entries[$0.id] }
        let departed = (old?.packs ?? []).filter { !current.contains($0.id) }
        if outcome.failed > 0 {
            packs += departed
            outcome.removalPostponed = !departed.isEmpty
        } else {
            let keep = Set(packs.flatMap { $0.files.map(\.name) } + [Manifest.fileName, DownloadPage.fileName])
            let listed = (old?.packs ?? []).flatMap { $0.files.map(\.name) }
            for name in Self.unique(listed) where !keep.contains(name) && Self.isPlainFileName(name) {
                let path = directory + "/" + name
                guard FileManager.default.fileExists(atPath: path) else { continue }
                do {
                    try FileManager.default.removeItem(atPath: path)
                    outcome.removed.append(name)
                } catch {
                    outcome.notRemoved.append((name, error.localizedDescription))
                }
            }
        }

        // The download page lists every pack of the definition set that is now in the folder.
        let published = definitions.clusters.indices.filter {
            FileManager.default.fileExists(atPath: directory + "/" + PackFiles(cluster: definitions.clusters[$0]).workbook)
        }
        let page = DownloadPage(templates: htmlTemplates).html(
            reports: published.map { reports[$0] }, definitionsName: definitions.name, buildDate: documentDate,
            keyIndicatorIDs: DownloadPage.defaultKeyIndicatorIDs)
        outcome.published = published.count
        outcome.pageWritten = try Self.writeIfChanged(Data(page.utf8), to: directory + "/" + DownloadPage.fileName)

        let manifest = Manifest(tool: toolVersion, definitions: definitions.name, documentDate: DanishText.isoDate(documentDate), packs: packs)
        outcome.manifestWritten = try Self.writeIfChanged(try manifest.encoded(), to: manifestPath)
        return outcome
    }

    /// A pack with its freshly computed entry (without files) and why it must be built.
    private struct Plan: Sendable {
        var report: PackReport
        var entry: Manifest.Pack
        var previous: Manifest.Pack?
        var reasons: [RebuildReason]
    }

    private func reasons(_ entry: Manifest.Pack, previous: Manifest.Pack?) -> [RebuildReason] {
        guard let previous else { return [.new] }
        let (a, b) = (previous.inputs, entry.inputs)
        var reasons: [RebuildReason] = force ? [.force] : []
        if a.definition != b.definition { reasons.append(.definition) }
        if a.municipalData != b.municipalData { reasons.append(.municipalData) }
        if a.comparison != b.comparison { reasons.append(.comparison) }
        if a.catalogue != b.catalogue || a.templates != b.templates { reasons.append(.catalogue) }
        if a.tool != b.tool { reasons.append(.tool) }
        if a.documentDate != b.documentDate { reasons.append(.documentDate) }
        if !filesIntact(previous.files) { reasons.append(.files) }
        return reasons
    }

    /// Whether every file the manifest lists is there with the size and SHA-256 that was written.
    private func filesIntact(_ files: [Manifest.File]) -> Bool {
        guard !files.isEmpty else { return false }
        return files.allSatisfy { file in
            guard Self.isPlainFileName(file.name) else { return false }
            let path = directory + "/" + file.name
            guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size == file.size,
                  let data = FileManager.default.contents(atPath: path) else { return false }
            return SHA256Hex.digest(data) == file.sha256
        }
    }

    private func build(_ plan: Plan, writer: PackWriter) -> Result<Manifest.Pack, Error> {
        var entry = plan.entry
        if let previous = plan.previous {
            // A rebuild forced or caused by a damaged file reproduces the same pack, changes block included.
            let sameInputs = plan.reasons.allSatisfy { $0 == .force || $0 == .files }
            entry.changes = sameInputs ? previous.changes : PackChanges.between(previous, entry)
        }
        var report = plan.report
        report.changes = entry.changes
        do {
            let prompts = try promptRenderer.prompts(for: report)
            let paths = try writer.write(report, prompts: prompts, markdown: promptRenderer.markdown(prompts, report: report),
                                         html: PromptDocument(templates: htmlTemplates).html(prompts, report: report))
            entry.files = try paths.map { path in
                guard let data = FileManager.default.contents(atPath: path) else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
                return Manifest.File(name: URL(fileURLWithPath: path).lastPathComponent, size: data.count, sha256: SHA256Hex.digest(data))
            }
            return .success(entry)
        } catch {
            return .failure(error)
        }
    }

    /// The hashes every pack shares: catalogue, templates, tool and document date.
    private struct SharedInputs: Sendable {
        var catalogue: String
        var templates: String
        var tool: String
        var documentDate: String
    }

    private func sharedInputs() throws -> SharedInputs {
        let catalogue = try Data(contentsOf: URL(fileURLWithPath: cataloguePath))
        return SharedInputs(
            catalogue: SHA256Hex.digest(catalogue),
            templates: SHA256Hex.digest(try Self.folderDigest(templatesDirectory) + Self.folderDigest(htmlTemplates.folder(of: .prompts))),
            tool: try toolDigest(), documentDate: DanishText.isoDate(documentDate))
    }

    private func toolDigest() throws -> String {
        guard let toolExecutable else { return SHA256Hex.digest(toolVersion) }
        return try SHA256Hex.digest(file: toolExecutable, prefix: Data((toolVersion + "\u{0}").utf8))
    }

    private func packInputs(_ report: PackReport, shared: SharedInputs) -> Manifest.Inputs {
        Manifest.Inputs(
            definition: SHA256Hex.digest(PackInputText.definition(of: report.cluster, in: inputs.definitions)),
            municipalData: SHA256Hex.digest(PackInputText.municipalData(of: report.cluster, inputs: inputs)),
            comparison: SHA256Hex.digest(PackInputText.comparison(of: report)),
            catalogue: shared.catalogue, templates: shared.templates, tool: shared.tool, documentDate: shared.documentDate)
    }

    /// SHA-256 over every file below a folder: sorted relative paths, each with its length and bytes.
    static func folderDigest(_ folder: String) throws -> String {
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        var paths: [String] = []
        if let enumerator = FileManager.default.enumerator(atPath: root) {
            while let relative = enumerator.nextObject() as? String {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                    paths.append(relative)
                }
            }
        }
        var data = Data()
        for relative in paths.sorted() {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative))
            data += Data("\(relative)\u{0}\(bytes.count)\u{0}".utf8) + bytes
        }
        return SHA256Hex.digest(data)
    }

    /// Writes bytes atomically, and not at all when the file already holds exactly them; true when written.
    public static func writeIfChanged(_ data: Data, to path: String) throws -> Bool {
        if FileManager.default.contents(atPath: path) == data { return false }
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        return true
    }

    /// A name without a folder part, so a manifest (which anyone can edit) cannot point outside the folder.
    static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && !name.contains("\\") && name != "." && name != ".."
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}

/// Results of the parallel build, by plan index.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Result<Manifest.Pack, Error>?]

    init(count: Int) {
        values = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ result: Result<Manifest.Pack, Error>) {
        lock.withLock { values[index] = result }
    }

    func value(_ index: Int) -> Result<Manifest.Pack, Error>? { lock.withLock { values[index] } }
}

/// Hands out indexes to the workers.
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
