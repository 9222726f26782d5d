/// Computes figures for any area from the loaded inputs, by each indicator's rule.
public struct FigureEngine: Sendable {
    public let inputs: DatapakkeInputs

    public init(inputs: DatapakkeInputs) {
        self.inputs = inputs
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
        return Aggregator.aggregate(indicator.aggregation, members)
    }
}
