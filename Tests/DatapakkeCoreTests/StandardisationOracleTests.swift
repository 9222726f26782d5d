import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeCore

/// Every directly standardised figure the tool computes, and its Dobson interval, against PHStatsMethods'
/// `ph_dsr` (docs/statistics.md#verification): every municipality, cluster, region and the country of
/// both shipped maps, and of the `aldersstandardisering` fixture, to 10⁻⁹ relative. The band sums the
/// oracle gets are added up here from the data rows, not by the tool's Aggregator, and ESP 2013 is
/// PHStatsMethods' own table.
@Suite struct StandardisationOracleTests {
    @Test func esp2013IsPHStatsMethodsTable() throws {
        let result = try #require(try StatisticsTests().runOracle([OracleCase(id: "0", kind: "espWeights")]).first)
        #expect(result.bands == AgeBand.all.map(\.label))
        #expect(result.weights == StandardPopulation.esp2013Weights)
    }

    @Test func shippedStandardisedFiguresAgreeWithPHStatsMethods() throws {
        let councils = try ShippedInputs.councils()
        var comparison = Comparison()
        comparison.add(councils)
        comparison.add(try ShippedInputs.clusters2022(), municipalities: false)
        // Two indicators, two periods: 98 municipalities, 17 councils, 22 clusters, 4 + 5 regions, the country twice.
        #expect(comparison.figures.count == 2 * 2 * (98 + 17 + 22 + 4 + 5 + 2))
        let agreement = try comparison.run()
        #expect(agreement.compared > 2_000)
        print("StandardisationOracleTests shipped data: \(agreement)")
    }

    @Test func fixtureFiguresAgreeWithPHStatsMethodsAtTheEdges() throws {
        // Sorø has no events in a band, Læsø 6 (no DSR), Bornholm 4, Frederiksberg none shown; København is split.
        var comparison = Comparison()
        comparison.add(try loadFixture("aldersstandardisering"))
        let agreement = try comparison.run()
        #expect(comparison.figures.contains { $0.figure == nil })
        #expect(agreement.compared > 50)
    }

    /// The tool's DSRs beside the cases that give PHStatsMethods the same bands.
    struct Comparison {
        var cases = OracleCases()
        var figures: [(label: String, figure: DirectlyStandardisedRate?, crude: Double?)] = []

        /// Every standardised indicator and period of `inputs`: the municipalities (unless told not
        /// to), the definition set's clusters and regions, and the country.
        mutating func add(_ inputs: DatapakkeInputs, municipalities: Bool = true) {
            let engine = FigureEngine(inputs: inputs)
            let definitions = inputs.definitions
            var areas = definitions.clusters.map { Area.cluster($0) } + definitions.regions.map { Area.region($0, in: definitions) }
            areas.append(.country(inputs.register))
            if municipalities { areas += inputs.register.municipalities.map { Area.municipality($0) } }
            for indicator in inputs.catalogue.indicators {
                guard let standardisation = indicator.standardisation else { continue }
                let bands = standardisation.bands.bands
                for period in inputs.periods(of: indicator) {
                    let date = inputs.populationDate(for: indicator, period: period)
                    for area in areas {
                        var events = Array(repeating: 0.0, count: bands.count)
                        var populations = Array(repeating: 0.0, count: bands.count)
                        var members = 0
                        for member in area.members {
                            guard let counts = inputs.observations[indicator.id]?[period]?[member.code]?.ageBands?.events(in: bands) else {
                                continue
                            }
                            members += 1
                            for (index, band) in bands.enumerated() {
                                events[index] += member.share * counts[index]
                                populations[index] +=
                                    member.share * (inputs.population.count(band, municipality: member.code, date: date) ?? .nan)
                            }
                        }
                        guard members > 0 else { continue }
                        let label = "\(indicator.id) \(period) \(area.level.rawValue) \(area.id)"
                        switch standardisation.standard {
                        case .esp2013:
                            cases.add(
                                .dsr(events: events, populations: populations, bands: bands, multiplier: standardisation.scale),
                                label: label)
                        case .danish(let standardDate):
                            // The whole country's residents in each band on the standard date, summed here.
                            let weights = bands.map { band in
                                inputs.register.municipalities.reduce(0.0) {
                                    $0 + (inputs.population.count(band, municipality: $1.code, date: standardDate) ?? .nan)
                                }
                            }
                            cases.add(
                                .dsr(events: events, populations: populations, standard: weights, multiplier: standardisation.scale),
                                label: label)
                        }
                        let figure = engine.figure(indicator, period: period, area: area)
                        figures.append((label, figure.standardised, figure.crudeValue))
                        let crude = events.reduce(0, +) / populations.reduce(0, +) * standardisation.scale
                        #expect(isRelativelyClose(figure.crudeValue, crude, tolerance: 1e-12), "\(label) crude")
                    }
                }
            }
        }

        /// Runs the oracle and compares the DSR and its 95 % and 99,8 % intervals with the tool's.
        func run() throws -> Agreement {
            try Python.require("PHStatsMethods")
            let results = try StatisticsTests().runOracle(cases.cases)
            try #require(results.count == figures.count)
            var agreement = Agreement(tolerance: 1e-9)
            let levels: [Double: ConfidenceLevel] = [0.95: .percent95, 0.998: .percent99point8]
            for ((label, figure, _), result) in zip(figures, results) {
                agreement.check(figure?.value, result.value, "\(label) DSR")
                for interval in result.intervals ?? [] {
                    guard let level = levels[interval.level] else { continue }
                    let ours = figure?.interval(level: level)
                    #expect(ours == nil || ours?.method == .dobson)
                    agreement.check(ours?.lower, interval.lower, "\(label) \(level) lower")
                    agreement.check(ours?.upper, interval.upper, "\(label) \(level) upper")
                }
            }
            for failure in agreement.failures.prefix(20) { Issue.record(Comment(rawValue: failure)) }
            #expect(agreement.failures.isEmpty, "\(agreement.failures.count) disagreements")
            return agreement
        }
    }
}
