import DatapakkeCore
import Foundation

/// The download page `out/index.html` for the councils' secretariats: every pack with its region,
/// municipalities, key figures and links to its files, in one self-contained Danish HTML file.
///
/// The page comes from the templates in `Templates/html/downloadside/`; this type computes what they
/// show. The page uses no external scripts, fonts or styles, so it works from a file share as well as
/// a web server. A small inline script filters the packs; without it every pack is simply shown.
public struct DownloadPage: Sendable {
    /// The page's file name in the output folder.
    public static let fileName = "index.html"

    /// The key indicators the command shows when nothing else is asked for.
    public static let defaultKeyIndicatorIDs = [
        "befolkning_i_alt", "andel_65plus", "genindl_somatisk_pct",
        "forebyggelige_ophold_pr_1000_65plus", "dosispakket_medicin_pr_1000_80plus",
    ]

    /// The names the page's templates may use. `Templates/README-html.md` documents the same list for
    /// analysts; a test keeps the two in step.
    static let templateVariables: Set<String> = [
        // The page.
        "definitioner", "ental", "flertal", "bestemt_ental", "bestemt_ental_stort", "bestemt_flertal", "hver_stort",
        "antal_pakker", "en_pakke", "dataperioder", "befolkningsdatoer", "dato", "dato_iso", "version",
        "syntetiske_data", "syntetiske_indikatorer", "antal_syntetiske_indikatorer", "pakker",
        // The legend, from the rules the packs use.
        "baand", "baand_brugt", "signifikans_brugt", "signifikans", "diskretion", "diskretion_markoerer", "komma", "diskretion_regler",
        // One pack.
        "navn", "id", "stamme", "soegetekst", "region", "akutsygehuse", "flere_akutsygehuse", "antal_kommuner", "kommuner",
        "indbyggere", "befolkningsdato", "aendret", "har_noegletal", "noegletal", "fil_xlsx", "fil_html", "fil_md", "fil_praesentation",
        "fil_csv",
        "fil_pdf",
        // One key figure.
        "kort_titel", "enhed", "periode", "syntetisk", "raadets_tal", "landets_tal", "daekning", "kommuner_med_tal",
        "kommuner_i_alt", "tilnaermet", "niveau", "udvikling",
        // A value.
        "tal", "skjult", "markoer", "faerre_haendelser", "lille_naevner", "lille_antal", "sekundaer", "minimum",
        "ikke_oplyst", "intet_samlet_tal",
        // A level or a development.
        "bedre", "samme", "daarligere", "kun_en_periode", "ingen_retning", "ikke_vurderet", "siden",
    ]

    let templates: HTMLTemplates

    /// A page made from the templates of `templates`.
    public init(templates: HTMLTemplates) {
        self.templates = templates
    }

    /// The whole page. Pure and deterministic: the same reports, date and templates give the same bytes.
    ///
    /// - Parameters:
    ///   - reports: the packs, in the order they are listed.
    ///   - definitionsName: the definition set's name ("Sundhedsråd 2027").
    ///   - buildDate: the date the packs were built, shown as "24. november 2026" (UTC).
    ///   - keyIndicatorIDs: the indicators shown as key figures for each pack; unknown ids are skipped.
    ///   - withPDF: the ids of the packs whose presentation is there as PDF too.
    public func html(
        reports: [PackReport], definitionsName: String, buildDate: Date, keyIndicatorIDs: [String], withPDF: Set<String> = []
    ) -> String {
        templates.render(
            .downloadPage,
            Self.context(
                reports: reports, definitionsName: definitionsName, buildDate: buildDate,
                keyIndicatorIDs: keyIndicatorIDs, withPDF: withPDF))
    }

