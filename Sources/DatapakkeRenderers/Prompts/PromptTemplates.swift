import DatapakkeCore
import Foundation
import Mustache

/// What a prompt template file is for, from where it lies in the template folder.
enum PromptTemplateKind: Sendable, Hashable {
    /// `_standard.mustache`: every indicator without a template of its own.
    case standard
    /// `_faelles.mustache`: the shared rules, rendered after every indicator's own template.
    case shared
    /// `<sektion>/_sektion.mustache`: a section-level item, rendered before the section's indicators.
    case section(sectionID: String)
    /// `<sektion>/<indikator-id>.mustache`.
    case indicator(sectionID: String, indicatorID: String)
    /// `_gruppe.mustache`: every group of indicators without a template of its own.
    case groupStandard
    /// `<sektion>/<gruppe-id>.mustache`: one item for a whole group of indicators.
    case group(sectionID: String, groupID: String)
}

/// One compiled prompt template.
struct PromptTemplate: Sendable {
    var kind: PromptTemplateKind
    /// The path relative to the prompt template folder, for `PromptItem.template`.
    var relativePath: String
    var template: MustacheTemplate
}

/// The line keywords that say what a rendered line is.
enum PromptLineKind: String, CaseIterable {
    case fact = "fakta"
    case question = "spørgsmål"
    case title = "titel"

    /// Set around the findings the loader writes after a question's keyword (`FindingMarker`).
    static let findingsMark: Character = "\u{1F}"

    /// The kind of a line that starts with a keyword, the findings the loader marked on a question
    /// line, and the rest of the line.
    static func split(_ line: Substring) -> (kind: PromptLineKind, findings: [PromptFinding], rest: Substring)? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        var word = trimmed[..<colon]
        var findings: [PromptFinding] = []
        if let open = word.firstIndex(of: findingsMark) {
            findings = word[word.index(after: open)...].split(whereSeparator: { $0 == "," || $0 == findingsMark })
                .compactMap { PromptFinding(rawValue: String($0)) }
            word = word[..<open]
        }
        let kind: PromptLineKind?
        switch word.lowercased() {
        case "fakta": kind = .fact
        case "spørgsmål", "spoergsmaal": kind = .question
        case "titel": kind = .title
        default: kind = nil
        }
        guard let kind else { return nil }
        return (kind, kind == .question ? findings : [], trimmed[trimmed.index(after: colon)...])
    }
}

/// Marks every question line of a template with the findings of the `{{#…}}` blocks it stands in, so
/// that the rendered question still says what it is about: `spørgsmål:` inside
/// `{{#daarligere_end_landet}}` becomes `spørgsmål␟worseThanCountry␟:`. Inverted blocks (`{{^…}}`)
/// and blocks of flags that are no finding (`har_vaerdi`, `flere_kommuner` …) add nothing.
enum FindingMarker {
    static func mark(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        var open: [(sigil: Character, name: String)] = []
        var index = 0
        var atLineStart = true
        while index < characters.count {
            let character = characters[index]
            if character == "\n" {
                atLineStart = true
                result.append(character)
                index += 1
                continue
            }
            if character == "{", index + 1 < characters.count, characters[index + 1] == "{",
                let end = closing(characters, from: index)
            {
                let body = String(characters[(index + 2)..<end]).trimmingCharacters(in: CharacterSet(charactersIn: "{} \t"))
                if let sigil = body.first, sigil == "#" || sigil == "^" || sigil == "/" {
                    let name = body.dropFirst().trimmingCharacters(in: .whitespaces)
                    if sigil == "/" {
                        if let last = open.lastIndex(where: { $0.name == name }) { open.removeSubrange(last...) }
                    } else {
                        open.append((sigil, name))
                    }
                }
                result += String(characters[index..<end])
                index = end
                continue
            }
            if atLineStart, character == " " || character == "\t" {
                result.append(character)
                index += 1
                continue
            }
            if atLineStart {
                atLineStart = false
                if let keyword = questionKeyword(characters, at: index) {
                    let findings = findings(of: open)
                    result += String(characters[index..<(index + keyword)])
                    if !findings.isEmpty {
                        let names = findings.map(\.rawValue).joined(separator: ",")
                        result += "\(PromptLineKind.findingsMark)\(names)\(PromptLineKind.findingsMark)"
                    }
                    index += keyword
                    continue
                }
            }
            result.append(character)
            index += 1
        }
        return result
    }

