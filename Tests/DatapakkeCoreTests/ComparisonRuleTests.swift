import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeCore

/// The comparison rules of docs/comparisons.md: a hand-checked case for each rule, the catalogue's
/// validation, and on the shipped data that no small island is called better or worse than the
/// country on an indicator with counts unless its interval says so.
@Suite struct ComparisonRuleTests {
    /// A rate of persons (Wilson), a direction where low is best, compared by significance.
    static let admissions = Indicator(
        id: "indl", title: "Indlæggelser", unit: "pct. af borgerne", sectionID: "s", aggregation: .ratio(scale: 100),
        direction: .lowerIsBetter, numeratorIsPartOfDenominator: true)

    /// A table row with the given latest and previous counts (nil: hidden).
    static func row(latest: (Double, Double)?, previous: (Double, Double)? = nil, indicator: Indicator = admissions) -> ReportRow {
        let periods = [previous, latest]
        let values = periods.map { counts in
            counts.map { ReportValue.shown($0.0 / $0.1 * 100) } ?? .hidden(.secondary)
        }
        let intervals = periods.map { counts in
            counts.flatMap { FigureUncertainty.interval(indicator, numerator: $0.0, denominator: $0.1).interval }
        }
        return ReportRow(
            level: .municipality, id: "825", name: "Læsø", share: 1, values: values, coverage: [nil, nil],
            numerators: periods.map { $0?.0 }, denominators: periods.map { $0?.1 }, intervals: intervals, isApproximation: false,
            levelPosition: nil, developmentPosition: nil, development: nil, levelMark: nil)
    }

    @Test func significanceNeedsTheIntervalToExcludeTheCountry() throws {
        // 2 persons in 560 (Læsø-sized): 0,357 %. Wilson 95 %, by hand:
        //   z² = 3,8414588206941254; 4r(1 − r/n) = 8 × 558/560 = 7,971428571428571
        //   z √(z² + 7,9714…) = 1,95996 × 3,43699 = 6,73638
        //   lower = (4 + 3,84146 − 6,73638) / (2 × 563,84146) = 0,00098 → 0,0980 %
        //   upper = (4 + 3,84146 + 6,73638) / 1127,68292 = 0,01293 → 1,2927 %
        // The country at 9,2 % lies far above: significantly lower, and lower is better.
        let small = Self.row(latest: (2, 560))
        let interval = try #require(small.latestInterval)
        #expect(abs(interval.lower - 0.0980) < 0.0005 && abs(interval.upper - 1.2927) < 0.0005, "\(interval)")
        #expect(ReportBuilder.levelPosition(of: small, country: 9.2, indicator: Self.admissions) == .below)
        // A country at 1,0 % lies inside the interval: not significantly different, however the shown
        // values (0,4 against 1,0) differ, where the ±1 % band would have said "better".
        #expect(ReportBuilder.levelPosition(of: small, country: 1.0, indicator: Self.admissions) == .within)
        #expect(ComparisonPosition.within.mark(direction: .lowerIsBetter) == .yellow)
        #expect(ComparisonRule.nationalGoals.bandPosition(2.0 / 560 * 100, against: 1.0, decimals: 1) == .below)
        // A hidden value has no interval and no mark.
        #expect(ReportBuilder.levelPosition(of: Self.row(latest: nil), country: 9.2, indicator: Self.admissions) == nil)
    }

    @Test func significantDevelopmentNeedsTheChangeToBeSignificant() {
        // 50 of 1.000 → 60 of 1.000: 5,0 % → 6,0 %, Newcombe's interval for +1,0 procentpoint runs
        // from −1,02 to +3,03 (computed by hand from the two Wilson intervals): not significant.
        // 500 of 10.000 → 700 of 10.000: +2,0 procentpoint, from +1,34 to +2,66: a significant rise.
        let small = Self.row(latest: (60, 1000), previous: (50, 1000))
        #expect(ReportBuilder.developmentPosition(of: small, indicator: Self.admissions) == .within)
        let large = Self.row(latest: (700, 10000), previous: (500, 10000))
        #expect(ReportBuilder.developmentPosition(of: large, indicator: Self.admissions) == .above)
        #expect(ComparisonPosition.above.mark(direction: .lowerIsBetter) == .red)
        #expect(ReportBuilder.developmentPosition(of: Self.row(latest: (60, 1000), previous: nil), indicator: Self.admissions) == nil)
    }

    @Test func theNationalGoalsBandComparesTheShownValues() {
        let band = ComparisonRule.nationalGoals
        // 66,3 against 65,6: 1,07 % above. Exactly ±1 % is within: 101,0 against 100,0.
        #expect(band.bandPosition(66.3, against: 65.6, decimals: 1) == .above)
        #expect(band.bandPosition(101.0, against: 100.0, decimals: 1) == .within)
        #expect(band.bandPosition(98.96, against: 100.0, decimals: 1) == .within, "shown 99,0: exactly −1 %")
        #expect(band.bandPosition(98.94, against: 100.0, decimals: 1) == .below, "shown 98,9")
        #expect(band.bandPosition(5, against: 0, decimals: 1) == nil, "no relative difference from 0")
        #expect(Vocabulary.level(.yellow, rule: band) == "● På niveau")
        #expect(Vocabulary.level(.yellow, rule: .significance) == "● Ikke signifikant forskellig")
    }