    /// What the templates see: pre-formatted Danish text, flags for the parts that may be left out, and lists.
    static func context(
        reports: [PackReport], definitionsName: String, buildDate: Date, keyIndicatorIDs: [String], withPDF: Set<String> = []
    ) -> [String: Any] {
        let words = reports.first?.kind ?? .sundhedsraad
        // The legend follows the rules the packs use: the band and every suppression threshold.
        let rules = reports.flatMap(\.suppressionRules)
        let comparisons = reports.first?.comparisons ?? []
        let markers = Vocabulary.suppressionLegend(rules: rules).map(\.marker)
        var allPeriods: Set<Period> = []
        for report in reports { allPeriods.formUnion(report.periods) }
        // Indicator periods are years ("2023"); population figures are dates ("1. januar 2025"): listed apart.
        let years = allPeriods.filter { !$0.isDate }.sorted().map(\.label)
        let populationDates = allPeriods.filter(\.isDate).union(reports.compactMap(\.populationDate)).sorted().map(\.label)
        var syntheticIndicators: [String] = []
        for report in reports {
            for title in report.syntheticIndicators where !syntheticIndicators.contains(title) { syntheticIndicators.append(title) }
        }
        let version = reports.first?.toolVersion ?? ""
        var context: [String: Any] = [
            "definitioner": definitionsName,
            "ental": words.singular,
            "flertal": words.plural,
            "bestemt_ental": words.definite,
            "bestemt_ental_stort": capitalized(words.definite),
            "bestemt_flertal": words.definitePlural,
            "hver_stort": capitalized(words.each),
            "baand": Vocabulary.bandsDescription(comparisons) ?? "",
            "baand_brugt": Vocabulary.bandsDescription(comparisons) != nil,
            "signifikans_brugt": comparisons.contains { $0.rule == .significance },
            "diskretion": !markers.isEmpty,
            "diskretion_markoerer": markers.enumerated().map { ["markoer": $1, "komma": $0 < markers.count - 1] as [String: Any] },
            "diskretion_regler": Vocabulary.suppressionSummary(rules: rules),
            "antal_pakker": String(reports.count),
            "en_pakke": reports.count == 1,
            "dataperioder": NoValue.or(years.isEmpty ? nil : DanishText.list(years)),
            "befolkningsdatoer": NoValue.or(populationDates.isEmpty ? nil : DanishText.list(populationDates)),
            "dato": buildDate.danishDate,
            "dato_iso": DanishText.isoDate(buildDate),
            "version": NoValue.or(version.isEmpty ? nil : version),
            "syntetiske_data": reports.contains(where: \.hasSyntheticData),
            "syntetiske_indikatorer": NoValue.or(syntheticIndicators.isEmpty ? nil : syntheticIndicators.joined(separator: ", ")),
            "antal_syntetiske_indikatorer": String(syntheticIndicators.count),
        ]
        context["pakker"] = reports.map { pack($0, keyIndicatorIDs: keyIndicatorIDs, withPDF: withPDF.contains($0.cluster.id)) }
        return context
    }

    private static func pack(_ report: PackReport, keyIndicatorIDs: [String], withPDF: Bool) -> [String: Any] {
        let cluster = report.cluster
        let files = PackFiles(cluster: cluster)
        let hospitals = cluster.acuteHospitals
        let indicators = report.sections.flatMap(\.indicators)
        let keyFigures = keyIndicatorIDs.compactMap { id in indicators.first { $0.indicator.id == id } }
        return [
            "navn": cluster.name,
            "id": cluster.id,
            "stamme": files.stem,
            "soegetekst": ([cluster.name, cluster.id] + report.members.map(\.name)).joined(separator: " "),
            "region": report.regionName,
            "akutsygehuse": NoValue.or(hospitals.isEmpty ? nil : hospitals.joined(separator: "; ")),
            "flere_akutsygehuse": hospitals.count > 1,
            "antal_kommuner": String(report.members.count),
            "kommuner": memberList(report.members),
            "indbyggere": NoValue.or(report.population.map { DanishNumber.format($0, decimals: 0) }),
            "befolkningsdato": NoValue.or(report.populationDate?.label),
            "aendret": report.documentDate.danishDate,
            "har_noegletal": !keyFigures.isEmpty,
            "noegletal": keyFigures.map(keyFigure),
            "fil_xlsx": files.workbook,
            "fil_html": files.promptsHTML,
            "fil_md": files.promptsMarkdown,
            "fil_praesentation": files.presentation,
            "fil_csv": files.figuresCSV,
            "fil_pdf": NoValue.or(withPDF ? files.presentationPDF : nil),
        ]
    }

