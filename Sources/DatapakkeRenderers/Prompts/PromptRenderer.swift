import DatapakkeCore
import Foundation
import Mustache

/// Renders the reflection prompts of a pack from the analyst-edited templates in
/// `Templates/refleksioner/`: facts about the cluster's own figures and the questions its rules pick.
public struct PromptRenderer: Sendable {
    /// The folder with the prompt templates.
    public let templatesDirectory: String
    /// How many template files were read.
    public let templateCount: Int
    let standard: PromptTemplate?
    let shared: PromptTemplate?
    let byIndicator: [String: PromptTemplate]
    let bySection: [String: PromptTemplate]
    let groupStandard: PromptTemplate?
    let byGroup: [String: PromptTemplate]

    /// The prompt template folder inside a `Templates/` folder.
    public static func directory(inTemplates templates: String) -> String {
        templates + "/refleksioner"
    }

    /// Loads and compiles every template of the folder; throws `InputProblems` listing every template
    /// problem (file and line) when there is any, so a mistake never shows up halfway through a build.
    /// - Parameters:
    ///   - catalogue: when given, template files are also checked against its sections and indicators.
    ///   - base: messages name files relative to this folder.
    public init(templatesDirectory: String, catalogue: IndicatorCatalogue? = nil, relativeTo base: String? = nil) throws {
        let loader = PromptTemplateLoader(directory: templatesDirectory, catalogue: catalogue, base: base)
        let (templates, problems) = loader.load()
        if !problems.isEmpty { throw InputProblems(problems) }
        self.templatesDirectory = templatesDirectory
        self.templateCount = templates.count
        var standard: PromptTemplate?
        var shared: PromptTemplate?
        var byIndicator: [String: PromptTemplate] = [:]
        var bySection: [String: PromptTemplate] = [:]
        var groupStandard: PromptTemplate?
        var byGroup: [String: PromptTemplate] = [:]
        for template in templates {
            switch template.kind {
            case .standard: standard = template
            case .shared: shared = template
            case .section(let id): bySection[id] = template
            case .indicator(_, let id): byIndicator[id] = template
            case .groupStandard: groupStandard = template
            case .group(_, let id): byGroup[id] = template
            }
        }
        self.standard = standard
        self.shared = shared
        self.byIndicator = byIndicator
        self.bySection = bySection
        self.groupStandard = groupStandard
        self.byGroup = byGroup
    }

    /// Every problem of the template folder (syntax errors, unknown variables, lines without
    /// `fakta:`/`spørgsmål:`, files for unknown indicators), with file and line; empty when all is well.
    /// This is what `datapakke check` calls.
    public static func validate(templatesDirectory: String, catalogue: IndicatorCatalogue? = nil, relativeTo base: String? = nil)
        -> [InputProblem]
    {
        PromptTemplateLoader(directory: templatesDirectory, catalogue: catalogue, base: base).load().problems
    }

    /// The prompts of one pack, with the questions chosen by `PromptSelection`: what the Markdown and
    /// HTML files and the workbook's Refleksioner sheet all show.
    public func prompts(for report: PackReport) throws -> PackPrompts {
        PromptSelection(report: report).select(try candidates(for: report))
    }

