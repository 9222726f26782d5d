import DatapakkeCore
import Foundation

/// A pack's presentation for the council's meeting, `<pack>-praesentation.html`: one self-contained
/// HTML file (inline style and drawings, no script, nothing from the network) that prints on A4
/// landscape with one slide per page, built like the real council presentations: a title slide, the
/// one-page overview, and per section a divider and a slide per indicator with its chart, the facts
/// and questions of the reflection prompts, the definition and the source; a group of indicators has
/// one slide with one chart of the cluster against the country per member. The population overview
/// (the key shares in one panel and one chart) follows the divider of the section that holds them.
///
/// The slides come from the templates in `Templates/html/praesentation/`; this type computes what
/// they show, the charts' coordinates included (`BarChart`, `SpreadBar`). Pure and deterministic:
/// the same report, prompts and templates give the same bytes.
public struct Presentation: Sendable {
    /// The population shares on the population overview slide, in order; missing ones are skipped.
    public static let populationOverviewIDs = ["andel_65plus", "andel_80plus", "kronisk_sygdom_pct", "andel_plejehjem"]
    /// Rows (indicators and section headings) on one overview slide; more continue on the next.
    static let overviewRowsPerSlide = 32
    /// The type sizes of an indicator slide's text column, in points: normal, dense and very dense.
    static let textSizes = [12.0, 10.5, 9.0]
    /// The text column's width and the height it may fill, in millimetres (less under a two-line title).
    static let textColumnWidth = 116.0
    static let textColumnHeight = 134.0
    /// Definition and notes (in characters) above which the definition box on the left is set smaller.
    static let longDefinition = 700
    /// Indicators on a section's divider above which the list is set in two columns.
    static let manyTopics = 9

    /// The names the presentation's templates may use. `Templates/README-html.md` documents the same
    /// list for analysts; a test keeps the two in step.
    static let templateVariables: Set<String> = [
        // The page and the title slide.
        "navn", "id", "version", "region", "kommuner", "antal_kommuner", "akutsygehuse", "flere_akutsygehuse", "indbyggere",
        "befolkningsdato", "perioder", "definitioner", "dato", "dato_iso", "ental", "flertal", "bestemt_ental", "bestemt_ental_stort",
        "bestemt_flertal", "syntetisk_note", "overskrift", "tekst", "indhold", "antal_sider", "fil_xlsx", "forside", "nummer",
        // The overview.
        "overblik", "fortsat", "raekker", "indikator", "kort_titel", "periode", "enhed", "syntetisk", "tilnaermet", "raadets_tal",
        "landets_tal", "laveste", "hoejeste", "spaendvidde", "niveau", "antal_med_tal", "antal_i_alt", "faerre_med_tal",
        "fra_x", "til_x", "raadet_x", "landet_x",
        // The population overview.
        "populationsoverblik", "noegletal", "titel", "kilde", "kilder",
        // Sections and indicators.
        "sektioner", "intro", "emner", "mange_emner", "har_punkter", "punkter", "indikatorer", "sektion", "har_fakta", "fakta",
        "har_spoergsmaal",
        "spoergsmaal", "definition", "noter", "taet", "meget_taet", "skjulte_tal", "summer", "diagram",
        // A value.
        "tal", "skjult", "markoer", "faerre_haendelser", "lille_naevner", "lille_antal", "sekundaer", "minimum", "ikke_oplyst",
        "intet_samlet_tal",
        // A level.
        "bedre", "samme", "daarligere", "signifikans", "ingen_retning", "ikke_vurderet",
        // A chart.
        "diagram_id", "bredde", "hoejde", "akse_top", "akse_bund", "akse_tekst_y", "har_akse", "akse", "x", "y", "etiket",
        "nul", "raekker", "etiket_x", "tekst_y", "fed", "art", "skravering", "bjaelke", "vaerdi_x", "vaerdi_anker", "ikke_tegnet",
        "grupper", "skillelinjer", "x1", "x2", "forklaring", "har_forklaring", "tekst_x", "beskrivelse", "har_boks", "akse_titel",
        "akse_titel_x", "akse_titel_y",
        // The similar clusters and the opportunity (docs/similar-councils.md).
        "sammenlignelige", "naboer", "afstand", "profil", "muligheder", "sammenlignelige_tal", "bedste", "interval",
        "med_sammenlignelige", "kolonner",
    ]

    let templates: HTMLTemplates

