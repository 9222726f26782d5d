import Yams

/// Reads the profile of similar councils (`Templates/sammenlignelige.yaml`, schema in
/// `Templates/README.md`, method in docs/similar-councils.md).
public enum SimilarityProfileLoader {
    static let keys: Set<String> = ["sammenlignelige_raad", "sammenlignelige_kommuner", "variabler", "muligheder"]
    static let variableKeys: Set<String> = ["indikator", "vaegt", "transformation"]
    static let opportunityKeys: Set<String> = ["indikator", "pr", "hvad"]

    /// Loads the profile; throws `InputProblems` listing every problem with file and line. The
    /// variables are checked against `catalogue` when it is given (it is not when it failed to load).
    public static func load(path: String, displayName: String? = nil, catalogue: IndicatorCatalogue?) throws -> SimilarityProfile {
        let document = try YAMLDocument.read(path: path, displayName: displayName ?? path)
        var log = ProblemLog()
        let root = document.root
        guard root.mapping != nil else {
            throw InputProblems([
                InputProblem(
                    document.location(root), "filen skal have felterne sammenlignelige_raad, sammenlignelige_kommuner og variabler")
            ])
        }
        document.checkKeys(of: root, allowed: keys, log: &log)
        func count(_ key: String) -> Int? {
            guard root[key] != nil else {
                log.add(document.location(root), "mangler feltet «\(key)»")
                return nil
            }
            guard let number = document.number(key, in: root, log: &log) else { return nil }
            guard number >= 1, number == number.rounded(), number < 10_000 else {
                log.add(
                    document.location(root[key]),
                    "«\(key)» skal være et helt tal på mindst 1, ikke \(DanishNumber.format(number, decimals: 2))")
                return nil
            }
            return Int(number)
        }
        let clusters = count("sammenlignelige_raad")
        let municipalities = count("sammenlignelige_kommuner")

        var variables: [SimilarityProfile.Variable] = []
        if let list = root["variabler"], list.sequence == nil {
            log.add(document.location(list), "«variabler» skal være en liste, fx «- indikator: andel_65plus»")
        }
        let nodes = root["variabler"]?.sequence ?? []
        if root["variabler"] != nil, nodes.isEmpty, root["variabler"]?.sequence != nil {
            log.add(document.location(root["variabler"]), "«variabler» er tom; profilen skal have mindst én variabel")
        } else if root["variabler"] == nil {
            log.add(document.location(root), "mangler feltet «variabler»")
        }
        for node in nodes {
            guard node.mapping != nil else {
                log.add(document.location(node), "hver variabel skal være en mapping, fx «- indikator: andel_65plus»")
                continue
            }
            document.checkKeys(of: node, allowed: variableKeys, log: &log)
            guard let id = document.string("indikator", in: node, log: &log) else { continue }
            if let catalogue {
                if let indicator = catalogue.indicator(id) {
                    if case .notAdditive(nil) = indicator.aggregation {
                        log.add(
                            document.location(node["indikator"]),
                            "«\(id)» kan ikke lægges sammen over kommuner og har intet tal for et sundhedsråd; vælg en indikator med et samlet tal"
                        )
                    }
                } else {
                    let hint =
                        Suggestion.nearest(to: id, among: catalogue.indicators.map(\.id), limit: max(2, id.count / 3)).map {
                            " – mente du «\($0)»?"
                        } ?? ""
                    log.add(
                        document.location(node["indikator"]),
                        "ukendt indikator \(quoted(id))" + (hint.isEmpty ? "; indikatorerne står i \(catalogue.file)" : hint)
                    )
                }
            }
            if let earlier = variables.first(where: { $0.indicatorID == id }) {
                log.add(document.location(node), "«\(id)» står allerede som variabel (\(earlier.location)); en variabel tæller kun én gang")
            }
            var weight = 1.0
            if node["vaegt"] != nil, let number = document.number("vaegt", in: node, log: &log) {
                if number > 0, number.isFinite, number <= 1000 {
                    weight = number
                } else {
                    log.add(
                        document.location(node["vaegt"]),
                        "«vaegt» skal være et positivt tal (fx 1 eller 0.5), ikke \(DanishNumber.format(number, decimals: 2)); fjern variablen for at se bort fra den"
                    )
                }
            }
            var transformation = SimilarityProfile.Transformation.none
            if let text = document.optionalString("transformation", in: node, log: &log) {
                if let parsed = SimilarityProfile.Transformation(rawValue: text.lowercased()) {
                    transformation = parsed
                } else {
                    log.add(document.location(node["transformation"]), "«transformation» skal være log eller ingen, ikke \(quoted(text))")
                }
            }
            variables.append(
                SimilarityProfile.Variable(
                    indicatorID: id, weight: weight, transformation: transformation, location: document.location(node)))
        }
        let opportunities = readOpportunities(root["muligheder"], document: document, catalogue: catalogue, log: &log)
        try log.throwIfAny()
        guard let clusters, let municipalities else { throw InputProblems(log.problems) }
        return SimilarityProfile(
            variables: variables, opportunities: opportunities, clusterNeighbours: clusters, municipalityNeighbours: municipalities,
            file: document.file,
            clusterNeighboursLocation: document.location(root["sammenlignelige_raad"]),
            municipalityNeighboursLocation: document.location(root["sammenlignelige_kommuner"]))
    }

