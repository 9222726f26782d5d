import ArgumentParser
import Foundation
import DatapakkeCore
import DatapakkeRenderers

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Kontrollerer definitioner, indikatorkatalog og data og viser alle problemer på én gang.",
        discussion: "Afslutter med 0, når alt er i orden, og med 1, når der er fundet problemer (alle listes med fil og linje)."
    )

    @OptionGroup var input: InputOptions

    func run() throws {
        let (inputs, prompts, html) = try input.loadWithPrompts()
        let builder = ReportBuilder(inputs: inputs)
        let tables = builder.allTables()
        let observationCount = inputs.observations.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.count } }
        print("Læst: \(inputs.files.joined(separator: ", ")).")
        print("Definitioner: \(inputs.definitions.name), \(inputs.definitions.clusters.count) \(inputs.definitions.kind.rawValue) i "
              + "\(inputs.definitions.regions.count) regioner, \(inputs.register.municipalities.count) kommuner.")
        print("Katalog: \(inputs.catalogue.indicators.count) indikatorer i \(inputs.catalogue.sections.count) sektioner.")
        print("Data: \(observationCount) indikatorværdier, befolkningstal pr. \(inputs.population.dates.map { Period($0).label }.joined(separator: ", ")).")
        for indicator in inputs.catalogue.indicators {
            let origin = inputs.origin(of: indicator) == .synthetic ? "syntetisk" : "reel"
            let periods = inputs.periods(of: indicator).map(\.label).joined(separator: ", ")
            print("  \(indicator.id): \(periods) (\(origin))")
        }
        let templateCount = (try? FileManager.default.subpathsOfDirectory(atPath: prompts.templatesDirectory))?
            .filter { $0.hasSuffix(".mustache") }.count ?? 0
        print("Skabeloner til refleksioner: \(templateCount) filer uden fejl.")
        print("HTML-skabeloner: \(html.fileCount) filer uden fejl.")
        for notice in inputs.notices {
            print("bemærk: \(notice)")
        }
        let counts = ReportBuilder.suppressionCounts(tables)
        if counts.isEmpty {
            print("Diskretionering: ingen celler skjult.")
        } else {
            let parts = counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            print("Diskretionering: \(counts.values.reduce(0, +)) celler skjult (\(parts.joined(separator: ", "))).")
        }
        print("Ingen problemer fundet.")
    }
}
