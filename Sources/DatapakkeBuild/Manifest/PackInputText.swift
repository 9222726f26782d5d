import DatapakkeCore
import Foundation

/// Canonical texts of what one pack depends on, one per kind of input. Equal texts mean the pack
/// would come out the same from that input; a manifest stores their hashes to decide whether a
/// pack must be rebuilt. Every text is built in a fixed order, never in dictionary order.
public enum PackInputText {
    /// The cluster's definition (id, name, region, hospitals, members with shares, note, confidence,
    /// sources) and the name and kind of its definition set, as JSON with sorted keys.
    public static func definition(of cluster: Cluster, in definitions: ClusterDefinitionSet) -> String {
        struct Canonical: Encodable {
            var cluster: Cluster
            var definitionsName: String
            var kind: ClusterKind
            var validFrom: Period?
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and arrays cannot fail; an empty text would only force a rebuild.
        let data =
            (try? encoder.encode(
                Canonical(cluster: cluster, definitionsName: definitions.name, kind: definitions.kind, validFrom: definitions.validFrom)))
            ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Every data row of the cluster's own municipalities at full precision: their register entry,
    /// every indicator observation with its origin, and their population on every date.
    public static func municipalData(of cluster: Cluster, inputs: DatapakkeInputs) -> String {
        let codes = cluster.members.map(\.code).sorted()
        var lines: [String] = []
        for code in codes {
            let municipality = inputs.register.municipality(code)
            lines.append("kommune;\(code);\(municipality?.name ?? "");\(municipality?.region ?? "")")
        }
        for indicatorID in inputs.observations.keys.sorted() {
            guard let periods = inputs.observations[indicatorID] else { continue }
            for period in periods.keys.sorted(by: { $0.id < $1.id }) {
                for code in codes {
                    guard let observation = periods[period]?[code] else { continue }
                    lines.append(
                        [
                            "obs", indicatorID, period.id, String(code), exact(observation.value), exact(observation.numerator),
                            exact(observation.denominator), observation.origin.rawValue,
                        ].joined(separator: ";"))
                    // Counts by age band: bands that sum to the same numerator still give another DSR.
                    for (band, entry) in (observation.ageBands?.entries ?? [:]).sorted(by: { $0.key < $1.key }) {
                        lines.append("obs-aldersgruppe;\(indicatorID);\(period.id);\(code);\(band);\(exact(entry.events))")
                    }
                }
            }
        }
        for date in inputs.population.dates {
            for code in codes {
                guard let groups = inputs.population.counts[date]?[code] else { continue }
                for group in groups.keys.sorted() {
                    lines.append("bef;\(date);\(code);\(group);\(exact(groups[group]))")
                }
                for band in AgeBand.all {
                    guard let count = inputs.population.count(band, municipality: code, date: date) else { continue }
                    lines.append("bef-aldersgruppe;\(date);\(code);\(band);\(exact(count))")
                }
            }
            lines.append("bef-kilde;\(date);\(inputs.population.origins[date]?.rawValue ?? "")")
        }
        return lines.joined(separator: "\n")
    }

    /// What the pack shows that other clusters' data can move: the region and country rows as shown
    /// (rounded to the indicator's decimals, hidden markers, coverage), the traffic-light marks of
    /// every row, the cluster's distance to the country as the prompts state it, the pack's hidden
    /// cells (secondary suppression depends on the whole definition set and the maps published with
    /// it, whose names the documentation sheet gives), the periods shown and the spread between all
    /// clusters on the overview (lowest and highest shown figure, as rounded); the points of the
    /// funnel plots, which show every municipality of the country; for an indicator
    /// standardised to the whole country's population also the pack's own rows, which move with it.
    ///
    /// Only shown values enter, so that a change in another region, which moves the country figure in
    /// a far decimal, leaves the text alone.
    public static func comparison(of report: PackReport) -> String {
        var lines: [String] = [
            "perioder;" + report.periods.map(\.id).joined(separator: ","),
            "befolkningsdato;" + (report.populationDate?.id ?? ""),
            "syntetisk;" + report.syntheticIndicators.joined(separator: ","),
            "offentliggjort-sammen-med;" + report.publishedWith.joined(separator: ","),
        ]
        lines += similarLines(report)
        for section in report.sections {
            for indicator in section.indicators {
                let decimals = indicator.indicator.decimals
                lines.append(
                    "indikator;\(indicator.indicator.id);\(indicator.origin.rawValue);"
                        + indicator.periods.map(\.id).joined(separator: ",") + ";" + indicator.allPeriods.map(\.id).joined(separator: ","))
                lines.append("note;" + (indicator.trafficLightNote ?? ""))
                if let note = indicator.standardisationNote { lines.append("standardisering;" + note) }
                for row in indicator.rows {
                    var fields = [row.level.rawValue, row.id, row.development?.rawValue ?? "", row.levelMark?.rawValue ?? ""]
                    if row.level == .region || row.level == .country || row.level == .similar {
                        fields.append(row.name)
                        fields.append(row.isApproximation ? "tilnærmet" : "")
                        fields += row.values.map { shown($0, decimals: decimals) }
                        fields += row.coverage.map(coverageText)
                        fields += (row.crudeValues ?? []).map { "rå " + shown($0, decimals: decimals) }
                    }
                    if row.level == .cluster {
                        fields.append(distanceToCountry(indicator) ?? "")
                    }
                    // Standardised to the whole country's population, the pack's own rows move with every
                    // municipality's population on the standard date.
                    if case .danish = indicator.indicator.standardisation?.standard, row.level == .municipality || row.level == .cluster {
                        fields += row.values.map { shown($0, decimals: decimals) }
                    }
                    lines.append(fields.joined(separator: ";"))
                }
                lines += similarLines(indicator)
                for cell in indicator.hiddenCells {
                    lines.append("skjult;\(cell.level.rawValue);\(cell.rowName);\(cell.period.id);\(cell.reason.marker)")
                }
                // The overview shows the lowest and highest shown figure of all clusters, as rounded.
                if let spread = indicator.spread {
                    let shown = { (value: Double?) in value.map { DanishNumber.format($0, decimals: decimals) } ?? "" }
                    lines.append(
                        "spredning;\(spread.period.id);\(shown(spread.minimum));\(shown(spread.maximum));\(spread.shownCount)/\(spread.figures.count)"
                    )
                }
                // The funnel plot shows every municipality of the country, each with its value as shown and
                // its denominator as written; its limits follow from these, the target and the method.
                if let funnel = indicator.funnel {
                    lines.append(
                        "tragt;\(funnel.period.id);\(funnel.method.rawValue);\(DanishNumber.format(funnel.target, decimals: decimals));"
                            + "\(funnel.hiddenCount);\(funnel.missingCount)")
                    for point in funnel.points {
                        lines.append(
                            "tragtpunkt;\(point.code);\(exact(point.denominator));\(DanishNumber.format(point.value, decimals: decimals));"
                                + (point.isMember ? "egen" : ""))
                    }
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Every input row of a build, one line each, sorted: indicator values with their file, and
    /// population counts. Full precision; the municipality's name is kept for the diff's sentences.
    public static func dataRows(_ inputs: DatapakkeInputs) -> [String] {
        func name(_ code: MunicipalityCode) -> String { "\(code) \(inputs.register.municipality(code)?.name ?? "")" }
        var rows: [String] = []
        for (indicatorID, periods) in inputs.observations {
            for (period, byMunicipality) in periods {
                for (code, observation) in byMunicipality {
                    for (band, entry) in observation.ageBands?.entries ?? [:] {
                        rows.append(
                            [
                                observation.location.file, name(code), indicatorID, "\(period.id) aldersgruppe \(band)",
                                "t=" + exact(entry.events),
                            ].joined(separator: "|"))
                    }
                    rows.append(
                        [
                            observation.location.file, name(code), indicatorID, period.id, "v=" + exact(observation.value),
                            "t=" + exact(observation.numerator), "n=" + exact(observation.denominator),
                        ].joined(separator: "|"))
                }
            }
        }
        for date in inputs.population.dates {
            for (code, groups) in inputs.population.counts[date] ?? [:] {
                for (group, count) in groups {
                    rows.append(["befolkning", name(code), group.rawValue, date.id, "v=" + exact(count)].joined(separator: "|"))
                }
            }
            for (code, counts) in inputs.population.bands[date] ?? [:] {
                for (band, count) in zip(AgeBand.all, counts) {
                    rows.append(["befolkning", name(code), "aldersgruppe \(band)", date.id, "v=" + exact(count)].joined(separator: "|"))
                }
            }
        }
        return rows.sorted()
    }

    /// A value as the pack shows it: the number rounded to the shown decimals, or the marker.
    public static func shown(_ value: ReportValue, decimals: Int) -> String {
        value.number.map { DanishNumber.format($0, decimals: decimals) } ?? value.marker
    }

    /// Full precision, the same on every platform; "" for no value.
    private static func exact(_ value: Double?) -> String {
        value.map { "\($0)" } ?? ""
    }

    private static func coverageText(_ coverage: Coverage?) -> String {
        guard let coverage else { return "" }
        return "\(coverage.municipalitiesWithValue)/\(coverage.municipalities)/"
            + (coverage.weightShare.map { DanishNumber.format($0 * 100, decimals: 1) } ?? "")
    }

    /// The cluster's latest value against the country as the prompts state it: "+2,6 procentpoint"
    /// between percentages, "-0,7 år" for an indicator compared by a band in its unit, "+11,7 %"
    /// (relative, one decimal) otherwise; "+" above, "-" below and "=" within by the indicator's
    /// comparison rule (not significant, on level), or by the shown values' sign where the rule gives
    /// no verdict. Nil when it cannot be said, and for counts: a council is no share of the country.
    ///
    /// Like the prompts, it rests on the values as shown, so a far-decimal move of the country figure
    /// leaves it alone.
    public static func distanceToCountry(_ report: IndicatorReport) -> String? {
        let indicator = report.indicator
        switch indicator.aggregation {
        case .count, .population: return nil
        default: break
        }
        let asShown = { (value: Double?) in value.map { DanishNumber.rounded($0, decimals: indicator.decimals) } }
        guard let value = asShown(report.clusterRow?.latest.number), let country = asShown(report.countryRow?.latest.number) else {
            return nil
        }
        let amount: String
        if indicator.unit.hasPrefix("pct.") {
            amount = DanishNumber.format(abs(value - country), decimals: indicator.decimals) + " procentpoint"
        } else if case .absoluteBand = indicator.comparison {
            amount = DanishNumber.format(abs(value - country), decimals: indicator.decimals) + " " + indicator.unit
        } else {
            guard let relative = TrafficLightRule.relativeDifference(value, from: country) else { return nil }
            amount = DanishNumber.format(abs(relative) * 100, decimals: 1) + " %"
        }
        let side: String
        switch report.clusterRow?.levelPosition {
        case .within: side = "="
        case .above: side = "+"
        case .below: side = "-"
        case nil: side = value > country ? "+" : value < country ? "-" : "="
        }
        return side + amount
    }
}