    /// A presentation made from the templates of `templates`.
    public init(templates: HTMLTemplates) {
        self.templates = templates
    }

    /// The presentation of one pack, with the facts and questions of its reflection prompts.
    public func html(_ report: PackReport, prompts: PackPrompts) -> String {
        templates.render(.presentation, Self.context(report, prompts: prompts))
    }

    /// What the templates see: pre-formatted Danish text, flags, lists and the charts' coordinates.
    static func context(_ report: PackReport, prompts: PackPrompts) -> [String: Any] {
        let words = report.kind
        let cluster = report.cluster
        var number = 1
        let nextNumber = { () -> String in
            number += 1
            return String(number)
        }

        let overview = overviewSlides(report).map { slide -> [String: Any] in
            var slide = slide
            slide["nummer"] = nextNumber()
            return slide
        }
        var similar: Any = NoValue()
        if var slide = similarSlide(report) {
            slide["nummer"] = nextNumber()
            similar = slide
        }
        // The population overview follows the divider of the section that holds the first of its shares.
        let population = populationSlide(report)
        let populationSection = report.sections.first { section in
            section.indicators.contains { populationOverviewIDs.contains($0.indicator.id) }
        }?.section.id
        var items: [String: PromptItem] = [:]
        var groupItems: [String: PromptItem] = [:]
        var sectionItems: [String: [PromptItem]] = [:]
        for section in prompts.sections {
            for item in section.items {
                if let id = item.indicatorID {
                    items[id] = item
                } else if let id = item.groupID {
                    groupItems[id] = item
                } else {
                    sectionItems[section.section.id, default: []].append(item)
                }
            }
        }
        let sections = report.sections.map { section -> [String: Any] in
            let divider = nextNumber()
            var overview: Any = NoValue()
            if var slide = population, section.section.id == populationSection {
                slide["nummer"] = nextNumber()
                overview = slide
            }
            let points = (sectionItems[section.section.id] ?? []).map { item -> [String: Any] in
                [
                    "titel": item.title, "har_fakta": !item.facts.isEmpty, "fakta": item.facts,
                    "har_spoergsmaal": !item.questions.isEmpty, "spoergsmaal": item.questions,
                ]
            }
            return [
                "titel": section.section.title,
                "intro": NoValue.or(
                    section.section.introduction.map { $0.replacingOccurrences(of: "sundhedsrådet", with: words.definite) }),
                "nummer": divider,
                "emner": section.blocks.map { ["titel": title(of: $0)] },
                "mange_emner": section.blocks.count > manyTopics,
                "har_punkter": !points.isEmpty,
                "punkter": points,
                "populationsoverblik": overview,
                "indikatorer": section.blocks.map { block -> [String: Any] in
                    let slideNumber = nextNumber()
                    switch block {
                    case .indicator(let indicator):
                        return indicatorSlide(
                            indicator, section: section.section, item: items[indicator.indicator.id], report: report,
                            number: slideNumber)
                    case .group(let group):
                        return groupSlide(
                            group, section: section.section, item: groupItems[group.group.id], report: report, number: slideNumber)
                    }
                },
            ]
        }

        var notice: Any = NoValue()
        if report.hasSyntheticData {
            notice = [
                "overskrift": "Bemærk: SYNTETISKE eksempeldata.",
                "tekst": "Tallene for \(report.syntheticIndicators.count) af datapakkens indikatorer er genererede eksempeldata og ikke "
                    + "offentliggjorte tal. De er markeret «syntetiske eksempeldata» på hver side og må ikke bruges som grundlag for beslutninger.",
            ]
        }
        let hospitals = cluster.acuteHospitals
        let dataPeriods = report.periods.filter { !$0.isDate }.map(\.label)
        return [
            "navn": cluster.name,
            "id": cluster.id,
            "version": report.toolVersion,
            "region": report.regionName,
            "kommuner": DanishText.list(
                report.members.map { member in
                    member.share < 1 ? "\(member.name) (\(DanishNumber.format(member.share * 100, decimals: 0)) %)" : member.name
                }),
            "antal_kommuner": String(report.members.count),
            "akutsygehuse": NoValue.or(hospitals.isEmpty ? nil : DanishText.list(hospitals)),
            "flere_akutsygehuse": hospitals.count > 1,
            "indbyggere": NoValue.or(report.population.map { DanishNumber.format($0, decimals: 0) }),
            "befolkningsdato": NoValue.or(report.populationDate?.label),
            "perioder": NoValue.or(dataPeriods.isEmpty ? nil : DanishText.list(dataPeriods)),
            "definitioner": report.definitionsName,
            "dato": DanishText.date(report.documentDate),
            "dato_iso": DanishText.isoDate(report.documentDate),
            "ental": words.singular,
            "flertal": words.plural,
            "bestemt_ental": words.definite,
            "bestemt_ental_stort": capitalized(words.definite),
            "bestemt_flertal": words.definitePlural,
            "syntetisk_note": notice,
            "indhold": report.sections.map { ["titel": $0.section.title] },
            "fil_xlsx": PackFiles(cluster: cluster).workbook,
            "forside": ["nummer": "1"],
            "overblik": overview,
            "sammenlignelige": similar,
            "med_sammenlignelige": report.similar != nil,
            "kolonner": report.similar != nil ? "10" : "9",
            "sektioner": sections,
            "antal_sider": String(number),
        ]
    }

