import DatapakkeCore
import DatapakkeRenderers
import Foundation

extension Project {
    /// What `datapakke check` prints for inputs without problems: the files read, the definition
    /// set and the maps published with it, the catalogue, every indicator's periods and origin,
    /// notices, and the suppression count.
    public func checkSummary() -> [String] {
        let definitions = inputs.definitions
        let observationCount = inputs.observations.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.count } }
        var lines = [
            "Læst: \(inputs.files.joined(separator: ", ")).",
            "Definitioner: \(definitions.name), \(definitions.clusters.count) \(definitions.clusters.count == 1 ? definitions.kind.singular : definitions.kind.plural) i "
                + "\(definitions.regions.count) regioner, \(inputs.register.municipalities.count) kommuner.",
            publicationLine,
            "Katalog: \(inputs.catalogue.indicators.count) indikatorer i \(inputs.catalogue.sections.count) sektioner.",
            Vocabulary.similarSummary(inputs),
            "Data: \(observationCount) indikatorværdier, befolkningstal pr. "
                + "\(inputs.population.dates.map(\.label).joined(separator: ", ")).",
        ]
        for indicator in inputs.catalogue.indicators {
            let origin = inputs.origin(of: indicator) == .synthetic ? "syntetisk" : "reel"
            let periods = inputs.periods(of: indicator).map(\.label).joined(separator: ", ")
            lines.append("  \(indicator.id): \(periods) (\(origin))")
        }
        lines.append("Skabeloner til refleksioner: \(prompts.templateCount) filer uden fejl.")
        lines.append("HTML-skabeloner: \(htmlTemplates.fileCount) filer uden fejl.")
        lines += inputs.notices.map { "bemærk: \($0)" }
        let counts = ReportBuilder.suppressionCounts(ReportBuilder(inputs: inputs).allTables())
        if counts.isEmpty {
            lines.append("Diskretionering: ingen celler skjult.")
        } else {
            let parts = counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            lines.append("Diskretionering: \(counts.values.reduce(0, +)) celler skjult (\(parts.joined(separator: ", "))).")
        }
        lines.append("Ingen problemer fundet.")
        return TerminalText.lines(lines)
    }

    /// Which maps the hidden cells are decided over.
    private var publicationLine: String {
        let others = inputs.publishedWith.map { map in
            "\(map.name) (\(map.clusters.count) \(map.clusters.count == 1 ? map.kind.singular : map.kind.plural))"
        }
        guard !others.isEmpty else { return "Offentliggøres alene: skjulte celler afgøres kun for \(inputs.definitions.name)." }
        return "Offentliggøres sammen med: \(DanishText.list(others)); skjulte celler afgøres for kortene under ét."
    }

    /// What `datapakke list` prints: the definition set, then every cluster with its region,
    /// residents, acute hospitals and members.
    public static func listing(of inputs: DatapakkeInputs) -> [String] {
        let definitions = inputs.definitions
        let date = inputs.population.dates.last
        let synthetic = date.flatMap { inputs.population.origins[$0] } == .synthetic
        var lines = [
            "\(definitions.name) (\(definitions.file)): \(definitions.clusters.count) \(definitions.clusters.count == 1 ? definitions.kind.singular : definitions.kind.plural), "
                + "\(inputs.register.municipalities.count) kommuner"
        ]
        if let date {
            lines.append("Indbyggertal pr. \(date.label)\(synthetic ? " (SYNTETISKE eksempeldata)" : "")")
        }
        for cluster in definitions.clusters {
            var total: Double? = 0
            let members = cluster.members.map { member -> String in
                let name = inputs.register.municipality(member.code)?.name ?? String(member.code)
                let count = date.flatMap { inputs.population.count(.total, municipality: member.code, date: $0) }
                if let count { total? += count * member.share } else { total = nil }
                let share = member.share < 1 ? ", andel \(Vocabulary.percent(member.share, decimals: 0))" : ""
                return "\(name) (\(count.map { DanishNumber.format($0, decimals: 0) } ?? "..")\(share))"
            }
            lines.append("")
            lines.append(
                "\(cluster.id)  \(cluster.name)  [\(cluster.region)]  \(total.map { DanishNumber.format($0, decimals: 0) + " borgere" } ?? "")"
            )
            lines.append("    Akutsygehuse: \(cluster.acuteHospitals.joined(separator: "; "))")
            lines.append("    Kommuner (\(cluster.members.count)): \(members.joined(separator: ", "))")
        }
        return TerminalText.lines(lines)
    }

    /// What `datapakke figures` prints: the figures of the chosen clusters (all when `only` is
    /// empty), their regions and the country, in a format.
    public static func figures(of inputs: DatapakkeInputs, only: [String], format: FigureListingFormat) throws -> String {
        let clusters = try inputs.definitions.select(only)
        return try FigureListing(inputs: inputs, clusters: clusters).text(format)
    }
}
