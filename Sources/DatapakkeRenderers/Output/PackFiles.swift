import DatapakkeCore
import Foundation

/// The files written for one pack, named from the cluster's name so they are stable and safe on
/// every file system: "Sundhedsråd Midt- og Vestsjælland" → `sundhedsraad-midt-og-vestsjaelland.xlsx`.
public struct PackFiles: Sendable, Hashable {
    /// The common stem, lower-case ASCII letters, digits and hyphens.
    public let stem: String

    public init(cluster: Cluster) {
        stem = PackFiles.stem(for: cluster.name, fallback: cluster.id)
    }

    public var workbook: String { stem + ".xlsx" }
    public var promptsMarkdown: String { stem + "-refleksioner.md" }
    public var promptsHTML: String { stem + "-refleksioner.html" }
    /// Every file of the pack.
    public var all: [String] { [workbook, promptsMarkdown, promptsHTML] }

    /// Transliterates Danish letters, drops accents and turns everything else into single hyphens.
    static func stem(for name: String, fallback: String) -> String {
        var result = ""
        for character in name.lowercased() {
            switch character {
            case "æ": result += "ae"
            case "ø": result += "oe"
            case "å": result += "aa"
            case "a"..."z", "0"..."9": result.append(character)
            default:
                let base = String(character).decomposedStringWithCanonicalMapping.unicodeScalars.first
                if let base, base.isASCII, CharacterSet.alphanumerics.contains(base) {
                    result.unicodeScalars.append(base)
                } else if !result.hasSuffix("-") {
                    result += "-"
                }
            }
        }
        let trimmed = result.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        let safe = String(trimmed.prefix(80))
        return safe.isEmpty ? stem(for: fallback.isEmpty ? "pakke" : fallback, fallback: "pakke") : safe
    }
}
