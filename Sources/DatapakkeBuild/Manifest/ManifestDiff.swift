import DatapakkeCore
import DatapakkeRenderers

/// What changed between two whole builds, pack by pack, from their manifests.
public enum ManifestDiff {
    /// The report between two output folders (or their manifest files).
    public static func lines(fromBuild old: String, toBuild new: String) throws -> [String] {
        lines(from: try Manifest.read(path: Manifest.path(in: old)), to: try Manifest.read(path: Manifest.path(in: new)))
    }

    /// The report `datapakke diff` prints: added and removed packs, then every changed pack with its
    /// changes (indented), then a count of the unchanged ones.
    public static func lines(from old: Manifest, to new: Manifest) -> [String] {
        var lines: [String] = []
        if old.definitions != new.definitions {
            lines.append("Definitioner: \(old.definitions) → \(new.definitions)")
        }
        let newIDs = Set(new.packs.map(\.id))
        for pack in new.packs where old.pack(pack.id) == nil {
            lines.append("ny pakke  \(pack.id)  \(pack.name) (\(pack.municipalities.map(\.name).joined(separator: ", ")))")
        }
        for pack in old.packs where !newIDs.contains(pack.id) {
            lines.append("fjernet   \(pack.id)  \(pack.name)")
        }
        var unchanged = 0
        for pack in new.packs {
            guard let before = old.pack(pack.id) else { continue }
            let changes = PackChanges.between(before, pack)
            if changes.isEmpty {
                unchanged += 1
                continue
            }
            lines.append("ændret    \(pack.id)  \(pack.name)")
            lines += changes.map { "  - " + $0 }
        }
        if lines.isEmpty {
            lines.append("ingen ændringer (\(new.packs.count) \(new.packs.count == 1 ? "pakke" : "pakker") som før)")
        } else {
            lines.append("\(unchanged) \(unchanged == 1 ? "pakke" : "pakker") uden ændringer.")
        }
        return TerminalText.lines(lines)
    }
}
