import ArgumentParser
import DatapakkeCore
import Foundation

struct FiguresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures",
        abstract: "Viser de beregnede tal for sundhedsråd, regioner og hele landet.",
        discussion: """
            Hvert tal er regnet efter indikatorens regel i kataloget (sum, tæller/nævner eller vægtet \
            gennemsnit) og vises med dækning: hvor mange kommuner der havde en værdi, og hvor stor en \
            del af vægten de udgør. Manglende værdier udelades; de tælles aldrig som 0.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @OptionGroup var input: InputOptions

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Kun disse sundhedsråd (id eller navn).", valueName: "id"))
    var only: [String] = []

    @Option(help: "Format: table, json eller csv.")
    var format: Format = .table

    func run() throws {
        let inputs = try input.load()
        var clusters = inputs.definitions.clusters
        if !only.isEmpty {
            var chosen: [Cluster] = []
            for key in only {
                guard let cluster = inputs.definitions.cluster(matching: key) else {
                    throw ValidationError("Ukendt sundhedsråd «\(key)». Se `datapakke list` for id'er og navne.")
                }
                chosen.append(cluster)
            }
            clusters = chosen
        }
        let builder = ReportBuilder(inputs: inputs)
        let tables = builder.allTables()
        var areas = clusters.map { Area.cluster($0) }
        let regions = Set(clusters.map(\.region))
        areas += builder.regionAreas.filter { regions.contains($0.id) }
        areas.append(builder.countryArea)
        let rows = FigureRows(inputs: inputs, tables: tables, areas: areas)
        switch format {
        case .json: print(try rows.json())
        case .csv: print(rows.csv(), terminator: "")
        case .table: print(rows.table(), terminator: "")
        }
    }
}

/// The computed figures, flattened for printing.
struct FigureRows {
    struct Entry: Encodable {
        var level: String
        var id: String
        var name: String
        var indicator: String
        var title: String
        var unit: String
        var period: String
        var periodLabel: String
        var decimals: Int
        var value: Double?
        var numerator: Double?
        var denominator: Double?
        var approximation: Bool
        /// True when the indicator cannot be added up over municipalities, so there is no figure.
        var notAdditive: Bool
        var hidden: String?
        var origin: String
        var municipalitiesWithValue: Int
        var municipalities: Int
        var weightShare: Double?
    }

    var entries: [Entry] = []

    init(inputs: DatapakkeInputs, tables: [String: [Period: IndicatorPeriodTable]], areas: [Area]) {
        for area in areas {
            let key = CellKey(area.level, area.id)
            for indicator in inputs.catalogue.indicators {
                let origin = inputs.origin(of: indicator)?.rawValue ?? ""
                for period in inputs.periods(of: indicator) {
                    guard let table = tables[indicator.id]?[period], let figure = table.figures[key] else { continue }
                    let hidden = table.hidden[key]
                    var value = hidden == nil ? figure.value : nil
                    var notAdditive = false
                    if case .notAdditive(nil) = indicator.aggregation {
                        value = nil
                        notAdditive = true
                    }
                    entries.append(Entry(
                        level: area.level.rawValue, id: area.id, name: area.name, indicator: indicator.id, title: indicator.title,
                        unit: indicator.unit, period: period.id, periodLabel: period.label, decimals: indicator.decimals, value: value,
                        numerator: hidden == nil ? figure.numerator : nil, denominator: hidden == nil ? figure.denominator : nil,
                        approximation: figure.isApproximation, notAdditive: notAdditive, hidden: hidden?.ruleName, origin: origin,
                        municipalitiesWithValue: figure.coverage.municipalitiesWithValue,
                        municipalities: figure.coverage.municipalities, weightShare: figure.coverage.weightShare))
                }
            }
        }
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(entries), as: UTF8.self)
    }

    /// Semicolon-separated with decimal comma, as Danish Excel expects.
    func csv() -> String {
        var lines = ["niveau;id;navn;indikator;periode;vaerdi;taeller;naevner;tilnaermelse;skjult;datagrundlag;kommuner_med_vaerdi;kommuner;vaegtandel"]
        func number(_ value: Double?) -> String {
            guard let value else { return "" }
            if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
            return String(value).replacingOccurrences(of: ".", with: ",")
        }
        for entry in entries {
            lines.append([
                entry.level, entry.id, entry.name, entry.indicator, entry.period, number(entry.value), number(entry.numerator),
                number(entry.denominator), entry.approximation ? "ja" : "nej", entry.hidden ?? "", entry.origin,
                String(entry.municipalitiesWithValue), String(entry.municipalities), number(entry.weightShare),
            ].joined(separator: ";"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Pads with spaces to `width` characters; longer text is kept whole.
    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// A plain table for reading in a terminal, one block per area.
    func table() -> String {
        var text = ""
        var currentArea = ""
        for entry in entries {
            if entry.id != currentArea {
                currentArea = entry.id
                text += "\n\(entry.name) (\(entry.level) \(entry.id))\n"
            }
            let value: String
            if let hidden = entry.hidden {
                value = "skjult (\(hidden))"
            } else if let number = entry.value {
                value = DanishNumber.format(number, decimals: entry.decimals) + (entry.approximation ? " (tilnærmet)" : "")
            } else {
                value = entry.notAdditive ? "intet samlet tal" : ".."
            }
            let coverage = "\(entry.municipalitiesWithValue)/\(entry.municipalities) kommuner"
                + (entry.weightShare.map { ", \(DanishNumber.format($0 * 100, decimals: 1)) % af vægten" } ?? "")
            let synthetic = entry.origin == "syntetisk" ? " [syntetisk]" : ""
            text += "  \(pad(entry.title, 62)) \(pad(entry.periodLabel, 15)) \(pad(value, 18)) \(entry.unit) (\(coverage))\(synthetic)\n"
        }
        return text
    }
}
