import DatapakkeCore
import Foundation
import Mustache

/// The HTML files a build writes, each made from its own folder of Mustache templates in `Templates/html/`.
public enum HTMLDocument: String, Sendable, CaseIterable {
    /// The download page `index.html`: `Templates/html/downloadside/`.
    case downloadPage = "downloadside"
    /// A pack's reflection prompts as a page that prints on A4: `Templates/html/refleksioner/`.
    case prompts = "refleksioner"
    /// A pack's presentation, one slide per A4 landscape page: `Templates/html/praesentation/`.
    case presentation = "praesentation"

    /// The files inserted as they are with `{{{variabel}}}`: style sheets and scripts of the template
    /// folder, never data.
    var assets: [(variable: String, file: String)] {
        switch self {
        case .downloadPage: return [("stilark", "stil.css"), ("script", "script.js")]
        case .prompts, .presentation: return [("stilark", "stil.css")]
        }
    }

    /// Every name the document's templates may use (besides the assets).
    var variables: Set<String> {
        switch self {
        case .downloadPage: return DownloadPage.templateVariables
        case .prompts: return PromptDocument.templateVariables
        case .presentation: return Presentation.templateVariables
        }
    }
}

/// The compiled HTML templates of a `Templates/html/` folder. Values are escaped by the Mustache engine
/// (`&`, `<`, `>`, `"` and `'`, see `HTMLEscaping`), so the templates hold the wording and markup and
/// Swift only the data.
public struct HTMLTemplates: Sendable {
    /// The folder with one subfolder per document.
    public let directory: String
    private let documents: [HTMLDocument: CompiledHTMLDocument]

    /// The HTML template folder inside a `Templates/` folder.
    public static func directory(inTemplates templates: String) -> String {
        templates + "/html"
    }

    /// Loads and compiles every template and asset of the folder; throws `InputProblems` listing every
    /// problem (file and line) when there is any, so a mistake never shows up halfway through a build.
    /// - Parameter base: messages name files relative to this folder.
    public init(directory: String, relativeTo base: String? = nil) throws {
        let (documents, problems) = HTMLTemplateLoader(directory: directory, base: base).load()
        if !problems.isEmpty { throw InputProblems(problems) }
        self.directory = directory
        self.documents = documents
    }

    /// Every problem of the folder (missing files, syntax errors, unknown variables or partials,
    /// unescaped data), with file and line; empty when all is well. This is what `datapakke check` calls.
    public static func validate(directory: String, relativeTo base: String? = nil) -> [InputProblem] {
        HTMLTemplateLoader(directory: directory, base: base).load().problems
    }

    /// The folder of one document's templates and assets.
    public func folder(of document: HTMLDocument) -> String {
        directory + "/" + document.rawValue
    }

    /// The number of template and asset files read.
    public var fileCount: Int {
        documents.values.reduce(0) { $0 + $1.fileCount }
    }

    /// Renders a document's `side.mustache` with the assets added to the context.
    func render(_ document: HTMLDocument, _ context: [String: Any]) -> String {
        // The initialiser throws unless every document compiled.
        guard let compiled = documents[document] else { return "" }
        var context = context
        for (name, text) in compiled.assets { context[name] = text }
        return compiled.page.render(context, library: compiled.library)
    }
}

/// The escaping of every `{{…}}` in the HTML templates: `&`, `<`, `>`, `"` and `'` become `&amp;`,
/// `&lt;`, `&gt;`, `&quot;` and `&#39;`, as with Mustache's own HTML escaping, but looked for in the
/// Unicode scalars rather than the characters. Mustache's (like any `Character` comparison) passes a
/// quote followed by a combining mark (`"\u{301}`) through as one character that is not `"`, while a
/// browser still ends an attribute value at that quote.
struct HTMLEscaping: MustacheContentType {
    /// The name the templates' content-type pragma uses.
    static let name = "DATAPAKKE_HTML"
    /// Put before every template (on its own line, which Mustache then removes), since a template
    /// otherwise starts with Mustache's own HTML escaping.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}\n"
    /// Registers the content type with Mustache once, before the first template is compiled.
    static let registered: Void = MustacheContentTypes.register(HTMLEscaping(), named: name)

    func escapeText(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result.append(contentsOf: "&amp;".unicodeScalars)
            case "<": result.append(contentsOf: "&lt;".unicodeScalars)
            case ">": result.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": result.append(contentsOf: "&quot;".unicodeScalars)
            case "'": result.append(contentsOf: "&#39;".unicodeScalars)
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}

/// A value a template may name that is not there: sections skip it and `{{navn}}` prints nothing.
/// Used instead of leaving the name out, so that Mustache does not find the same name further out.
struct NoValue: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }

    /// The text, or `NoValue` when there is none.
    static func or(_ text: String?) -> Any {
        if let text { return text }
        return NoValue()
    }
}

