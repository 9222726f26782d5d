import DatapakkeCore

extension Presentation {
    /// The similar clusters' figure of an overview row, as a value for the `vaerdi` partial; absent
    /// without similar clusters.
    static func similarValue(_ report: IndicatorReport) -> Any {
        guard let row = report.similarRow else { return NoValue() }
        return DownloadPage.value(row.latest, decimals: report.indicator.decimals)
    }

    /// The slide after the overview: the similar clusters with their distances, and per indicator with
    /// an opportunity the cluster's figure, the similar clusters', the best quartile and the
    /// opportunity (docs/similar-councils.md); nil without similar clusters.
    static func similarSlide(_ report: PackReport) -> [String: Any]? {
        guard let similar = report.similar else { return nil }
        let rows = report.sections.flatMap(\.indicators).compactMap { indicator -> [String: Any]? in
            guard let opportunity = indicator.similar?.opportunity else { return nil }
            let decimals = indicator.indicator.decimals
            return [
                "kort_titel": indicator.indicator.shortTitle,
                "titel": "\(indicator.indicator.title), \(indicator.indicator.unit), \(opportunity.period.label)",
                "syntetisk": indicator.origin == .synthetic || indicator.hasSyntheticWeights,
                "raadets_tal": DownloadPage.value(indicator.clusterRow?.latest ?? .missing, decimals: decimals),
                "sammenlignelige_tal": DownloadPage.value(indicator.similarRow?.latest ?? .missing, decimals: decimals),
                "bedste": DanishNumber.format(opportunity.best, decimals: decimals),
                "tekst": NoValue.or(opportunity.sentence),
                "interval": NoValue.or(opportunity.intervalText.map { "95 %: \($0)" }),
            ]
        }
        let words = report.kind
        return [
            "overskrift": words.singular.prefix(1).uppercased() + words.singular.dropFirst(),
            "naboer": similar.neighbours.map { neighbour -> [String: Any] in
                ["navn": neighbour.name, "afstand": DanishNumber.format(neighbour.distance, decimals: SimilarAreas.distanceDecimals)]
            },
            "profil": "De \(similar.neighbours.count) \(words.plural), der ligner \(report.cluster.name) mest i profilen "
                + "«\(Vocabulary.profileText(similar))», standardiseret; 0 er ens. Hvert tal sammenlignes med dem under ét.",
            "syntetisk": !similar.syntheticVariables.isEmpty,
            "syntetisk_note": NoValue.or(Vocabulary.similarSyntheticNote(similar)),
            "muligheder": rows,
            "forklaring":
                "Muligheden: hvor meget mindre (eller mere, hvor højt er bedst) \(words.definite) ville have med samme niveau som "
                + "det bedste kvartil af de sammenlignelige (den nedre kvartil, når lavt er bedst). Usikkerheden er regnet af "
                + "\(words.definite)s eget 95 %-konfidensinterval, hvor tallet har et. Kun viste tal indgår.",
        ]
    }
}