    /// The findings of the open `{{#…}}` blocks, most important first, each once.
    static func findings(of open: [(sigil: Character, name: String)]) -> [PromptFinding] {
        var result: [PromptFinding] = []
        for block in open where block.sigil == "#" {
            // `{{#indlaeggelse_pct.daarligere_end_landet}}` in a section template names the flag last.
            let name = block.name.split(separator: ".").last.map(String.init) ?? block.name
            if let flag = PromptFlag(rawValue: name), let finding = PromptFinding(flag: flag), !result.contains(finding) {
                result.append(finding)
            }
        }
        let order = PromptFinding.allCases
        return result.sorted { ($0.priority, order.firstIndex(of: $0) ?? 0) < ($1.priority, order.firstIndex(of: $1) ?? 0) }
    }

    /// The index just after the `}}` (or `}}}`) that closes the tag opening at `start`.
    private static func closing(_ characters: [Character], from start: Int) -> Int? {
        let triple = start + 2 < characters.count && characters[start + 2] == "{"
        var index = start + (triple ? 3 : 2)
        while index + 1 < characters.count {
            if characters[index] == "}", characters[index + 1] == "}" {
                return triple && index + 2 < characters.count && characters[index + 2] == "}" ? index + 3 : index + 2
            }
            index += 1
        }
        return nil
    }

    /// The length of a question keyword (`spørgsmål`, `spoergsmaal`, any case) at `index` when a colon follows it.
    private static func questionKeyword(_ characters: [Character], at index: Int) -> Int? {
        for keyword in ["spørgsmål", "spoergsmaal"] {
            let end = index + keyword.count
            guard end < characters.count, characters[end] == ":" else { continue }
            if String(characters[index..<end]).lowercased() == keyword { return keyword.count }
        }
        return nil
    }
}

/// Loads, compiles and checks the prompt templates of a folder.
struct PromptTemplateLoader {
    static let standardName = "_standard.mustache"
    static let sharedName = "_faelles.mustache"
    static let sectionName = "_sektion.mustache"
    static let groupStandardName = "_gruppe.mustache"
    static let fileExtension = ".mustache"
    /// Every template is rendered as plain text: the outputs escape for their own format.
    static let pragma = "{{% CONTENT_TYPE: TEXT}}"

    let directory: String
    let catalogue: IndicatorCatalogue?
    let base: String?

