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
/// After `PromptRenderer.prompts(for:)` the questions are the selected ones (`PromptSelection`),
/// most notable first; the facts are always all of them.
public struct PromptItem: Sendable, Hashable {
    /// The indicator the item is about; nil for a section-level item (`_sektion.mustache`) and a group's.
    public var indicatorID: String?
    /// The group of indicators the item is about (`<sektion>/<gruppe-id>.mustache` or `_gruppe.mustache`).
    public var groupID: String?
    public var title: String
    /// The latest period the facts are about ("2024", "1. januar 2025"); nil for section items.
    public var period: String?
    /// Whether the figures behind the item are synthetic example data.
    public var isSynthetic: Bool
    public var facts: [String]
    public var questions: [PromptQuestion]
    /// The template the item was rendered from, relative to the prompt template folder.
    public var template: String

    public init(
        indicatorID: String?, groupID: String? = nil, title: String, period: String? = nil, isSynthetic: Bool = false,
        facts: [String], questions: [PromptQuestion], template: String = ""
    ) {
        self.indicatorID = indicatorID
        self.groupID = groupID
        self.title = title
        self.period = period
        self.isSynthetic = isSynthetic
        self.facts = facts
        self.questions = questions
        self.template = template
    }
}

/// One reflection question, with what it is about: the findings of the rule blocks it stands in.
public struct PromptQuestion: Sendable, Hashable {
    public var text: String
    /// The findings of the `{{#…}}` blocks the question stands in (`{{#daarligere_end_landet}}` …),
    /// most important first; empty for a generic question, one that does not depend on the figures.
    public var findings: [PromptFinding]
    /// How far the cluster's figure lies from what the first finding compares it with (a relative
    /// difference, a ratio, a share); 0 for a generic question or when there is no figure to measure.
    public var strength: Double

    public init(_ text: String, findings: [PromptFinding] = [], strength: Double = 0) {
        self.text = text
        self.findings = findings
        self.strength = strength
    }

    /// Whether the question does not depend on the cluster's figures.
    public var isGeneric: Bool { findings.isEmpty }

    /// The priority of the question: its first finding's, or the generic one after all findings.
    public var priority: Int { findings.first?.priority ?? PromptFinding.genericPriority }
}

/// What stands out in a cluster's own figures, as a rule (flag) says it. A question that stands inside
/// a rule's `{{#…}}` block is about that finding, and the finding decides how early it is chosen.
public enum PromptFinding: String, CaseIterable, Sendable {
    case worseThanCountry
    case wrongWay
    case outlier
    case spread
    case hidden
    case missing
    case betterThanCountry
    case rightWay
    case differsFromCountry
    case changed
    /// Worse than the similar clusters, or above the best quartile of them (docs/similar-councils.md).
    case opportunity
    case betterThanSimilar

    /// The priority of a question that depends on no finding: after every finding.
    public static let genericPriority = 7

    /// 1 is chosen first: worse than the country, moving the wrong way or worse than the similar
    /// clusters, one municipality far from the rest, a large spread, hidden or missing values, then the
    /// other findings.
    public var priority: Int {
        switch self {
        case .worseThanCountry: 1
        case .wrongWay, .opportunity: 2
        case .outlier: 3
        case .spread: 4
        case .hidden, .missing: 5
        case .betterThanCountry, .rightWay, .differsFromCountry, .changed, .betterThanSimilar: 6
        }
    }

    /// The finding a rule's block stands for; nil for a flag that describes the indicator or the
    /// data (`har_vaerdi`, `flere_kommuner`, `lav_er_bedst`, `intet_saerligt` …) rather than a finding.
    public init?(flag: PromptFlag) {
        switch flag {
        case .daarligereEndLandet: self = .worseThanCountry
        case .udviklingForkertVej: self = .wrongWay
        case .afvigerEnKommune, .afvigendeOver, .afvigendeUnder: self = .outlier
        case .storSpredning: self = .spread
        case .skjulteVaerdier, .vaerdiSkjult: self = .hidden
        case .manglendeVaerdier: self = .missing
        case .bedreEndLandet: self = .betterThanCountry
        case .udviklingRigtigVej: self = .rightWay
        case .overLandet, .underLandet: self = .differsFromCountry
        case .steget, .faldet: self = .changed
        case .daarligereEndSammenlignelige, .harMulighed: self = .opportunity
        case .bedreEndSammenlignelige: self = .betterThanSimilar
        default: return nil
        }
    }

    /// The flags whose blocks make a question about this finding, for the documentation.
    public var flags: [PromptFlag] { PromptFlag.allCases.filter { PromptFinding(flag: $0) == self } }
}
