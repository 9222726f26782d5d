import Foundation

/// How a file writes decimals. Danish Excel writes a decimal comma and a thousands point
/// ("1.234,5"); other tools write a decimal point ("1234.5"). A file is read one way throughout,
/// decided from the file itself, so that "16.377" never means 16,377 in one row and 16377 in another.
public enum DecimalConvention: Sendable, Equatable {
    /// "12,3" and "1.234,5": a point is only ever a thousands separator.
    case comma
    /// "12.3": a point is the decimal mark.
    case point

    /// A decimal comma anywhere among the fields makes the whole column comma-decimal.
    static func detect(_ fields: [String]) -> DecimalConvention {
        fields.contains { $0.contains(",") } ? .comma : .point
    }

    var name: String { self == .comma ? "decimalkomma" : "decimalpunktum" }
}

/// What a column holds, and so how its text is read.
enum NumberKind: Sendable, Equatable {
    /// A non-negative whole number of persons, events or residents: "16377" or "16.377".
    case count
    /// A rate, share, amount or other decimal number, in the file's convention.
    case decimal(DecimalConvention)
}

/// The result of reading one field as a number.
enum ParsedNumber: Equatable {
    case number(Double)
    /// Empty or `..`: the source does not show a value. Never a zero.
    case notAvailable
    /// Not a number of the expected kind; the text says what was expected.
    case invalid(String)
}

/// Reads a field as the kind of number its column holds; never guesses what an ambiguous text means.
func parseNumber(_ raw: String, as kind: NumberKind) -> ParsedNumber {
    var text = raw.trimmingCharacters(in: .whitespaces)
    if text.isEmpty || text == ".." { return .notAvailable }
    text = text.replacingOccurrences(of: "\u{2212}", with: "-")  // typographic minus
    text = text.replacingOccurrences(of: "\u{00A0}", with: "").replacingOccurrences(of: " ", with: "")
    let negative = text.hasPrefix("-")
    let body = negative ? String(text.dropFirst()) : text
    guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }) else {
        return .invalid("er ikke et tal")
    }
    switch kind {
    case .count:
        guard !body.contains(",") else { return .invalid("er ikke et helt tal; et antal kan ikke have decimaler") }
        guard let whole = wholeNumber(body) else {
            return .invalid("er ikke et helt tal; punktum bruges kun som tusindtalsskilletegn (16.377)")
        }
        guard !negative else { return .invalid("er negativt; et antal kan ikke være negativt") }
        return .number(whole)
    case .decimal(.comma):
        let parts = body.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = wholeNumber(String(parts[0])) else {
            return .invalid("passer ikke til filens decimalkomma; skriv fx 1.234,5 (punktum kun som tusindtalsskilletegn)")
        }
        var value = whole
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy(\.isNumber), let fraction = Double("0." + parts[1]) else {
                return .invalid("er ikke et tal")
            }
            value += fraction
        }
        return .number(negative ? -value : value)
    case .decimal(.point):
        if body.contains(",") { return .invalid("er ikke et tal") }
        let points = body.filter { $0 == "." }.count
        if points > 1 {
            guard let whole = wholeNumber(body) else { return .invalid("er ikke et tal") }
            return .number(negative ? -whole : whole)
        }
        // "16.377" in a file without decimal commas: a decimal or a thousands point? Not guessed.
        if points == 1, let dot = body.firstIndex(of: "."), body[..<dot].count <= 3, body[body.index(after: dot)...].count == 3,
            body.first != "0"
        {
            return .invalid(
                "kan betyde både \(body.replacingOccurrences(of: ".", with: ",")) og \(body.replacingOccurrences(of: ".", with: "")); "
                    + "filen bruger decimalpunktum, så skriv tusinder uden punktum, eller brug decimalkomma i hele filen")
        }
        guard let value = Double(body), value.isFinite else { return .invalid("er ikke et tal") }
        return .number(negative ? -value : value)
    }
}

/// "16377" or "16.377" or "1.234.567" (groups of three after the first); nil for anything else.
private func wholeNumber(_ text: String) -> Double? {
    let groups = text.split(separator: ".", omittingEmptySubsequences: false)
    guard let first = groups.first, !first.isEmpty, first.allSatisfy(\.isNumber) else { return nil }
    if groups.count > 1 {
        guard first.count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isNumber) }) else { return nil }
    }
    return Double(groups.joined())
}

/// A value from an input as a message shows it: in «», control characters made visible, and cut to
/// 80 characters, so that a 20 MB field never reaches the terminal whole.
public func quoted(_ value: String) -> String {
    "«" + visibleText(value, limit: 80) + "»"
}

/// Text with control characters (C0, DEL, C1, the line and paragraph separators and the bidirectional
/// controls) shown as `\u{1B}` and, with a limit, cut with "…": safe to print on a terminal.
public func visibleText(_ value: String, limit: Int? = nil) -> String {
    var result = ""
    var count = 0
    for scalar in value.unicodeScalars {
        if let limit, count >= limit {
            result += "…"
            break
        }
        if isInvisibleControl(scalar) {
            result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        } else {
            result.unicodeScalars.append(scalar)
        }
        count += 1
    }
    return result
}

/// Whether a character would act on a terminal or reorder text instead of being shown.
func isInvisibleControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x2028, 0x2029: return true
    // Bidirectional embeddings, overrides and isolates, and the marks (ALM, LRM, RLM).
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
}
