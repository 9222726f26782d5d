import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeCore

/// The indicators added for the rest of the real pack (Sundhedsuddannede, general practice, the RUKS
/// diseases one by one, every specialty of speciallægepraksis) in the shipped pack of Sundhedsråd
/// Midt- og Vestsjælland: the pack has them where the catalogue puts them, and the council's figure is
/// Σ numerators / Σ denominators × scale, summed here from the CSV files themselves, not through the
/// tool's loader.
@Suite struct RestOfThePackTests {
    /// Slagelse, Holbæk, Næstved, Ringsted, Sorø, Odsherred, Kalundborg and Lejre.
    static let members: Set<String> = ["330", "316", "370", "329", "340", "306", "326", "350"]

    let report: PackReport

    init() throws {
        let inputs = try ShippedInputs.councils()
        let builder = ReportBuilder(inputs: inputs)
        let council = try inputs.definitions.cluster(named: "SR06")
        report = builder.pack(for: council, tables: builder.allTables(), documentDate: Date(timeIntervalSince1970: 0), toolVersion: "test")
    }

    /// The rows of a data file as dictionaries by column name, read with nothing but a split.
    static func rows(_ file: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: packageRoot + "/Data/indikatorer/" + file, encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// Σ taeller and Σ naevner of one indicator in 2024 over the council's municipalities.
    static func sums(_ rows: [[String: String]], _ indicator: String) throws -> (numerator: Double, denominator: Double) {
        let mine = rows.filter { $0["indikator"] == indicator && $0["periode"] == "2024" && members.contains($0["kommunekode"] ?? "") }
        try #require(mine.count == 8, "\(indicator): one 2024 row per municipality")
        var numerator = 0.0
        var denominator = 0.0
        for row in mine {
            numerator += try #require(Double(row["taeller"] ?? ""))
            denominator += try #require(Double(row["naevner"] ?? ""))
        }
        return (numerator, denominator)
    }

    func section(_ id: String) throws -> SectionReport {
        try #require(report.sections.first { $0.section.id == id })
    }

    /// The council's shown 2024 figure of an indicator equals Σ/Σ × scale from the file.
    func expectCouncilFigure(_ indicator: IndicatorReport, rows: [[String: String]], scale: Double) throws {
        let (numerator, denominator) = try Self.sums(rows, indicator.indicator.id)
        #expect(indicator.periods.last == Period.year(2024))
        let shown = try #require(indicator.clusterRow?.latest.number, "\(indicator.indicator.id): the council's figure is shown")
        #expect(isClose(shown, numerator / denominator * scale), "\(indicator.indicator.id)")
    }

    func group(_ id: String, in section: SectionReport) throws -> IndicatorGroupReport {
        let groups = section.blocks.compactMap { block -> IndicatorGroupReport? in
            if case .group(let group) = block, group.group.id == id { return group }
            return nil
        }
        return try #require(groups.first)
    }

    @Test func sundhedsuddannedeIsASectionAfterKapacitetWithStaffPer1000Aged65Plus() throws {
        #expect(Array(report.sections.map(\.section.id).suffix(2)) == ["kapacitet", "sundhedsuddannede"])
        let section = try section("sundhedsuddannede")
        #expect(section.section.title == "Sundhedsuddannede")
        #expect(
            section.indicators.map(\.indicator.id) == [
                "sygeplejersker_pr_1000_65plus", "sosu_assistenter_pr_1000_65plus", "fysio_ergoterapeuter_pr_1000_65plus",
            ])
        let rows = try Self.rows("syntetiske-sundhedsuddannede.csv")
        for indicator in section.indicators {
            #expect(indicator.origin == .synthetic)
            #expect(indicator.indicator.direction == .none, "more staff per older resident is not better in itself")
            try expectCouncilFigure(indicator, rows: rows, scale: 1000)
        }
        // The denominator is the population aged 65+: nurses 2024, Σ over the council by hand from the file.
        let (_, denominator) = try Self.sums(rows, "sygeplejersker_pr_1000_65plus")
        let population = try Self.populationAged65Plus2024()
        #expect(denominator == population)
    }

