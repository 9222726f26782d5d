import Foundation

/// One of an area's most similar areas, with its distance in the profile (docs/similar-councils.md#distance).
public struct SimilarNeighbour: Sendable, Hashable, Codable {
    /// The cluster's id ("SR05"), or the municipality's code as text ("330").
    public var id: String
    public var name: String
    public var distance: Double

    public init(id: String, name: String, distance: Double) {
        self.id = id
        self.name = name
        self.distance = distance
    }
}

/// An area's profile values as the profile reads them (before transformation and standardisation),
/// one per variable, nil where the area has no shown value.
public struct SimilarityUnit: Sendable, Hashable {
    public var id: String
    public var name: String
    public var values: [Double?]
}

/// A profile variable over one set of areas (the clusters of the definition set, or the 98
/// municipalities): the indicator, the period read, and the mean and standard deviation of the
/// transformed values it is standardised with.
public struct SimilarityVariableSummary: Sendable, Hashable {
    public var variable: SimilarityProfile.Variable
    public var indicator: Indicator
    public var period: Period
    public var mean: Double
    /// The sample standard deviation; 0 when every area has the same value (the variable then adds nothing).
    public var standardDeviation: Double
    public var areasWithValue: Int
}

/// The most similar clusters of every cluster of the definition set, and the most similar
/// municipalities of every municipality, by the profile (docs/similar-councils.md): each variable is
/// the indicator's figure in its latest period (a cluster's by the indicator's own rule), transformed,
/// standardised to a z-score over the areas compared, and the distance is the weighted Euclidean
/// distance of the z-scores. Ties are broken by id, so the choice is the same on every run.
public struct SimilarAreas: Sendable {
    public var profile: SimilarityProfile
    /// Cluster id → its most similar clusters, nearest first.
    public var clusters: [String: [SimilarNeighbour]]
    /// Municipality code → its most similar municipalities, nearest first.
    public var municipalities: [MunicipalityCode: [SimilarNeighbour]]
    /// The variables over the clusters and over the municipalities, in profile order.
    public var clusterVariables: [SimilarityVariableSummary]
    public var municipalityVariables: [SimilarityVariableSummary]
    /// The clusters' profile values, by cluster id (the front page and Dokumentation show them).
    public var clusterUnits: [String: SimilarityUnit]

    /// Decimals of a distance as shown.
    public static let distanceDecimals = 2

