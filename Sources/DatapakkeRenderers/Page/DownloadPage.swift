import DatapakkeCore
import Foundation

/// The download page `out/index.html` for the councils' secretariats: every pack with its region,
/// municipalities, key figures and links to its files, in one self-contained Danish HTML file.
///
/// The page uses no external scripts, fonts or styles, so it works from a file share as well as a web
/// server. A small inline script filters the packs; without it every pack is simply shown.
public enum DownloadPage {
    /// The page's file name in the output folder.
    public static let fileName = "index.html"

    /// The key indicators the command shows when nothing else is asked for.
    public static let defaultKeyIndicatorIDs = [
        "befolkning_i_alt", "andel_65plus", "genindl_somatisk_pct",
        "forebyggelige_ophold_pr_1000_65plus", "dosispakket_medicin_pr_1000_80plus",
    ]

    /// The whole page. Pure and deterministic: the same reports and date give the same bytes.
    ///
    /// - Parameters:
    ///   - reports: the packs, in the order they are listed.
    ///   - definitionsName: the definition set's name ("Sundhedsråd 2027").
    ///   - buildDate: the date the packs were built, shown as "24. november 2026" (UTC).
    ///   - keyIndicatorIDs: the indicators shown as key figures for each pack; unknown ids are skipped.
    public static func html(reports: [PackReport], definitionsName: String, buildDate: Date, keyIndicatorIDs: [String]) -> String {
        let kind = reports.first?.kind ?? .sundhedsraad
        let words = Words(kind)
        var page = ""
        page += "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n"
        page += "<meta charset=\"utf-8\">\n"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        // An empty icon, so browsers do not ask a web server for /favicon.ico and log a 404.
        page += "<link rel=\"icon\" href=\"data:,\">\n"
        page += "<title>\(escape("Datapakker · \(definitionsName)"))</title>\n"
        page += "<style>\n\(stylesheet)</style>\n"
        page += "</head>\n<body>\n"
        page += "<a class=\"skip\" href=\"#pakker\">Spring til datapakkerne</a>\n"
        page += header(reports: reports, definitionsName: definitionsName, buildDate: buildDate, words: words)
        page += "<main>\n"
        page += syntheticNotice(reports)
        page += searchPanel(count: reports.count, words: words)
        page += "<div id=\"pakker\" class=\"packs\">\n"
        if reports.isEmpty {
            page += "<p>Der er ingen datapakker.</p>\n"
        }
        for report in reports {
            page += pack(report, keyIndicatorIDs: keyIndicatorIDs, words: words)
        }
        page += "</div>\n"
        // What the packs hold and how to read them comes after the packs, so a phone shows the search first.
        page += introduction(reports: reports, words: words)
        page += legend()
        page += "</main>\n"
        page += footer(reports: reports, definitionsName: definitionsName, buildDate: buildDate)
        page += "<script>\n\(script)</script>\n"
        page += "</body>\n</html>\n"
        return page
    }

    /// Escapes text for HTML element content and double- or single-quoted attribute values.
    public static func escape(_ text: String) -> String { HTMLText.escape(text) }

    // MARK: - Parts of the page

    private static func header(reports: [PackReport], definitionsName: String, buildDate: Date, words: Words) -> String {
        var html = "<header class=\"page-header\">\n"
        html += "<h1>Datapakker til \(escape(words.definitePlural))</h1>\n"
        html += "<p class=\"lead\">\(escape(definitionsName)) · \(reports.count) \(escape(reports.count == 1 ? words.singular : words.plural))"
        let years = Set(reports.flatMap(\.periods)).filter { !$0.isDate }.sorted().map(\.label)
        if !years.isEmpty {
            html += " · Data for \(escape(DanishText.list(years)))"
        }
        html += " · Dannet <time datetime=\"\(DanishText.isoDate(buildDate))\">\(escape(buildDate.danishDate))</time></p>\n"
        html += "</header>\n"
        return html
    }

