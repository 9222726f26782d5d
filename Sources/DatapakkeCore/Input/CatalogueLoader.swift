import Yams

/// Reads the indicator catalogue (`Templates/indikatorer.yaml`, schema in `Templates/README.md`).
public enum CatalogueLoader {
    /// Loads the catalogue; throws `InputProblems` listing every problem with file and line.
    public static func load(path: String, displayName: String? = nil) throws -> IndicatorCatalogue {
        let document = try YAMLDocument.read(path: path, displayName: displayName ?? path)
        var log = ProblemLog()
        let root = document.root
        document.checkKeys(of: root, allowed: ["sektioner", "kilder", "grupper", "indikatorer"], log: &log)
        var sources: [DataSource] = []
        for node in root["kilder"]?.sequence ?? [] {
            document.checkKeys(of: node, allowed: ["id", "navn", "udtrukket"], log: &log)
            guard let id = document.string("id", in: node, log: &log), let name = document.string("navn", in: node, log: &log),
                let dateText = document.string("udtrukket", in: node, log: &log)
            else { continue }
            document.checkText(name, key: "navn", in: node, maximumLength: NameRules.maximumTextLength, log: &log)
            guard let date = SourceDate(dateText) else {
                log.add(
                    document.location(node["udtrukket"]),
                    "«udtrukket» skal være en dato (2024-11-15) eller en måned (2024-11), ikke \(quoted(dateText))")
                continue
            }
            if sources.contains(where: { $0.id == id }) { log.add(document.location(node), "kilden «\(id)» er defineret to gange") }
            sources.append(DataSource(id: id, name: name, date: date))
        }
        var sections: [Section] = []
        for node in root["sektioner"]?.sequence ?? [] {
            document.checkKeys(of: node, allowed: ["id", "titel", "intro"], log: &log)
            guard let id = document.string("id", in: node, log: &log),
                let title = document.string("titel", in: node, log: &log)
            else { continue }
            if sections.contains(where: { $0.id == id }) {
                log.add(document.location(node), "sektionen «\(id)» er defineret to gange")
            }
            document.checkText(title, key: "titel", in: node, maximumLength: NameRules.maximumTitleLength, log: &log)
            if let problem = NameRules.sheetNameProblem(for: title) {
                log.add(document.location(node["titel"]), "sektionens titel \(quoted(title)) \(problem)")
            } else if let other = sections.first(where: {
                NameRules.sheetName(for: $0.title).lowercased() == NameRules.sheetName(for: title).lowercased()
            }) {
                log.add(
                    document.location(node["titel"]),
                    "sektionerne «\(other.title)» og «\(title)» ville få samme ark («\(NameRules.sheetName(for: title))»); arknavne er de første 31 tegn"
                )
            }
            let introduction = document.optionalString("intro", in: node, log: &log)
            document.checkText(introduction, key: "intro", in: node, maximumLength: NameRules.maximumTextLength, log: &log)
            sections.append(Section(id: id, title: title, introduction: introduction))
        }
        if sections.isEmpty { log.add(document.location(root), "mangler listen «sektioner»") }

        let groups = readGroups(root["grupper"], document: document, sections: sections, log: &log)
        var indicators: [Indicator] = []
        for node in root["indikatorer"]?.sequence ?? [] {
            guard let indicator = readIndicator(node, document: document, sections: sections, sources: sources, groups: groups, log: &log)
            else { continue }
            if indicators.contains(where: { $0.id == indicator.id }) {
                log.add(document.location(node), "indikatoren «\(indicator.id)» er defineret to gange")
            }
            indicators.append(indicator)
        }
        if indicators.isEmpty { log.add(document.location(root), "mangler listen «indikatorer»") }
        checkGroups(groups, indicators: indicators, log: &log)
        try log.throwIfAny()
        return IndicatorCatalogue(sections: sections, indicators: indicators, sources: sources, groups: groups, file: document.file)
    }

