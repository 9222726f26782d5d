/// Computes figures for any area from the loaded inputs, by each indicator's rule.
public struct FigureEngine: Sendable {
    public let inputs: DatapakkeInputs
    /// The standard population's weight of each band, by age-standardised indicator, in the order of
    /// its bands; absent when a Danish standard date lacks a municipality's bands (`check` says so).
    public let standardWeights: [String: [Double]]

    public init(inputs: DatapakkeInputs) {
        self.inputs = inputs
        var weights: [String: [Double]] = [:]
        for indicator in inputs.catalogue.indicators {
            guard let standardisation = indicator.standardisation else { continue }
            weights[indicator.id] = Self.standardWeights(standardisation, population: inputs.population, register: inputs.register)
        }
        standardWeights = weights
    }

    /// ESP 2013's weights of the bands, or the whole country's population in each band on the
    /// standard date (every municipality of the register; nil if one lacks its bands).
    public static func standardWeights(
        _ standardisation: AgeStandardisation, population: PopulationTable, register: MunicipalityRegister
    ) -> [Double]? {
        let bands = standardisation.bands.bands
        switch standardisation.standard {
        case .esp2013:
            return bands.map { StandardPopulation.esp2013Weights[$0.index] }
        case .danish(let date):
            var weights = Array(repeating: 0.0, count: bands.count)
            for municipality in register.municipalities {
                for (index, band) in bands.enumerated() {
                    guard let count = population.count(band, municipality: municipality.code, date: date) else { return nil }
                    weights[index] += count
                }
            }
            return weights
        }
    }

    /// One municipality's inputs for an indicator and period (value, numerator, denominator, weight).
    public func input(_ indicator: Indicator, period: Period, municipality: MunicipalityCode) -> MunicipalInput {
        let population = inputs.population
        switch indicator.aggregation {
        case .population(let group):
            let count = population.count(group, municipality: municipality, date: period)
            return MunicipalInput(value: count, weight: count)
        case .populationShare(let top, let bottom, let scale):
            let numerator = population.count(top, municipality: municipality, date: period)
            let denominator = population.count(bottom, municipality: municipality, date: period)
            var value: Double?
            if let numerator, let denominator, denominator > 0 { value = numerator / denominator * scale }
            return MunicipalInput(value: value, numerator: numerator, denominator: denominator, weight: denominator)
        case .standardised(let standardisation):
            let date = inputs.populationDate(for: indicator, period: period)
            let bands = standardisation.bands.bands
            let populations = bands.compactMap { population.count($0, municipality: municipality, date: date) }
            let residents = populations.count == bands.count ? populations.reduce(0, +) : nil
            guard let residents, let observation = inputs.observations[indicator.id]?[period]?[municipality],
                let events = observation.ageBands?.events(in: bands)
            else {
                return MunicipalInput(weight: residents)
            }
            let dsr = standardWeights[indicator.id].flatMap {
                DirectlyStandardisedRate(
                    events: events, populations: populations, standardPopulation: $0, multiplier: standardisation.scale)
            }
            return MunicipalInput(
                value: dsr?.value, numerator: events.reduce(0, +), denominator: residents, weight: residents, bandEvents: events,
                bandPopulations: populations, standardised: dsr)
        default:
            let weight = population.count(
                indicator.weightBase, municipality: municipality, date: inputs.populationDate(for: indicator, period: period))
            guard let observation = inputs.observations[indicator.id]?[period]?[municipality] else {
                return MunicipalInput(weight: weight)
            }
            var value = observation.value
            if case .ratio(let scale) = indicator.aggregation, let top = observation.numerator, let bottom = observation.denominator {
                value = bottom > 0 ? top / bottom * scale : nil
            }
            return MunicipalInput(value: value, numerator: observation.numerator, denominator: observation.denominator, weight: weight)
        }
    }

    /// The figure of an indicator for an area in a period.
    public func figure(_ indicator: Indicator, period: Period, area: Area) -> Figure {
        let members = area.members.map { member in
            (share: member.share, input: input(indicator, period: period, municipality: member.code))
        }
        return Aggregator.aggregate(indicator.aggregation, members, standardWeights: standardWeights[indicator.id])
    }
}
