import DatapakkeCore
import DatapakkeRenderers
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
    case files = "fil mangler eller er ændret"
    case pdf = "PDF mangler"
}

/// What happened to one pack.
public enum PackOutcome: Sendable {
    case built(files: [Manifest.File], reasons: [RebuildReason])
    /// Inputs and files as at the last build: nothing written.
    case skipped
    case failed(error: String, reasons: [RebuildReason])
}

/// What happened to a file every build writes (the download page, the manifest).
public enum FileWrite: Sendable, Equatable {
    case written
    /// The file already held exactly these bytes.
    case unchanged
    /// It could not be written: a Danish sentence naming the path.
    case failed(String)

    /// The failure's sentence, if it failed.
    public var failure: String? {
        if case .failed(let text) = self { return text }
        return nil
    }

    /// The first word of its line in the build report.
    var word: String {
        switch self {
        case .written: return "skrevet  "
        case .unchanged: return "uændret  "
        case .failed: return "FEJL     "
        }
    }
}

/// What a build did, for the command to report.
public struct BuildOutcome: Sendable {
    /// The output folder.
    public var directory: String
    /// Every selected pack, in definition order.
    public var packs: [(cluster: Cluster, outcome: PackOutcome)]
    /// Files of packs no longer in the definitions (or renamed), removed after the build succeeded.
    public var removed: [String]
    /// Files that should have been removed but could not be, with the reason.
    public var notRemoved: [(name: String, reason: String)]
    /// True when packs left the definitions but their files stay, because a pack failed.
    public var removalPostponed = false
    /// Temporary files of earlier builds that were stopped before they could clean up, removed first.
    public var leftovers: [String] = []
    /// The other definition set whose packs this build replaced (`--erstat`), and how many of its files were removed.
    public var replaced: (definitions: String, files: Int)?
    /// Packs listed on the download page.
    public var published: Int
    public var page: FileWrite
    public var manifest: FileWrite
    /// Why the earlier manifest was not used, when it existed but could not be read.
    public var ignoredManifest: String?
    /// PDFs were asked for (`--pdf`), but no Chromium was found: the presentations are HTML only.
    public var pdfUnavailable = false
    /// Packs written without the PDF that was asked for, and why.
    public var pdfFailures: [(cluster: Cluster, reason: String)] = []

    /// True when every pack, the page and the manifest were written (or needed no writing).
    public var succeeded: Bool { failed == 0 && page.failure == nil && manifest.failure == nil }

    public var failed: Int { packs.filter { if case .failed = $0.outcome { return true } else { return false } }.count }
    public var built: Int { packs.filter { if case .built = $0.outcome { return true } else { return false } }.count }
    public var skipped: Int { packs.filter { if case .skipped = $0.outcome { return true } else { return false } }.count }
    /// True when not a single file in the output folder was written or removed.
    public var wroteNothing: Bool {
        built == 0 && removed.isEmpty && leftovers.isEmpty && replaced == nil && page == .unchanged && manifest == .unchanged
    }
}

extension BuildOutcome {
    /// What `datapakke build` prints on standard output: a line per pack, removed files, the page
    /// and manifest, and a summary with the time taken.
    public func report(seconds: Double) -> [String] {
        var lines: [String] = []
        if !leftovers.isEmpty {
            lines.append(
                "fjernet  \(leftovers.count) \(leftovers.count == 1 ? "midlertidig fil" : "midlertidige filer") fra en afbrudt bygning "
                    + "(\(OutputFolder.temporaryPrefix)…)")
        }
        if let replaced {
            lines.append("fjernet  \(replaced.files) \(replaced.files == 1 ? "fil" : "filer") fra «\(replaced.definitions)» (--erstat)")
        }
        var bytes = 0
        for (cluster, result) in packs {
            switch result {
            case .built(let files, let reasons):
                bytes += files.reduce(0) { $0 + $1.size }
                lines.append(
                    "skrevet  \(cluster.id)  \(cluster.name) (\(reasons.map(\.rawValue).joined(separator: ", "))) → "
                        + files.map(\.name).joined(separator: ", "))
            case .skipped:
                lines.append("uændret  \(cluster.id)  \(cluster.name) (input og filer som sidst)")
            case .failed(let error, _):
                lines.append("FEJL     \(cluster.id)  \(cluster.name): \(error)")
            }
        }
        for name in removed {
            lines.append("fjernet  \(name) (hører ikke længere til en pakke i definitionerne)")
        }
        if removalPostponed {
            lines.append("Filer fra pakker, der ikke længere er i definitionerne, fjernes først, når en bygning lykkes helt.")
        }
        lines.append(page.word + "index.html (downloadside med \(published) pakker)")
        lines.append(manifest.word + Manifest.fileName)
        var summary =
            "\(built) af \(packs.count) datapakker skrevet til \(directory)/ på \(DanishNumber.format(seconds, decimals: 1)) s "
            + "(\(DanishNumber.format(Double(bytes) / 1_048_576, decimals: 1)) MB)"
        summary += skipped > 0 ? "; \(skipped) uændrede." : "."
        lines.append(summary)
        if wroteNothing {
            lines.append("Intet er ændret siden sidste bygning: ingen filer skrevet.")
        }
        return TerminalText.lines(lines)
    }

    /// What goes to standard error: warnings, and the failure count when a pack failed.
    public var warnings: [String] {
        var lines: [String] = []
        if let ignoredManifest { lines.append("advarsel: \(ignoredManifest); alle pakker bygges.") }
        if pdfUnavailable {
            lines.append(
                "advarsel: --pdf: fandt ingen Chromium (\(PDFPrinter.names.joined(separator: ", ")) på PATH); "
                    + "præsentationerne er kun skrevet som HTML.")
        }
        lines += pdfFailures.map {
            "advarsel: \($0.cluster.id) \($0.cluster.name): præsentationen blev ikke skrevet som PDF: \($0.reason)"
        }
        lines += notRemoved.map { "advarsel: kunne ikke fjerne \($0.name): \($0.reason)" }
        lines += [page.failure, manifest.failure].compactMap { $0.map { "fejl: " + $0 } }
        if failed > 0 {
            lines.append("fejl: \(failed) \(failed == 1 ? "pakke" : "pakker") fejlede; tidligere versioner af dem er ikke rørt.")
        }
        return TerminalText.lines(lines)
    }
}
