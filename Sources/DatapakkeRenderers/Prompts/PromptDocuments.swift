import DatapakkeCore
import Foundation

extension PromptRenderer {
    /// The prompts as a Markdown file for the meeting.
    public func markdown(_ prompts: PackPrompts, report: PackReport) -> String {
        let header = PromptHeader(report)
        var lines: [String] = []
        lines.append("# Refleksioner: \(header.name)")
        lines.append("")
        for (label, value) in header.fields {
            lines.append("- **\(label):** \(value)")
        }
        lines.append("")
        if let notice = header.syntheticNotice {
            lines.append("> **\(notice.headline)** \(notice.text)")
            lines.append("")
        }
        lines.append(header.introduction)
        for section in prompts.sections where !section.items.isEmpty {
            lines.append("")
            lines.append("## \(section.section.title)")
            for item in section.items {
                lines.append("")
                lines.append("### \(item.title)")
                lines.append("")
                var meta: [String] = []
                if let period = item.period { meta.append("Periode: \(period)") }
                if item.isSynthetic { meta.append("syntetiske eksempeldata") }
                if !meta.isEmpty {
                    lines.append("*\(meta.joined(separator: " · "))*")
                    lines.append("")
                }
                for fact in item.facts { lines.append("- \(fact)") }
                if !item.facts.isEmpty, !item.questions.isEmpty { lines.append("") }
                if !item.questions.isEmpty {
                    lines.append("**Refleksioner:**")
                    lines.append("")
                    for question in item.questions { lines.append("- \(question)") }
                }
            }
        }
        lines.append("")
        lines.append("---")
        lines.append("")
        lines.append(header.footer)
        lines.append("")
        return lines.joined(separator: "\n")
    }

