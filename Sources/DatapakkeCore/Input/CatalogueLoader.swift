import Yams

/// Reads the indicator catalogue (`Templates/indikatorer.yaml`, schema in `Templates/README.md`).
public enum CatalogueLoader {

    /// Loads the catalogue; throws `InputProblems` listing every problem with file and line.
    public static func load(path: String, displayName: String? = nil) throws -> IndicatorCatalogue {
        let document = try YAMLDocument.read(path: path, displayName: displayName ?? path)
        var log = ProblemLog()
        let root = document.root
        document.checkKeys(of: root, allowed: ["sektioner", "indikatorer"], log: &log)
        var sections: [Section] = []
        for node in root["sektioner"]?.sequence ?? [] {
            document.checkKeys(of: node, allowed: ["id", "titel", "intro"], log: &log)
            guard let id = document.string("id", in: node, log: &log),
                  let title = document.string("titel", in: node, log: &log) else { continue }
            if sections.contains(where: { $0.id == id }) {
                log.add(document.location(node), "sektionen «\(id)» er defineret to gange")
            }
            sections.append(Section(id: id, title: title, introduction: document.optionalString("intro", in: node, log: &log)))
        }
        if sections.isEmpty { log.add(document.location(root), "mangler listen «sektioner»") }

        var indicators: [Indicator] = []
        for node in root["indikatorer"]?.sequence ?? [] {
            guard let indicator = readIndicator(node, document: document, sections: sections, log: &log) else { continue }
            if indicators.contains(where: { $0.id == indicator.id }) {
                log.add(document.location(node), "indikatoren «\(indicator.id)» er defineret to gange")
            }
            indicators.append(indicator)
        }
        if indicators.isEmpty { log.add(document.location(root), "mangler listen «indikatorer»") }
        try log.throwIfAny()
        return IndicatorCatalogue(sections: sections, indicators: indicators, file: document.file)
    }

    private static let indicatorKeys: Set<String> = [
        "id", "titel", "kort_titel", "enhed", "sektion", "beregning", "skala", "vaegt", "tilnaermet_vaegt",
        "gruppe", "taeller_gruppe", "naevner_gruppe", "bedst", "decimaler", "definition", "kilde",
        "periode_note", "noter", "befolkningsdato", "diskretionering",
    ]

    private static func readIndicator(_ node: Node, document: YAMLDocument, sections: [Section], log: inout ProblemLog) -> Indicator? {
        document.checkKeys(of: node, allowed: indicatorKeys, log: &log)
        let problemsBefore = log.problems.count
        guard let id = document.string("id", in: node, log: &log),
              let title = document.string("titel", in: node, log: &log),
              let unit = document.string("enhed", in: node, log: &log),
              let sectionID = document.string("sektion", in: node, log: &log),
              let method = document.string("beregning", in: node, log: &log)
        else { return nil }
        if !sections.contains(where: { $0.id == sectionID }) {
            log.add(document.location(node["sektion"]), "ukendt sektion «\(sectionID)»; kendte: \(sections.map(\.id).joined(separator: ", "))")
        }
        func group(_ key: String, required: Bool) -> PopulationGroup? {
            guard let value = required ? document.string(key, in: node, log: &log) : document.optionalString(key, in: node, log: &log) else {
                return nil
            }
            guard let group = PopulationGroup(rawValue: value) else {
                log.add(
                    document.location(node[key]),
                    "ukendt befolkningsgruppe «\(value)»; kendte: \(PopulationGroup.allCases.map(\.rawValue).sorted().joined(separator: ", "))")
                return nil
            }
            return group
        }
        let scale = document.number("skala", in: node, log: &log) ?? 1
        let aggregation: Aggregation
        switch method {
        case "antal": aggregation = .count
        case "broek": aggregation = .ratio(scale: scale)
        case "vaegtet": aggregation = .weighted(base: group("vaegt", required: true) ?? .total)
        case "ikke_additiv": aggregation = .notAdditive(approximateBy: group("tilnaermet_vaegt", required: false))
        case "befolkning": aggregation = .population(group: group("gruppe", required: true) ?? .total)
        case "befolkningsandel":
            aggregation = .populationShare(
                numerator: group("taeller_gruppe", required: true) ?? .total,
                denominator: group("naevner_gruppe", required: true) ?? .total, scale: scale)
        default:
            log.add(document.location(node["beregning"]),
                    "ukendt beregning «\(method)»; brug antal, broek, vaegtet, ikke_additiv, befolkning eller befolkningsandel")
            return nil
        }
        var direction = Direction.none
        if let text = document.optionalString("bedst", in: node, log: &log) {
            if let parsed = Direction(rawValue: text.lowercased()) { direction = parsed } else {
                log.add(document.location(node["bedst"]), "«bedst» skal være høj, lav eller ingen, ikke «\(text)»")
            }
        }
        let decimals = document.number("decimaler", in: node, log: &log).map { Int($0) } ?? 1
        var populationDate: Period?
        if let text = document.optionalString("befolkningsdato", in: node, log: &log) {
            populationDate = Period(text)
            if populationDate?.isDate != true {
                log.add(document.location(node["befolkningsdato"]), "«befolkningsdato» skal være en dato som \"2023-01-01\", ikke «\(text)»")
            }
        }
        let suppression = readSuppression(node["diskretionering"], document: document, aggregation: aggregation, log: &log)
        guard log.problems.count == problemsBefore else { return nil }
        return Indicator(
            id: id, title: title, shortTitle: document.optionalString("kort_titel", in: node, log: &log), unit: unit,
            sectionID: sectionID, aggregation: aggregation, direction: direction, decimals: decimals,
            definition: document.optionalString("definition", in: node, log: &log) ?? "",
            source: document.optionalString("kilde", in: node, log: &log) ?? "",
            periodNote: document.optionalString("periode_note", in: node, log: &log),
            notes: document.strings("noter", in: node, log: &log), populationDate: populationDate,
            suppression: suppression, location: document.location(node))
    }

    /// Reads the small-number rule; absent means the Danish default for indicators built on counts.
    private static func readSuppression(_ node: Node?, document: YAMLDocument, aggregation: Aggregation, log: inout ProblemLog) -> SuppressionRule {
        guard let node else {
            switch aggregation {
            case .count, .ratio: return .danishDefault
            default: return .none
            }
        }
        if let text = node.scalar?.string {
            if text == "ingen" { return .none }
            if text == "standard" { return .danishDefault }
            log.add(document.location(node), "«diskretionering» skal være «standard», «ingen» eller en mapping med min_taeller, min_naevner, min_antal")
            return .danishDefault
        }
        document.checkKeys(of: node, allowed: ["min_taeller", "min_naevner", "min_antal"], log: &log)
        return SuppressionRule(
            minimumNumerator: document.number("min_taeller", in: node, log: &log),
            minimumDenominator: document.number("min_naevner", in: node, log: &log),
            minimumCount: document.number("min_antal", in: node, log: &log))
    }
}