/// One document's compiled templates: the page, its partials and its assets.
struct CompiledHTMLDocument: Sendable {
    var page: MustacheTemplate
    var library: MustacheLibrary
    var assets: [String: String]
    var fileCount: Int
}

/// Loads, compiles and checks the HTML templates of a folder.
struct HTMLTemplateLoader {
    /// The template of the page itself in each document folder; every other `.mustache` file is a partial.
    static let pageName = "side"
    static let fileExtension = ".mustache"

    let directory: String
    let base: String?

    /// The compiled documents and every problem found, document by document in file order.
    func load() -> (documents: [HTMLDocument: CompiledHTMLDocument], problems: [InputProblem]) {
        var problems: [InputProblem] = []
        var documents: [HTMLDocument: CompiledHTMLDocument] = [:]
        guard isDirectory(directory) else {
            return ([:], [InputProblem(SourceLocation(file: display(directory)), "mappen med HTML-skabeloner findes ikke")])
        }
        for document in HTMLDocument.allCases {
            let (compiled, documentProblems) = load(document)
            problems += documentProblems
            if let compiled { documents[document] = compiled }
        }
        return (documents, problems)
    }

    private func load(_ document: HTMLDocument) -> (CompiledHTMLDocument?, [InputProblem]) {
        let folder = directory + "/" + document.rawValue
        guard isDirectory(folder) else {
            return (
                nil,
                [InputProblem(SourceLocation(file: display(folder)), "mappen med HTML-skabelonerne til \(document.rawValue) findes ikke")]
            )
        }
        var problems: [InputProblem] = []
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            .filter { $0.hasSuffix(Self.fileExtension) && !$0.hasPrefix(".") }
        let stems = Set(names.map { String($0.dropLast(Self.fileExtension.count)) })
        if !stems.contains(Self.pageName) {
            problems.append(
                InputProblem(
                    SourceLocation(file: display(folder + "/" + Self.pageName + Self.fileExtension)),
                    "skabelonen til selve siden mangler"))
        }
        let assetNames = Set(document.assets.map(\.variable))
        var templates: [String: MustacheTemplate] = [:]
        var partials: [String: [TagScanner.Tag]] = [:]
        for name in names {
            let path = folder + "/" + name
            let stem = String(name.dropLast(Self.fileExtension.count))
            let location = { (line: Int?, column: Int?) in SourceLocation(file: display(path), line: line, column: column) }
            guard let text = Self.read(path) else {
                problems.append(InputProblem(location(nil, nil), "filen kan ikke læses som UTF-8"))
                continue
            }
            let checked = Self.check(text, known: document.variables, assets: assetNames, location: location)
            problems += checked.problems
            partials[stem] = checked.partials
            if let template = checked.template { templates[stem] = template }
        }
        for name in names {
            let stem = String(name.dropLast(Self.fileExtension.count))
            let location = { (tag: TagScanner.Tag) in SourceLocation(file: display(folder + "/" + name), line: tag.line, column: tag.column)
            }
            for tag in partials[stem] ?? [] {
                if !stems.contains(tag.name) {
                    problems.append(
                        InputProblem(
                            location(tag),
                            "delskabelonen «\(tag.name)» findes ikke (\(tag.name)\(Self.fileExtension) i \(document.rawValue)/)"
                                + PromptTemplateLoader.suggestion(for: tag.name, among: stems)))
                } else if Self.reaches(from: tag.name, to: stem, partials: partials) {
                    problems.append(
                        InputProblem(
                            location(tag),
                            "delskabelonen «\(tag.name)» indsætter \(stem)\(Self.fileExtension) igen, så siden aldrig bliver færdig"))
                }
            }
        }
        var assets: [String: String] = [:]
        for (variable, file) in document.assets {
            let path = folder + "/" + file
            guard FileManager.default.fileExists(atPath: path) else {
                problems.append(
                    InputProblem(SourceLocation(file: display(path)), "filen mangler; den indsættes i siden som {{{\(variable)}}}"))
                continue
            }
            guard let text = Self.read(path) else {
                problems.append(InputProblem(SourceLocation(file: display(path)), "filen kan ikke læses som UTF-8"))
                continue
            }
            // The template puts the line break after it, so an editor's final newline does not matter.
            var trimmed = Substring(text)
            while trimmed.last == "\n" { trimmed = trimmed.dropLast() }
            assets[variable] = String(trimmed)
        }
        guard problems.isEmpty, let page = templates[Self.pageName] else { return (nil, problems) }
        let compiled = CompiledHTMLDocument(
            page: page, library: MustacheLibrary(templates: templates), assets: assets,
            fileCount: names.count + assets.count)
        return (compiled, [])
    }