    // MARK: Slides

    /// The overview: a row per indicator under its section's heading, over as many slides as needed.
    private static func overviewSlides(_ report: PackReport) -> [[String: Any]] {
        var rows: [[String: Any]] = []
        for section in report.sections {
            rows.append(["overskrift": section.section.title, "indikator": NoValue()])
            for indicator in section.indicators {
                rows.append(["overskrift": NoValue(), "indikator": overviewRow(OverviewRow(indicator))])
            }
        }
        var slides: [[[String: Any]]] = []
        var current: [[String: Any]] = []
        for row in rows {
            if current.count == overviewRowsPerSlide {
                // A heading goes with its first indicator to the next slide.
                var carried: [[String: Any]] = []
                if let last = current.last, !(last["overskrift"] is NoValue) { carried = [current.removeLast()] }
                slides.append(current)
                current = carried
            }
            current.append(row)
        }
        if !current.isEmpty { slides.append(current) }
        return slides.enumerated().map { index, rows in ["fortsat": index > 0, "raekker": rows] }
    }

    private static func overviewRow(_ line: OverviewRow) -> [String: Any] {
        let decimals = line.indicator.decimals
        return [
            "kort_titel": line.indicator.shortTitle,
            "titel": line.indicator.title,
            "periode": NoValue.or(line.period?.label),
            "enhed": line.indicator.unit,
            "syntetisk": line.report.origin == .synthetic,
            "tilnaermet": line.report.clusterRow?.isApproximation == true && line.cluster.number != nil,
            "raadets_tal": DownloadPage.value(line.cluster, decimals: decimals),
            "landets_tal": DownloadPage.value(line.country, decimals: decimals),
            "laveste": DownloadPage.value(line.minimumValue, decimals: decimals),
            "hoejeste": DownloadPage.value(line.maximumValue, decimals: decimals),
            "spaendvidde": line.scale.map { SpreadBar(scale: $0).context as Any } ?? NoValue(),
            "niveau": level(line.levelMark, indicator: line.indicator),
            "antal_med_tal": String(line.shownClusters),
            "antal_i_alt": String(line.clusters),
            "faerre_med_tal": line.shownClusters > 0 && line.shownClusters < line.clusters,
            "sammenlignelige_tal": similarValue(line.report),
        ]
    }

    /// The population shares in one panel, and one chart of them against the region and the country.
    private static func populationSlide(_ report: PackReport) -> [String: Any]? {
        let indicators = report.sections.flatMap(\.indicators)
        let shares = populationOverviewIDs.compactMap { id in indicators.first { $0.indicator.id == id } }
        guard let first = shares.first else { return nil }
        // One axis, so one unit: the shares with the first one's unit.
        let charted = shares.filter { $0.indicator.unit == first.indicator.unit }
        let groups = charted.map { indicator in
            BarChart.Group(
                label: indicator.indicator.shortTitle,
                bars: [(indicator.clusterRow, BarChart.Kind.cluster), (indicator.regionRow, .region), (indicator.countryRow, .country)]
                    .compactMap { row, kind in
                        row.map {
                            BarChart.Bar(label: "", kind: kind, value: $0.latest, title: "\(indicator.indicator.shortTitle), \($0.name)")
                        }
                    })
        }
        let decimals = charted.map(\.indicator.decimals).max() ?? 1
        let chart = BarChart(
            groups: groups, decimals: decimals, unit: first.indicator.unit, id: "befolkning",
            description: "Andel af borgerne, \(first.indicator.unit): \(report.cluster.name), \(report.regionName) og hele landet",
            legend: legend(report, municipalities: false))
        var sources: [String] = []
        for indicator in shares where !indicator.indicator.source.isEmpty && !sources.contains(indicator.indicator.source) {
            sources.append(indicator.indicator.source)
        }
        return [
            "noegletal": shares.map { indicator -> [String: Any] in
                [
                    "kort_titel": indicator.indicator.shortTitle,
                    "titel": indicator.indicator.title,
                    "periode": NoValue.or(indicator.periods.last?.label),
                    "enhed": indicator.indicator.unit,
                    "raadets_tal": DownloadPage.value(indicator.clusterRow?.latest ?? .missing, decimals: indicator.indicator.decimals),
                ]
            },
            "diagram": chart.context,
            "enhed": first.indicator.unit,
            "kilder": NoValue.or(sentence(sources.joined(separator: "; "))),
            "syntetisk": shares.contains { $0.origin == .synthetic },
        ]
    }