    /// Σ alder_65plus on 1 January 2024 over the council, from the population file.
    static func populationAged65Plus2024() throws -> Double {
        let text = try String(contentsOfFile: packageRoot + "/Data/befolkning/befolkning-syntetisk.csv", encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ";").map(String.init) }
        let header = try #require(lines.first)
        let code = try #require(header.firstIndex(of: "kommunekode"))
        let date = try #require(header.firstIndex(of: "dato"))
        let aged = try #require(header.firstIndex(of: "alder_65plus"))
        return lines.dropFirst().filter { members.contains($0[code]) && $0[date] == "2024-01-01" }.reduce(0) {
            $0 + (Double($1[aged]) ?? .nan)
        }
    }

    @Test func generalPracticeIsInKapacitetAsDoctorsPer10000AndPatientsPerDoctor() throws {
        let section = try section("kapacitet")
        let doctors = try #require(section.indicators.first { $0.indicator.id == "almen_praksis_laeger_pr_10000" })
        let patients = try #require(section.indicators.first { $0.indicator.id == "almen_praksis_patienter_pr_laege" })
        #expect(try self.section("sundhedsuddannede").indicators.allSatisfy { !$0.indicator.id.hasPrefix("almen_praksis") })
        let rows = try Self.rows("syntetiske-almen-praksis.csv")
        try expectCouncilFigure(doctors, rows: rows, scale: 10_000)
        try expectCouncilFigure(patients, rows: rows, scale: 1)
        // Patients per doctor is Σ patients / Σ doctors, not the mean of the municipalities' ratios.
        let mine = rows.filter { $0["indikator"] == "almen_praksis_patienter_pr_laege" && $0["periode"] == "2024" }
            .filter { Self.members.contains($0["kommunekode"] ?? "") }
        let meanOfRatios = mine.reduce(0.0) { $0 + (Double($1["taeller"] ?? "") ?? .nan) / (Double($1["naevner"] ?? "") ?? .nan) } / 8
        let shown = try #require(patients.clusterRow?.latest.number)
        #expect(abs(shown - meanOfRatios) > 1, "the two differ, so the test tells them apart")
        // The doctors in the denominator of patients per doctor are those in the numerator of doctors per 10.000.
        #expect(
            try Self.sums(rows, "almen_praksis_patienter_pr_laege").denominator
                == Self.sums(rows, "almen_praksis_laeger_pr_10000").numerator)
        #expect(patients.indicator.direction == .lowerIsBetter)
        #expect(doctors.indicator.direction == .none)
    }

    @Test func theRUKSDiseasesAreAGroupInPopulation() throws {
        let group = try group("kroniske_sygdomme", in: section("population"))
        #expect(
            group.indicators.map(\.indicator.shortTitle) == [
                "Type 2-diabetes", "Type 1-diabetes", "KOL", "Astma", "Leddegigt", "Osteoporose", "Hjertesvigt", "Demens",
            ])
        let rows = try Self.rows("syntetiske-kroniske-sygdomme.csv")
        for indicator in group.indicators {
            #expect(indicator.indicator.numeratorIsPartOfDenominator)
            try expectCouncilFigure(indicator, rows: rows, scale: 100)
        }
        // The existing «at least one» indicator stands on its own, before the group.
        let blocks = try section("population").blocks
        let position = blocks.firstIndex { if case .group = $0 { return true } else { return false } }
        let chronic = blocks.firstIndex {
            if case .indicator(let i) = $0 { return i.indicator.id == "kronisk_sygdom_pct" } else { return false }
        }
        #expect(try #require(chronic) < #require(position))
    }

    static let specialties = [
        "anaestesiologi", "boerne_ungdomspsykiatri", "dermato", "radiologi", "gynaekologi", "intern_medicin", "kirurgi", "neurologi",
        "oftalmologi", "ortopaedkirurgi", "plastikkirurgi", "psykiatri", "paediatri", "reumatologi", "oere_naese_hals",
    ]

    @Test func everySpecialtyHasContactsInAktivitetAndPracticesInKapacitet() throws {
        let contacts = try group("speciallaeger_kontakter", in: section("aktivitet"))
        let practices = try group("speciallaeger_praksis", in: section("kapacitet"))
        #expect(contacts.indicators.map(\.indicator.id) == Self.specialties.map { "speciallaege_\($0)_pr_1000" })
        #expect(practices.indicators.map(\.indicator.id) == Self.specialties.map { "speciallaegepraksis_\($0)_pr_100000" })
        #expect(contacts.indicators.map(\.indicator.shortTitle) == practices.indicators.map(\.indicator.shortTitle))
        // Dermato-venerologi and øre-næse-hals keep their ids and their rows in the first synthetic file.
        let added = try Self.rows("syntetiske-speciallaegepraksis.csv")
        let first = try Self.rows("syntetiske-indikatorer.csv")
        for indicator in contacts.indicators {
            let existing = ["speciallaege_dermato_pr_1000", "speciallaege_oere_naese_hals_pr_1000"].contains(indicator.indicator.id)
            try expectCouncilFigure(indicator, rows: existing ? first : added, scale: 1000)
        }
        // The practices of the specialties add up to all practices, in the council and in the file.
        var numerators = 0.0
        for indicator in practices.indicators {
            try expectCouncilFigure(indicator, rows: added, scale: 100_000)
            numerators += try Self.sums(added, indicator.indicator.id).numerator
        }
        #expect(numerators == (try Self.sums(first, "speciallaegepraksis_pr_100000").numerator))
        // In every municipality and period of the files, not only the council's.
        var total: [String: Int] = [:]
        var split: [String: Int] = [:]
        for row in first where row["indikator"] == "speciallaegepraksis_pr_100000" {
            total["\(row["kommunekode"] ?? "") \(row["periode"] ?? "")"] = Int(row["taeller"] ?? "")
        }
        for row in added where (row["indikator"] ?? "").hasPrefix("speciallaegepraksis_") {
            split["\(row["kommunekode"] ?? "") \(row["periode"] ?? "")", default: 0] += Int(row["taeller"] ?? "") ?? -1_000
        }
        #expect(total.count == 98 * 2)
        #expect(split == total)
    }
}