    /// The compiled templates and every problem found, in file order.
    func load() -> (templates: [PromptTemplate], problems: [InputProblem]) {
        var problems: [InputProblem] = []
        var templates: [PromptTemplate] = []
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return ([], [InputProblem(SourceLocation(file: display(directory)), "mappen med skabeloner til refleksioner findes ikke")])
        }
        var files: [(relative: String, kind: PromptTemplateKind)] = []
        let top = ((try? manager.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        if !top.contains(Self.standardName) {
            problems.append(
                InputProblem(
                    SourceLocation(file: display(directory + "/" + Self.standardName)),
                    "standardskabelonen mangler; den bruges til alle indikatorer uden egen skabelon"))
        }
        let sectionIDs = Set(catalogue?.sections.map(\.id) ?? [])
        let indicatorSection = Dictionary(
            catalogue?.indicators.map { ($0.id, $0.sectionID) } ?? [], uniquingKeysWith: { first, _ in first })
        // A group's section is its members'.
        var groupSection: [String: String] = [:]
        for indicator in catalogue?.indicators ?? [] {
            if let id = indicator.groupID, groupSection[id] == nil { groupSection[id] = indicator.sectionID }
        }
        for name in top where !name.hasPrefix(".") {
            let path = directory + "/" + name
            var folder: ObjCBool = false
            if manager.fileExists(atPath: path, isDirectory: &folder), folder.boolValue {
                if catalogue != nil, !sectionIDs.contains(name) {
                    problems.append(
                        InputProblem(
                            SourceLocation(file: display(path)),
                            "ingen sektion med id «\(name)» i indikatorkataloget"))
                }
                for file in ((try? manager.contentsOfDirectory(atPath: path)) ?? []).sorted() where file.hasSuffix(Self.fileExtension) {
                    let relative = name + "/" + file
                    if file == Self.sectionName {
                        files.append((relative, .section(sectionID: name)))
                        continue
                    }
                    let id = String(file.dropLast(Self.fileExtension.count))
                    if let section = groupSection[id] {
                        if section != name {
                            problems.append(
                                InputProblem(
                                    SourceLocation(file: display(directory + "/" + relative)),
                                    "gruppen «\(id)» hører til sektionen «\(section)»; flyt skabelonen til \(section)/"))
                        }
                        files.append((relative, .group(sectionID: name, groupID: id)))
                        continue
                    }
                    if let group = catalogue?.indicators.first(where: { $0.id == id })?.groupID {
                        problems.append(
                            InputProblem(
                                SourceLocation(file: display(directory + "/" + relative)),
                                "indikatoren «\(id)» vises i gruppen «\(group)» og får ingen spørgsmål af sine egne; skriv dem i \(name)/\(group).mustache"
                            ))
                    } else if catalogue != nil {
                        if let section = indicatorSection[id], section != name {
                            problems.append(
                                InputProblem(
                                    SourceLocation(file: display(directory + "/" + relative)),
                                    "indikatoren «\(id)» hører til sektionen «\(section)»; flyt skabelonen til \(section)/"))
                        } else if indicatorSection[id] == nil {
                            problems.append(
                                InputProblem(
                                    SourceLocation(file: display(directory + "/" + relative)),
                                    "ingen indikator med id «\(id)» i indikatorkataloget"))
                        }
                    }
                    files.append((relative, .indicator(sectionID: name, indicatorID: id)))
                }
            } else if name == Self.standardName {
                files.append((name, .standard))
            } else if name == Self.sharedName {
                files.append((name, .shared))
            } else if name == Self.groupStandardName {
                files.append((name, .groupStandard))
            } else if name.hasSuffix(Self.fileExtension) {
                problems.append(
                    InputProblem(
                        SourceLocation(file: display(path)),
                        "skabeloner til indikatorer skal ligge i en mappe pr. sektion (<sektion>/<indikator-id>.mustache)"))
            }
        }
        // The ids a section template may name: the catalogue's, or without one the indicator files'.
        let indicatorIDs =
            catalogue.map { Set($0.indicators.map(\.id)) }
            ?? Set(
                files.compactMap {
                    if case .indicator(_, let id) = $0.kind { return id } else { return nil }
                })
        for file in files {
            let path = directory + "/" + file.relative
            guard let data = manager.contents(atPath: path), let raw = String(data: data, encoding: .utf8) else {
                problems.append(InputProblem(SourceLocation(file: display(path)), "filen kan ikke læses som UTF-8"))
                continue
            }
            let text = raw.precomposedStringWithCanonicalMapping.replacingOccurrences(of: "\r\n", with: "\n")
            let known: Set<String>
            switch file.kind {
            case .section:
                known = PromptVariables.indicatorNames.union(PromptVariables.sectionValues).union(indicatorIDs)
            case .group, .groupStandard:
                known = PromptVariables.indicatorNames.union(PromptVariables.groupValues).union(indicatorIDs)
            default:
                known = PromptVariables.indicatorNames
            }
            let location = { (line: Int?, column: Int?) in SourceLocation(file: display(path), line: line, column: column) }
            let (fileProblems, compiled) = Self.check(text, known: known, location: location)
            problems.append(contentsOf: fileProblems)
            if let compiled { templates.append(PromptTemplate(kind: file.kind, relativePath: file.relative, template: compiled)) }
        }
        return (templates, problems)
    }

    private func display(_ path: String) -> String {
        guard let base, path.hasPrefix(base + "/") else { return path }
        return String(path.dropFirst(base.count + 1))
    }

    /// Compiles and renders a template text the way prompt templates are rendered (for tests and tools).
    static func render(_ text: String, context: [String: Any]) throws -> String {
        try MustacheTemplate(string: pragma + FindingMarker.mark(text)).render(context)
    }

    /// Compiles one template and checks its names and lines; the template is nil when it does not compile.
    static func check(
        _ text: String, known: Set<String>, location: (Int?, Int?) -> SourceLocation
    ) -> (problems: [InputProblem], template: MustacheTemplate?) {
        var problems: [InputProblem] = []
        let scan = TagScanner.scan(text)
        var template: MustacheTemplate?
        do {
            _ = try MustacheTemplate(string: pragma + text)
            // The marked text compiles as the text does: the marks are plain characters outside tags.
            template = try MustacheTemplate(string: pragma + FindingMarker.mark(text))
        } catch let error as MustacheTemplate.ParserError {
            let context = error.context
            let column = context.lineNumber == 1 ? max(1, context.columnNumber - pragma.count) : context.columnNumber
            if case MustacheTemplate.Error.expectedSectionEnd = error.error, let open = scan.unclosed.last {
                problems.append(
                    InputProblem(
                        location(open.line, open.column),
                        "sektionen «{{\(open.sigil)\(open.name)}}» lukkes aldrig; der mangler {{/\(open.name)}}"))
            } else {
                problems.append(InputProblem(location(context.lineNumber, column), "skabelonfejl: \(describe(error.error))"))
            }
        } catch {
            problems.append(InputProblem(location(nil, nil), "skabelonfejl: \(error)"))
        }
        for tag in scan.tags {
            switch tag.sigil {
            case "!", "/":
                // A closing tag names the same as its opening tag, which is checked already.
                continue
            case ">", "<", "$":
                problems.append(
                    InputProblem(
                        location(tag.line, tag.column),
                        "delskabeloner og blokke ({{\(tag.sigil)…}}) bruges ikke i refleksionsskabeloner"))
            case "=", "%":
                problems.append(
                    InputProblem(
                        location(tag.line, tag.column),
                        "«{{\(tag.sigil)…}}» bruges ikke i refleksionsskabeloner; skriv variabler som {{navn}}"))
            default:
                let name = variableName(tag.name)
                if name == "." { continue }
                if !known.contains(name) {
                    problems.append(
                        InputProblem(
                            location(tag.line, tag.column),
                            "ukendt variabel «\(tag.name)»\(suggestion(for: name, among: known))"))
                }
            }
        }
        problems.append(contentsOf: checkLines(text, location: location))
        return (problems, template)
    }

    /// The variable a tag names: `a.b` → `a`, `uppercased(a)` → `a`.
    static func variableName(_ raw: String) -> String {
        var name = Substring(raw.trimmingCharacters(in: .whitespaces))
        if let open = name.lastIndex(of: "(") {
            name = name[name.index(after: open)...].prefix { $0 != ")" }
        }
        if name == "." { return "." }
        return String(name.prefix { $0 != "." })
    }

    /// Every non-empty line must say what it is (fakta:, spørgsmål:, titel:) or continue the line before.
    static func checkLines(_ text: String, location: (Int?, Int?) -> SourceLocation) -> [InputProblem] {
        var problems: [InputProblem] = []
        var seenKeyword = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let outside = TagScanner.removingTags(String(line)).trimmingCharacters(in: .whitespaces)
            if outside.isEmpty { continue }
            if PromptLineKind.split(Substring(outside)) != nil {
                seenKeyword = true
                continue
            }
            if let colon = outside.firstIndex(of: ":"), outside[..<colon].allSatisfy({ $0.isLetter || $0 == "_" }),
                !outside[..<colon].isEmpty
            {
                problems.append(
                    InputProblem(
                        location(index + 1, 1),
                        "ukendt linjetype «\(outside[..<colon]):»; brug fakta:, spørgsmål: eller titel:"))
            } else if !seenKeyword {
                problems.append(
                    InputProblem(
                        location(index + 1, 1),
                        "linjen skal begynde med fakta:, spørgsmål: eller titel: (eller fortsætte linjen før)"))
            }
        }
        return problems
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: return "slutmærket passer ikke til den sektion, der er åben"
        case MustacheTemplate.Error.unfinishedName: return "mærket er ikke afsluttet korrekt med }}"
        case MustacheTemplate.Error.expectedSectionEnd: return "en sektion lukkes aldrig"
        case MustacheTemplate.Error.invalidSetDelimiter: return "ugyldigt skift af afgrænsere"
        case MustacheTemplate.Error.invalidConfigVariableSyntax, MustacheTemplate.Error.unrecognisedConfigVariable:
            return "ugyldig indstilling ({{%…}})"
        default: return "ugyldig Mustache-syntaks (\(error))"
        }
    }

    /// "; mente du «x»?" for a near miss.
    static func suggestion(for name: String, among known: Set<String>) -> String {
        Suggestion.nearest(to: name, among: known, limit: max(2, name.count / 4)).map { "; mente du «\($0)»?" } ?? ""
    }
}