    private static func indicatorSlide(
        _ indicator: IndicatorReport, section: DatapakkeCore.Section, item: PromptItem?, report: PackReport, number: String
    ) -> [String: Any] {
        let info = indicator.indicator
        // A sum over many municipalities dwarfs each of them: the aggregates are given as numbers only.
        let sums = OverviewRow.isSum(info.aggregation)
        let municipalities = indicator.municipalityRows.map { row -> BarChart.Bar in
            let label = row.share < 1 ? "\(row.name) (\(DanishNumber.format(row.share * 100, decimals: 0)) %)" : row.name
            return BarChart.Bar(label: label, kind: .municipality, value: row.latest)
        }
        let aggregates = indicator.rows.filter { $0.level != .municipality }.map { row -> BarChart.Bar in
            let kind = BarChart.Kind(row.level)
            let approximate = row.isApproximation && row.latest.number != nil
            return BarChart.Bar(label: row.name + (approximate ? " (tilnærmet)" : ""), kind: kind, value: row.latest, toScale: !sums)
        }
        let chart = BarChart(
            groups: [BarChart.Group(label: nil, bars: municipalities), BarChart.Group(label: nil, bars: aggregates)],
            decimals: info.decimals, unit: info.unit, id: "d" + number,
            description: "\(info.title), \(info.unit)" + (indicator.periods.last.map { ", \($0.label)" } ?? ""),
            legend: legend(report, municipalities: true))

        var notes: [String] = []
        if let note = info.periodNote { notes.append(note) }
        notes += info.notes
        let facts = item?.facts ?? []
        let questions = item?.questions.map(\.text) ?? []
        let size = textSize(facts: facts, questions: questions, longTitle: info.title.count > 60)
        let definitionLength = (notes + [info.definition]).reduce(0) { $0 + $1.count }
        return [
            "nummer": number,
            "titel": info.title,
            "kort_titel": info.shortTitle,
            "sektion": section.title,
            "periode": NoValue.or(indicator.periods.last?.label),
            "enhed": info.unit,
            "syntetisk": indicator.origin == .synthetic,
            "diagram": chart.context,
            "summer": sums,
            "skjulte_tal": indicator.rows.contains { if case .hidden = $0.latest { return true } else { return false } },
            "har_fakta": !facts.isEmpty,
            "fakta": facts,
            "har_spoergsmaal": !questions.isEmpty,
            "spoergsmaal": questions,
            "definition": NoValue.or(info.definition.isEmpty ? nil : info.definition),
            "noter": notes,
            "har_boks": !info.definition.isEmpty || !notes.isEmpty,
            "kilde": NoValue.or(sentence(info.source)),
            "taet": size == 1 && definitionLength <= longDefinition,
            "meget_taet": size == 2 || definitionLength > longDefinition,
        ]
    }