    /// A file's text with Windows line ends made Unix ones, or nil when it is not UTF-8.
    private static func read(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { return nil }
        return text.replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// Whether the partial `start` inserts `target`, directly or through other partials.
    private static func reaches(from start: String, to target: String, partials: [String: [TagScanner.Tag]]) -> Bool {
        var seen: Set<String> = []
        var pending = [start]
        while let name = pending.popLast() {
            if name == target { return true }
            guard seen.insert(name).inserted else { continue }
            pending += (partials[name] ?? []).map(\.name)
        }
        return false
    }

    /// Compiles one template and checks its tags; the template is nil when it does not compile.
    static func check(
        _ text: String, known: Set<String>, assets: Set<String>, location: (Int?, Int?) -> SourceLocation
    ) -> (problems: [InputProblem], template: MustacheTemplate?, partials: [TagScanner.Tag]) {
        var problems: [InputProblem] = []
        let scan = TagScanner.scan(text)
        var template: MustacheTemplate?
        // Where a syntax error stops the parser; the tags from there on are not what they seem.
        var tagsEndLine = Int.max
        do {
            _ = HTMLEscaping.registered
            template = try MustacheTemplate(string: HTMLEscaping.pragma + text)
        } catch let error as MustacheTemplate.ParserError {
            // Line 1 is the pragma.
            let (line, column) = (max(1, error.context.lineNumber - 1), error.context.columnNumber)
            let open = scan.unclosed.last
            if case MustacheTemplate.Error.expectedSectionEnd = error.error, let open {
                problems.append(
                    InputProblem(
                        location(open.line, open.column),
                        "sektionen «{{\(open.sigil)\(open.name)}}» lukkes aldrig; der mangler {{/\(open.name)}}"))
            } else if case MustacheTemplate.Error.sectionCloseNameIncorrect = error.error, let open {
                problems.append(
                    InputProblem(
                        location(line, column),
                        "skabelonfejl: slutmærket passer ikke til den sektion, der er åben: "
                            + "«{{\(open.sigil)\(open.name)}}» fra linje \(open.line) lukkes ikke før"))
                tagsEndLine = line
            } else {
                problems.append(InputProblem(location(line, column), "skabelonfejl: \(PromptTemplateLoader.describe(error.error))"))
                tagsEndLine = line
            }
        } catch {
            problems.append(InputProblem(location(nil, nil), "skabelonfejl: \(error)"))
        }
        var partials: [TagScanner.Tag] = []
        for tag in scan.tags where tag.line < tagsEndLine {
            let name = PromptTemplateLoader.variableName(tag.name)
            switch tag.sigil {
            case "!", "/":
                // A closing tag names the same as its opening tag, which is checked already.
                continue
            case ">":
                if tag.name.hasPrefix("*") {
                    problems.append(InputProblem(location(tag.line, tag.column), "delskabeloner med skiftende navn ({{>*…}}) bruges ikke"))
                } else {
                    partials.append(tag)
                }
            case "<", "$":
                problems.append(
                    InputProblem(
                        location(tag.line, tag.column),
                        "arv mellem skabeloner ({{\(tag.sigil)…}}) bruges ikke i HTML-skabeloner; brug delskabeloner ({{> navn}})"))
            case "=", "%":
                // {{% CONTENT_TYPE: TEXT}} would switch the escaping off for the rest of the template.
                problems.append(
                    InputProblem(
                        location(tag.line, tag.column),
                        "«{{\(tag.sigil)…}}» bruges ikke i HTML-skabeloner; skriv variabler som {{navn}}"))
            case "{", "&":
                if !assets.contains(name) {
                    let list = assets.sorted().map { "{{{\($0)}}}" }.joined(separator: " og ")
                    problems.append(
                        InputProblem(
                            location(tag.line, tag.column),
                            "«\(tag.sigil == "{" ? "{{{\(tag.name)}}}" : "{{&\(tag.name)}}")» indsætter teksten uden at beskytte den "
                                + "(escape); skriv {{\(tag.name)}}. Kun \(list) indsættes sådan"))
                }
            default:
                if name == "." { continue }
                if !known.contains(name) && !assets.contains(name) {
                    problems.append(
                        InputProblem(
                            location(tag.line, tag.column),
                            "ukendt variabel «\(tag.name)»\(PromptTemplateLoader.suggestion(for: name, among: known))"))
                }
            }
        }
        return (problems, template, partials)
    }

    private func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private func display(_ path: String) -> String {
        guard let base, path.hasPrefix(base + "/") else { return path }
        return String(path.dropFirst(base.count + 1))
    }
}
