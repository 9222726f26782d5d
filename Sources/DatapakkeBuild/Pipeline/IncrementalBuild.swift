import DatapakkeCore
import DatapakkeRenderers
import Foundation

/// What a build is asked to do, besides the project it builds.
public struct BuildOptions: Sendable {
    /// The output folder, created when missing.
    public var directory: String
    /// Ids or names of the packs to consider (empty: every pack of the definition set).
    public var only: [String]
    /// Rebuild every considered pack, also those whose inputs and files are as at the last build.
    public var force: Bool
    /// Packs built at the same time.
    public var jobs: Int
    public var tool: ToolIdentity
    /// The date printed on every file; nil: the data's own latest date.
    public var documentDate: Date?
    /// Replace the packs of another definition set in the folder (`--erstat`); without it such a
    /// folder stops the build with `OtherDefinitionsError`.
    public var replace: Bool
    /// Print each written presentation to PDF with a headless Chromium (`--pdf`), when one is found.
    public var pdf: Bool

    public init(
        directory: String, only: [String] = [], force: Bool = false, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
        tool: ToolIdentity, documentDate: Date? = nil, replace: Bool = false, pdf: Bool = false
    ) {
        self.pdf = pdf
        self.directory = directory
        self.only = only
        self.force = force
        self.jobs = jobs
        self.tool = tool
        self.documentDate = documentDate
        self.replace = replace
    }
}

/// The tool that writes the packs, hashed into every pack's inputs: a rebuilt tool with the same
/// version number can still write different files.
public struct ToolIdentity: Sendable {
    public var version: String
    /// The running executable; nil: the version alone identifies the tool.
    public var executable: String?

    public init(version: String, executable: String? = nil) {
        self.version = version
        self.executable = executable
    }

    /// The running program (Linux: /proc/self/exe), when it can be found.
    public static func running(version: String) -> ToolIdentity {
        if FileManager.default.isReadableFile(atPath: "/proc/self/exe") {
            return ToolIdentity(version: version, executable: "/proc/self/exe")
        }
        return ToolIdentity(version: version, executable: Bundle.main.executablePath)
    }
}