    /// A group's slide: one chart with a pair of bars (the cluster and the country) per member, the
    /// group's facts and questions, its definition and the members' sources; the members' municipalities
    /// are in the workbook.
    private static func groupSlide(
        _ group: IndicatorGroupReport, section: DatapakkeCore.Section, item: PromptItem?, report: PackReport, number: String
    ) -> [String: Any] {
        let bars = group.indicators.map { indicator in
            BarChart.Group(
                label: indicator.indicator.shortTitle,
                bars: [(indicator.clusterRow, BarChart.Kind.cluster), (indicator.countryRow, .country)].compactMap { row, kind in
                    row.map {
                        BarChart.Bar(label: "", kind: kind, value: $0.latest, title: "\(indicator.indicator.shortTitle), \($0.name)")
                    }
                })
        }
        let period = group.latestPeriod?.label
        var legend = legend(report, municipalities: false)
        legend[.region] = nil
        let chart = BarChart(
            groups: bars, decimals: group.decimals, unit: group.unit, id: "d" + number,
            description: "\(group.group.title), \(group.unit)" + (period.map { ", \($0)" } ?? ""), legend: legend,
            rowHeights: BarChart.compactRowHeights, groupGap: BarChart.compactGroupGap)
        let facts = item?.facts ?? []
        let questions = item?.questions.map(\.text) ?? []
        let size = textSize(facts: facts, questions: questions, longTitle: group.group.title.count > 60)
        let notes = ["Tallene for de enkelte kommuner står i datapakken under \(section.title)."]
        let definitionLength = (notes + [group.group.definition]).reduce(0) { $0 + $1.count }
        return [
            "nummer": number,
            "titel": group.group.title,
            "kort_titel": group.group.shortTitle,
            "sektion": section.title,
            "periode": NoValue.or(period),
            "enhed": group.unit,
            "syntetisk": group.isSynthetic,
            "diagram": chart.context,
            "summer": false,
            "skjulte_tal": group.indicators.contains { indicator in
                [indicator.clusterRow, indicator.countryRow].contains { if case .hidden = $0?.latest { return true } else { return false } }
            },
            "har_fakta": !facts.isEmpty,
            "fakta": facts,
            "har_spoergsmaal": !questions.isEmpty,
            "spoergsmaal": questions,
            "definition": NoValue.or(group.group.definition.isEmpty ? nil : group.group.definition),
            "noter": notes,
            "har_boks": true,
            "kilde": NoValue.or(sentence(group.sources.joined(separator: "; "))),
            "taet": size == 1 && definitionLength <= longDefinition,
            "meget_taet": size == 2 || definitionLength > longDefinition,
        ]
    }

    /// A block's title on a section's divider: the indicator's, or the group's with its number of members.
    private static func title(of block: SectionBlock) -> String {
        switch block {
        case .indicator(let indicator): return indicator.indicator.title
        case .group(let group): return "\(group.group.title) (\(group.indicators.count))"
        }
    }

    // MARK: Parts

    /// The first of `textSizes` (its index) at which the facts and questions fit the text column, by an
    /// estimate on the safe side: characters half an em wide, lines 1,35 em high, the list's spacing.
    /// The browser test checks that no slide overflows.
    static func textSize(facts: [String], questions: [String], longTitle: Bool) -> Int {
        let points = 25.4 / 72
        let budget = textColumnHeight - (longTitle ? 9 : 0)
        for (index, size) in textSizes.enumerated() {
            let perLine = Int(textColumnWidth / (size * points * 0.5))
            let lineHeight = size * points * 1.35
            let lines = (facts + questions).reduce(0) { $0 + ($1.count + 3 + perLine - 1) / perLine }
            let spacing = Double(facts.count + questions.count) * 1.6 + (questions.isEmpty ? 0 : 10) + 2
            if Double(lines) * lineHeight + spacing <= budget { return index }
        }
        return textSizes.count - 1
    }

    /// The legend's words: the kinds of area by their names in this pack.
    private static func legend(_ report: PackReport, municipalities: Bool) -> [BarChart.Kind: String] {
        var legend: [BarChart.Kind: String] = [
            .cluster: report.cluster.name, .region: report.regionName, .country: "Hele landet",
            .similar: ReportBuilder.similarRowName(report.kind),
        ]
        if municipalities { legend[.municipality] = "Kommuner" }
        return legend
    }

    /// A level mark as flags, with the reason when there is none.
    private static func level(_ mark: TrafficLight?, indicator: Indicator) -> [String: Any] {
        [
            "bedre": mark == .green, "samme": mark == .yellow, "daarligere": mark == .red,
            "signifikans": indicator.comparison == .significance,
            "ingen_retning": mark == nil && indicator.direction == .none, "ikke_vurderet": mark == nil && indicator.direction != .none,
        ]
    }

    /// A text to end with the template's own full stop: without its own, nil when empty.
    private static func sentence(_ text: String) -> String? {
        var text = Substring(text.trimmingCharacters(in: .whitespaces))
        while text.last == "." { text = text.dropLast() }
        return text.isEmpty ? nil : String(text)
    }

    private static func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}