    private static func syntheticNotice(_ reports: [PackReport]) -> String {
        guard reports.contains(where: \.hasSyntheticData) else { return "" }
        var indicators: [String] = []
        for report in reports {
            for title in report.syntheticIndicators where !indicators.contains(title) { indicators.append(title) }
        }
        var html = "<div class=\"notice\" role=\"note\">\n"
        html += "<p><strong>Tallene er SYNTETISKE eksempeldata</strong> for en del af indikatorerne: de er dannet til afprøvning af "
        html += "værktøjet, beskriver ikke virkeligheden og må ikke bruges til beslutninger. Nøgletal med syntetiske data er mærket "
        html += "«syntetisk» nedenfor.</p>\n"
        if !indicators.isEmpty {
            // A long list; folded away (without a script) so the packs are not pushed off a phone's first screen.
            html += "<details><summary>De \(indicators.count) indikatorer med syntetiske data</summary>\n"
            html += "<p>\(escape(indicators.joined(separator: ", "))).</p>\n</details>\n"
        }
        html += "</div>\n"
        return html
    }

    private static func introduction(reports: [PackReport], words: Words) -> String {
        var allPeriods: Set<Period> = []
        for report in reports { allPeriods.formUnion(report.periods) }
        // Indicator periods are years ("2023"); population figures are dates ("1. januar 2025"): list them apart.
        let periods = allPeriods.filter { !$0.isDate }
        let populationDates = allPeriods.filter(\.isDate).union(reports.compactMap(\.populationDate)).sorted()
        var html = "<section class=\"intro\" aria-labelledby=\"om-siden\">\n"
        html += "<h2 id=\"om-siden\">Om datapakkerne</h2>\n"
        html += "<p>\(escape(capitalized(words.each))) \(escape(words.singular)) har en datapakke i Excel med tal for befolkningen og brugen af sundhedsvæsenet, "
        html += "kommune for kommune og sammenlignet med \(escape(words.definiteSingular)), regionen og hele landet, og et sæt "
        html += "refleksionsspørgsmål til møderne (som HTML til skærm og print og som Markdown til redigering).</p>\n"
        html += "<dl class=\"facts\">\n"
        if !periods.isEmpty {
            html += "<dt>Dataperioder</dt><dd>\(escape(DanishText.list(periods.sorted().map(\.label))))</dd>\n"
        }
        if !populationDates.isEmpty {
            html += "<dt>Befolkningstal pr.</dt><dd>\(escape(DanishText.list(populationDates.map(\.label))))</dd>\n"
        }
        html += "</dl>\n"
        html += "</section>\n"
        return html
    }

    private static func searchPanel(count: Int, words: Words) -> String {
        // Hidden until the script runs: without the script there is nothing to search with, and every pack shows.
        var html = "<div id=\"soegning\" class=\"search\" role=\"search\" hidden data-flertal=\"\(escape(words.plural))\">\n"
        html += "<label for=\"soeg\">Søg efter \(escape(words.singular)) eller kommune</label>\n"
        html += "<input type=\"search\" id=\"soeg\" name=\"soeg\" autocomplete=\"off\" spellcheck=\"false\" "
        html += "placeholder=\"Fx Læsø eller Fyn\" aria-describedby=\"antal\">\n"
        html += "<p id=\"antal\" class=\"count\" role=\"status\" aria-live=\"polite\">Viser \(count) af \(count) \(escape(words.plural))</p>\n"
        html += "</div>\n"
        return html
    }

