import DatapakkeCore
import DatapakkeRenderers

/// What changed between two whole builds, pack by pack, from their manifests.
public enum ManifestDiff {
    /// The most changed input rows listed; the rest are counted.
    public static let rowLimit = 40

    /// What `datapakke diff` prints, and whether the builds differ (its exit code, as diff(1)'s).
    public struct Report: Sendable {
        public var lines: [String]
        public var differs: Bool
    }

    /// The report between two output folders (or their manifest files).
    public static func report(fromBuild old: String, toBuild new: String) throws -> Report {
        report(from: try Manifest.read(path: Manifest.path(in: old)), to: try Manifest.read(path: Manifest.path(in: new)))
    }

    /// A summary line; the input rows that changed ("Data/indikatorer/…csv: 330 Slagelse
    /// indlaeggelse_pct 2024: tæller 9.073 → 8.000"); added and removed packs; every changed pack
    /// with its changes in the pack's own words (indented); a count of the unchanged ones.
    public static func report(from old: Manifest, to new: Manifest) -> Report {
        var structure: [String] = []
        if old.definitions != new.definitions {
            structure.append("Definitioner: \(old.definitions) → \(new.definitions)")
        }
        let newIDs = Set(new.packs.map(\.id))
        let added = new.packs.filter { old.pack($0.id) == nil }
        let removed = old.packs.filter { !newIDs.contains($0.id) }
        structure += added.map { "ny pakke  \($0.id)  \($0.name) (\($0.municipalities.map(\.name).joined(separator: ", ")))" }
        structure += removed.map { "fjernet   \($0.id)  \($0.name)" }
        var packLines: [String] = []
        var changedPacks = 0
        for pack in new.packs {
            guard let before = old.pack(pack.id) else { continue }
            let changes = PackChanges.between(before, pack)
            guard !changes.isEmpty else { continue }
            changedPacks += 1
            packLines.append("ændret    \(pack.id)  \(pack.name)")
            packLines += changes.map { "  - " + $0 }
        }
        let rows = changedRows(old.data ?? [], new.data ?? [])
        let unchanged = new.packs.count - added.count - changedPacks
        let differs = !structure.isEmpty || changedPacks > 0 || !rows.isEmpty
        guard differs else {
            return Report(
                lines: ["ingen ændringer (\(new.packs.count) \(new.packs.count == 1 ? "pakke" : "pakker") som før)"], differs: false)
        }
        var summary = "\(changedPacks) af \(new.packs.count) pakker ændret"
        if !added.isEmpty { summary += ", \(added.count) nye" }
        if !removed.isEmpty { summary += ", \(removed.count) fjernet" }
        summary += "; \(rows.count) \(rows.count == 1 ? "datarække" : "datarækker") ændret."
        var lines = [summary]
        if !rows.isEmpty {
            lines.append("Ændrede datarækker:")
            lines += rows.prefix(rowLimit).map { "  " + $0 }
            if rows.count > rowLimit { lines.append("  … og \(rows.count - rowLimit) flere.") }
        }
        lines += structure + packLines
        lines.append("\(unchanged) \(unchanged == 1 ? "pakke" : "pakker") uden ændringer.")
        return Report(lines: lines, differs: true)
    }

    /// The rows present in both builds whose values differ, and the rows only one has, as sentences.
    static func changedRows(_ old: [String], _ new: [String]) -> [String] {
        func split(_ rows: [String]) -> [String: (source: String, values: [String: String])] {
            var result: [String: (source: String, values: [String: String])] = [:]
            for row in rows {
                let fields = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                guard fields.count >= 5 else { continue }
                let key = fields[1...3].joined(separator: " ")
                var values: [String: String] = [:]
                for field in fields.dropFirst(4) where field.count > 2 { values[String(field.prefix(1))] = String(field.dropFirst(2)) }
                result[key] = (fields[0], values)
            }
            return result
        }
        let before = split(old)
        let after = split(new)
        let names = ["v": "værdi", "t": "tæller", "n": "nævner"]
        var lines: [String] = []
        for key in Set(before.keys).union(after.keys).sorted() {
            switch (before[key], after[key]) {
            case (let was?, let now?) where was.values != now.values:
                let parts = ["v", "t", "n"].compactMap { field -> String? in
                    let a = was.values[field] ?? ""
                    let b = now.values[field] ?? ""
                    guard a != b else { return nil }
                    return "\(names[field] ?? field) \(shown(a)) → \(shown(b))"
                }
                lines.append("\(now.source): \(key): \(parts.joined(separator: ", "))")
            case (nil, let now?):
                lines.append("\(now.source): \(key): ny række")
            case (let was?, nil):
                lines.append("\(was.source): \(key): fjernet")
            default:
                break
            }
        }
        return lines
    }

    /// A stored full-precision number the way the pack writes numbers ("9.073", "12,34"); ".." for none.
    private static func shown(_ text: String) -> String {
        guard let value = Double(text) else { return Vocabulary.missingMarker }
        let decimals = value == value.rounded() ? 0 : min(4, String(text.split(separator: ".").last ?? "").count)
        return DanishNumber.format(value, decimals: decimals)
    }
}
