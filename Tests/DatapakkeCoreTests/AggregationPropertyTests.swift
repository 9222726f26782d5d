import DatapakkeTestSupport
import PropertyBased
import Testing

@testable import DatapakkeCore

/// Invariants of the weighting rules (docs/weighting.md), over random municipalities.
@Suite struct AggregationPropertyTests {
    static let kinds: [Aggregation] = [.count, .ratio(scale: 1000), .weighted(base: .aged65plus), .notAdditive(approximateBy: .total)]

    /// A random municipality: a value that may be missing, a numerator and denominator, a weight.
    static let member = zip(
        Gen.double(in: 0...500).optional(valueRate: 0.8),
        Gen.int(in: 0...400),
        Gen.int(in: 1...20_000),
        Gen.double(in: 1...300_000)
    ).map { value, numerator, denominator, weight in
        MunicipalInput(value: value, numerator: Double(numerator), denominator: Double(denominator + numerator), weight: weight)
    }

    static func whole(_ inputs: [MunicipalInput]) -> [(share: Double, input: MunicipalInput)] {
        inputs.map { (share: 1.0, input: $0) }
    }

    @Test func orderOfMunicipalitiesDoesNotMatter() async {
        await propertyCheck(input: Self.member.array(of: 1...12), Gen.int(in: 0...11)) { members, rotation in
            let k = rotation % members.count
            let reordered = Array(members[k...] + members[..<k]).reversed()
            for kind in Self.kinds {
                let a = Aggregator.aggregate(kind, Self.whole(members))
                let b = Aggregator.aggregate(kind, Self.whole(Array(reordered)))
                #expect(a.coverage.municipalitiesWithValue == b.coverage.municipalitiesWithValue)
                #expect(a.coverage.municipalities == b.coverage.municipalities)
                if let x = a.coverage.weightShare { #expect(isClose(b.coverage.weightShare, x)) }
                if let x = a.value, let y = b.value {
                    #expect(abs(x - y) <= 1e-9 * max(1, abs(x)))
                } else {
                    #expect(a.value == nil && b.value == nil)
                }
            }
        }
    }

    @Test func aClusterOfOneEqualsItsMunicipality() async {
        await propertyCheck(input: Self.member) { input in
            let count = Aggregator.aggregate(.count, Self.whole([input]))
            #expect(count.value == input.value)
            let weighted = Aggregator.aggregate(.weighted(base: .total), Self.whole([input]))
            if let value = input.value {
                #expect(isClose(weighted.value, value))
            } else {
                #expect(weighted.value == nil)
            }
            let ratio = Aggregator.aggregate(.ratio(scale: 100), Self.whole([input]))
            #expect(isClose(ratio.value, (input.numerator ?? 0) / (input.denominator ?? 1) * 100))
        }
    }

    @Test func scalingEveryWeightChangesNothing() async {
        await propertyCheck(input: Self.member.array(of: 1...10), Gen.double(in: 0.01...1000)) { members, factor in
            let scaled = members.map { input in
                MunicipalInput(
                    value: input.value, numerator: input.numerator.map { $0 * factor },
                    denominator: input.denominator.map { $0 * factor }, weight: input.weight.map { $0 * factor })
            }
            for kind in [Aggregation.weighted(base: .total), .ratio(scale: 100)] {
                let a = Aggregator.aggregate(kind, Self.whole(members)).value
                let b = Aggregator.aggregate(kind, Self.whole(scaled)).value
                if let a { #expect(isClose(b, a, tolerance: 1e-9)) } else { #expect(b == nil) }
            }
        }
    }

    @Test func aWeightedFigureLiesBetweenItsMunicipalities() async {
        await propertyCheck(input: Self.member.array(of: 1...12)) { members in
            let values = members.compactMap(\.value)
            let figure = Aggregator.aggregate(.weighted(base: .total), Self.whole(members))
            guard let low = values.min(), let high = values.max() else {
                #expect(figure.value == nil)
                return
            }
            let value = try #require(figure.value)
            #expect(value >= low - 1e-9 && value <= high + 1e-9)
        }
    }

    @Test func aMissingValueIsNeverAZero() async {
        await propertyCheck(input: Self.member.array(of: 1...10), Gen.double(in: 1...100_000)) { members, weight in
            let withGap = members + [MunicipalInput(value: nil, numerator: nil, denominator: nil, weight: weight)]
            for kind in Self.kinds {
                let a = Aggregator.aggregate(kind, Self.whole(members))
                let b = Aggregator.aggregate(kind, Self.whole(withGap))
                #expect(a.value == b.value)
                #expect(b.coverage.municipalities == a.coverage.municipalities + 1)
                #expect(b.coverage.municipalitiesWithValue == a.coverage.municipalitiesWithValue)
            }
        }
    }
}

/// The country figure is the same rule applied to all 98 municipalities, and agrees with the regions.
@Suite struct CountryConsistencyTests {
    @Test func countryEqualsTheRuleOverAllMunicipalitiesAndAddsUpFromTheRegions() throws {
        let inputs = try ShippedInputs.councils()
        let engine = FigureEngine(inputs: inputs)
        let country = Area.country(inputs.register)
        #expect(country.members.count == 98)
        let regions = inputs.definitions.regions.map { Area.region($0, in: inputs.definitions) }
        #expect(regions.reduce(0) { $0 + $1.members.count } == 98)
        var checked = 0
        for indicator in inputs.catalogue.indicators {
            for period in inputs.periods(of: indicator) {
                let whole = engine.figure(indicator, period: period, area: country)
                // The same rule written out here over the 98 municipalities' inputs, not through the
                // Aggregator that the engine itself calls.
                let members = inputs.register.municipalities.map { engine.input(indicator, period: period, municipality: $0.code) }
                let direct = Self.ruleByHand(indicator.aggregation, members, standardWeights: engine.standardWeights[indicator.id])
                #expect(whole.coverage.municipalities == 98)
                #expect(whole.coverage.municipalitiesWithValue == direct.covered)
                #expect(whole.isApproximation == direct.isApproximation)
                for (name, figure, expected) in [
                    ("value", whole.value, direct.value), ("numerator", whole.numerator, direct.numerator),
                    ("denominator", whole.denominator, direct.denominator), ("weight", whole.weight, direct.weight),
                    ("weight share", whole.coverage.weightShare, direct.weightShare),
                ] {
                    if let expected {
                        #expect(isClose(figure, expected), "\(indicator.id) \(period) \(name)")
                    } else {
                        #expect(figure == nil, "\(indicator.id) \(period) \(name)")
                    }
                }
                let parts = regions.map { engine.figure(indicator, period: period, area: $0) }
                switch indicator.aggregation {
                case .count, .population:
                    #expect(isClose(whole.value, parts.compactMap(\.value).reduce(0, +)))
                case .ratio(let scale), .populationShare(_, _, let scale):
                    let top = parts.compactMap(\.numerator).reduce(0, +)
                    let bottom = parts.compactMap(\.denominator).reduce(0, +)
                    #expect(isClose(whole.value, top / bottom * scale))
                case .weighted, .notAdditive(approximateBy: .some):
                    let sum = parts.reduce(0) { $0 + ($1.value ?? 0) * ($1.weight ?? 0) }
                    let weight = parts.reduce(0) { $0 + ($1.value == nil ? 0 : ($1.weight ?? 0)) }
                    #expect(isClose(whole.value, sum / weight))
                case .notAdditive(approximateBy: nil):
                    #expect(whole.value == nil)
                case .standardised(let standardisation):
                    // The crude rate adds up like a fraction; the DSR is the country's own (above).
                    let top = parts.compactMap(\.numerator).reduce(0, +)
                    let bottom = parts.compactMap(\.denominator).reduce(0, +)
                    #expect(isClose(whole.crudeValue, top / bottom * standardisation.scale))
                }
                checked += 1
            }
        }
        #expect(checked > 40)
    }

    /// DESIGN.md §3 for members that each count whole: which members have what the rule needs, and
    /// the sums it makes of them.
    static func ruleByHand(_ aggregation: Aggregation, _ members: [MunicipalInput], standardWeights: [Double]? = nil)
        -> (
            value: Double?, numerator: Double?, denominator: Double?, weight: Double?, weightShare: Double?, covered: Int,
            isApproximation: Bool
        )
    {
        let covered: [MunicipalInput] =
            switch aggregation {
            case .count, .population: members.filter { $0.value != nil }
            case .ratio, .populationShare: members.filter { $0.numerator != nil && $0.denominator != nil }
            case .weighted, .notAdditive: members.filter { $0.value != nil && $0.weight != nil }
            case .standardised: members.filter { $0.bandEvents != nil && $0.bandPopulations != nil }
            }
        func sum(_ values: [Double?]) -> Double { values.reduce(0) { $0 + ($1 ?? 0) } }
        let allWeights = members.compactMap(\.weight)
        let weightShare = allWeights.count == members.count && sum(allWeights) > 0 ? sum(covered.map(\.weight)) / sum(allWeights) : nil
        guard !covered.isEmpty else { return (nil, nil, nil, nil, weightShare, 0, false) }
        let weight = sum(covered.map(\.weight))
        switch aggregation {
        case .count, .population:
            let total = sum(covered.map(\.value))
            return (total, total, nil, weight, weightShare, covered.count, false)
        case .ratio(let scale), .populationShare(_, _, let scale):
            let top = sum(covered.map(\.numerator))
            let bottom = sum(covered.map(\.denominator))
            return (bottom > 0 ? top / bottom * scale : nil, top, bottom, weight, weightShare, covered.count, false)
        case .weighted, .notAdditive(approximateBy: .some):
            let value = weight > 0 ? sum(covered.map { ($0.value ?? 0) * ($0.weight ?? 0) }) / weight : nil
            // Only a weighted mean of a figure that is not additive is an approximation.
            let isApproximation = if case .notAdditive = aggregation { true } else { false }
            return (value, nil, nil, weight, weightShare, covered.count, isApproximation)
        case .notAdditive(approximateBy: nil):
            return (nil, nil, nil, weight, weightShare, covered.count, false)
        case .standardised(let standardisation):
            // Each band's events and residents summed over the members, its rate weighted by the standard.
            let weights = standardWeights ?? []
            var weighted = 0.0
            var events = 0.0
            for (band, standard) in weights.enumerated() {
                let bandEvents = sum(covered.map { $0.bandEvents?[band] })
                weighted += standard * bandEvents / sum(covered.map { $0.bandPopulations?[band] })
                events += bandEvents
            }
            let value = events >= 10 ? weighted / weights.reduce(0, +) * standardisation.scale : nil
            return (value, sum(covered.map(\.numerator)), sum(covered.map(\.denominator)), weight, weightShare, covered.count, false)
        }
    }
}