    @Test func anAbsoluteBandIsInTheIndicatorsUnit() {
        let halfYear = ComparisonRule.absoluteBand(width: 0.5)
        // Life expectancy 80,6 against 81,3: 0,7 år below (the ±1 % band, ±0,81 år, said "på niveau").
        #expect(halfYear.bandPosition(80.6, against: 81.3, decimals: 1) == .below)
        #expect(ComparisonRule.nationalGoals.bandPosition(80.6, against: 81.3, decimals: 1) == .within)
        #expect(halfYear.bandPosition(80.8, against: 81.3, decimals: 1) == .within, "exactly 0,5 år")
        #expect(halfYear.bandPosition(81.86, against: 81.3, decimals: 1) == .above, "shown 81,9: 0,6 år")
        #expect(Vocabulary.bandText(halfYear, unit: "år") == "±0,5 år")
        #expect(ComparisonRule.none.bandPosition(80.6, against: 81.3, decimals: 1) == nil)
    }

    @Test func theCatalogueDeclaresAndChecksTheRule() throws {
        let inputs = try ShippedInputs.councils()
        let catalogue = inputs.catalogue
        #expect(catalogue.indicator("middellevetid_aar")?.comparison == .absoluteBand(width: 0.5))
        #expect(catalogue.indicator("genindl_psykiatrisk_pct")?.comparison == ComparisonRule.none)
        #expect(catalogue.indicator("indlaeggelse_pct")?.comparison == .significance)
        #expect(catalogue.indicator("genindl_somatisk_pct")?.comparison == .nationalGoals)
        for indicator in catalogue.indicators where indicator.comparison == .significance {
            #expect(FigureUncertainty.hasCounts(indicator), "\(indicator.id)")
        }
    }

    /// Læsø, Fanø and Samsø (and every other municipality) are marked better or worse than the
    /// country on an indicator with counts exactly when a Wilson or Poisson interval, recomputed here
    /// from the row's counts, excludes the country's value.
    @Test func smallIslandsAreMarkedOnlyWhenTheIntervalSaysSo() throws {
        let inputs = try ShippedInputs.councils()
        let builder = ReportBuilder(inputs: inputs)
        let tables = builder.allTables()
        var checked = 0
        var islandsMarked = 0
        for cluster in inputs.definitions.clusters {
            let report = builder.pack(for: cluster, tables: tables, documentDate: Date(timeIntervalSince1970: 0), toolVersion: "test")
            for indicator in report.sections.flatMap(\.indicators) where FigureUncertainty.hasCounts(indicator.indicator) {
                guard indicator.indicator.direction != .none, let country = indicator.countryRow?.latest.number else { continue }
                for row in indicator.rows where row.level != .country {
                    guard let numerator = row.latestNumerator, let denominator = row.latestDenominator, row.latest.number != nil
                    else {
                        #expect(row.levelMark == nil, "\(indicator.indicator.id) \(row.name): a mark without counts")
                        continue
                    }
                    let scale = 100.0
                    let excludes: Bool
                    if FigureUncertainty.countsPersons(indicator.indicator) {
                        let (low, high) = Self.wilson(numerator, denominator)
                        excludes = country < low * scale || country > high * scale
                    } else {
                        continue
                    }
                    #expect((row.levelMark != .yellow) == excludes, "\(indicator.indicator.id) \(row.name)")
                    checked += 1
                    if ["825", "563", "741"].contains(row.id), row.levelMark != .yellow { islandsMarked += 1 }
                }
            }
        }
        #expect(checked > 100)
        // Samsø's admissions (13,0 % against 9,2 %) are significantly above; the others are not.
        #expect(islandsMarked >= 1)
    }

    /// Wilson's score interval, written out independently of the code under test.
    static func wilson(_ r: Double, _ n: Double) -> (Double, Double) {
        let z = 1.959963984540054
        let centre = (r + z * z / 2) / (n + z * z)
        let half = z * (r * (n - r) / n + z * z / 4).squareRoot() / (n + z * z)
        return (centre - half, centre + half)
    }
}

/// A hidden rate hides its counts and interval too, in every pack of the shipped data.
@Suite struct HiddenCountsTests {
    @Test func aHiddenRateHasNoCountsOrInterval() throws {
        let inputs = try ShippedInputs.councils()
        let builder = ReportBuilder(inputs: inputs)
        let tables = builder.allTables()
        var hidden = 0
        for cluster in inputs.definitions.clusters {
            let report = builder.pack(for: cluster, tables: tables, documentDate: Date(timeIntervalSince1970: 0), toolVersion: "test")
            for indicator in report.sections.flatMap(\.indicators) {
                for row in indicator.rows {
                    for (index, value) in row.values.enumerated() where value.number == nil {
                        #expect(row.numerators[index] == nil && row.denominators[index] == nil && row.intervals[index] == nil)
                        hidden += 1
                    }
                }
            }
        }
        #expect(hidden > 0)
    }
}
