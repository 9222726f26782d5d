import DatapakkeCore
import Foundation

extension PromptRenderer {
    /// The prompts as a Markdown file for the meeting.
    public func markdown(_ prompts: PackPrompts, report: PackReport) -> String {
        let header = PromptHeader(report)
        let md = Self.markdownEscaped
        var lines: [String] = []
        lines.append("# Refleksioner: \(md(header.name))")
        lines.append("")
        for (label, value) in header.fields {
            lines.append("- **\(label):** \(md(value))")
        }
        lines.append("")
        if let notice = header.syntheticNotice {
            lines.append("> **\(notice.headline)** \(md(notice.text))")
            lines.append("")
        }
        lines.append(md(header.introduction))
        for section in prompts.sections where !section.items.isEmpty {
            lines.append("")
            lines.append("## \(md(section.section.title))")
            for item in section.items {
                lines.append("")
                lines.append("### \(md(item.title))")
                lines.append("")
                var meta: [String] = []
                if let period = item.period { meta.append("Periode: \(md(period))") }
                if item.isSynthetic { meta.append("syntetiske eksempeldata") }
                if !meta.isEmpty {
                    lines.append("*\(meta.joined(separator: " · "))*")
                    lines.append("")
                }
                for fact in item.facts { lines.append("- \(md(fact))") }
                if !item.facts.isEmpty, !item.questions.isEmpty { lines.append("") }
                if !item.questions.isEmpty {
                    lines.append("**Refleksioner:**")
                    lines.append("")
                    for question in item.questions { lines.append("- \(md(question.text))") }
                }
            }
        }
        lines.append("")
        lines.append("---")
        lines.append("")
        lines.append(md(header.footer))
        lines.append("")
        return lines.joined(separator: "\n")
    }

    /// Text from the inputs made inert in Markdown: the characters that start emphasis, code, links,
    /// images and raw HTML are escaped, so a name like `<img onerror=…>` or `[klik](javascript:…)`
    /// stays text in every Markdown reader.
    static func markdownEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<>".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}

/// A pack's reflection prompts as a self-contained HTML page that prints on A4, from the templates in
/// `Templates/html/refleksioner/`.
public struct PromptDocument: Sendable {
    /// The names the document's templates may use. `Templates/README-html.md` documents the same list
    /// for analysts; a test keeps the two in step.
    static let templateVariables: Set<String> = [
        "navn", "version", "felter", "etiket", "vaerdi", "syntetisk_note", "overskrift", "tekst", "indledning", "sidefod",
        "sektioner", "titel", "punkter", "periode", "syntetisk", "har_meta", "har_fakta", "fakta", "har_spoergsmaal", "spoergsmaal",
    ]

    let templates: HTMLTemplates

    /// A document made from the templates of `templates`.
    public init(templates: HTMLTemplates) {
        self.templates = templates
    }

    /// The prompts of one pack as HTML.
    public func html(_ prompts: PackPrompts, report: PackReport) -> String {
        templates.render(.prompts, Self.context(prompts, report: report))
    }

    /// What the templates see: the header of the Markdown file and the prompts, section by section.
    static func context(_ prompts: PackPrompts, report: PackReport) -> [String: Any] {
        let header = PromptHeader(report)
        let sections: [[String: Any]] = prompts.sections.filter { !$0.items.isEmpty }.map { section in
            [
                "titel": section.section.title,
                "punkter": section.items.map { item -> [String: Any] in
                    [
                        "titel": item.title,
                        "periode": NoValue.or(item.period),
                        "syntetisk": item.isSynthetic,
                        "har_meta": item.period != nil || item.isSynthetic,
                        "har_fakta": !item.facts.isEmpty,
                        "fakta": item.facts,
                        "har_spoergsmaal": !item.questions.isEmpty,
                        "spoergsmaal": item.questions.map(\.text),
                    ]
                },
            ]
        }
        var notice: Any = NoValue()
        if let syntheticNotice = header.syntheticNotice {
            notice = ["overskrift": syntheticNotice.headline, "tekst": syntheticNotice.text]
        }
        return [
            "navn": header.name,
            "version": report.toolVersion,
            "felter": header.fields.map { ["etiket": $0.0, "vaerdi": $0.1] },
            "syntetisk_note": notice,
            "indledning": header.introduction,
            "sidefod": header.footer,
            "sektioner": sections,
        ]
    }
}

/// The header facts of a prompt file, shared by the Markdown and the HTML.
struct PromptHeader {
    var name: String
    var fields: [(String, String)]
    var introduction: String
    var syntheticNotice: (headline: String, text: String)?
    var footer: String

    init(_ report: PackReport) {
        name = report.cluster.name
        let kindTitle = report.kind.rawValue.prefix(1).uppercased() + report.kind.rawValue.dropFirst()
        var fields: [(String, String)] = [("Region", report.regionName)]
        if !report.members.isEmpty {
            fields.append(("Kommuner", DanishText.list(report.members.map(\.name))))
        }
        if !report.cluster.acuteHospitals.isEmpty {
            fields.append(
                (report.cluster.acuteHospitals.count == 1 ? "Akutsygehus" : "Akutsygehuse", DanishText.list(report.cluster.acuteHospitals)))
        }
        if let population = report.population, let date = report.populationDate {
            fields.append(("Borgere", "\(DanishNumber.format(population, decimals: 0)) pr. \(date.label)"))
        }
        let dataPeriods = report.periods.filter { !$0.isDate }.map(\.label)
        if !dataPeriods.isEmpty { fields.append(("Perioder", DanishText.list(dataPeriods))) }
        fields.append(("Data opgjort pr.", DanishText.date(report.dataDate)))
        fields.append(("Dannet", DanishText.date(report.documentDate)))
        fields.append(("Inddeling", "\(report.definitionsName) (\(kindTitle.lowercased()))"))
        self.fields = fields
        introduction =
            "Spørgsmålene tager udgangspunkt i \(report.kind.definite)s egne tal fra datapakken: \(report.kind.definite)s tal "
            + "sammenlignet med regionen og hele landet, forskellene mellem kommunerne og udviklingen siden sidste periode. "
            + "Tal, der er skjult af hensyn til diskretion, eller som mangler, nævnes ikke med en værdi."
        if report.hasSyntheticData {
            syntheticNotice = (
                "Bemærk: SYNTETISKE eksempeldata.",
                "Tallene for \(report.syntheticIndicators.count) af datapakkens indikatorer (markeret «syntetiske eksempeldata» "
                    + "ved hvert punkt) er genererede eksempeldata og ikke offentliggjorte tal. De viser, hvordan datapakken virker, og må ikke bruges som grundlag for beslutninger."
            )
        }
        footer =
            "Udarbejdet med datapakke \(report.toolVersion) den \(DanishText.date(report.documentDate)). "
            + "Tallene og definitionerne står i datapakkens regneark."
    }
}