    /// `muligheder`: the rates given only as a value whose opportunity is counted (with `pr`, the
    /// population the rate is per), and the words for what an indicator counts (`hvad`).
    private static func readOpportunities(_ node: Node?, document: YAMLDocument, catalogue: IndicatorCatalogue?, log: inout ProblemLog)
        -> [OpportunityRule]
    {
        guard let node else { return [] }
        guard let nodes = node.sequence else {
            log.add(document.location(node), "«muligheder» skal være en liste, fx «- indikator: forebyggelige_ophold_pr_1000_65plus»")
            return []
        }
        var rules: [OpportunityRule] = []
        for entry in nodes {
            guard entry.mapping != nil else {
                log.add(document.location(entry), "hver mulighed skal være en mapping med «indikator» og evt. «pr» og «hvad»")
                continue
            }
            document.checkKeys(of: entry, allowed: opportunityKeys, log: &log)
            guard let id = document.string("indikator", in: entry, log: &log) else { continue }
            let per = document.number("pr", in: entry, log: &log)
            if let per, !(per > 0 && per.isFinite) {
                log.add(document.location(entry["pr"]), "«pr» skal være et positivt tal, fx 1000 for «pr. 1.000 borgere»")
            }
            let noun = document.optionalString("hvad", in: entry, log: &log)
            document.checkText(noun, key: "hvad", in: entry, maximumLength: NameRules.maximumTitleLength, log: &log)
            if rules.contains(where: { $0.indicatorID == id }) {
                log.add(document.location(entry), "«\(id)» står to gange under «muligheder»")
            }
            if let catalogue {
                guard let indicator = catalogue.indicator(id) else {
                    let hint =
                        Suggestion.nearest(to: id, among: catalogue.indicators.map(\.id), limit: max(2, id.count / 3)).map {
                            " – mente du «\($0)»?"
                        } ?? ""
                    log.add(document.location(entry["indikator"]), "ukendt indikator \(quoted(id))\(hint)")
                    continue
                }
                if indicator.direction == .none {
                    log.add(
                        document.location(entry["indikator"]),
                        "«\(id)» har ingen retning («bedst: ingen» i kataloget), så ingen niveau er det bedste at måle muligheden mod")
                }
                switch indicator.aggregation {
                case .ratio:
                    if entry["pr"] != nil {
                        log.add(document.location(entry["pr"]), "«\(id)» er en brøk med sin egen skala; «pr» bruges kun for vægtede rater")
                    }
                case .weighted:
                    if entry["pr"] == nil {
                        log.add(
                            document.location(entry),
                            "«\(id)» er en vægtet rate; skriv med «pr», hvor mange af vægtgrundlaget («\(indicator.weightBase.rawValue)») raten er pr. (fx pr: 1000)"
                        )
                    }
                default:
                    log.add(
                        document.location(entry["indikator"]),
                        "«\(id)» er hverken en brøk (broek) eller en vægtet rate (vaegtet); muligheden kan kun regnes for dem")
                }
            }
            rules.append(OpportunityRule(indicatorID: id, per: per, noun: noun, location: document.location(entry)))
        }
        return rules
    }
}
