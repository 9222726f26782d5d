import DatapakkeCore
import Foundation

/// Chooses the questions a pack shows, once for all its outputs (Markdown, HTML, the Refleksioner
/// sheet). `Templates/README-refleksioner.md` explains the rule to analysts ("Hvilke spørgsmål
/// kommer med"); the two must say the same.
///
/// 1. In each item, a question is left out when every finding it is about is already asked about by a
///    question before it (the indicator's own template comes before `_faelles.mustache`).
/// 2. The remaining questions of the whole pack are taken one at a time, best first: lowest priority
///    number; then the larger strength; then the item with fewer questions chosen so far; then the
///    order of the pack (section, item, line). A question is passed over when its item already has
///    `perItem` questions, when the same text is already chosen (so a generic question stands at most
///    once in a section, indeed in the pack), or when one of its stems is already chosen `stemRepeats`
///    times. Taking stops at `perPack`.
/// 3. Each item shows its chosen questions by priority, then in template order. Facts are never
///    selected: an item whose questions were all passed over keeps its facts.
public struct PromptSelection: Sendable {
    /// The most questions one item (one indicator, or a section's own item) shows.
    public static let perItem = 3
    /// The most questions a pack shows.
    public static let perPack = 30
    /// How many chosen questions of a pack may share one stem.
    public static let stemRepeats = 2
    /// How many words of a sentence make its stem.
    public static let stemWords = 5

    /// The names that count as one word, `‹navn›`, in a stem: the municipalities, the region, the cluster.
    public var names: [String]

    public init(names: [String]) {
        // Longest first, so "Høje-Taastrup" is replaced before a shorter name inside it could be.
        self.names = Array(Set(names.filter { !$0.isEmpty })).sorted { ($0.count, $0) > ($1.count, $1) }
    }

    /// The names of one pack's prompts: its municipalities, its region and its own name.
    public init(report: PackReport) {
        var names = [report.cluster.name, report.regionName] + report.members.map(\.name)
        for section in report.sections {
            for indicator in section.indicators { names += indicator.municipalityRows.map(\.name) }
        }
        self.init(names: names)
    }

    /// The pack's prompts with only the chosen questions.
    public func select(_ prompts: PackPrompts) -> PackPrompts {
        struct Candidate {
            var section: Int
            var item: Int
            var position: Int
            var question: PromptQuestion
            var stems: Set<String>
        }
        var candidates: [Candidate] = []
        var itemNumber = 0
        var itemOf: [[Int]] = []
        for (sectionIndex, section) in prompts.sections.enumerated() {
            var numbers: [Int] = []
            for item in section.items {
                var covered: Set<PromptFinding> = []
                for (position, question) in item.questions.enumerated() {
                    if !question.isGeneric, question.findings.allSatisfy(covered.contains) { continue }
                    covered.formUnion(question.findings)
                    candidates.append(
                        Candidate(
                            section: sectionIndex, item: itemNumber, position: position, question: question,
                            stems: stems(of: question.text)))
                }
                numbers.append(itemNumber)
                itemNumber += 1
            }
            itemOf.append(numbers)
        }

        var chosenPerItem = [Int](repeating: 0, count: itemNumber)
        var stemCount: [String: Int] = [:]
        var chosenTexts: Set<String> = []
        var chosen: [Candidate] = []
        var open = candidates
        func allowed(_ candidate: Candidate) -> Bool {
            if chosenPerItem[candidate.item] >= Self.perItem { return false }
            if chosenTexts.contains(candidate.question.text) { return false }
            return candidate.stems.allSatisfy { stemCount[$0, default: 0] < Self.stemRepeats }
        }
        func precedes(_ a: Candidate, _ b: Candidate) -> Bool {
            if a.question.priority != b.question.priority { return a.question.priority < b.question.priority }
            if a.question.strength != b.question.strength { return a.question.strength > b.question.strength }
            if chosenPerItem[a.item] != chosenPerItem[b.item] { return chosenPerItem[a.item] < chosenPerItem[b.item] }
            return (a.section, a.item, a.position) < (b.section, b.item, b.position)
        }
        while chosen.count < Self.perPack {
            // What is not allowed now never will be: the counts only grow.
            open.removeAll { !allowed($0) }
            guard var best = open.indices.first else { break }
            for index in open.indices.dropFirst() where precedes(open[index], open[best]) { best = index }
            let candidate = open.remove(at: best)
            chosen.append(candidate)
            chosenPerItem[candidate.item] += 1
            for stem in candidate.stems { stemCount[stem, default: 0] += 1 }
            chosenTexts.insert(candidate.question.text)
        }

        var result = prompts
        for (sectionIndex, section) in prompts.sections.enumerated() {
            var items: [PromptItem] = []
            for (offset, item) in section.items.enumerated() {
                let number = itemOf[sectionIndex][offset]
                var kept = item
                kept.questions = chosen.filter { $0.item == number }
                    .sorted { ($0.question.priority, $0.position) < ($1.question.priority, $1.position) }
                    .map(\.question)
                // A section's own item has no indicator whose facts must stay; without text it goes.
                if kept.indicatorID == nil, kept.groupID == nil, kept.facts.isEmpty, kept.questions.isEmpty { continue }
                items.append(kept)
            }
            result.sections[sectionIndex].items = items
        }
        return result
    }

