import DatapakkeCore

/// A sheet of the workbook, named in one place: the front page, the one-page overview, one sheet per
/// section, the prompts and the documentation. Links, contents and the sheets themselves all take their names from here.
enum PackSheet: Hashable {
    case front
    case overview
    case section(DatapakkeCore.Section)
    case prompts
    case documentation

    /// The sheets of a pack, in order.
    static func all(for report: PackReport, withPrompts: Bool) -> [PackSheet] {
        [.front, .overview] + report.sections.map { .section($0.section) } + (withPrompts ? [.prompts] : []) + [.documentation]
    }

    /// The name on the tab: a section's title without the characters Excel forbids, cut to 31 characters.
    var name: String {
        switch self {
        case .front: return "Forside"
        case .overview: return "Overblik"
        case .section(let section): return NameRules.sheetName(for: section.title)
        case .prompts: return "Refleksioner"
        case .documentation: return "Dokumentation"
        }
    }
}
