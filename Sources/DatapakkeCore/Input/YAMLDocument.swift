import Foundation
import Yams

/// A YAML file read into nodes that remember their line, so every problem can name file and line.
struct YAMLDocument {
    let file: String
    let root: Node

    /// Reads and parses a file; a syntax error becomes a problem with the line libyaml reports.
    static func read(path: String, displayName: String) throws -> YAMLDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputProblems([InputProblem(SourceLocation(file: displayName), "filen findes ikke eller kan ikke læses")])
        }
        let mixed = mixedEncodingProblems(data, file: displayName)
        if !mixed.isEmpty { throw InputProblems(mixed) }
        let (text, _) = decodeText(data)
        do {
            guard let root = try Yams.compose(yaml: text) else {
                throw InputProblems([InputProblem(SourceLocation(file: displayName, line: 1), "filen er tom")])
            }
            return YAMLDocument(file: displayName, root: root)
        } catch let error as YamlError {
            throw InputProblems([yamlProblem(error, file: displayName)])
        }
    }

    func location(_ node: Node?) -> SourceLocation {
        SourceLocation(file: file, line: node?.mark?.line, column: node?.mark?.column)
    }

    /// A required text field of a mapping.
    func string(_ key: String, in node: Node, log: inout ProblemLog) -> String? {
        guard let value = node[key] else {
            log.add(location(node), "mangler feltet «\(key)»")
            return nil
        }
        guard let text = value.scalar?.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            log.add(location(value), "feltet «\(key)» skal være en tekst, ikke tomt")
            return nil
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// An optional text field.
    func optionalString(_ key: String, in node: Node, log: inout ProblemLog) -> String? {
        guard let value = node[key] else { return nil }
        guard let text = value.scalar?.string else {
            log.add(location(value), "feltet «\(key)» skal være en tekst")
            return nil
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// An optional list of texts; a single text is accepted as a list of one.
    func strings(_ key: String, in node: Node, log: inout ProblemLog) -> [String] {
        guard let value = node[key] else { return [] }
        if let text = value.scalar?.string { return [text] }
        guard let sequence = value.sequence else {
            log.add(location(value), "feltet «\(key)» skal være en liste af tekster")
            return []
        }
        return sequence.compactMap { item in
            guard let text = item.scalar?.string else {
                log.add(location(item), "hvert punkt i «\(key)» skal være en tekst")
                return nil
            }
            return text
        }
    }

    /// An optional number field.
    func number(_ key: String, in node: Node, log: inout ProblemLog) -> Double? {
        guard let value = node[key] else { return nil }
        guard let text = value.scalar?.string, case .number(let number) = parseSettingNumber(text) else {
            log.add(location(value), "feltet «\(key)» skal være et tal")
            return nil
        }
        return number
    }

    /// Reports a text of a field that cannot reach every output intact (control characters, length).
    func checkText(_ text: String?, key: String, in node: Node, maximumLength: Int, log: inout ProblemLog) {
        guard let text, let problem = NameRules.problem(in: text, maximumLength: maximumLength) else { return }
        log.add(location(node[key] ?? node), "«\(key)» \(problem)")
    }

    /// Reports keys of a mapping that the schema does not know (usually a typing error).
    func checkKeys(of node: Node, allowed: Set<String>, log: inout ProblemLog) {
        guard let mapping = node.mapping else { return }
        for (key, _) in mapping {
            guard let name = key.scalar?.string, !allowed.contains(name) else { continue }
            if let nearest = Suggestion.nearest(to: name, among: allowed, limit: max(2, name.count / 3)) {
                log.add(location(key), "ukendt felt \(quoted(name)) – mente du «\(nearest)»?")
            } else {
                log.add(location(key), "ukendt felt \(quoted(name)); kendte felter: \(allowed.sorted().joined(separator: ", "))")
            }
        }
    }
}

private func yamlProblem(_ error: YamlError, file: String) -> InputProblem {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
        let what = [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
        return InputProblem(SourceLocation(file: file, line: mark.line, column: mark.column), "YAML-fejl: \(what)")
    case .duplicatedKeysInMapping(let duplicates, let context):
        // Yams names the first occurrence; the second, the one to remove, is found in the text: the
        // next line after it with the same key at the same indentation.
        let key = duplicates.first ?? ""
        let lines = context.text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = context.mark.line
        let indentation = String(repeating: " ", count: max(0, context.mark.column - 1))
        let second = lines.indices.first { index in
            index + 1 > first && (lines[index].hasPrefix(indentation + key + ":") || lines[index].hasPrefix(indentation + "- " + key + ":"))
        }
        return InputProblem(
            SourceLocation(file: file, line: second.map { $0 + 1 } ?? first, column: context.mark.column),
            "nøglen \(quoted(key)) står to gange i samme afsnit (første gang på linje \(first)); fjern den ene")
    default:
        return InputProblem(SourceLocation(file: file), "YAML-fejl: \(visibleText(String(describing: error), limit: 200))")
    }
}
