import Foundation

/// What a name or text from the definitions and the catalogue must be to reach every output intact:
/// no control characters (they make a workbook's XML ill-formed and a terminal misbehave), short
/// enough for Excel's limits once composed (page headers of 255 characters, cells of 32.767), and,
/// for sheets and files, distinct once turned into a sheet or file name.
public enum NameRules {
    /// The regions a cluster or municipality may lie in: the five regions, and Østdanmark, which
    /// joins Hovedstaden and Sjælland from 2027.
    public static let regions = ["Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland", "Østdanmark"]

    /// The longest council name: it stands in every sheet's page header (255 characters in Excel,
    /// with room for the header's codes and every "&" doubled) and in file names.
    public static let maximumNameLength = 100
    /// The longest title of a section or an indicator (sheet tabs are cut to 31; titles stand in
    /// chart titles and headers).
    public static let maximumTitleLength = 120
    /// The longest free text (notes, definitions, introductions): well inside Excel's 32.767
    /// characters a cell, with room for what the pack adds around it.
    public static let maximumTextLength = 4_000

    /// The sheet names the pack itself uses; a section may not take one of them.
    public static let reservedSheetNames = ["Forside", "Overblik", "Refleksioner", "Dokumentation", "History"]

    /// A problem with a text, or nil when it may be used: control characters, and length.
    public static func problem(in text: String, maximumLength: Int) -> String? {
        if let control = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            return "indeholder kontroltegnet U+\(String(format: "%04X", control.value)); fjern det"
        }
        if text.count > maximumLength {
            return "er \(text.count) tegn; højst \(maximumLength) tegn er tilladt"
        }
        return nil
    }

    /// A section title as a sheet tab: Excel's forbidden characters left out, cut to 31 characters as
    /// Excel counts them (UTF-16 units: an emoji counts twice), never inside a character.
    public static func sheetName(for title: String) -> String {
        var name = ""
        var units = 0
        for character in title where !"[]:*?/\\".contains(character) {
            units += character.utf16.count
            if units > 31 { break }
            name.append(character)
        }
        return name
    }

    /// Why a section title cannot be a sheet tab, or nil.
    public static func sheetNameProblem(for title: String) -> String? {
        let name = sheetName(for: title)
        if name.trimmingCharacters(in: .whitespaces).isEmpty { return "giver et tomt arknavn (tegnene [ ] : * ? / \\ kan ikke bruges)" }
        if name.hasPrefix("'") || name.hasSuffix("'") {
            return "giver arknavnet «\(name)», og Excel tillader ikke ' først eller sidst i et arknavn"
        }
        if reservedSheetNames.contains(where: { $0.lowercased() == name.lowercased() }) {
            return "giver arknavnet «\(name)», som pakken selv bruger"
        }
        return nil
    }

    /// The file-name stem of a cluster's pack: lower-case ASCII letters, digits and hyphens, Danish
    /// letters transliterated ("Sundhedsråd Midt- og Vestsjælland" → "sundhedsraad-midt-og-vestsjaelland").
    public static func fileStem(for name: String, fallback: String) -> String {
        let safe = String(Suggestion.transliterated(name, separator: "-").prefix(80))
        return safe.isEmpty ? fileStem(for: fallback.isEmpty ? "pakke" : fallback, fallback: "pakke") : safe
    }
}
