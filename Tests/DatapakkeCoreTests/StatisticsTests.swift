import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeCore

/// The statistics of docs/statistics.md: hand-computed cases, edge cases, and every interval, DSR and
/// funnel limit compared with PHStatsMethods (the oracle in `Oracles/`), on hand cases and on every
/// area of the shipped ratio indicators.
@Suite struct StatisticsTests {
    // MARK: Hand-computed

    @Test func wilsonByHand() throws {
        // 81 of 263 (Newcombe 1998's example, whose table gives 0,2553 to 0,3662), 95 %:
        //   z = Φ⁻¹(0,975) = 1,959963984540054, z² = 3,8414588206941254
        //   4r(1 − r/n) = 324 × 182/263 = 224,21292775665395; + z² = 228,05438657734808
        //   √228,05438657734808 = 15,10146968269473; × z = 29,59833669170519
        //   2r + z² = 165,84145882069413; 2(n + z²) = 533,6829176413883
        //   lower = (165,84145882069413 − 29,59833669170519) / 533,6829176413883 = 0,2552885198782742
        //   upper = (165,84145882069413 + 29,59833669170519) / 533,6829176413883 = 0,36620957698280004
        let interval = try #require(ConfidenceIntervals.wilson(numerator: 81, denominator: 263, multiplier: 100))
        #expect(isRelativelyClose(interval.lower, 25.52885198782742))
        #expect(isRelativelyClose(interval.upper, 36.620957698280004))
        #expect(interval.method == .wilson && interval.level == .percent95)
        #expect(isRelativelyClose(ConfidenceLevel.percent95.z, 1.959963984540054, tolerance: 1e-15))
        #expect(isRelativelyClose(ConfidenceLevel.percent99point8.z, 3.090232306167813, tolerance: 1e-15))
    }

    @Test func exactPoissonByHand() throws {
        // 0 events, 95 %: the upper limit λ has P(X = 0 | λ) = e^(−λ) = 0,025, so λ = −ln 0,025
        //   = 3,6888794541139363 (χ²(0,975; 2) / 2); the lower limit is 0. Per 1.000 of 1.000 persons
        //   the rate's limits are the same numbers.
        let none = try #require(ConfidenceIntervals.exactPoisson(events: 0, denominator: 1000, multiplier: 1000))
        #expect(none.lower == 0)
        #expect(isRelativelyClose(none.upper, 3.6888794541139363))
        // 1 event, 95 %: lower λ has P(X ≥ 1) = 1 − e^(−λ) = 0,025, so λ = −ln 0,975 = 0,025317807984289897;
        //   upper λ has P(X ≤ 1) = e^(−λ)(1 + λ) = 0,025, solved by bisection: λ = 5,571643390938898.
        let one = try #require(ConfidenceIntervals.exactPoisson(events: 1, denominator: 1))
        #expect(isRelativelyClose(one.lower, 0.025317807984289897))
        #expect(isRelativelyClose(one.upper, 5.571643390938898))
        // The switch: 9 events are exact, 10 Byar.
        #expect(ConfidenceIntervals.poissonRate(events: 9, denominator: 100)?.method == .exactPoisson)
        #expect(ConfidenceIntervals.poissonRate(events: 10, denominator: 100)?.method == .byar)
    }