/// The document date of a build: `SOURCE_DATE_EPOCH` when it is set (the reproducible-builds
/// convention), else nil, which makes the build use the data's own latest date.
public func documentDate(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date? {
    guard let text = environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(text), seconds > 0 else { return nil }
    return Date(timeIntervalSince1970: seconds)
}

/// Builds the packs of a definition set into a folder, rebuilding only those whose inputs or files
/// changed since the manifest of the last build, and recording what changed.
///
/// A pack is rebuilt when forced, when the manifest has no entry for it, when the hash of any of its
/// inputs differs, or when one of its files is missing or not the file that was written. Files of
/// packs that left the definitions are removed only after a build without failures, and only the
/// names the old manifest lists: anything else in the folder is left alone.
///
/// A build that is killed at any moment leaves a folder the next build repairs: one build at a time
/// holds the folder (`OutputFolderLock`); every file is renamed into place when complete, and the
/// temporary files of a killed build are removed by the next; the manifest is written last, so
/// after a kill it may list old hashes for new files, which only makes the next build rebuild those
/// packs; and before a file appears under a name the manifest does not list, the manifest lists that
/// name as pending, so that no file is ever in the folder without the manifest knowing it.
///
/// A folder whose manifest belongs to another definition set (another map) is refused before
/// anything is written, unless the options say to replace it: then the files that manifest lists
/// are removed first, so that the folder never holds two maps, which one manifest and one page
/// could not describe.
public struct IncrementalBuild: Sendable {
    public let project: Project
    public let options: BuildOptions

    public init(project: Project, options: BuildOptions) {
        self.project = project
        self.options = options
    }

    private var inputs: DatapakkeInputs { project.inputs }
    private var directory: String { options.directory }
    /// The date on the packs this build writes: SOURCE_DATE_EPOCH's when given (reproducible builds),
    /// else today's, at midnight UTC, so that builds on one day give the same files.
    private var documentDate: Date { options.documentDate ?? Self.today() }

    static func today() -> Date {
        let seconds = Date().timeIntervalSince1970
        return Date(timeIntervalSince1970: seconds - seconds.truncatingRemainder(dividingBy: 86_400))
    }

    /// Runs the build; `progress` is called with each built pack's name and the number of packs being
    /// built, as each is done (from any thread), and `waiting` with a line for standard error when
    /// another build holds the folder and this one waits for it.
    /// Throws `UnknownClusterError` for an `only` that names no pack, `FileSystemError` when the
    /// folder cannot be written and `OtherDefinitionsError` when it holds another definition set's
    /// packs (without `replace`), all before anything is written.
    public func run(
        progress: @escaping @Sendable (_ name: String, _ total: Int) -> Void = { _, _ in }, waiting: (String) -> Void = { _ in }
    ) throws -> BuildOutcome {
        let definitions = inputs.definitions
        let clusters = try definitions.select(options.only)
        try prepareDirectory()
        // Held until this returns; the operating system releases it if the process dies first.
        let lock = try OutputFolderLock.acquire(in: directory, waiting: waiting)
        defer { lock.release() }
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
        // Another map's packs are neither earlier versions of these nor packs that left the definitions.
        var replaced: Manifest?
        if let existing = old, existing.definitions != definitions.name {
            guard options.replace else {
                throw OtherDefinitionsError(directory: directory, existing: existing.definitions, requested: definitions.name)
            }
            replaced = existing
            old = nil
        }
        let leftovers = OutputFolder.removeLeftovers(in: directory)

        // Asked for and not found: the build goes on without PDFs and says so.
        let printer = options.pdf ? PDFPrinter.find() : nil

        let builder = ReportBuilder(inputs: inputs)
        let tables = builder.allTables()
        let reports = definitions.clusters.map {
            builder.pack(for: $0, tables: tables, documentDate: documentDate, toolVersion: options.tool.version)
        }
        let shared = try sharedInputs()

        // Decide per pack, then build the ones that must be built in parallel.
        let plans: [Plan] = clusters.compactMap { cluster in
            guard let index = definitions.clusters.firstIndex(where: { $0.id == cluster.id }) else { return nil }
            let report = reports[index]
            let entry = Manifest.Pack(report: report, inputs: packInputs(report, shared: shared))
            // An entry with only pending files is a pack a stopped build was about to write for the first time.
            let previous = old?.pack(cluster.id).flatMap { $0.files.allSatisfy(\.isPending) ? nil : $0 }
            let reasons = reasons(entry, previous: previous, wantsPDF: printer != nil, files: PackFiles(cluster: cluster))
            return Plan(report: report, entry: entry, previous: previous, reasons: reasons)
        }
        let pending = plans.indices.filter { !plans[$0].reasons.isEmpty }

        // The other map goes first, so the folder never holds two maps that one manifest cannot describe.
        var replacedFiles: (removed: [String], notRemoved: [(name: String, reason: String)]) = ([], [])
        if let replaced {
            replacedFiles = Self.remove(replaced.packs.flatMap { $0.files.map(\.name) }, keeping: [], in: directory)
        }
        // From here on, the manifest names every file a pack may leave in the folder, also if this build is stopped.
        let recorded =
            try writeJournal(
                old: old, plans: pending.map { plans[$0] }, replacing: replaced != nil, withPDF: printer != nil, to: manifestPath) ?? old
        let results = Results(count: plans.count)
        let nextIndex = Counter()
        let writer = PackWriter(directory: directory, printer: printer)
        DispatchQueue.concurrentPerform(iterations: max(1, min(options.jobs, pending.count))) { _ in
            while let next = nextIndex.next(below: pending.count) {
                let index = pending[next]
                results.set(index, build(plans[index], writer: writer))
                progress(plans[index].report.cluster.name, pending.count)
            }
        }

        var outcome = BuildOutcome(
            directory: directory, packs: [], removed: [], notRemoved: [], published: 0, page: .unchanged, manifest: .unchanged,
            ignoredManifest: ignoredManifest)
        outcome.pdfUnavailable = options.pdf && printer == nil
        outcome.leftovers = leftovers.removed
        outcome.notRemoved += leftovers.notRemoved
        if let replaced {
            outcome.replaced = (replaced.definitions, replacedFiles.removed.count)
            outcome.notRemoved += replacedFiles.notRemoved
        }
        var entries: [String: Manifest.Pack] = [:]
        for entry in recorded?.packs ?? [] { entries[entry.id] = entry }
        for (index, plan) in plans.enumerated() {
            let id = plan.report.cluster.id
            if plan.reasons.isEmpty {
                outcome.packs.append((plan.report.cluster, .skipped))
            } else if let result = results.value(index), case .success(let built) = result {
                let entry = built.entry
                entries[id] = entry
                outcome.packs.append((plan.report.cluster, .built(files: entry.files, reasons: plan.reasons)))
                if let failure = built.pdfFailure { outcome.pdfFailures.append((plan.report.cluster, failure)) }
            } else {
                // The earlier files are untouched and keep their entry, whose old hashes (or pending
                // names) make the next build try again.
                let message: String
                if let result = results.value(index), case .failure(let error) = result {
                    message = FileSystemError.describe(error, writing: directory + "/" + PackFiles(cluster: plan.report.cluster).workbook)
                } else {
                    message = "blev ikke bygget"
                }
                outcome.packs.append((plan.report.cluster, .failed(error: message, reasons: plan.reasons)))
            }
        }

        // Packs of the definition set in definition order; after a failure the entries of departed
        // packs stay, so their files are still known when a later build succeeds.
        let current = Set(definitions.clusters.map(\.id))
        var packs = definitions.clusters.compactMap { entries[$0.id] }
        let departed = (recorded?.packs ?? []).filter { !current.contains($0.id) }
        if outcome.failed > 0 {
            packs += departed
            outcome.removalPostponed = !departed.isEmpty
        }

        // The download page lists every pack of the definition set that is now in the folder.
        let published = definitions.clusters.indices.filter {
            FileManager.default.fileExists(atPath: directory + "/" + PackFiles(cluster: definitions.clusters[$0]).workbook)
        }
        // Each pack on the page with the date it was last written: an unchanged pack keeps its own.
        let dated = published.map { index -> PackReport in
            var report = reports[index]
            let written = entries[report.cluster.id]?.inputs.documentDate
            if let date = written.flatMap(Period.init).flatMap(DatapakkeInputs.utcDate) { report.documentDate = date }
            return report
        }
        let pdfs = Set(
            published.map { definitions.clusters[$0] }.filter { cluster in
                FileManager.default.fileExists(atPath: directory + "/" + PackFiles(cluster: cluster).presentationPDF)
            }.map(\.id))
        let page = DownloadPage(templates: project.htmlTemplates).html(
            reports: dated, definitionsName: definitions.name, buildDate: documentDate,
            keyIndicatorIDs: DownloadPage.defaultKeyIndicatorIDs, withPDF: pdfs)
        outcome.published = published.count
        // A page or manifest that cannot be written is reported with the packs, not instead of them.
        outcome.page = Self.write(Data(page.utf8), to: directory + "/" + DownloadPage.fileName)

        // After the page, which never links to them; before the manifest, which then no longer lists them.
        if outcome.failed == 0 {
            let keep = Set(packs.flatMap { $0.files.map(\.name) })
            let removal = Self.remove((recorded?.packs ?? []).flatMap { $0.files.map(\.name) }, keeping: keep, in: directory)
            outcome.removed = removal.removed
            outcome.notRemoved += removal.notRemoved
        }

        // Pending names a stopped or failed build did not write are dropped: the manifest lists files that exist.
        packs = packs.compactMap { pack in
            var pack = pack
            pack.files = pack.files.filter { !$0.isPending || FileManager.default.fileExists(atPath: directory + "/" + $0.name) }
            return pack.files.isEmpty ? nil : pack
        }
        let manifest = Manifest(
            tool: options.tool.version, definitions: definitions.name, documentDate: DanishText.isoDate(documentDate), packs: packs,
            data: PackInputText.dataRows(inputs))
        do {
            outcome.manifest = Self.write(try manifest.encoded(), to: manifestPath)
        } catch {
            outcome.manifest = .failed("\(manifestPath) kunne ikke skrives: \(error)")
        }
        return outcome
    }

    /// Writes the manifest as a journal before any pack file is written, when this build may write
    /// files under names the manifest does not list (a new pack, a renamed one) or replaces another
    /// map: every such name is listed as pending, so that a build stopped halfway leaves no file the
    /// next build does not know. Returns the journal, or nil when none was needed. Throws
    /// `FileSystemError` when it cannot be written, before anything else is.
    private func writeJournal(old: Manifest?, plans: [Plan], replacing: Bool, withPDF: Bool, to path: String) throws -> Manifest? {
        var journaled: [String: Manifest.Pack] = [:]
        for plan in plans {
            var entry = old?.pack(plan.report.cluster.id) ?? Self.placeholder(plan.entry)
            let listed = Set(entry.files.map(\.name))
            let files = PackFiles(cluster: plan.report.cluster)
            let missing = (files.all + (withPDF ? [files.presentationPDF] : [])).filter { !listed.contains($0) }
            guard !missing.isEmpty else { continue }
            entry.files += missing.map(Manifest.File.pending)
            journaled[entry.id] = entry
        }
        guard replacing || !journaled.isEmpty else { return nil }
        let definitions = inputs.definitions
        let current = Set(definitions.clusters.map(\.id))
        let packs =
            definitions.clusters.compactMap { journaled[$0.id] ?? old?.pack($0.id) }
            + (old?.packs ?? []).filter { !current.contains($0.id) }
        let journal = Manifest(
            tool: options.tool.version, definitions: definitions.name, documentDate: DanishText.isoDate(documentDate), packs: packs)
        try OutputFolder.writeAtomically(try journal.encoded(), to: path)
        return journal
    }

    /// A pack's entry before it was ever written: who it is, no figures, no files.
    private static func placeholder(_ entry: Manifest.Pack) -> Manifest.Pack {
        var entry = entry
        entry.figures = []
        entry.changes = []
        entry.files = []
        return entry
    }

    /// Removes the listed files (plain names only, once each, those that exist) except `keeping` and
    /// the folder's own files (the manifest, the page, the lock), whatever a manifest lists.
    private static func remove(_ listed: [String], keeping keep: Set<String>, in directory: String) -> (
        removed: [String], notRemoved: [(name: String, reason: String)]
    ) {
        var removed: [String] = []
        var notRemoved: [(name: String, reason: String)] = []
        let own: Set<String> = [Manifest.fileName, DownloadPage.fileName, OutputFolderLock.fileName]
        for name in unique(listed) where !keep.contains(name) && !own.contains(name) && isPlainFileName(name) {
            let path = directory + "/" + name
            guard FileManager.default.fileExists(atPath: path) else { continue }
            do {
                try FileManager.default.removeItem(atPath: path)
                removed.append(name)
            } catch {
                notRemoved.append((name, FileSystemError.translate(error, path: path).description))
            }
        }
        return (removed, notRemoved)
    }

    /// Creates the output folder and makes sure it can be written, before any pack is built.
    private func prepareDirectory() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw FileSystemError(path: directory, reason: .notAFolder) }
        } else {
            let ancestor = Self.existingAncestor(of: directory)
            var ancestorIsFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: ancestor, isDirectory: &ancestorIsFolder), !ancestorIsFolder.boolValue {
                throw FileSystemError(path: ancestor, reason: .notAFolder)
            }
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw FileSystemError.translate(error, path: ancestor)
            }
        }
        guard FileSystemError.isWritable(folder: directory) else { throw FileSystemError(path: directory, reason: .readOnly) }
    }

    /// The nearest path above `path` that exists: the folder a failed `createDirectory` could not
    /// write in, or a file standing where a folder should be.
    private static func existingAncestor(of path: String) -> String {
        var url = URL(fileURLWithPath: path)
        while !FileManager.default.fileExists(atPath: url.path), url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url.path
    }

    /// A pack with its freshly computed entry (without files) and why it must be built.
    private struct Plan: Sendable {
        var report: PackReport
        var entry: Manifest.Pack
        var previous: Manifest.Pack?
        var reasons: [RebuildReason]
    }

    private func reasons(_ entry: Manifest.Pack, previous: Manifest.Pack?, wantsPDF: Bool, files: PackFiles) -> [RebuildReason] {
        guard let previous else { return [.new] }
        let (a, b) = (previous.inputs, entry.inputs)
        var reasons: [RebuildReason] = options.force ? [.force] : []
        if a.definition != b.definition { reasons.append(.definition) }
        if a.municipalData != b.municipalData { reasons.append(.municipalData) }
        if a.comparison != b.comparison { reasons.append(.comparison) }
        if a.catalogue != b.catalogue || a.templates != b.templates { reasons.append(.catalogue) }
        if a.tool != b.tool { reasons.append(.tool) }
        if !filesIntact(previous.files) { reasons.append(.files) }
        if wantsPDF, !previous.files.contains(where: { $0.name == files.presentationPDF }) { reasons.append(.pdf) }
        return reasons
    }

    /// Whether every file the manifest lists is there with the size and SHA-256 that was written.
    private func filesIntact(_ files: [Manifest.File]) -> Bool {
        guard !files.isEmpty else { return false }
        return files.allSatisfy { file in
            guard Self.isPlainFileName(file.name) else { return false }
            let path = directory + "/" + file.name
            guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size == file.size,
                let data = FileManager.default.contents(atPath: path)
            else { return false }
            return SHA256Hex.digest(data) == file.sha256
        }
    }

    private func build(_ plan: Plan, writer: PackWriter) -> Result<Built, Error> {
        var entry = plan.entry
        if let previous = plan.previous {
            // A rebuild forced or caused by a damaged or missing file reproduces the same pack, changes block included.
            let sameInputs = plan.reasons.allSatisfy { $0 == .force || $0 == .files || $0 == .pdf }
            entry.changes = sameInputs ? previous.changes : PackChanges.between(previous, entry)
        }
        let report = plan.report
        let renderer = project.prompts
        do {
            let prompts = try renderer.prompts(for: report)
            let written = try writer.write(
                report, changes: entry.changes, prompts: prompts, markdown: renderer.markdown(prompts, report: report),
                html: PromptDocument(templates: project.htmlTemplates).html(prompts, report: report),
                presentation: Presentation(templates: project.htmlTemplates).html(report, prompts: prompts))
            entry.files = try written.paths.map { path in
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
                }
                return Manifest.File(name: URL(fileURLWithPath: path).lastPathComponent, size: data.count, sha256: SHA256Hex.digest(data))
            }
            // A PDF of the earlier version no longer matches the pack: removed, as the manifest listed it.
            let pdf = PackFiles(cluster: report.cluster).presentationPDF
            if !entry.files.contains(where: { $0.name == pdf }), plan.previous?.files.contains(where: { $0.name == pdf }) == true {
                try? FileManager.default.removeItem(atPath: directory + "/" + pdf)
            }
            return .success(Built(entry: entry, pdfFailure: written.pdfFailure))
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
        let catalogue: Data
        do {
            catalogue = try Data(contentsOf: URL(fileURLWithPath: project.layout.catalogue))
        } catch {
            throw FileSystemError.translate(error, path: project.layout.catalogue)
        }
        return SharedInputs(
            catalogue: SHA256Hex.digest(catalogue),
            // The prompt document's and the presentation's HTML templates are part of every pack; the page's
            // template only of index.html.
            templates: SHA256Hex.digest(
                try Self.folderDigest(project.layout.promptTemplates) + Self.folderDigest(project.htmlTemplates.folder(of: .prompts))
                    + Self.folderDigest(project.htmlTemplates.folder(of: .presentation))),
            tool: try toolDigest(), documentDate: DanishText.isoDate(documentDate))
    }

    private func toolDigest() throws -> String {
        let tool = options.tool
        guard let executable = tool.executable else { return SHA256Hex.digest(tool.version) }
        return try SHA256Hex.digest(file: executable, prefix: Data((tool.version + "\u{0}").utf8))
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

    /// Writes a file atomically unless it already holds exactly these bytes, and says which happened.
    private static func write(_ data: Data, to path: String) -> FileWrite {
        do {
            return try writeIfChanged(data, to: path) ? .written : .unchanged
        } catch {
            return .failed(FileSystemError.translate(error, path: path).description)
        }
    }

    /// Writes bytes atomically (through a temporary file the next build recognises, should this one
    /// be killed), and not at all when the file already holds exactly them; true when written.
    public static func writeIfChanged(_ data: Data, to path: String) throws -> Bool {
        if FileManager.default.contents(atPath: path) == data { return false }
        try OutputFolder.writeAtomically(data, to: path)
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

/// A pack that was written: its manifest entry, and why its PDF was not written when one was asked for.
private struct Built: Sendable {
    var entry: Manifest.Pack
    var pdfFailure: String?
}

/// Results of the parallel build, by plan index.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Result<Built, Error>?]

    init(count: Int) {
        values = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ result: Result<Built, Error>) {
        lock.withLock { values[index] = result }
    }

    func value(_ index: Int) -> Result<Built, Error>? { lock.withLock { values[index] } }
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