    private static func memberList(_ members: [MemberSummary]) -> String {
        members.map { member in
            member.share < 1 ? "\(member.name) (\(DanishNumber.format(member.share * 100, decimals: 0)) %)" : member.name
        }.joined(separator: ", ")
    }

    private static func keyFigure(_ report: IndicatorReport) -> [String: Any] {
        let indicator = report.indicator
        let clusterRow = report.clusterRow
        var coverage: Any = NoValue()
        if let row = clusterRow, let last = row.coverage.last ?? nil, !last.isComplete, row.latest.number != nil {
            coverage = ["kommuner_med_tal": String(last.municipalitiesWithValue), "kommuner_i_alt": String(last.municipalities)]
        }
        let unjudged = indicator.direction == .none ? "ingen_retning" : "ikke_vurderet"
        let since = report.periods.count > 1 ? report.periods[report.periods.count - 2].label : ""
        let undeveloped = indicator.direction != .none && report.periods.count < 2 ? "kun_en_periode" : unjudged
        return [
            "kort_titel": indicator.shortTitle,
            "enhed": indicator.unit,
            "periode": NoValue.or(report.periods.last?.label),
            "syntetisk": report.origin == .synthetic,
            "raadets_tal": value(clusterRow?.latest ?? .missing, decimals: indicator.decimals),
            "landets_tal": value(report.countryRow?.latest ?? .missing, decimals: indicator.decimals),
            "daekning": coverage,
            "tilnaermet": clusterRow?.isApproximation == true && clusterRow?.latest.number != nil,
            "niveau": judgement(clusterRow?.levelMark, rule: indicator.comparison, unjudged: unjudged),
            "udvikling": judgement(
                clusterRow?.development, rule: indicator.comparison, since: since.isEmpty ? nil : since, unjudged: undeveloped),
        ]
    }

    /// A value as the page shows it: a Danish number, or the reason there is none, never a hidden number.
    static func value(_ value: ReportValue, decimals: Int) -> [String: Any] {
        var context: [String: Any] = [
            "tal": NoValue(), "skjult": false, "markoer": NoValue(), "minimum": NoValue(),
            "faerre_haendelser": false, "lille_naevner": false, "lille_antal": false, "sekundaer": false,
            "ikke_oplyst": false, "intet_samlet_tal": false,
        ]
        switch value {
        case .shown(let number):
            context["tal"] = DanishNumber.format(number, decimals: decimals)
        case .hidden(let reason):
            context["skjult"] = true
            context["markoer"] = reason.marker
            switch reason {
            case .smallNumerator(let minimum):
                context["faerre_haendelser"] = true
                context["minimum"] = DanishNumber.format(minimum, decimals: 0)
            case .smallDenominator(let minimum):
                context["lille_naevner"] = true
                context["minimum"] = DanishNumber.format(minimum, decimals: 0)
            case .smallCount(let minimum):
                context["lille_antal"] = true
                context["minimum"] = DanishNumber.format(minimum, decimals: 0)
            case .secondary:
                context["sekundaer"] = true
            }
        case .missing:
            context["ikke_oplyst"] = true
        case .notComputed:
            context["intet_samlet_tal"] = true
        }
        return context
    }

    /// A level or development: the traffic-light flag of the mark, or without one the flag `unjudged`
    /// that says why there is none.
    private static func judgement(_ mark: TrafficLight?, rule: ComparisonRule, since: String? = nil, unjudged: String) -> [String: Any] {
        var context: [String: Any] = [
            "bedre": mark == .green, "samme": mark == .yellow, "daarligere": mark == .red, "signifikans": rule == .significance,
            "kun_en_periode": false, "ingen_retning": false, "ikke_vurderet": false, "siden": NoValue.or(since),
        ]
        if mark == nil { context[unjudged] = true }
        return context
    }

    private static func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}