    /// Computes the similar areas of `inputs` by its profile. Problems with the profile against the
    /// data (too many neighbours for the map, a logarithm of a value that is not positive, a variable
    /// without periods) are thrown together, each with the profile's file and line; what only lowers
    /// the precision (an area without a shown value, a variable without spread) is returned as notices.
    public static func compute(_ inputs: DatapakkeInputs, profile: SimilarityProfile) throws(InputProblems) -> (
        areas: SimilarAreas, notices: [InputProblem]
    ) {
        var log = ProblemLog()
        var notices: [InputProblem] = []
        let definitions = inputs.definitions
        let clusterCount = definitions.clusters.count
        if profile.clusterNeighbours >= clusterCount {
            log.add(
                profile.clusterNeighboursLocation,
                "«sammenlignelige_raad» er \(profile.clusterNeighbours), men \(definitions.name) har kun \(clusterCount) "
                    + "\(clusterCount == 1 ? definitions.kind.singular : definitions.kind.plural); højst \(max(0, clusterCount - 1)) kan sammenlignes med hver"
            )
        }
        let municipalityCount = inputs.register.municipalities.count
        if profile.municipalityNeighbours >= municipalityCount {
            log.add(
                profile.municipalityNeighboursLocation,
                "«sammenlignelige_kommuner» er \(profile.municipalityNeighbours), men der er kun \(municipalityCount) kommuner; "
                    + "højst \(max(0, municipalityCount - 1)) kan sammenlignes med hver")
        }
        let builder = ReportBuilder(inputs: inputs)
        var clusterUnits = definitions.clusters.map { SimilarityUnit(id: $0.id, name: $0.name, values: []) }
        var municipalityUnits = inputs.register.municipalities.map { SimilarityUnit(id: String($0.code), name: $0.name, values: []) }
        var variables: [(variable: SimilarityProfile.Variable, indicator: Indicator, period: Period)] = []
        for variable in profile.variables {
            guard let indicator = inputs.catalogue.indicator(variable.indicatorID) else {
                log.add(variable.location, "ukendt indikator «\(variable.indicatorID)»")
                continue
            }
            guard let period = inputs.periods(of: indicator).last else {
                log.add(variable.location, "«\(indicator.id)» har ingen data, så den kan ikke indgå i profilen")
                continue
            }
            variables.append((variable, indicator, period))
            // Only shown values: a hidden value must not decide who is similar, or the choice would give it away.
            // An age-standardised indicator enters with its crude rate, which the pack shows beside the
            // standardised one: the profile describes the population as it is, age included.
            let table = builder.table(indicator, period: period)
            let scale = indicator.standardisation?.scale
            for index in clusterUnits.indices {
                let key = CellKey.cluster(clusterUnits[index].id)
                let figure = table.figures[key]
                clusterUnits[index].values.append(table.hidden[key] == nil ? (scale == nil ? figure?.value : figure?.crudeValue) : nil)
            }
            for index in municipalityUnits.indices {
                guard let code = MunicipalityCode(municipalityUnits[index].id) else { continue }
                let hidden = table.hidden[.municipality(code)] != nil
                let input = table.inputs[code]
                municipalityUnits[index].values.append(hidden ? nil : scale.map { input?.crudeRate(scale: $0) } ?? input?.value)
            }
            if variable.transformation == .logarithm {
                let units = clusterUnits + municipalityUnits
                let bad = units.filter { ($0.values.last ?? nil).map { $0 <= 0 } ?? false }.map(\.name)
                if !bad.isEmpty {
                    log.add(
                        variable.location,
                        "«transformation: log» kræver værdier over 0, men «\(indicator.id)» er 0 eller negativ for "
                            + "\(DanishText.list(Array(bad.prefix(5))))\(bad.count > 5 ? " og \(bad.count - 5) andre" : ""); brug «transformation: ingen»"
                    )
                }
            }
        }
        if !log.isEmpty { throw InputProblems(log.problems) }

        func summaries(_ units: [SimilarityUnit], what: String) -> [SimilarityVariableSummary] {
            variables.enumerated().map { index, entry in
                let values = units.compactMap { $0.values[index] }.map { transform($0, entry.variable.transformation) }
                let mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
                let variance =
                    values.count > 1 ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1) : 0
                let missing = units.filter { $0.values[index] == nil }.map(\.name)
                if !missing.isEmpty {
                    notices.append(
                        InputProblem(
                            entry.variable.location,
                            "«\(entry.indicator.id)» har intet vist tal \(entry.period.isDate ? "pr." : "i") \(entry.period.label) for "
                                + "\(DanishText.list(Array(missing.prefix(5))))\(missing.count > 5 ? " og \(missing.count - 5) andre" : "") "
                                + "(\(what)); afstanden til dem regnes på de øvrige variabler"))
                }
                let deviation = variance.squareRoot()
                if deviation == 0, !values.isEmpty {
                    notices.append(
                        InputProblem(
                            entry.variable.location, "«\(entry.indicator.id)» har samme værdi for alle \(what) og gør ingen forskel på dem")
                    )
                }
                return SimilarityVariableSummary(
                    variable: entry.variable, indicator: entry.indicator, period: entry.period, mean: mean,
                    standardDeviation: deviation, areasWithValue: values.count)
            }
        }
        let clusterSummaries = summaries(clusterUnits, what: definitions.kind.plural)
        let municipalitySummaries = summaries(municipalityUnits, what: "kommuner")
        let areas = SimilarAreas(
            profile: profile,
            clusters: Self.nearest(clusterUnits, summaries: clusterSummaries, count: profile.clusterNeighbours),
            municipalities: Dictionary(
                uniqueKeysWithValues: Self.nearest(
                    municipalityUnits, summaries: municipalitySummaries, count: profile.municipalityNeighbours
                )
                .compactMap { id, neighbours in MunicipalityCode(id).map { ($0, neighbours) } }),
            clusterVariables: clusterSummaries, municipalityVariables: municipalitySummaries,
            clusterUnits: Dictionary(uniqueKeysWithValues: clusterUnits.map { ($0.id, $0) }))
        return (areas, notices)
    }

    static func transform(_ value: Double, _ transformation: SimilarityProfile.Transformation) -> Double {
        switch transformation {
        case .none: return value
        case .logarithm: return log(value)
        }
    }

    /// The z-scores of a unit: (transformed value − mean) / standard deviation; 0 for a variable without
    /// spread, nil where the unit has no value.
    static func scores(_ unit: SimilarityUnit, summaries: [SimilarityVariableSummary]) -> [Double?] {
        summaries.indices.map { index in
            guard let value = unit.values[index] else { return nil }
            let summary = summaries[index]
            guard summary.standardDeviation > 0 else { return 0 }
            return (transform(value, summary.variable.transformation) - summary.mean) / summary.standardDeviation
        }
    }

    /// The weighted Euclidean distance of two units' z-scores: √(Σ wᵢ (zᵢ − z′ᵢ)²). A variable that
    /// either unit lacks is left out, and the sum is scaled up by Σ w / Σ w over the variables both have,
    /// so that a gap neither shortens nor lengthens the distance on average; nil when they share none.
    public static func distance(_ a: [Double?], _ b: [Double?], weights: [Double]) -> Double? {
        var sum = 0.0
        var used = 0.0
        for index in weights.indices {
            guard let x = a[index], let y = b[index] else { continue }
            sum += weights[index] * (x - y) * (x - y)
            used += weights[index]
        }
        guard used > 0 else { return nil }
        let total = weights.reduce(0, +)
        return (sum * total / used).squareRoot()
    }

    /// Every unit's `count` nearest other units, nearest first; a tie (equal to nine decimals) goes
    /// to the lower id, so the choice never depends on the order of the input or the last bits of
    /// floating-point arithmetic.
    static func nearest(_ units: [SimilarityUnit], summaries: [SimilarityVariableSummary], count: Int) -> [String: [SimilarNeighbour]] {
        let weights = summaries.map(\.variable.weight)
        let scores = units.map { Self.scores($0, summaries: summaries) }
        var result: [String: [SimilarNeighbour]] = [:]
        for (index, unit) in units.enumerated() {
            var candidates: [(key: Double, neighbour: SimilarNeighbour)] = []
            for (other, candidate) in units.enumerated() where other != index {
                guard let distance = distance(scores[index], scores[other], weights: weights) else { continue }
                candidates.append(
                    ((distance * 1e9).rounded() / 1e9, SimilarNeighbour(id: candidate.id, name: candidate.name, distance: distance)))
            }
            candidates.sort { ($0.key, idOrder($0.neighbour.id)) < ($1.key, idOrder($1.neighbour.id)) }
            result[unit.id] = candidates.prefix(count).map(\.neighbour)
        }
        return result
    }

    /// Ids in order: municipality codes as numbers, cluster ids as text.
    private static func idOrder(_ id: String) -> String {
        Int(id).map { String(format: "%012d", $0) } ?? id
    }
}