    /// `grupper`: indicators shown together, each with an id, a title and optionally a short title and a definition.
    private static func readGroups(_ list: Node?, document: YAMLDocument, sections: [Section], log: inout ProblemLog) -> [IndicatorGroup] {
        var groups: [IndicatorGroup] = []
        for node in list?.sequence ?? [] {
            document.checkKeys(of: node, allowed: ["id", "titel", "kort_titel", "definition"], log: &log)
            guard let id = document.string("id", in: node, log: &log), let title = document.string("titel", in: node, log: &log) else {
                continue
            }
            if groups.contains(where: { $0.id == id }) { log.add(document.location(node), "gruppen «\(id)» er defineret to gange") }
            // A group's prompt template is <sektion>/<gruppe-id>.mustache, beside the sections' folders.
            if sections.contains(where: { $0.id == id }) {
                log.add(document.location(node["id"]), "gruppen «\(id)» har samme id som en sektion; brug et andet id")
            }
            for key in ["id", "titel", "kort_titel"] {
                document.checkText(node[key]?.scalar?.string, key: key, in: node, maximumLength: NameRules.maximumTitleLength, log: &log)
            }
            let definition = document.optionalString("definition", in: node, log: &log)
            document.checkText(definition, key: "definition", in: node, maximumLength: NameRules.maximumTextLength, log: &log)
            groups.append(
                IndicatorGroup(
                    id: id, title: title, shortTitle: document.optionalString("kort_titel", in: node, log: &log),
                    definition: definition ?? "", location: document.location(node)))
        }
        return groups
    }

    /// A group is shown as one block with one chart on one axis: its members share a section and a
    /// unit, are no sums (a sum's country figure dwarfs the cluster's), and stand next to each other.
    private static func checkGroups(_ groups: [IndicatorGroup], indicators: [Indicator], log: inout ProblemLog) {
        for group in groups {
            let positions = indicators.indices.filter { indicators[$0].groupID == group.id }
            guard let first = positions.first, let last = positions.last else {
                log.add(group.location, "gruppen «\(group.id)» har ingen indikatorer; giv dem «indikatorgruppe: \(group.id)»")
                continue
            }
            let members = positions.map { indicators[$0] }
            if let indicator = indicators.first(where: { $0.id == group.id }) {
                log.add(group.location, "gruppen «\(group.id)» har samme id som indikatoren på \(indicator.location)")
            }
            if positions.count < 2 {
                log.add(group.location, "gruppen «\(group.id)» har kun én indikator; en gruppe viser flere indikatorer i ét diagram")
            }
            if last - first + 1 != positions.count, let stranger = indicators[first...last].first(where: { $0.groupID != group.id }) {
                log.add(
                    stranger.location,
                    "indikatoren «\(stranger.id)» står mellem indikatorerne i gruppen «\(group.id)»; en gruppes indikatorer skal stå lige efter hinanden"
                )
            }
            for member in members.dropFirst() {
                if member.sectionID != members[0].sectionID {
                    log.add(
                        member.location,
                        "indikatoren «\(member.id)» er i sektionen «\(member.sectionID)», men gruppen «\(group.id)» er i «\(members[0].sectionID)»"
                    )
                }
                if member.unit != members[0].unit {
                    log.add(
                        member.location,
                        "indikatoren «\(member.id)» har enheden «\(member.unit)», men gruppen «\(group.id)» har «\(members[0].unit)»; gruppens diagram har én akse"
                    )
                }
            }
            for member in members {
                switch member.aggregation {
                case .count, .population:
                    log.add(
                        member.location,
                        "indikatoren «\(member.id)» er en sum og kan ikke være i gruppen «\(group.id)»: landets sum ville overskygge kommunernes i gruppens diagram"
                    )
                default: break
                }
            }
        }
    }

    private static let indicatorKeys: Set<String> = [
        "id", "titel", "kort_titel", "enhed", "sektion", "beregning", "skala", "vaegt", "tilnaermet_vaegt",
        "gruppe", "taeller_gruppe", "naevner_gruppe", "bedst", "decimaler", "definition", "kilde",
        "periode_note", "noter", "befolkningsdato", "diskretionering", "interval", "taeller_af_naevner", "kilde_note",
        "standardpopulation", "aldersgrupper", "sammenligning", "indikatorgruppe",
    ]

    /// The decimals a figure can be shown with.
    static let decimalRange = 0...6

