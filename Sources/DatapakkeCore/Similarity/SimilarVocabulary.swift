/// The Danish words about similar clusters and the opportunity (docs/similar-councils.md), beside the
/// rest of the vocabulary.
extension Vocabulary {
    /// The cluster against its similar clusters, in the words of the indicator's rule: "▲ Signifikant
    /// bedre" for significance, "▲ Bedre end de sammenlignelige" for a band.
    public static func similarLevel(_ light: TrafficLight, rule: ComparisonRule) -> String {
        switch (light, rule) {
        case (.green, .significance): return "▲ Signifikant bedre"
        case (.yellow, .significance): return "● Ikke signifikant forskellig"
        case (.red, .significance): return "▼ Signifikant dårligere"
        case (.green, _): return "▲ Bedre end de sammenlignelige"
        case (.yellow, _): return "● På niveau"
        case (.red, _): return "▼ Dårligere end de sammenlignelige"
        }
    }

    /// Why there is no mark against the similar clusters.
    public static func similarUnjudged(_ indicator: Indicator, comparison: SimilarComparison?) -> String {
        if indicator.direction == .none { return "Ingen retning" }
        if indicator.comparison == .none { return "Ingen trafiklys" }
        if comparison?.isHidden == true { return "Skjult" }
        return "Ikke vurderet"
    }

    /// What the similar clusters are, in one sentence for a table's notes: "Sammenlignelige sundhedsråd:
    /// de 5 sundhedsråd, der ligner sundhedsrådet mest på …: A, B, …".
    public static func similarDescription(_ similar: SimilarClusters, kind: ClusterKind) -> String {
        "\(similar.rowName): de \(similar.neighbours.count) \(kind.plural), der ligner \(kind.definite) mest i profilen «\(profileText(similar))» "
            + "(\(DanishText.list(similar.neighbours.map(\.name)))). Tallet er regnet efter indikatorens egen regel over deres kommuner."
    }

    /// The profile's variables by their short titles: "65+ år, 80+ år, udvalgt kronisk sygdom, …".
    public static func profileText(_ similar: SimilarClusters, only indices: [Int]? = nil) -> String {
        (indices ?? Array(similar.variables.indices)).map { index in
            let title = similar.variables[index].indicator.shortTitle
            return title.first?.isUppercase == true && !(title.dropFirst().prefix { $0 != " " }.contains { $0.isUppercase })
                ? title.prefix(1).lowercased() + title.dropFirst() : title
        }.joined(separator: ", ")
    }

    /// The opportunity in a sentence or two: what the cluster would have at the best quartile's level,
    /// its uncertainty, and the sum over its municipalities; or that it is there already.
    public static func opportunityText(_ opportunity: Opportunity, indicator: Indicator, kind: ClusterKind) -> String {
        let best = DanishNumber.format(opportunity.best, decimals: indicator.decimals) + " " + indicator.unit
        let fewer = opportunity.shownNeighbours < opportunity.neighbours ? ", de \(opportunity.shownNeighbours) med viste tal" : ""
        let level = "det bedste kvartil af de sammenlignelige \(kind.plural) (\(best)\(fewer))"
        guard let sentence = opportunity.sentence else {
            return "\(capitalized(kind.definite)) ligger allerede på eller bedre end \(level)."
        }
        var text = "Med samme niveau som \(level) ville \(kind.definite) have \(sentence)"
        if let interval = opportunity.intervalText {
            text += " (95 %-usikkerhedsinterval \(interval))."
        } else {
            text += ". Der er intet usikkerhedsinterval: kilden oplyser ikke tællere og nævnere."
        }
        if let members = opportunity.membersAmount, members > 0 {
            let leftOut =
                opportunity.membersLeftOut.isEmpty ? "" : " (uden \(DanishText.list(opportunity.membersLeftOut)), hvis tal ikke vises)"
            text += " Lagt sammen over de kommuner, der ligger dårligere end det niveau: ca. \(opportunity.formatted(members))\(leftOut)."
        }
        return text
    }

    private static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    /// Why a similar clusters' figure is hidden.
    public static let similarHiddenNote =
        "Tallet for de sammenlignelige vises ikke (x), når et af deres egne tal er skjult: ellers kunne det skjulte tal regnes ud."

    /// What "best" means for the opportunity, by direction.
    public static func bestQuartileDescription(_ direction: Direction) -> String {
        switch direction {
        case .lowerIsBetter: return "den nedre kvartil (lavt er bedst)"
        case .higherIsBetter: return "den øvre kvartil (højt er bedst)"
        case .none: return "ingen (indikatoren har ingen retning)"
        }
    }

    /// The opportunity in one line for a list (the front page): "ca. 1.300 færre … om året: 48,9 mod
    /// 61,2 pr. 1.000 … (95 %-usikkerhedsinterval 1.100–1.500)".
    public static func opportunityLine(_ opportunity: Opportunity, indicator: Indicator, value: Double?) -> String? {
        guard let sentence = opportunity.sentence else { return nil }
        let format = { (number: Double) in DanishNumber.format(number, decimals: indicator.decimals) }
        var text = sentence + " med det bedste kvartils niveau: " + format(opportunity.best)
        if let value { text += " mod " + format(value) }
        text += " " + indicator.unit
        if let interval = opportunity.intervalText { text += " (95 %-usikkerhedsinterval \(interval))" }
        return text
    }

    /// A warning that the similar clusters are chosen by synthetic figures, nil when they are not.
    public static func similarSyntheticNote(_ similar: SimilarClusters) -> String? {
        guard !similar.syntheticVariables.isEmpty else { return nil }
        let which =
            similar.syntheticVariables.count == similar.variables.count
            ? "Hele profilen bygger" : "Profilen bygger delvis (\(profileText(similar, only: similar.syntheticVariables)))"
        return "\(which) på SYNTETISKE eksempeldata, så valget af sammenlignelige gør det også."
    }

    /// What `check` says about the similar councils: how many, by what, and how many indicators have an
    /// opportunity; or that there is no profile.
    public static func similarSummary(_ inputs: DatapakkeInputs) -> String {
        let kind = inputs.definitions.kind
        guard let similar = inputs.similar else {
            return
                "Sammenlignelige: ingen profil (\(SimilarityProfile.fileName) findes ikke i skabelonmappen), så ingen sammenlignelige \(kind.plural)."
        }
        let profile = similar.profile
        let opportunities = inputs.catalogue.indicators.filter { OpportunityRule.rule(for: $0, listed: profile.opportunities) != nil }
        return "Sammenlignelige: \(profile.clusterNeighbours) \(kind.plural) for \(kind.each) \(kind.singular) og "
            + "\(profile.municipalityNeighbours) kommuner for hver kommune efter \(profile.variables.count) variabler (\(profile.file)); "
            + "muligheden regnes for \(opportunities.count) indikatorer."
    }
}