/// Finds the `{{…}}` tags of a template with their lines, for the name check and for pointing at an
/// unclosed section's opening tag (the parser only knows where the file ended).
struct TagScanner {
    struct Tag {
        var sigil: String
        var name: String
        var line: Int
        var column: Int
    }

    var tags: [Tag] = []
    var unclosed: [Tag] = []

    static func scan(_ text: String) -> TagScanner {
        var result = TagScanner()
        let characters = Array(text)
        var index = 0
        var line = 1
        var lineStart = 0
        while index < characters.count {
            if characters[index] == "\n" {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard characters[index] == "{", index + 1 < characters.count, characters[index + 1] == "{" else {
                index += 1
                continue
            }
            let start = index
            let triple = index + 2 < characters.count && characters[index + 2] == "{"
            let close: [Character] = triple ? ["}", "}", "}"] : ["}", "}"]
            var end = index + (triple ? 3 : 2)
            var found: Int?
            while end + close.count <= characters.count {
                if Array(characters[end..<end + close.count]) == close {
                    found = end
                    break
                }
                end += 1
            }
            guard let found else { break }
            var body = String(characters[(start + (triple ? 3 : 2))..<found])
            var sigil = triple ? "{" : ""
            if !triple, let first = body.first, "#^/!>&<$=%".contains(first) {
                sigil = String(first)
                body.removeFirst()
            }
            let tag = Tag(sigil: sigil, name: body.trimmingCharacters(in: .whitespaces), line: line, column: start - lineStart + 1)
            result.tags.append(tag)
            switch sigil {
            case "#", "^": result.unclosed.append(tag)
            case "/": if let last = result.unclosed.lastIndex(where: { $0.name == tag.name }) { result.unclosed.remove(at: last) }
            default: break
            }
            for character in characters[start..<found] where character == "\n" { line += 1 }
            index = found + close.count
        }
        return result
    }

    /// The line without its tags, to see what text it has outside them.
    static func removingTags(_ line: String) -> String {
        var result = ""
        var rest = Substring(line)
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else { return result }
            rest = rest[close.upperBound...]
            if rest.first == "}" { rest = rest.dropFirst() }
        }
        return result + rest
    }
}