    private static func pack(_ report: PackReport, keyIndicatorIDs: [String], words: Words) -> String {
        let cluster = report.cluster
        let files = PackFiles(cluster: cluster)
        let headingID = "titel-" + files.stem
        let searchText = ([cluster.name, cluster.id] + report.members.map(\.name)).joined(separator: " ")
        var html = "<article class=\"pack\" id=\"\(escape(files.stem))\" aria-labelledby=\"\(escape(headingID))\" data-soeg=\"\(escape(searchText))\">\n"
        html += "<h2 id=\"\(escape(headingID))\">\(escape(cluster.name))</h2>\n"

        let hospitals = cluster.acuteHospitals
        html += "<dl class=\"facts\">\n"
        html += "<dt>Region</dt><dd>\(escape(report.regionName))</dd>\n"
        if !hospitals.isEmpty {
            html += "<dt>Akutsygehus\(hospitals.count == 1 ? "" : "e")</dt><dd>\(escape(hospitals.joined(separator: "; ")))</dd>\n"
        }
        html += "<dt>Kommuner (\(report.members.count))</dt><dd>\(escape(memberList(report.members)))</dd>\n"
        if let population = report.population {
            let date = report.populationDate.map { " pr. \($0.label)" } ?? ""
            html += "<dt>Indbyggere</dt><dd>\(escape(DanishNumber.format(population, decimals: 0) + date))</dd>\n"
        }
        html += "</dl>\n"

        html += keyFigures(report, ids: keyIndicatorIDs, words: words, headingID: headingID)

        html += "<ul class=\"downloads\">\n"
        html += link(files.workbook, "Excel-datapakke for \(cluster.name) (xlsx)", kind: "xlsx", download: true)
        html += link(files.promptsHTML, "Refleksionsspørgsmål for \(cluster.name) (HTML)", kind: "html", download: false)
        html += link(files.promptsMarkdown, "Refleksionsspørgsmål for \(cluster.name) (Markdown)", kind: "md", download: true)
        html += "</ul>\n"
        html += "</article>\n"
        return html
    }

    private static func memberList(_ members: [MemberSummary]) -> String {
        members.map { member in
            member.share < 1 ? "\(member.name) (\(DanishNumber.format(member.share * 100, decimals: 0)) %)" : member.name
        }.joined(separator: ", ")
    }

    private static func link(_ file: String, _ text: String, kind: String, download: Bool) -> String {
        "<li><a class=\"file file-\(kind)\" href=\"\(escape(file))\"\(download ? " download" : "")>\(escape(text))</a></li>\n"
    }

    private static func keyFigures(_ report: PackReport, ids: [String], words: Words, headingID: String) -> String {
        let indicators = report.sections.flatMap(\.indicators)
        let chosen = ids.compactMap { id in indicators.first { $0.indicator.id == id } }
        guard !chosen.isEmpty else { return "" }
        // Explicit roles keep the table's meaning for screen readers when narrow screens lay it out as blocks.
        var html = "<table class=\"figures\" role=\"table\">\n"
        html += "<caption>Nøgletal for \(escape(report.cluster.name))</caption>\n"
        html += "<thead role=\"rowgroup\"><tr role=\"row\">"
        html += "<th scope=\"col\" role=\"columnheader\">Nøgletal</th>"
        html += "<th scope=\"col\" role=\"columnheader\" class=\"num\">\(escape(capitalized(words.definiteSingular)))</th>"
        html += "<th scope=\"col\" role=\"columnheader\" class=\"num\">Hele landet</th>"
        html += "<th scope=\"col\" role=\"columnheader\">Niveau</th>"
        html += "<th scope=\"col\" role=\"columnheader\">Udvikling</th>"
        html += "</tr></thead>\n<tbody role=\"rowgroup\">\n"
        for report in chosen {
            html += figureRow(report, words: words)
        }
        html += "</tbody>\n</table>\n"
        return html
    }