    @Test func byarAndDobsonByHand() throws {
        // Byar, 100 events, 95 %: 100 × (1 − 1/900 − 1,959963984540054/30)³ = 100 × 0,932555…³
        //   and 101 × (1 − 1/909 + 1,959963984540054/(3√101))³.
        let z = 1.959963984540054
        let byar = try #require(ConfidenceIntervals.byar(events: 100, denominator: 1))
        #expect(isRelativelyClose(byar.lower, 100 * pow(1 - 1.0 / 900 - z / 30, 3)))
        #expect(isRelativelyClose(byar.upper, 101 * pow(1 - 1.0 / 909 + z / (3 * 101.0.squareRoot()), 3)))
        // DSR of two bands, 10 events among 1.000 and 20 among 500, standard weights 3 and 1, per 1.000:
        //   (3 × 10/1.000 + 1 × 20/500) / 4 × 1.000 = (0,03 + 0,04) / 4 × 1.000 = 17,5;
        //   var = (9 × 10/1.000² + 1 × 20/500²) / 16 = (0,00009 + 0,00008) / 16 = 0,000010625.
        let dsr = try #require(
            DirectlyStandardisedRate(events: [10, 20], populations: [1000, 500], standardPopulation: [3, 1], multiplier: 1000))
        #expect(isRelativelyClose(dsr.value, 17.5))
        #expect(isRelativelyClose(dsr.variance, 0.000010625))
        // Dobson: 17,5 + √(0,000010625 / 30) × (Byar's limit of 30 − 30) × 1.000.
        let limits = ConfidenceIntervals.byarCount(30, level: .percent95)
        let interval = try #require(dsr.interval())
        #expect(isRelativelyClose(interval.lower, 17.5 + (0.000010625 / 30).squareRoot() * (limits.0 - 30) * 1000))
        #expect(isRelativelyClose(interval.upper, 17.5 + (0.000010625 / 30).squareRoot() * (limits.1 - 30) * 1000))
    }

    @Test func newcombesExample() throws {
        // Newcombe (1998), "Interval estimation for the difference between independent proportions",
        // example (a): 56/70 − 48/80 = 0,2, method 10 gives 0,0524 to 0,3339.
        let change = try #require(ChangeTest.proportion(latest: (56, 70), previous: (48, 80)))
        #expect(isRelativelyClose(change.estimate, 0.2))
        #expect(abs(change.interval.lower - 0.0524) < 0.00005)
        #expect(abs(change.interval.upper - 0.3339) < 0.00005)
        #expect(change.significance == .higher)
        // At 99,8 % the same change is not significant (its interval reaches below 0).
        #expect(
            ChangeTest.proportion(latest: (56, 70), previous: (48, 80), level: .percent99point8)?.significance == .notSignificantlyDifferent
        )
    }

    @Test func rateChangeIsTheConditionalBinomial() throws {
        // 30 events among 1.000 now, 15 among 1.000 before: of 45 events 30 fell in the latest
        // period; no change would put half there. Wilson's 95 % interval for 30/45 is
        // 0,5209 to 0,7868, which excludes 0,5: the rate rose. Ratio 2, interval π/(1 − π).
        let change = try #require(ChangeTest.rate(latest: (30, 1000), previous: (15, 1000)))
        let share = try #require(ConfidenceIntervals.wilson(numerator: 30, denominator: 45))
        #expect(isRelativelyClose(change.estimate, 2))
        #expect(isRelativelyClose(change.interval.lower, share.lower / (1 - share.lower)))
        #expect(isRelativelyClose(change.interval.upper, share.upper / (1 - share.upper)))
        #expect(change.significance == .higher)
        #expect(ChangeTest.rate(latest: (15, 1000), previous: (30, 1000))?.significance == .lower)
        #expect(ChangeTest.rate(latest: (16, 1000), previous: (15, 1000))?.significance == .notSignificantlyDifferent)
        // No events in either period: nothing to test. None before: the ratio has no upper bound.
        #expect(ChangeTest.rate(latest: (0, 1000), previous: (0, 1000)) == nil)
        #expect(ChangeTest.rate(latest: (5, 1000), previous: (0, 1000))?.interval.upper == .infinity)
    }

    @Test func significanceIsTheIntervalAgainstTheReference() {
        let interval = ConfidenceInterval(lower: 10, upper: 12, level: .percent95, method: .wilson)
        #expect(Significance(interval, reference: 9.9) == .higher)
        #expect(Significance(interval, reference: 12.1) == .lower)
        #expect(Significance(interval, reference: 11) == .notSignificantlyDifferent)
        // A bound equal to the reference does not exclude it.
        #expect(Significance(interval, reference: 10) == .notSignificantlyDifferent)
        #expect(Significance(interval, reference: 12) == .notSignificantlyDifferent)
        let limits = ControlLimits(lower: 5, upper: 7, level: .percent99point8)
        #expect(Significance(value: 7.5, limits: limits) == .higher)
        #expect(Significance(value: 4.5, limits: limits) == .lower)
        #expect(Significance(value: 7, limits: limits) == .notSignificantlyDifferent)
    }

    @Test func funnelLimitsAreTheIntervalTestTurnedAround() throws {
        // A proportion exactly on the 95 % upper limit has a Wilson interval whose lower bound is the target.
        for denominator in [20.0, 150, 4_000, 250_000] {
            let limits = try #require(FunnelLimits.proportion(target: 12, denominator: denominator, multiplier: 100))
            let onLimit = try #require(
                ConfidenceIntervals.wilson(numerator: limits.upper / 100 * denominator, denominator: denominator, multiplier: 100))
            #expect(isRelativelyClose(onLimit.lower, 12, tolerance: 1e-9))
            // The lower limit is clipped at 0 for small denominators (20 persons: 0 of 20 is not significant).
            guard limits.lower > 0 else { continue }
            let onLower = try #require(
                ConfidenceIntervals.wilson(numerator: limits.lower / 100 * denominator, denominator: denominator, multiplier: 100))
            #expect(isRelativelyClose(onLower.upper, 12, tolerance: 1e-9))
        }
        // A rate on the upper limit has an exact lower limit equal to the target (whole counts here).
        let rate = try #require(FunnelLimits.rate(target: 5, denominator: 20_000, multiplier: 1000))
        let events = rate.upper * 20_000 / 1000
        let exact = try #require(ConfidenceIntervals.exactPoisson(events: events, denominator: 20_000, multiplier: 1000))
        #expect(isRelativelyClose(exact.lower, 5, tolerance: 1e-9))
        // Under 3,69 expected events there is no lower limit above 0.
        #expect(FunnelLimits.rate(target: 5, denominator: 700, multiplier: 1000)?.lower == 0)
        #expect(try #require(FunnelLimits.rate(target: 5, denominator: 800, multiplier: 1000)).lower > 0)
    }

    // MARK: Edges and invalid inputs

    @Test func edgeCasesGiveIntervalsAndInvalidInputsGiveNil() throws {
        // 0 of n, n of n, 1 of 1: the interval touches 0 or the multiplier and stays inside.
        let zero = try #require(ConfidenceIntervals.wilson(numerator: 0, denominator: 40, multiplier: 100))
        #expect(zero.lower == 0 && zero.upper > 0 && zero.upper < 100)
        let all = try #require(ConfidenceIntervals.wilson(numerator: 40, denominator: 40, multiplier: 100))
        #expect(all.upper == 100 && all.lower > 0 && all.lower < 100)
        let one = try #require(ConfidenceIntervals.wilson(numerator: 1, denominator: 1, level: .percent99point8))
        #expect(one.upper == 1 && one.lower > 0)
        #expect(ConfidenceIntervals.poissonRate(events: 0, denominator: 1)?.lower == 0)
        #expect(try #require(ConfidenceIntervals.poissonRate(events: 3, denominator: 1)).upper > 3)

        let invalid: [ConfidenceInterval?] = [
            ConfidenceIntervals.wilson(numerator: 5, denominator: 4),
            ConfidenceIntervals.wilson(numerator: -1, denominator: 4),
            ConfidenceIntervals.wilson(numerator: 0, denominator: 0),
            ConfidenceIntervals.wilson(numerator: 1, denominator: -4),
            ConfidenceIntervals.wilson(numerator: .nan, denominator: 4),
            ConfidenceIntervals.wilson(numerator: 1, denominator: .infinity),
            ConfidenceIntervals.wilson(numerator: 1, denominator: 4, multiplier: 0),
            ConfidenceIntervals.exactPoisson(events: -1, denominator: 4),
            ConfidenceIntervals.exactPoisson(events: 1, denominator: 0),
            ConfidenceIntervals.exactPoisson(events: .infinity, denominator: 4),
            ConfidenceIntervals.byar(events: -3, denominator: 4),
            ConfidenceIntervals.byar(events: 3, denominator: 0),
            ConfidenceIntervals.poissonRate(events: .nan, denominator: 4),
            ConfidenceIntervals.poissonRate(events: 4, denominator: -1),
        ]
        #expect(invalid.allSatisfy { $0 == nil })
        #expect(ConfidenceLevel(0) == nil && ConfidenceLevel(1) == nil && ConfidenceLevel(.nan) == nil)

        #expect(DirectlyStandardisedRate(events: [], populations: [], standardPopulation: []) == nil)
        #expect(DirectlyStandardisedRate(events: [10, 5], populations: [100], standardPopulation: [1, 1]) == nil)
        #expect(DirectlyStandardisedRate(events: [10, 5], populations: [100, 0], standardPopulation: [1, 1]) == nil)
        #expect(DirectlyStandardisedRate(events: [10, -5], populations: [100, 10], standardPopulation: [1, 1]) == nil)
        #expect(DirectlyStandardisedRate(events: [10, 5], populations: [100, 10], standardPopulation: [0, 0]) == nil)
        // Fewer than 10 events: no DSR, as Fingertips.
        #expect(DirectlyStandardisedRate(events: [4, 5], populations: [100, 10], standardPopulation: [1, 1]) == nil)

        #expect(FunnelLimits.proportion(target: 101, denominator: 10, multiplier: 100) == nil)
        #expect(FunnelLimits.proportion(target: 10, denominator: 0) == nil)
        #expect(FunnelLimits.rate(target: -1, denominator: 10) == nil)
        #expect(FunnelLimits.rate(target: 1, denominator: .nan) == nil)
        #expect(ChangeTest.proportion(latest: (5, 4), previous: (1, 4)) == nil)
        #expect(ChangeTest.rate(latest: (5, 0), previous: (1, 4)) == nil)
    }

    @Test func specialFunctionsAtKnownValues() throws {
        // Closed forms: Q(1, x) = e^(−x); P(½, x) = erf(√x); χ²(p; 2) = −2 ln(1 − p).
        let tails = try #require(GammaDistribution.regularized(shape: 1, 3))
        #expect(isRelativelyClose(tails.upper, exp(-3), tolerance: 1e-14))
        #expect(
            isRelativelyClose(try #require(GammaDistribution.regularized(shape: 0.5, 2)).lower, erf(2.0.squareRoot()), tolerance: 1e-14))
        #expect(isRelativelyClose(ChiSquareDistribution.quantile(0.9, degreesOfFreedom: 2), -2 * log(0.1), tolerance: 1e-14))
        // P and Q of large shapes stay complementary and precise (a in the millions, x about a).
        let large = try #require(GammaDistribution.regularized(shape: 2_000_000, 2_000_000))
        #expect(abs(large.lower + large.upper - 1) < 1e-14)
        // Q(a, a) = ½ − 1/(3√(2πa)) + O(a^(−3/2)) = 0,4999059684027 for a = 2.000.000.
        #expect(abs(large.upper - 0.4999059684027) < 1e-9)
        #expect(NormalDistribution.quantile(0.5) == 0)
        #expect(NormalDistribution.quantile(1.5) == nil)
        #expect(GammaDistribution.quantile(shape: 0, probability: 0.5) == nil)
    }

    @Test func extremeInputsGiveOrderedIntervalsOrNil() throws {
        // Every pair of these as numerator and denominator, at four levels: nil or an ordered interval,
        // never a trap or a hang (counts above 10 million take the Wilson–Hilferty path).
        let values: [Double] = [0, 1e-300, 1e-12, 0.3, 1, 2.5, 9.999, 10, 1e3, 5e6, 3e7, 1e12, 1e300, .infinity, .nan, -0.0, -1]
        let levels = [
            ConfidenceLevel.percent95, .percent99point8, try #require(ConfidenceLevel(0.5)), try #require(ConfidenceLevel(1 - 1e-12)),
        ]
        var intervals = 0
        for a in values {
            for b in values {
                for level in levels {
                    let results = [
                        ConfidenceIntervals.wilson(numerator: a, denominator: b, level: level, multiplier: 100),
                        ConfidenceIntervals.exactPoisson(events: a, denominator: b, level: level),
                        ConfidenceIntervals.byar(events: a, denominator: b, level: level),
                        ConfidenceIntervals.poissonRate(events: a, denominator: b, level: level),
                        ChangeTest.proportion(latest: (a, b), previous: (1, 2), level: level)?.interval,
                        ChangeTest.rate(latest: (a, b), previous: (1, 2), level: level)?.interval,
                        DirectlyStandardisedRate(events: [a, 10], populations: [b, 100], standardPopulation: [1, 1])?.interval(
                            level: level),
                    ]
                    let limits = [
                        FunnelLimits.proportion(target: a, denominator: b, level: level),
                        FunnelLimits.rate(target: a, denominator: b, level: level),
                    ]
                    for (lower, upper) in results.compactMap({ $0 }).map({ ($0.lower, $0.upper) })
                        + limits.compactMap({ $0 }).map({ ($0.lower, $0.upper) })
                    {
                        intervals += 1
                        #expect(lower <= upper, "\(a), \(b) at \(level): \(lower) > \(upper)")
                    }
                }
            }
        }
        #expect(intervals > 2_000)
    }

    // MARK: PHStatsMethods

    @Test func handCasesAgreeWithPHStatsMethods() throws {
        var cases = OracleCases()
        for (numerator, denominator) in [
            (0.0, 1.0), (1, 1), (0, 20), (20, 20), (1, 2), (5, 5), (81, 263), (9, 9), (10, 10), (2.5, 7.5),
            (3, 1_000_000), (999_999, 1_000_000), (123_456, 5_000_000), (388, 400), (389, 1_000), (5_900_000, 5_900_000),
        ] {
            for multiplier in [100.0, 1000] {
                cases.add(.proportion(numerator: numerator, denominator: denominator, multiplier: multiplier))
            }
        }
        let counts: [Double] = [0, 1, 2, 5, 9, 9.5, 10, 11, 50, 100, 388, 389, 390, 1_000, 12_345, 1_000_000, 2_500_000]
        for events in counts {
            for denominator in [1.0, 1_000, 6_000_000] {
                cases.add(.rate(events: events, denominator: denominator, multiplier: 1000))
            }
            cases.add(.exact(events: events, denominator: 100_000, multiplier: 100_000))
            if events >= 10 { cases.add(.byar(events: events, denominator: 100_000, multiplier: 100_000)) }
        }
        for events in [0.25, 0.5, 1.5, 3.7, 20.25, 150.5, 7_777.75] {
            cases.add(.exact(events: events, denominator: 10, multiplier: 1000))
        }
        // Above 10 million events the Wilson–Hilferty path (GammaDistribution.wilsonHilfertyShape).
        for events in [9_999_999.0, 10_000_001, 3e7, 2e8, 5e9] {
            cases.add(.exact(events: events, denominator: 6_000_000, multiplier: 1000))
        }
        let esp = [5000.0, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000]
        let bands = Array(0..<19).map(Double.init)
        cases.add(.dsr(events: bands.map { $0 + 1 }, populations: bands.map { 1000 + 50 * $0 }, standard: esp, multiplier: 100_000))
        cases.add(.dsr(events: bands.map { $0 < 10 ? 0 : 1 }, populations: bands.map { 300 + $0 }, standard: esp, multiplier: 100_000))
        cases.add(.dsr(events: bands.map { $0 < 16 ? 0 : 3 }, populations: bands.map { 300 + $0 }, standard: esp, multiplier: 100_000))
        cases.add(
            .dsr(events: bands.map { 40 * $0 * $0 }, populations: bands.map { 90_000 - 4_000 * $0 }, standard: esp, multiplier: 100_000))
        cases.add(.dsr(events: [10, 20], populations: [1000, 500], standard: [3, 1], multiplier: 1000))
        cases.add(.dsr(events: [2, 3, 4, 1], populations: [10, 20, 30, 40], standard: [1, 1, 1, 1], multiplier: 1000))
        // Age standardisation at its edges (docs/statistics.md#directly-standardised-rates-and-dobsons-method),
        // weighted by PHStatsMethods' own ESP 2013 table: no events in a band; 9 events (no DSR) and 10;
        // one person in a band, with and without an event; a council's half share of a split municipality.
        let oldest = [AgeBand(label: "80-84"), AgeBand(label: "85-89"), AgeBand(label: "90+")].compactMap { $0 }
        for (events, populations) in [
            ([0.0, 4, 9], [250.0, 120, 40]), ([3.0, 3, 3], [250.0, 120, 40]), ([0.0, 0, 10], [250.0, 120, 40]),
            ([5.0, 5, 0], [300.0, 200, 1]), ([4.0, 5, 1], [300.0, 200, 1]), ([2.5, 7.5, 0.5], [100.5, 50, 10]),
        ] {
            cases.add(.dsr(events: events, populations: populations, bands: oldest, multiplier: 1000))
        }
        cases.add(
            .dsr(events: bands.map { $0 == 18 ? 1 : 2 }, populations: bands.map { $0 == 18 ? 1 : 500 }, bands: AgeBand.all, multiplier: 100)
        )
        cases.add(.dsr(events: [1, 12], populations: [1, 300], standard: [1000, 500], multiplier: 100_000))
        for target in [0.5, 10, 50, 99] {
            for denominator in [1.0, 2, 10, 20, 100, 1_000, 100_000, 5_000_000] {
                cases.add(.funnelProportion(target: target, denominator: denominator, multiplier: 100))
                cases.add(.funnelProportion(target: target * 10, denominator: denominator, multiplier: 1000))
            }
        }
        cases.add(.funnelProportionTable(numerators: [5, 20, 30, 0, 44], denominators: [50, 100, 400, 20, 44]))
        for (target, multiplier) in [(2.5, 1000.0), (180, 100_000), (31, 1000)] {
            cases.add(
                .funnelRate(
                    target: target, multiplier: multiplier, events: [0.25, 0.5, 1, 2, 3, 3.69, 4, 9, 10, 50, 389, 1_000, 12_345.5, 400_000])
            )
        }
        cases.add(.funnelRateTable(numerators: [5, 20, 30, 1, 44], denominators: [5_000, 10_000, 40_000, 2_000, 4_400], multiplier: 1000))
        for (latest, previous) in [
            ((56.0, 70.0), (48.0, 80.0)), ((0, 10), (0, 12)), ((10, 10), (0, 10)), ((1, 1), (1, 2)), ((400, 10_000), (370, 9_900)),
        ] {
            cases.add(.newcombe(latest: latest, previous: previous, multiplier: 100))
        }
        for (latest, previous) in [
            ((30.0, 1000.0), (15.0, 1000.0)), ((0, 100), (4, 120)), ((7, 100), (0, 100)), ((5_000, 1e6), (5_210, 1.01e6)),
        ] {
            cases.add(.rateRatio(latest: latest, previous: previous))
        }
        let agreement = try compareWithOracle(cases)
        #expect(agreement.compared > 1_000)
        // Printed so that a run shows the agreement measured (docs/statistics.md#verification).
        print("StatisticsTests hand cases: \(agreement)")
    }

    @Test func shippedFiguresAgreeWithPHStatsMethods() throws {
        let inputs = try ShippedInputs.councils()
        let tables = ReportBuilder(inputs: inputs).allTables()
        var cases = OracleCases()
        for indicator in inputs.catalogue.indicators {
            let multiplier: Double
            let isProportion: Bool
            switch indicator.aggregation {
            case .ratio(let scale):
                multiplier = scale
                isProportion = indicator.numeratorIsPartOfDenominator
            case .populationShare(_, _, let scale):
                multiplier = scale
                isProportion = true
            default:
                continue
            }
            for (period, table) in (tables[indicator.id] ?? [:]).sorted(by: { $0.key < $1.key }) {
                var areas: [(String, Double, Double)] = table.inputs.sorted { $0.key < $1.key }.compactMap { code, input in
                    guard let numerator = input.numerator, let denominator = input.denominator, denominator > 0 else { return nil }
                    return ("\(code)", numerator, denominator)
                }
                let municipalities = areas
                for (key, figure) in table.figures.sorted(by: { $0.key < $1.key }) {
                    guard let numerator = figure.numerator, let denominator = figure.denominator, denominator > 0 else { continue }
                    areas.append((key.id, numerator, denominator))
                }
                guard let country = table.figures[.country], let target = country.value else { continue }
                let label = "\(indicator.id) \(period)"
                for (area, numerator, denominator) in areas {
                    if isProportion {
                        cases.add(
                            .proportion(numerator: numerator, denominator: denominator, multiplier: multiplier), label: "\(label) \(area)")
                        cases.add(
                            .funnelProportion(target: target, denominator: denominator, multiplier: multiplier), label: "\(label) \(area)")
                    } else {
                        cases.add(.rate(events: numerator, denominator: denominator, multiplier: multiplier), label: "\(label) \(area)")
                        cases.add(.exact(events: numerator, denominator: denominator, multiplier: multiplier), label: "\(label) \(area)")
                    }
                }
                if isProportion {
                    if multiplier == 100 {
                        cases.add(
                            .funnelProportionTable(numerators: municipalities.map(\.1), denominators: municipalities.map(\.2)), label: label
                        )
                    }
                } else {
                    // 0 events is no point of a funnel: its exact lower limit, and so its place, is 0.
                    cases.add(.funnelRate(target: target, multiplier: multiplier, events: areas.map(\.1).filter { $0 > 0 }), label: label)
                    cases.add(
                        .funnelRateTable(
                            numerators: municipalities.map(\.1), denominators: municipalities.map(\.2), multiplier: multiplier),
                        label: label)
                }
            }
        }
        #expect(cases.cases.count > 2_000)
        let agreement = try compareWithOracle(cases)
        print("StatisticsTests shipped data: \(agreement)")
    }

    /// The limits the workbooks' funnel plots draw (FunnelPlot.swift): at each of the sampled
    /// denominators and at every plotted municipality's own, around the country's value as shown,
    /// as PHStatsMethods computes them; rates by the oracle's root search on `exact_lower` /
    /// `exact_upper`, so to 10⁻⁹ as well.
    @Test func funnelPlotLimitsAgreeWithPHStatsMethods() throws {
        let inputs = try ShippedInputs.councils()
        let builder = ReportBuilder(inputs: inputs)
        let report = builder.pack(
            for: try inputs.definitions.cluster(named: "SR06"), tables: builder.allTables(), documentDate: Date(timeIntervalSince1970: 0),
            toolVersion: "test")
        var cases = OracleCases()
        var plots: [(FunnelPlot, String)] = []
        for indicator in report.sections.flatMap(\.indicators) {
            guard let plot = indicator.funnel else { continue }
            plots.append((plot, indicator.indicator.id))
            func add(_ denominator: Double, _ label: String) {
                switch plot.method {
                case .proportion:
                    cases.add(.funnelProportion(target: plot.target, denominator: denominator, multiplier: plot.multiplier), label: label)
                case .rate:
                    cases.add(.funnelRateAt(target: plot.target, denominator: denominator, multiplier: plot.multiplier), label: label)
                }
            }
            for sample in plot.limits { add(sample.denominator, "\(indicator.indicator.id) at \(sample.denominator)") }
            for point in plot.points { add(point.denominator, "\(indicator.indicator.id) \(point.name)") }
        }
        // Every indicator with counts per 100 or more (a plain ratio such as patients per doctor has none).
        let eligible = report.sections.flatMap(\.indicators).filter { report in
            switch report.indicator.aggregation {
            case .ratio(let scale): return scale > 1
            case .populationShare: return true
            default: return false
            }
        }
        #expect(plots.count == eligible.count && plots.count >= 13)
        #expect(plots.contains { $0.0.method == .rate })
        let agreement = try compareWithOracle(cases)
        #expect(agreement.compared >= 4 * (plots.count * FunnelPlot.limitSamples))
        print("StatisticsTests funnel plots: \(agreement)")
        // And the plot's own numbers are FunnelLimits' at its sampled denominators.
        for (plot, id) in plots {
            for sample in plot.limits {
                let limits =
                    plot.method == .proportion
                    ? FunnelLimits.proportion(
                        target: plot.target, denominator: sample.denominator, level: .percent99point8, multiplier: plot.multiplier)
                    : FunnelLimits.rate(
                        target: plot.target, denominator: sample.denominator, level: .percent99point8, multiplier: plot.multiplier)
                #expect(limits == sample.outer, "\(id) at \(sample.denominator)")
            }
        }
    }

    // MARK: The oracle

    /// Runs the oracle on `cases` and compares every number with this package's; returns the agreement.
    func compareWithOracle(_ cases: OracleCases, tolerance: Double = 1e-9) throws -> Agreement {
        try Python.require("PHStatsMethods")
        let results = try runOracle(cases.cases)
        try #require(results.count == cases.cases.count)
        var agreement = Agreement(tolerance: tolerance)
        for (index, (oracleCase, result)) in zip(cases.cases, results).enumerated() {
            try #require(result.id == oracleCase.id)
            agreement.compare(oracleCase, with: result, label: cases.labels[index])
        }
        for failure in agreement.failures.prefix(20) { Issue.record(Comment(rawValue: failure)) }
        #expect(agreement.failures.isEmpty, "\(agreement.failures.count) disagreements")
        return agreement
    }

    func runOracle(_ cases: [OracleCase]) throws -> [OracleResult] {
        let script = packageRoot + "/Tests/DatapakkeCoreTests/Oracles/phstatsmethods_oracle.py"
        return try withTemporaryDirectory { folder in
            let input = folder + "/cases.json"
            try JSONEncoder().encode(["cases": cases]).write(to: URL(fileURLWithPath: input))
            // The oracle reads standard input; runProcess gives programs an empty one, so a shell redirects.
            let outcome = try runProcess("/bin/sh", ["-c", "exec \"$0\" \"$1\" < \"$2\"", Python.interpreter, script, input]).checked()
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(
                positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
            return try decoder.decode(OracleResults.self, from: Data(outcome.stdout.utf8)).results
        }
    }
}

/// Relative closeness: |a − b| ≤ tolerance × max(|a|, |b|), exact equality for zeros.
func isRelativelyClose(_ a: Double?, _ b: Double, tolerance: Double = 1e-12) -> Bool {
    guard let a else { return false }
    return relativeDifference(a, b) <= tolerance
}

func relativeDifference(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    return abs(a - b) / max(abs(a), abs(b))
}

/// One case for the oracle (Oracles/phstatsmethods_oracle.py lists the kinds).
struct OracleCase: Encodable {
    var id = ""
    var kind: String
    var numerator: Double?
    var denominator: Double?
    var events: Double?
    var multiplier: Double?
    var target: Double?
    var eventList: [Double]?
    var populations: [Double]?
    var standard: [Double]?
    var numerators: [Double]?
    var denominators: [Double]?
    var latest: [Double]?
    var previous: [Double]?
    var bandEvents: [Double]?
    /// ESP 2013 band labels ("65-69", "90+"): the oracle weights a DSR by PHStatsMethods' own ESP table.
    var bands: [String]?

    enum CodingKeys: String, CodingKey {
        case id, kind, numerator, denominator, events, multiplier, target, populations, standard, numerators, denominators, latest,
            previous,
            bands
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(numerator, forKey: .numerator)
        try container.encodeIfPresent(denominator, forKey: .denominator)
        // The oracle's "events" is a number for intervals and a list for DSRs and rate funnels.
        if let list = eventList ?? bandEvents {
            try container.encode(list, forKey: .events)
        } else {
            try container.encodeIfPresent(events, forKey: .events)
        }
        try container.encodeIfPresent(multiplier, forKey: .multiplier)
        try container.encodeIfPresent(target, forKey: .target)
        try container.encodeIfPresent(populations, forKey: .populations)
        try container.encodeIfPresent(standard, forKey: .standard)
        try container.encodeIfPresent(numerators, forKey: .numerators)
        try container.encodeIfPresent(denominators, forKey: .denominators)
        try container.encodeIfPresent(latest, forKey: .latest)
        try container.encodeIfPresent(previous, forKey: .previous)
        try container.encodeIfPresent(bands, forKey: .bands)
    }

    static func proportion(numerator: Double, denominator: Double, multiplier: Double) -> OracleCase {
        OracleCase(kind: "proportion", numerator: numerator, denominator: denominator, multiplier: multiplier)
    }
    static func rate(events: Double, denominator: Double, multiplier: Double) -> OracleCase {
        OracleCase(kind: "rate", denominator: denominator, events: events, multiplier: multiplier)
    }
    static func exact(events: Double, denominator: Double, multiplier: Double) -> OracleCase {
        OracleCase(kind: "exact", denominator: denominator, events: events, multiplier: multiplier)
    }
    static func byar(events: Double, denominator: Double, multiplier: Double) -> OracleCase {
        OracleCase(kind: "byar", denominator: denominator, events: events, multiplier: multiplier)
    }
    static func dsr(events: [Double], populations: [Double], standard: [Double], multiplier: Double) -> OracleCase {
        OracleCase(kind: "dsr", multiplier: multiplier, populations: populations, standard: standard, bandEvents: events)
    }
    /// A DSR weighted by ESP 2013 as PHStatsMethods' own table has it for these bands.
    static func dsr(events: [Double], populations: [Double], bands: [AgeBand], multiplier: Double) -> OracleCase {
        OracleCase(kind: "dsr", multiplier: multiplier, populations: populations, bandEvents: events, bands: bands.map(\.label))
    }
    static func funnelProportion(target: Double, denominator: Double, multiplier: Double) -> OracleCase {
        OracleCase(kind: "funnelProportion", denominator: denominator, multiplier: multiplier, target: target)
    }
    static func funnelProportionTable(numerators: [Double], denominators: [Double]) -> OracleCase {
        OracleCase(kind: "funnelProportionTable", multiplier: 100, numerators: numerators, denominators: denominators)
    }
    static func funnelRate(target: Double, multiplier: Double, events: [Double]) -> OracleCase {
        OracleCase(kind: "funnelRate", multiplier: multiplier, target: target, eventList: events)
    }
    static func funnelRateAt(target: Double, denominator: Double, multiplier: Double) -> OracleCase {
        OracleCase(kind: "funnelRateAt", denominator: denominator, multiplier: multiplier, target: target)
    }
    static func funnelRateTable(numerators: [Double], denominators: [Double], multiplier: Double) -> OracleCase {
        OracleCase(kind: "funnelRateTable", multiplier: multiplier, numerators: numerators, denominators: denominators)
    }
    static func newcombe(latest: (Double, Double), previous: (Double, Double), multiplier: Double) -> OracleCase {
        OracleCase(kind: "newcombe", multiplier: multiplier, latest: [latest.0, latest.1], previous: [previous.0, previous.1])
    }
    static func rateRatio(latest: (Double, Double), previous: (Double, Double)) -> OracleCase {
        OracleCase(kind: "rateRatio", latest: [latest.0, latest.1], previous: [previous.0, previous.1])
    }
}

/// Cases with ids and labels for messages.
struct OracleCases {
    var cases: [OracleCase] = []
    var labels: [String] = []

    mutating func add(_ oracleCase: OracleCase, label: String = "") {
        var numbered = oracleCase
        numbered.id = "\(cases.count)"
        cases.append(numbered)
        labels.append(label.isEmpty ? "\(oracleCase.kind) #\(cases.count - 1)" : "\(oracleCase.kind) \(label)")
    }
}

struct OracleResults: Decodable {
    var results: [OracleResult]
}

struct OracleResult: Decodable {
    var id: String
    var value: Double?
    var method: String?
    var intervals: [OracleInterval]?
    var rows: [OracleRow]?
    /// PHStatsMethods' ESP 2013 table (kind "espWeights").
    var bands: [String]?
    var weights: [Double]?
}

struct OracleInterval: Decodable {
    var level: Double
    var lower: Double?
    var upper: Double?
}

struct OracleRow: Decodable {
    var level: Double
    var side: String
    var denominator: Double?
    var limit: Double?
    var events: Double?
    var method: String?
}

/// The comparison of this package's numbers with the oracle's: how many, the largest relative
/// difference, and every disagreement beyond the tolerance.
struct Agreement: CustomStringConvertible {
    var tolerance: Double
    /// PHStatsMethods' `poisson_funnel` bisects to 10⁻⁷ on a transformed scale, so its points are
    /// good to a few millionths, not to 10⁻⁹ (docs/statistics.md#verification).
    var bisectionTolerance = 2e-5
    var compared = 0
    var largest = 0.0
    var comparedBisection = 0
    var largestBisection = 0.0
    var failures: [String] = []

    var description: String {
        "\(compared) numbers compared, largest relative difference \(largest)"
            + "; \(comparedBisection) against poisson_funnel's bisection, largest \(largestBisection)"
    }

    mutating func check(_ ours: Double?, _ theirs: Double?, _ what: String, bisection: Bool = false) {
        guard let ours, let theirs else {
            if ours != nil || theirs != nil {
                failures.append("\(what): ours \(String(describing: ours)), PHStatsMethods \(String(describing: theirs))")
            }
            return
        }
        let difference = relativeDifference(ours, theirs)
        if bisection {
            comparedBisection += 1
            largestBisection = max(largestBisection, difference)
        } else {
            compared += 1
            largest = max(largest, difference)
        }
        if !(difference <= (bisection ? bisectionTolerance : tolerance)) {
            failures.append("\(what): ours \(ours), PHStatsMethods \(theirs), relative difference \(difference)")
        }
    }

    mutating func compare(_ oracleCase: OracleCase, with result: OracleResult, label: String) {
        let levels: [Double: ConfidenceLevel] = [0.95: .percent95, 0.998: .percent99point8]
        let multiplier = oracleCase.multiplier ?? 1
        for interval in result.intervals ?? [] {
            guard let level = levels[interval.level] else {
                failures.append("\(label): unknown level \(interval.level)")
                continue
            }
            let what = "\(label) \(level)"
            var ours: ConfidenceInterval?
            var oursLimits: ControlLimits?
            switch oracleCase.kind {
            case "proportion":
                ours = ConfidenceIntervals.wilson(
                    numerator: oracleCase.numerator ?? .nan, denominator: oracleCase.denominator ?? .nan, level: level,
                    multiplier: multiplier)
            case "rate":
                ours = ConfidenceIntervals.poissonRate(
                    events: oracleCase.events ?? .nan, denominator: oracleCase.denominator ?? .nan, level: level, multiplier: multiplier)
                if let method = result.method {
                    let expected = method == "Exact" ? IntervalMethod.exactPoisson : .byar
                    if ours?.method != expected {
                        failures.append("\(what): method \(String(describing: ours?.method)), PHStatsMethods \(method)")
                    }
                }
            case "exact":
                ours = ConfidenceIntervals.exactPoisson(
                    events: oracleCase.events ?? .nan, denominator: oracleCase.denominator ?? .nan, level: level, multiplier: multiplier)
            case "byar":
                ours = ConfidenceIntervals.byar(
                    events: oracleCase.events ?? .nan, denominator: oracleCase.denominator ?? .nan, level: level, multiplier: multiplier)
            case "dsr":
                let esp = (oracleCase.bands ?? []).compactMap { AgeBand(label: $0).map { StandardPopulation.esp2013Weights[$0.index] } }
                let dsr = DirectlyStandardisedRate(
                    events: oracleCase.bandEvents ?? [], populations: oracleCase.populations ?? [],
                    standardPopulation: oracleCase.standard ?? esp,
                    multiplier: multiplier)
                check(dsr?.value, result.value, "\(what) value")
                ours = dsr?.interval(level: level)
            case "funnelProportion":
                oursLimits = FunnelLimits.proportion(
                    target: oracleCase.target ?? .nan, denominator: oracleCase.denominator ?? .nan, level: level, multiplier: multiplier)
            case "funnelRateAt":
                oursLimits = FunnelLimits.rate(
                    target: oracleCase.target ?? .nan, denominator: oracleCase.denominator ?? .nan, level: level, multiplier: multiplier)
            case "newcombe":
                let latest = oracleCase.latest ?? []
                let previous = oracleCase.previous ?? []
                let change = ChangeTest.proportion(
                    latest: (latest[0], latest[1]), previous: (previous[0], previous[1]), level: level, multiplier: multiplier)
                check(change?.estimate, result.value, "\(what) difference")
                ours = change?.interval
            case "rateRatio":
                let latest = oracleCase.latest ?? []
                let previous = oracleCase.previous ?? []
                let change = ChangeTest.rate(latest: (latest[0], latest[1]), previous: (previous[0], previous[1]), level: level)
                check(change?.estimate, result.value, "\(what) ratio")
                ours = change?.interval
            default:
                failures.append("\(what): intervals for kind \(oracleCase.kind)")
            }
            if let limits = oursLimits {
                // PHStatsMethods' sigma_adjustment is unclipped; the limits are clipped to [0, multiplier].
                check(limits.lower, interval.lower.map { min(multiplier, max(0, $0)) }, "\(what) lower limit")
                check(limits.upper, interval.upper.map { min(multiplier, max(0, $0)) }, "\(what) upper limit")
                continue
            }
            // The oracle's null lower limit for 0 events is SciPy's NaN for χ² with 0 degrees of freedom: ours is 0.
            if interval.lower == nil, oracleCase.events == 0, ["rate", "exact"].contains(oracleCase.kind) {
                if ours?.lower != 0 { failures.append("\(what): lower \(String(describing: ours?.lower)) for 0 events, expected 0") }
            } else {
                check(ours?.lower, interval.lower, "\(what) lower")
            }
            check(ours?.upper, interval.upper, "\(what) upper")
        }
        for row in result.rows ?? [] {
            guard let level = levels[row.level], let denominator = row.denominator else {
                failures.append("\(label): row without a level or denominator")
                continue
            }
            let what = "\(label) \(level) \(row.side) at \(denominator)"
            let target: Double
            let limits: ControlLimits?
            switch oracleCase.kind {
            case "funnelProportionTable":
                target = result.value ?? .nan
                limits = FunnelLimits.proportion(target: target, denominator: denominator, level: level, multiplier: 100)
            case "funnelRateTable":
                target = result.value ?? .nan
                limits = FunnelLimits.rate(target: target, denominator: denominator, level: level, multiplier: multiplier)
            case "funnelRate":
                target = oracleCase.target ?? .nan
                limits = FunnelLimits.rate(target: target, denominator: denominator, level: level, multiplier: multiplier)
            default:
                failures.append("\(what): rows for kind \(oracleCase.kind)")
                continue
            }
            let bisection = oracleCase.kind == "funnelRateTable" || row.method == "bisection"
            check(row.side == "lower" ? limits?.lower : limits?.upper, row.limit, what, bisection: bisection)
        }
    }
}

/// The figures export carries a 95 % interval for every figure with counts, the same as
/// PHStatsMethods computes from the figure's numerator and denominator, and says why others have none.
@Suite struct FigureIntervalTests {
    @Test func everyFigureWithCountsHasPHStatsMethodsInterval() throws {
        let inputs = try ShippedInputs.councils()
        let listing = FigureListing(inputs: inputs, clusters: inputs.definitions.clusters)
        // Dobson's intervals of the standardised figures: StandardisationOracleTests.
        let withInterval = listing.entries.filter { $0.method != nil && $0.method != IntervalMethod.dobson.rawValue }
        #expect(withInterval.count > 500)
        var cases: [OracleCase] = []
        for (index, entry) in withInterval.enumerated() {
            let indicator = try #require(inputs.catalogue.indicator(entry.indicator))
            let scale: Double
            switch indicator.aggregation {
            case .ratio(let s), .populationShare(_, _, let s): scale = s
            default:
                Issue.record("\(entry.indicator) has no counts but an interval")
                continue
            }
            let numerator = try #require(entry.numerator)
            let denominator = try #require(entry.denominator)
            if entry.method == IntervalMethod.wilson.rawValue {
                cases.append(
                    OracleCase(id: String(index), kind: "proportion", numerator: numerator, denominator: denominator, multiplier: scale))
            } else {
                cases.append(OracleCase(id: String(index), kind: "rate", denominator: denominator, events: numerator, multiplier: scale))
            }
        }
        let results = try StatisticsTests().runOracle(cases)
        try #require(results.count == cases.count)
        var worst = 0.0
        for (entry, result) in zip(withInterval, results) {
            let theirs = try #require(result.intervals?.first { abs($0.level - 0.95) < 1e-9 })
            if let lower = theirs.lower {
                worst = max(worst, relativeDifference(try #require(entry.lower), lower))
            } else {
                // The oracle leaves out the exact lower limit of 0 events (a χ² with 0 degrees of
                // freedom); it is 0 by definition. Clusters without a practice of a specialty have it.
                #expect(entry.numerator == 0 && entry.lower == 0, "\(entry.indicator) \(entry.id)")
            }
            worst = max(worst, relativeDifference(try #require(entry.upper), try #require(theirs.upper)))
        }
        #expect(worst <= 1e-9, "largest relative difference \(worst)")
        // Figures without counts say why.
        for entry in listing.entries where entry.method == nil && entry.value != nil {
            #expect(entry.intervalNote != nil, "\(entry.indicator) \(entry.id)")
        }
    }
}
