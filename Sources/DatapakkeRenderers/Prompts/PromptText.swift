import Foundation

/// Small Danish text helpers for the prompt outputs.
enum PromptText {
    /// "A", "A og B", "A, B og C".
    static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        if items.count == 1 { return last }
        return items.dropLast().joined(separator: ", ") + " og " + last
    }

    /// Lower-cases the first letter unless the first word looks like a name or abbreviation ("Ældre" → "ældre").
    static func sentenceCase(_ title: String) -> String {
        guard let first = title.first else { return title }
        let firstWord = title.prefix { $0 != " " }
        if firstWord.count > 1, firstWord.dropFirst().contains(where: \.isUppercase) { return title }
        return first.lowercased() + title.dropFirst()
    }

    /// "24. november 2026", in Danish time.
    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Copenhagen") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"]
        guard let year = parts.year, let month = parts.month, let day = parts.day, (1...12).contains(month) else { return "" }
        return "\(day). \(months[month - 1]) \(year)"
    }

    /// Escapes text for HTML element content and attribute values.
    static func html(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