    private static func figureRow(_ report: IndicatorReport, words: Words) -> String {
        let indicator = report.indicator
        let latestPeriod = report.periods.last
        var html = "<tr role=\"row\">"
        html += "<th scope=\"row\" role=\"rowheader\"><span class=\"name\">\(escape(indicator.shortTitle))</span>"
        if report.origin == .synthetic {
            html += " <span class=\"tag\">syntetisk</span>"
        }
        var details = [indicator.unit]
        if let latestPeriod { details.append(latestPeriod.label) }
        html += "<span class=\"unit\">\(escape(details.joined(separator: " · ")))</span></th>"

        let clusterRow = report.clusterRow
        html += "<td role=\"cell\" class=\"num\" data-label=\"\(escape(capitalized(words.definiteSingular)))\">"
        html += value(clusterRow?.latest ?? .missing, decimals: indicator.decimals, emphasised: true)
        if let row = clusterRow, let coverage = row.coverage.last ?? nil, !coverage.isComplete, row.latest.number != nil {
            html += "<span class=\"unit\">dækker \(coverage.municipalitiesWithValue) af \(coverage.municipalities) kommuner</span>"
        }
        if clusterRow?.isApproximation == true, clusterRow?.latest.number != nil {
            html += "<span class=\"unit\">tilnærmet</span>"
        }
        html += "</td>"
        html += "<td role=\"cell\" class=\"num\" data-label=\"Hele landet\">"
        html += value(report.countryRow?.latest ?? .missing, decimals: indicator.decimals, emphasised: false)
        html += "</td>"

        let level: String
        if let mark = clusterRow?.levelMark {
            level = markHTML(mark, text: levelText(mark))
        } else {
            level = unjudged(report)
        }
        html += "<td role=\"cell\" data-label=\"Niveau\">\(level)</td>"

        let development: String
        if let mark = clusterRow?.development {
            let since = report.periods.count > 1 ? report.periods[report.periods.count - 2].label : ""
            development = markHTML(mark, text: developmentText(mark, since: since))
        } else if report.indicator.direction != .none, report.periods.count < 2 {
            development = "<span class=\"muted\">kun én periode</span>"
        } else {
            development = unjudged(report)
        }
        html += "<td role=\"cell\" data-label=\"Udvikling\">\(development)</td>"
        html += "</tr>\n"
        return html
    }

    /// A value as the page shows it: a Danish number, or a marker with its meaning, never a hidden number.
    private static func value(_ value: ReportValue, decimals: Int, emphasised: Bool) -> String {
        switch value {
        case .shown(let number):
            let text = escape(DanishNumber.format(number, decimals: decimals))
            return emphasised ? "<strong class=\"value\">\(text)</strong>" : "<span class=\"value\">\(text)</span>"
        case .hidden(let reason):
            return "<span class=\"marker\">\(escape(reason.marker))</span> <span class=\"unit\">skjult: \(escape(hiddenText(reason)))</span>"
        case .missing:
            return "<span class=\"muted\">ikke oplyst</span>"
        case .notComputed:
            return "<span class=\"marker\">·</span> <span class=\"unit\">intet samlet tal</span>"
        }
    }

    private static func hiddenText(_ reason: SuppressionReason) -> String {
        switch reason {
        case .smallNumerator(let minimum): return "færre end \(DanishNumber.format(minimum, decimals: 0)) hændelser"
        case .smallDenominator(let minimum): return "færre end \(DanishNumber.format(minimum, decimals: 0)) i nævneren"
        case .smallCount(let minimum): return "antal under \(DanishNumber.format(minimum, decimals: 0))"
        case .secondary: return "sekundær diskretionering"
        }
    }

    private static func markHTML(_ mark: TrafficLight, text: String) -> String {
        "<span class=\"mark mark-\(markClass(mark))\"><span aria-hidden=\"true\">\(symbol(mark))</span> \(escape(text))</span>"
    }

    private static func unjudged(_ report: IndicatorReport) -> String {
        let reason = report.indicator.direction == .none ? "ingen retning" : "ikke vurderet"
        return "<span class=\"muted\">\(reason)</span>"
    }

    private static func symbol(_ mark: TrafficLight) -> String {
        switch mark {
        case .green: return "▲"
        case .yellow: return "●"
        case .red: return "▼"
        }
    }

    private static func markClass(_ mark: TrafficLight) -> String {
        switch mark {
        case .green: return "bedre"
        case .yellow: return "samme"
        case .red: return "daarligere"
        }
    }

    private static func levelText(_ mark: TrafficLight) -> String {
        switch mark {
        case .green: return "bedre end landet"
        case .yellow: return "på niveau med landet"
        case .red: return "dårligere end landet"
        }
    }

