import DatapakkeCore

/// The reflection prompts of one pack, section by section: what the workbook's Refleksioner sheet
/// and the meeting file show.
public struct PackPrompts: Sendable, Hashable {
    public var sections: [SectionPrompts]

    public init(sections: [SectionPrompts]) {
        self.sections = sections
    }

    /// Every item of every section, in order.
    public var items: [PromptItem] { sections.flatMap(\.items) }
}

/// The prompts of one section of the pack.
public struct SectionPrompts: Sendable, Hashable {
    public var section: Section
    public var items: [PromptItem]

    public init(section: Section, items: [PromptItem]) {
        self.section = section
        self.items = items
    }
}

/// One block of prompts: the facts it states about the cluster's own figures and the questions it asks.
public struct PromptItem: Sendable, Hashable {
    /// The indicator the item is about; nil for a section-level item (`_sektion.mustache`).
    public var indicatorID: String?
    public var title: String
    /// The latest period the facts are about ("2024", "1. januar 2025"); nil for section items.
    public var period: String?
    /// Whether the figures behind the item are synthetic example data.
    public var isSynthetic: Bool
    public var facts: [String]
    public var questions: [String]
    /// The template the item was rendered from, relative to the prompt template folder.
    public var template: String

    public init(
        indicatorID: String?, title: String, period: String? = nil, isSynthetic: Bool = false,
        facts: [String], questions: [String], template: String = ""
    ) {
        self.indicatorID = indicatorID
        self.title = title
        self.period = period
        self.isSynthetic = isSynthetic
        self.facts = facts
        self.questions = questions
        self.template = template
    }
}