    private static func readIndicator(
        _ node: Node, document: YAMLDocument, sections: [Section], sources: [DataSource], groups: [IndicatorGroup],
        log: inout ProblemLog
    ) -> Indicator? {
        document.checkKeys(of: node, allowed: indicatorKeys, log: &log)
        let problemsBefore = log.problems.count
        guard let id = document.string("id", in: node, log: &log),
            let title = document.string("titel", in: node, log: &log),
            let unit = document.string("enhed", in: node, log: &log),
            let sectionID = document.string("sektion", in: node, log: &log),
            let method = document.string("beregning", in: node, log: &log)
        else { return nil }
        if !sections.contains(where: { $0.id == sectionID }) {
            log.add(
                document.location(node["sektion"]), "ukendt sektion «\(sectionID)»; kendte: \(sections.map(\.id).joined(separator: ", "))")
        }
        func group(_ key: String, required: Bool) -> PopulationGroup? {
            guard let value = required ? document.string(key, in: node, log: &log) : document.optionalString(key, in: node, log: &log)
            else {
                return nil
            }
            guard let group = PopulationGroup(rawValue: value) else {
                log.add(
                    document.location(node[key]),
                    "ukendt befolkningsgruppe «\(value)»; kendte: \(PopulationGroup.allCases.map(\.rawValue).sorted().joined(separator: ", "))"
                )
                return nil
            }
            return group
        }
        let scale = document.number("skala", in: node, log: &log) ?? 1
        if !(scale > 0 && scale.isFinite) {
            log.add(
                document.location(node["skala"]),
                "«skala» skal være et positivt tal (fx 100 for procent, 1000 for pr. 1.000), ikke \(DanishNumber.format(scale, decimals: 2))"
            )
        }
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
        case "aldersstandardiseret":
            let standard = readStandardPopulation(node, document: document, log: &log)
            let bands = readAgeBands(node, document: document, log: &log)
            aggregation = .standardised(AgeStandardisation(scale: scale, standard: standard ?? .esp2013, bands: bands ?? .all))
        default:
            log.add(
                document.location(node["beregning"]),
                "ukendt beregning «\(method)»; brug antal, broek, vaegtet, ikke_additiv, befolkning, befolkningsandel "
                    + "eller aldersstandardiseret")
            return nil
        }
        if method != "aldersstandardiseret" {
            for key in ["standardpopulation", "aldersgrupper"] where node[key] != nil {
                log.add(document.location(node[key]), "«\(key)» gælder kun beregning: aldersstandardiseret")
            }
        }
        var direction = Direction.none
        if let text = document.optionalString("bedst", in: node, log: &log) {
            if let parsed = Direction(rawValue: text.lowercased()) {
                direction = parsed
            } else {
                log.add(document.location(node["bedst"]), "«bedst» skal være høj, lav eller ingen, ikke «\(text)»")
            }
        }
        var decimals = 1
        if let number = document.number("decimaler", in: node, log: &log) {
            if number == number.rounded(), decimalRange.contains(Int(exactly: number) ?? -1) {
                decimals = Int(number)
            } else {
                log.add(
                    document.location(node["decimaler"]),
                    "«decimaler» skal være et helt tal fra \(decimalRange.lowerBound) til \(decimalRange.upperBound)")
            }
        }
        let range = readRange(node["interval"], document: document, log: &log)
        var numeratorIsPart = false
        if let flag = document.optionalString("taeller_af_naevner", in: node, log: &log) {
            switch flag.lowercased() {
            case "ja", "true": numeratorIsPart = true
            case "nej", "false": numeratorIsPart = false
            default:
                log.add(document.location(node["taeller_af_naevner"]), "«taeller_af_naevner» skal være ja eller nej, ikke \(quoted(flag))")
            }
            switch aggregation {
            case .ratio, .standardised: break
            default:
                if numeratorIsPart {
                    log.add(
                        document.location(node["taeller_af_naevner"]),
                        "«taeller_af_naevner» gælder kun beregning: broek og aldersstandardiseret")
                }
            }
        }
        var populationDate: Period?
        if let text = document.optionalString("befolkningsdato", in: node, log: &log) {
            populationDate = Period(text)
            if populationDate?.isDate != true {
                log.add(
                    document.location(node["befolkningsdato"]), "«befolkningsdato» skal være en dato som \"2023-01-01\", ikke «\(text)»")
            }
        }
        let suppression = readSuppression(node["diskretionering"], document: document, aggregation: aggregation, log: &log)
        let comparison = readComparison(node["sammenligning"], document: document, aggregation: aggregation, log: &log)
        // The source is named by the id of one in the catalogue's list, with an optional detail.
        var source: DataSource?
        var sourceText = ""
        if let id = document.optionalString("kilde", in: node, log: &log) {
            source = sources.first { $0.id == id }
            if source == nil {
                let hint =
                    Suggestion.nearest(to: id, among: sources.map(\.id), limit: max(2, id.count / 3)).map { " – mente du «\($0)»?" } ?? ""
                log.add(
                    document.location(node["kilde"]), "ukendt kilde \(quoted(id))\(hint) Kilderne står i listen «kilder» øverst i kataloget"
                )
            }
            let detail = document.optionalString("kilde_note", in: node, log: &log)
            sourceText = (source?.name ?? id) + (detail.map { " (\($0))" } ?? "")
        }
        let groupID = document.optionalString("indikatorgruppe", in: node, log: &log)
        if let groupID, !groups.contains(where: { $0.id == groupID }) {
            let hint =
                Suggestion.nearest(to: groupID, among: groups.map(\.id), limit: max(2, groupID.count / 3)).map { " – mente du «\($0)»?" }
                ?? ""
            log.add(
                document.location(node["indikatorgruppe"]),
                "ukendt gruppe \(quoted(groupID))\(hint) Grupperne står i listen «grupper» i kataloget")
        }
        for key in ["id", "titel", "kort_titel", "enhed"] {
            document.checkText(node[key]?.scalar?.string, key: key, in: node, maximumLength: NameRules.maximumTitleLength, log: &log)
        }
        for key in ["definition", "kilde", "periode_note"] {
            document.checkText(node[key]?.scalar?.string, key: key, in: node, maximumLength: NameRules.maximumTextLength, log: &log)
        }
        for note in document.strings("noter", in: node, log: &log) {
            document.checkText(note, key: "noter", in: node, maximumLength: NameRules.maximumTextLength, log: &log)
        }
        guard log.problems.count == problemsBefore else { return nil }
        return Indicator(
            id: id, title: title, shortTitle: document.optionalString("kort_titel", in: node, log: &log), unit: unit,
            sectionID: sectionID, aggregation: aggregation, direction: direction, decimals: decimals,
            definition: document.optionalString("definition", in: node, log: &log) ?? "",
            source: sourceText, sourceID: source?.id,
            periodNote: document.optionalString("periode_note", in: node, log: &log),
            notes: document.strings("noter", in: node, log: &log), populationDate: populationDate,
            suppression: suppression, plausibleRange: range, numeratorIsPartOfDenominator: numeratorIsPart,
            comparison: comparison, groupID: groupID, location: document.location(node))
    }

    /// Reads the small-number rule; absent means the Danish default for indicators built on counts.
    private static func readSuppression(_ node: Node?, document: YAMLDocument, aggregation: Aggregation, log: inout ProblemLog)
        -> SuppressionRule
    {
        guard let node else {
            switch aggregation {
            case .count, .ratio, .standardised: return .danishDefault
            default: return .none
            }
        }
        if let text = node.scalar?.string {
            if text == "ingen" { return .none }
            if text == "standard" { return .danishDefault }
            log.add(
                document.location(node),
                "«diskretionering» skal være «standard», «ingen» eller en mapping med min_taeller, min_naevner, min_antal")
            return .danishDefault
        }
        document.checkKeys(of: node, allowed: ["min_taeller", "min_naevner", "min_antal"], log: &log)
        // A mapping changes only the minimums it names; the others keep the Danish defaults, so a
        // mapping with one key can never switch the other rules off.
        func minimum(_ key: String, default value: Double?) -> Double? {
            guard let number = document.number(key, in: node, log: &log) else { return value }
            guard number >= 1, number == number.rounded(), number.isFinite else {
                log.add(
                    document.location(node[key]),
                    "«\(key)» skal være et helt tal på mindst 1; diskretionering slås fra med «diskretionering: ingen»")
                return value
            }
            return number
        }
        let defaults = SuppressionRule.danishDefault
        return SuppressionRule(
            minimumNumerator: minimum("min_taeller", default: defaults.minimumNumerator),
            minimumDenominator: minimum("min_naevner", default: defaults.minimumDenominator),
            minimumCount: minimum("min_antal", default: defaults.minimumCount))
    }

    /// Reads the comparison rule; absent means significance where the figures have counts and the
    /// national goals' ±1 % band elsewhere (docs/comparisons.md).
    private static func readComparison(_ node: Node?, document: YAMLDocument, aggregation: Aggregation, log: inout ProblemLog)
        -> ComparisonRule?
    {
        guard let node else { return nil }
        let expected = "«sammenligning» skal være signifikans, nationale_maal, ingen eller { absolut: 0.5 } (et bånd i indikatorens enhed)"
        var rule: ComparisonRule?
        if let text = node.scalar?.string {
            switch text.lowercased() {
            case "signifikans": rule = .significance
            case "nationale_maal", "nationale_mål": rule = .nationalGoals
            case "ingen": rule = ComparisonRule.none
            default:
                let hint =
                    Suggestion.nearest(to: text, among: ["signifikans", "nationale_maal", "ingen", "absolut"], limit: 3).map {
                        " – mente du «\($0)»?"
                    } ?? ""
                log.add(document.location(node), "\(expected), ikke \(quoted(text))\(hint)")
                return nil
            }
        } else if node.mapping != nil {
            document.checkKeys(of: node, allowed: ["absolut"], log: &log)
            guard let width = document.number("absolut", in: node, log: &log) else {
                if node["absolut"] == nil { log.add(document.location(node), expected) }
                return nil
            }
            guard width > 0, width.isFinite else {
                log.add(document.location(node["absolut"]), "«absolut» skal være et positivt tal i indikatorens enhed, fx 0.5")
                return nil
            }
            rule = .absoluteBand(width: width)
        } else {
            log.add(document.location(node), expected)
            return nil
        }
        if rule == .significance, case .ratio = aggregation {
        } else if rule == .significance, case .populationShare = aggregation {
        } else if rule == .significance, case .standardised = aggregation {
        } else if rule == .significance {
            log.add(
                document.location(node),
                "«sammenligning: signifikans» kræver tællere og nævnere (beregning: broek, befolkningsandel eller aldersstandardiseret); "
                    + "brug nationale_maal, { absolut: … } eller ingen for tal uden dem")
            return nil
        }
        return rule
    }

    /// `standardpopulation: esp2013` or `standardpopulation: { befolkning: 2025-01-01 }`, required.
    private static func readStandardPopulation(_ node: Node, document: YAMLDocument, log: inout ProblemLog) -> StandardPopulation? {
        let expected = "«standardpopulation» skal være esp2013 eller { befolkning: 2025-01-01 } (hele landets befolkning på en dato)"
        guard let value = node["standardpopulation"] else {
            log.add(document.location(node), "mangler feltet «standardpopulation»; \(expected)")
            return nil
        }
        if let text = value.scalar?.string {
            if text.lowercased() == "esp2013" { return .esp2013 }
            log.add(document.location(value), "\(expected), ikke \(quoted(text))")
            return nil
        }
        guard value.mapping != nil else {
            log.add(document.location(value), expected)
            return nil
        }
        document.checkKeys(of: value, allowed: ["befolkning"], log: &log)
        guard let text = document.string("befolkning", in: value, log: &log) else { return nil }
        guard let date = Period(text), date.isDate else {
            log.add(document.location(value["befolkning"]), "«befolkning» skal være en dato som \"2025-01-01\", ikke \(quoted(text))")
            return nil
        }
        return .danish(date: date)
    }

    /// `aldersgrupper: 65+`, `0-64` or `alle` (the default): the ESP 2013 bands an indicator is counted in.
    private static func readAgeBands(_ node: Node, document: YAMLDocument, log: inout ProblemLog) -> AgeBandRange? {
        guard let text = document.optionalString("aldersgrupper", in: node, log: &log) else { return nil }
        guard let range = AgeBandRange(catalogueText: text) else {
            log.add(
                document.location(node["aldersgrupper"]),
                "«aldersgrupper» skal være alle, en alder fra og med (fx 65+) eller et spænd (fx 0-64), hvor alderen er "
                    + "en grænse mellem aldersgrupperne \(AgeBand.labels); ikke \(quoted(text))")
            return nil
        }
        return range
    }

    /// `interval: [0, 100]`: the plausible range of a municipality's value.
    private static func readRange(_ node: Node?, document: YAMLDocument, log: inout ProblemLog) -> ClosedRange<Double>? {
        guard let node else { return nil }
        let bounds = node.sequence?.compactMap { $0.scalar?.string }.compactMap { text -> Double? in
            if case .number(let value) = parseSettingNumber(text) { return value }
            return nil
        }
        guard let bounds, bounds.count == 2, node.sequence?.count == 2, bounds[0] <= bounds[1] else {
            log.add(document.location(node), "«interval» skal være to tal, det mindste først, fx [0, 100]")
            return nil
        }
        return bounds[0]...bounds[1]
    }
}