    private static func developmentText(_ mark: TrafficLight, since: String) -> String {
        let suffix = since.isEmpty ? "" : " siden \(since)"
        switch mark {
        case .green: return "forbedret" + suffix
        case .yellow: return "uændret" + suffix
        case .red: return "forværret" + suffix
        }
    }

    private static func legend() -> String {
        var html = "<section class=\"legend\" aria-labelledby=\"forklaring\">\n"
        html += "<h2 id=\"forklaring\">Sådan læses nøgletallene</h2>\n"
        html += "<dl>\n"
        let entries: [(term: String, meaning: String)] = [
            ("<span class=\"mark mark-bedre\"><span aria-hidden=\"true\">▲</span> bedre</span>",
             "Bedre end hele landet eller forbedret siden forrige periode, efter om en høj eller lav værdi er bedst."),
            ("<span class=\"mark mark-samme\"><span aria-hidden=\"true\">●</span> på niveau</span>",
             "Forskellen er inden for ±1 pct. (som i Nationale mål for sundhedsvæsenet): på niveau med landet eller uændret."),
            ("<span class=\"mark mark-daarligere\"><span aria-hidden=\"true\">▼</span> dårligere</span>",
             "Dårligere end hele landet eller forværret siden forrige periode."),
            ("<span class=\"muted\">ingen retning</span>",
             "Indikatoren beskriver forholdene; hverken en høj eller en lav værdi er i sig selv bedre. Derfor ingen trafiklys."),
            ("<span class=\"muted\">kun én periode</span>",
             "Udviklingen kan ikke vurderes: der er kun data for én periode."),
            ("<span class=\"muted\">ikke vurderet</span>",
             "Der er ikke tal nok til at vurdere, fx fordi et tal er skjult eller ikke oplyst."),
            ("<span class=\"marker\">&lt;5</span>, <span class=\"marker\">–</span>, <span class=\"marker\">x</span>",
             "Skjult af hensyn til diskretionering: færre end 5 hændelser, færre end 20 i nævneren, eller skjult, så et andet "
                + "skjult tal ikke kan regnes ud (sekundær diskretionering). Skjulte tal vises aldrig."),
            ("<span class=\"muted\">ikke oplyst</span>",
             "Tallet findes ikke i datagrundlaget. Det er udeladt af beregningerne, ikke sat til 0."),
        ]
        for entry in entries {
            html += "<dt>\(entry.term)</dt><dd>\(escape(entry.meaning))</dd>\n"
        }
        html += "</dl>\n"
        html += "<p>Hver datapakke forklarer på arket Dokumentation, hvordan tallene er beregnet og vægtet, hvor de kommer fra, "
        html += "og hvilke celler der er skjult.</p>\n"
        html += "</section>\n"
        return html
    }

    private static func footer(reports: [PackReport], definitionsName: String, buildDate: Date) -> String {
        var html = "<footer class=\"page-footer\">\n<p>\(escape(definitionsName)) · dannet \(escape(buildDate.danishDate))"
        if let version = reports.first?.toolVersion, !version.isEmpty {
            html += " med datapakke \(escape(version))"
        }
        html += ". Siden virker uden netforbindelse og kan lægges på et fællesdrev eller en webserver sammen med filerne.</p>\n"
        html += "</footer>\n"
        return html
    }

    // MARK: - Helpers

    /// The Danish words for the kind of cluster.
    private struct Words {
        let singular: String
        let plural: String
        let definiteSingular: String
        let definitePlural: String
        /// "hvert" or "hver", agreeing with the noun's gender.
        let each: String

        init(_ kind: ClusterKind) {
            switch kind {
            case .sundhedsraad:
                singular = "sundhedsråd"
                plural = "sundhedsråd"
                definiteSingular = "sundhedsrådet"
                definitePlural = "sundhedsrådene"
                each = "hvert"
            case .sundhedsklynge:
                singular = "sundhedsklynge"
                plural = "sundhedsklynger"
                definiteSingular = "sundhedsklyngen"
                definitePlural = "sundhedsklyngerne"
                each = "hver"
            }
        }
    }

    private static func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }

}