    /// Every fact and every question the templates give for one pack, before selection: per section,
    /// the section-level item (if the section has a template), then one item per indicator, from its own
    /// template or the standard one, followed by the shared rules, and one item per group of
    /// indicators in the place of its members, from the group's template or `_gruppe.mustache`.
    func candidates(for report: PackReport) throws -> PackPrompts {
        var sections: [SectionPrompts] = []
        for section in report.sections {
            var items: [PromptItem] = []
            var byID: [String: [String: Any]] = [:]
            var facts: [String: IndicatorFacts] = [:]
            for indicator in section.indicators {
                let indicatorFacts = IndicatorFacts(indicator, pack: report)
                facts[indicator.indicator.id] = indicatorFacts
                byID[indicator.indicator.id] = indicatorFacts.context
            }
            if let template = bySection[section.section.id] {
                var context: [String: Any] = [:]
                // Defaults first, so that a name used outside an indicator's section renders as absent.
                for name in PromptVariables.values { context[name] = AbsentValue() }
                for name in PromptVariables.flags { context[name] = false }
                for id in byIndicator.keys { context[id] = AbsentValue() }
                for name in ["raadet", "raadet_stort", "raadets_navn", "regionens_navn"] {
                    if let first = byID.values.first, let value = first[name] { context[name] = value }
                }
                context["antal_kommuner"] = String(report.members.count)
                context["sektion"] = section.section.title
                context["sektion_intro"] = section.section.introduction.map { $0 as Any } ?? AbsentValue()
                for (id, indicatorContext) in byID { context[id] = indicatorContext }
                let item = Self.item(
                    from: template.template.render(context), indicatorID: nil, title: section.section.title,
                    period: nil, isSynthetic: section.indicators.contains { $0.origin == .synthetic },
                    template: template.relativePath)
                if !item.facts.isEmpty || !item.questions.isEmpty { items.append(item) }
            }
            for block in section.blocks {
                let indicator: IndicatorReport
                switch block {
                case .indicator(let single): indicator = single
                case .group(let group):
                    guard let template = byGroup[group.group.id] ?? groupStandard else { continue }
                    // Any other indicator a template names renders as absent, so its line is dropped.
                    let known = Set(byIndicator.keys).union(report.sections.flatMap { $0.indicators.map(\.indicator.id) })
                    let others = known.filter { id in !group.indicators.contains { $0.indicator.id == id } }
                    let groupFacts = GroupFacts(group, members: facts, pack: report, otherIndicators: others.sorted())
                    var item = Self.item(
                        from: template.template.render(groupFacts.context), indicatorID: nil, title: group.group.title,
                        period: group.latestPeriod?.label, isSynthetic: group.isSynthetic, template: template.relativePath)
                    item.groupID = group.group.id
                    for index in item.questions.indices {
                        item.questions[index].strength = item.questions[index].findings.first.flatMap { groupFacts.strengths[$0] } ?? 0
                    }
                    items.append(item)
                    continue
                }
                guard let template = byIndicator[indicator.indicator.id] ?? standard else { continue }
                let context = byID[indicator.indicator.id] ?? [:]
                var text = template.template.render(context)
                if let shared { text += "\n" + shared.template.render(context) }
                var item = Self.item(
                    from: text, indicatorID: indicator.indicator.id,
                    title: indicator.indicator.title, period: indicator.periods.last?.label,
                    isSynthetic: indicator.origin == .synthetic, template: template.relativePath)
                let strengths = facts[indicator.indicator.id]?.strengths ?? [:]
                for index in item.questions.indices {
                    item.questions[index].strength = item.questions[index].findings.first.flatMap { strengths[$0] } ?? 0
                }
                items.append(item)
            }
            sections.append(SectionPrompts(section: section.section, items: items))
        }
        return PackPrompts(sections: sections)
    }

    /// Reads rendered template text: `fakta:`, `spørgsmål:` and `titel:` lines, other lines continuing
    /// the one before. A line that printed an absent value is dropped whole.
    static func item(from text: String, indicatorID: String?, title: String, period: String?, isSynthetic: Bool, template: String)
        -> PromptItem
    {
        var entries: [(kind: PromptLineKind, findings: [PromptFinding], text: String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.allSatisfy(\.isWhitespace) { continue }
            if let (kind, findings, rest) = PromptLineKind.split(line) {
                entries.append((kind, findings, String(rest)))
            } else if !entries.isEmpty {
                entries[entries.count - 1].text += " " + line
            }
        }
        var item = PromptItem(
            indicatorID: indicatorID, title: title, period: period, isSynthetic: isSynthetic,
            facts: [], questions: [], template: template)
        for (kind, findings, raw) in entries {
            if raw.contains(AbsentValue.marker) { continue }
            let text = tidy(raw)
            if text.isEmpty { continue }
            switch kind {
            case .fact: if !item.facts.contains(text) { item.facts.append(text) }
            case .question:
                if !item.questions.contains(where: { $0.text == text }) { item.questions.append(PromptQuestion(text, findings: findings)) }
            case .title: item.title = text
            }
        }
        return item
    }

    /// Collapses runs of spaces, removes spaces before punctuation and capitalises the first letter.
    static func tidy(_ text: String) -> String {
        var result = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        for mark in [",", ".", "?", ":", ";", ")"] {
            result = result.replacingOccurrences(of: " " + mark, with: mark)
        }
        result = result.replacingOccurrences(of: "( ", with: "(")
        // A unit that ends in an abbreviation ("pct.") at the end of a sentence takes no second full stop.
        result = result.replacingOccurrences(of: "..", with: ".")
        guard let first = result.first else { return result }
        return first.uppercased() + result.dropFirst()
    }
}
