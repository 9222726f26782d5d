import Foundation

/// A directly standardised rate: the rate the area would have with the standard population's make-up
/// (docs/statistics.md#directly-standardised-rates-and-dobsons-method).
public struct DirectlyStandardisedRate: Sendable, Hashable, Codable {
    /// Σ wᵢ Oᵢ / nᵢ / Σ wᵢ × multiplier.
    public var value: Double
    /// O = Σ Oᵢ, the events over all bands.
    public var events: Double
    /// Σ nᵢ, the area's population over all bands.
    public var population: Double
    /// var(DSR) = Σ wᵢ² Oᵢ / nᵢ² / (Σ wᵢ)², without the multiplier.
    public var variance: Double
    public var multiplier: Double

    /// Below this many events Fingertips and PHStatsMethods' `ph_dsr` publish no DSR: 10.
    public static let minimumEvents = 10.0

    /// The DSR of an area from its events and population per band (e.g. age group) and the standard
    /// population's weights for the same bands, times `multiplier` (100.000 in Fingertips). Nil when
    /// the lists are empty or differ in length, a count or weight is negative or not finite, a band's
    /// population is not above 0, the weights sum to 0, or there are fewer than `minimumEvents` events.
    public init?(events: [Double], populations: [Double], standardPopulation weights: [Double], multiplier: Double = 100_000) {
        guard !events.isEmpty, events.count == populations.count, events.count == weights.count,
            ConfidenceIntervals.isPositive(multiplier)
        else { return nil }
        var weighted = 0.0
        var squared = 0.0
        var totalWeight = 0.0
        var totalEvents = 0.0
        var totalPopulation = 0.0
        for (count, (population, weight)) in zip(events, zip(populations, weights)) {
            guard ConfidenceIntervals.isCount(count), ConfidenceIntervals.isPositive(population),
                ConfidenceIntervals.isCount(weight)
            else { return nil }
            // As PHStatsMethods: Oᵢ wᵢ / nᵢ and Oᵢ (wᵢ / nᵢ)², each band on its own.
            weighted += count * weight / population
            squared += count * (weight / population) * (weight / population)
            totalWeight += weight
            totalEvents += count
            totalPopulation += population
        }
        guard totalWeight > 0, totalEvents >= Self.minimumEvents else { return nil }
        value = weighted / totalWeight * multiplier
        variance = 1 / (totalWeight * totalWeight) * squared
        self.events = totalEvents
        self.population = totalPopulation
        self.multiplier = multiplier
    }

    /// Dobson's interval: DSR + √(var / O) × (O_limit − O) × multiplier, with O's limits by Byar's
    /// method (Dobson et al. 1991, as PHStatsMethods' `dobson_lower`/`dobson_upper`).
    public func interval(level: ConfidenceLevel = .percent95) -> ConfidenceInterval? {
        let (lower, upper) = ConfidenceIntervals.byarCount(events, level: level)
        let scale = (variance / events).squareRoot()
        let result = ConfidenceInterval(
            lower: value + scale * (lower - events) * multiplier, upper: value + scale * (upper - events) * multiplier,
            level: level, method: .dobson)
        return result.lower.isFinite && result.upper.isFinite ? result : nil
    }
}
