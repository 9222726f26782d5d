import DatapakkeCore
import Foundation

/// The files written for one pack, named from the cluster's name so they are stable and safe on
/// every file system: "Sundhedsråd Midt- og Vestsjælland" → `sundhedsraad-midt-og-vestsjaelland.xlsx`.
public struct PackFiles: Sendable, Hashable {
    /// The common stem, lower-case ASCII letters, digits and hyphens.
    public let stem: String

    public init(cluster: Cluster) {
        stem = NameRules.fileStem(for: cluster.name, fallback: cluster.id)
    }

    public var workbook: String { stem + ".xlsx" }
    public var promptsMarkdown: String { stem + "-refleksioner.md" }
    public var promptsHTML: String { stem + "-refleksioner.html" }
    public var presentation: String { stem + "-praesentation.html" }
    /// The pack's figures as shown, for Danish Excel.
    public var figuresCSV: String { stem + "-tal.csv" }
    /// The presentation printed by Chromium; written only when asked for (`build --pdf`).
    public var presentationPDF: String { stem + "-praesentation.pdf" }
    /// Every file every build writes for the pack (not the PDF, which only some builds write).
    public var all: [String] { [workbook, promptsMarkdown, promptsHTML, presentation, figuresCSV] }
}