    /// The prompts as a self-contained HTML page that prints on A4.
    public func html(_ prompts: PackPrompts, report: PackReport) -> String {
        let header = PromptHeader(report)
        var body = ""
        body += "<header>\n<p class=\"kicker\">Refleksioner til mødet</p>\n<h1>\(HTMLText.escape(header.name))</h1>\n<dl>\n"
        for (label, value) in header.fields {
            body += "<dt>\(HTMLText.escape(label))</dt><dd>\(HTMLText.escape(value))</dd>\n"
        }
        body += "</dl>\n</header>\n"
        if let notice = header.syntheticNotice {
            body += "<aside class=\"synthetic\" role=\"note\"><strong>\(HTMLText.escape(notice.headline))</strong> \(HTMLText.escape(notice.text))</aside>\n"
        }
        body += "<p class=\"intro\">\(HTMLText.escape(header.introduction))</p>\n"
        for section in prompts.sections where !section.items.isEmpty {
            body += "<section>\n<h2>\(HTMLText.escape(section.section.title))</h2>\n"
            for item in section.items {
                body += "<article>\n<h3>\(HTMLText.escape(item.title))</h3>\n"
                var meta: [String] = []
                if let period = item.period { meta.append("Periode: \(HTMLText.escape(period))") }
                if item.isSynthetic { meta.append("<span class=\"tag\">syntetiske eksempeldata</span>") }
                if !meta.isEmpty { body += "<p class=\"meta\">\(meta.joined(separator: " · "))</p>\n" }
                if !item.facts.isEmpty {
                    body += "<ul class=\"facts\">\n" + item.facts.map { "<li>\(HTMLText.escape($0))</li>\n" }.joined() + "</ul>\n"
                }
                if !item.questions.isEmpty {
                    body += "<p class=\"label\">Refleksioner</p>\n<ul class=\"questions\">\n"
                        + item.questions.map { "<li>\(HTMLText.escape($0))</li>\n" }.joined() + "</ul>\n"
                }
                body += "</article>\n"
            }
            body += "</section>\n"
        }
        body += "<footer>\(HTMLText.escape(header.footer))</footer>\n"
        return """
            <!DOCTYPE html>
            <html lang="da">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="datapakke \(HTMLText.escape(report.toolVersion))">
            <title>Refleksioner: \(HTMLText.escape(header.name))</title>
            <style>
            \(Self.stylesheet)
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    static let stylesheet = """
        @page { size: A4; margin: 18mm 17mm 20mm 17mm; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { font-family: "Source Sans 3", "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
               font-size: 11pt; line-height: 1.45; color: #1d1d1b; max-width: 46em; margin: 2em auto; padding: 0 1.2em;
               overflow-wrap: break-word; hyphens: auto; }
        h1 { font-size: 20pt; line-height: 1.2; margin: 0.1em 0 0.5em; color: #12355b; }
        h2 { font-size: 14.5pt; margin: 1.4em 0 0.4em; padding-bottom: 0.15em; border-bottom: 2px solid #12355b; color: #12355b;
             break-after: avoid; page-break-after: avoid; }
        h3 { font-size: 11.5pt; margin: 0 0 0.2em; break-after: avoid; page-break-after: avoid; }
        .kicker { text-transform: uppercase; letter-spacing: 0.08em; font-size: 9pt; color: #5b6770; margin: 0; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15em 1em; margin: 0 0 1em; font-size: 10pt; }
        dt { font-weight: 600; color: #5b6770; }
        dd { margin: 0; }
        .synthetic { border: 2px solid #b3261e; background: #fdecea; color: #5f1410; padding: 0.6em 0.8em; margin: 0 0 1em;
                     border-radius: 4px; break-inside: avoid; }
        .intro { color: #3a3a38; }
        article { margin: 0 0 0.9em; padding: 0.55em 0.8em 0.3em; border-left: 3px solid #c9d3dc; break-inside: avoid; page-break-inside: avoid; }
        .meta { margin: 0 0 0.3em; font-size: 9pt; color: #5b6770; }
        .tag { color: #b3261e; font-weight: 600; }
        ul { margin: 0.2em 0 0.5em; padding-left: 1.2em; }
        li { margin: 0.1em 0; }
        .label { margin: 0.4em 0 0; font-weight: 700; font-size: 10pt; color: #12355b; }
        ul.questions li::marker { content: "? "; color: #12355b; font-weight: 700; }
        footer { margin-top: 2em; padding-top: 0.5em; border-top: 1px solid #c9d3dc; font-size: 9pt; color: #5b6770; }
        @media print {
          body { margin: 0; padding: 0; max-width: none; font-size: 10.5pt; }
          a { color: inherit; text-decoration: none; }
        }
        """
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
            fields.append((report.cluster.acuteHospitals.count == 1 ? "Akutsygehus" : "Akutsygehuse", DanishText.list(report.cluster.acuteHospitals)))
        }
        if let population = report.population, let date = report.populationDate {
            fields.append(("Borgere", "\(DanishNumber.format(population, decimals: 0)) pr. \(date.label)"))
        }
        let dataPeriods = report.periods.filter { !$0.isDate }.map(\.label)
        if !dataPeriods.isEmpty { fields.append(("Perioder", DanishText.list(dataPeriods))) }
        fields.append(("Dato", DanishText.date(report.documentDate)))
        fields.append(("Inddeling", "\(report.definitionsName) (\(kindTitle.lowercased()))"))
        self.fields = fields
        introduction = "Spørgsmålene tager udgangspunkt i \(report.kind.definite)s egne tal fra datapakken: \(report.kind.definite)s tal "
            + "sammenlignet med regionen og hele landet, forskellene mellem kommunerne og udviklingen siden sidste periode. "
            + "Tal, der er skjult af hensyn til diskretion, eller som mangler, nævnes ikke med en værdi."
        if report.hasSyntheticData {
            syntheticNotice = (
                "Bemærk: SYNTETISKE eksempeldata.",
                "Tallene for \(report.syntheticIndicators.count) af datapakkens indikatorer (markeret «syntetiske eksempeldata» "
                    + "ved hvert punkt) er genererede eksempeldata og ikke offentliggjorte tal. De viser, hvordan datapakken virker, og må ikke bruges som grundlag for beslutninger.")
        }
        footer = "Udarbejdet med datapakke \(report.toolVersion) den \(DanishText.date(report.documentDate)). "
            + "Tallene og definitionerne står i datapakkens regneark."
    }
}