    // MARK: Stems

    /// The stems of a question: one per sentence (`stem(ofSentence:)`).
    public func stems(of question: String) -> Set<String> {
        Set(Self.sentences(question).map(stem(ofSentence:)).filter { !$0.isEmpty })
    }

    /// The first `stemWords` words of a sentence, after normalising: every name of the pack becomes
    /// `‹navn›` (also with a genitive s), letters are lower-cased, punctuation at the ends of words is
    /// dropped, and every number ("8,4", "1.000", "-4.600") becomes `#`.
    /// "Odsherred ligger 2,4 gange så højt som Ringsted." → "‹navn› ligger # gange så".
    public func stem(ofSentence sentence: some StringProtocol) -> String {
        var text = String(sentence)
        for name in names { text = Self.replacingWord(name, in: text, with: "‹navn›") }
        var words: [String] = []
        for raw in text.lowercased().split(whereSeparator: \.isWhitespace) {
            let word = raw.trimmingCharacters(in: Self.wordEnds)
            if word.isEmpty { continue }
            words.append(Self.isNumber(word) ? "#" : word)
            if words.count == Self.stemWords { break }
        }
        return words.joined(separator: " ")
    }

    /// The sentences of a text: a sentence ends with ".", "?" or "!" followed by a space and a capital letter.
    static func sentences(_ text: String) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            if ".?!".contains(text[index]), next < text.endIndex, text[next].isWhitespace {
                let after = text[next...].drop { $0.isWhitespace }
                if let first = after.first, first.isUppercase {
                    result.append(text[start..<next])
                    start = after.startIndex
                    index = start
                    continue
                }
            }
            index = next
        }
        if start < text.endIndex { result.append(text[start...]) }
        return result
    }

    private static let wordEnds = CharacterSet.punctuationCharacters.union(.symbols).subtracting(CharacterSet(charactersIn: "#‹›"))

    private static func isNumber(_ word: String) -> Bool {
        let digits = word.drop { $0 == "-" || $0 == "−" }
        guard let first = digits.first, first.isNumber else { return false }
        return digits.allSatisfy { $0.isNumber || $0 == "," || $0 == "." }
    }

    /// `name` replaced where it stands as a whole word (or with a genitive s): not inside a longer word.
    static func replacingWord(_ name: String, in text: String, with replacement: String) -> String {
        var result = ""
        var rest = text[...]
        let isWordCharacter = { (character: Character) in character.isLetter || character.isNumber || character == "-" }
        while let range = rest.range(of: name) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            var end = range.upperBound
            if end < text.endIndex, text[end] == "s",
                text.index(after: end) == text.endIndex || !isWordCharacter(text[text.index(after: end)])
            {
                end = text.index(after: end)
            }
            let after = end < text.endIndex ? text[end] : nil
            if before.map(isWordCharacter) != true, after.map(isWordCharacter) != true {
                result += rest[..<range.lowerBound] + replacement
            } else {
                result += rest[..<end]
            }
            rest = text[end...]
        }
        return result + rest
    }
}
