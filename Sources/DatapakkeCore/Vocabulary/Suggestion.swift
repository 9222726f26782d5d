import Foundation

/// The nearest known name to one that was not recognised, for "mente du …?" in messages: a
/// misspelled field, region, variable or council.
public enum Suggestion {
    /// The known name fewest edits away (ties by name), when it is at most `limit` edits away.
    public static func nearest(to name: String, among known: some Sequence<String>, limit: Int) -> String? {
        let best = known.map { ($0, editDistance($0, name)) }.min { ($0.1, $0.0) < ($1.1, $1.0) }
        guard let best, best.1 <= limit else { return nil }
        return best.0
    }

    /// Levenshtein distance over characters.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// Danish letters written the ASCII way (æ → ae, ø → oe, å → aa), accents dropped, and every run
    /// of other characters as one `separator`: the common ground of file names and typed names.
    public static func transliterated(_ text: String, separator: String) -> String {
        var result = ""
        for character in text.lowercased() {
            switch character {
            case "æ": result += "ae"
            case "ø": result += "oe"
            case "å": result += "aa"
            case "a"..."z", "0"..."9": result.append(character)
            default:
                let base = String(character).decomposedStringWithCanonicalMapping.unicodeScalars.first
                if let base, base.isASCII, CharacterSet.alphanumerics.contains(base) {
                    result.unicodeScalars.append(base)
                } else if !result.isEmpty, !result.hasSuffix(separator) {
                    result += separator
                }
            }
        }
        while result.hasSuffix(separator) { result.removeLast(separator.count) }
        return result
    }
}
