import DatapakkeCore
import Foundation

/// Small Danish text helpers for the prompt outputs.
enum PromptText {
    /// Lower-cases the first letter unless the first word looks like a name or abbreviation ("Ældre" → "ældre").
    static func sentenceCase(_ title: String) -> String {
        guard let first = title.first else { return title }
        let firstWord = title.prefix { $0 != " " }
        if firstWord.count > 1, firstWord.dropFirst().contains(where: \.isUppercase) { return title }
        return first.lowercased() + title.dropFirst()
    }
}
