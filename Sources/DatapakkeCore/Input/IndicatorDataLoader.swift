/// Reads indicator values: `kommunekode;kommune;indikator;periode;vaerdi;taeller;naevner;datagrundlag`
/// (kommune, taeller, naevner and datagrundlag optional).
public enum IndicatorDataLoader {
    /// Reads one file, appending its observations; throws `InputProblems` with every problem found.
    public static func load(path: String, displayName: String, register: MunicipalityRegister, into observations: inout [Observation])
        throws
    {
        let text = try DelimitedText.read(path: path, displayName: displayName)
        if text.column("aldersgruppe") != nil {
            return try loadBands(text, register: register, into: &observations)
        }
        var log = ProblemLog()
        guard let codeColumn = text.column("kommunekode", "kode"), let indicatorColumn = text.column("indikator"),
            let periodColumn = text.column("periode", "år", "aar", "tid")
        else {
            throw InputProblems([
                InputProblem(
                    SourceLocation(file: text.file, line: 1),
                    headerMessage(
                        text, expected: "kommunekode;kommune;indikator;periode;vaerdi;taeller;naevner;datagrundlag"))
            ])
        }
        let valueColumn = text.column("vaerdi", "værdi")
        let numeratorColumn = text.column("taeller", "tæller")
        let denominatorColumn = text.column("naevner", "nævner")
        guard valueColumn != nil || numeratorColumn != nil else {
            throw InputProblems([
                InputProblem(
                    SourceLocation(file: text.file, line: 1),
                    "overskriften skal have kolonnen vaerdi eller kolonnerne taeller og naevner")
            ])
        }
        let nameColumn = text.column("kommune", "navn")
        let originColumn = text.column("datagrundlag")
        let convention = DecimalConvention.detect(
            valueColumn.map { column in text.rows.compactMap { $0.fields.count > column ? $0.fields[column] : nil } } ?? [])
        for row in text.rows {
            guard
                let (code, indicator, period) = identity(
                    of: row, text, codeColumn: codeColumn, nameColumn: nameColumn, indicatorColumn: indicatorColumn,
                    periodColumn: periodColumn, register: register, log: &log)
            else { continue }
            func number(_ column: Int?, _ what: String, _ kind: NumberKind) -> Double?? {
                guard let column else { return .some(nil) }
                switch parseNumber(row.fields[column], as: kind) {
                case .number(let value): return .some(value)
                case .notAvailable: return .some(nil)
                case .invalid(let why):
                    let expected =
                        kind == .count ? "et antal som 16377 eller 16.377" : "et tal som \(convention == .comma ? "12,3" : "12.3")"
                    log.add(
                        SourceLocation(file: text.file, line: row.line, column: column + 1),
                        "\(quoted(row.fields[column])) i kolonnen \(what) \(why); forventede \(expected) (eller tom/.. når tallet ikke vises)"
                    )
                    return nil
                }
            }
            guard let value = number(valueColumn, "vaerdi", .decimal(convention)),
                let numerator = number(numeratorColumn, "taeller", .count),
                let denominator = number(denominatorColumn, "naevner", .count)
            else { continue }
            observations.append(
                Observation(
                    municipality: code, indicatorID: indicator, period: period, value: value,
                    numerator: numerator, denominator: denominator,
                    origin: dataOrigin(row, column: originColumn, text, log: &log),
                    location: SourceLocation(file: text.file, line: row.line), valueColumn: valueColumn.map { $0 + 1 },
                    numeratorColumn: numeratorColumn.map { $0 + 1 }, denominatorColumn: denominatorColumn.map { $0 + 1 }))
        }
        try log.throwIfAny()
    }

    /// Reads counts by age band: `kommunekode;kommune;indikator;periode;aldersgruppe;taeller;datagrundlag`,
    /// one row per municipality, indicator, period and band; the rows of one municipality, indicator and
    /// period make one observation. The denominators are the population in the same bands.
    /// The municipality, indicator and period a data row (plain or by age band) is about; nil, with the
    /// problem logged, when any of them is missing or unreadable.
    private static func identity(
        of row: DelimitedText.Row, _ text: DelimitedText, codeColumn: Int, nameColumn: Int?, indicatorColumn: Int, periodColumn: Int,
        register: MunicipalityRegister, log: inout ProblemLog
    ) -> (code: MunicipalityCode, indicator: String, period: Period)? {
        guard checkFieldCount(row, text, log: &log) else { return nil }
        guard let code = municipalityCode(row, column: codeColumn, nameColumn: nameColumn, text, register: register, log: &log) else {
            return nil
        }
        let indicator = row.fields[indicatorColumn]
        let periodText = row.fields[periodColumn]
        if indicator.isEmpty || periodText.isEmpty {
            log.add(SourceLocation(file: text.file, line: row.line), "indikator og periode skal være udfyldt")
            return nil
        }
        guard let period = Period(periodText) else {
            log.add(
                SourceLocation(file: text.file, line: row.line, column: periodColumn + 1),
                "«\(periodText)» er ikke en periode; forventede et år (2023), et spænd af år (2019-2023) eller en dato (2025-01-01)")
            return nil
        }
        return (code, indicator, period)
    }

    private static func loadBands(_ text: DelimitedText, register: MunicipalityRegister, into observations: inout [Observation]) throws {
        var log = ProblemLog()
        let expected = "kommunekode;kommune;indikator;periode;aldersgruppe;taeller;datagrundlag"
        guard let codeColumn = text.column("kommunekode", "kode"), let indicatorColumn = text.column("indikator"),
            let periodColumn = text.column("periode", "år", "aar", "tid"), let bandColumn = text.column("aldersgruppe"),
            let countColumn = text.column("taeller", "tæller")
        else {
            throw InputProblems([InputProblem(SourceLocation(file: text.file, line: 1), headerMessage(text, expected: expected))])
        }
        if let column = text.column("vaerdi", "værdi", "naevner", "nævner") {
            throw InputProblems([
                InputProblem(
                    SourceLocation(file: text.file, line: 1, column: column + 1),
                    "en fil med aldersgrupper har kun tællere (kolonnen taeller); nævnerne er befolkningen i de samme "
                        + "aldersgrupper fra befolkningsfilerne. Forventede kolonnerne \(expected)")
            ])
        }
        let nameColumn = text.column("kommune", "navn")
        let originColumn = text.column("datagrundlag")
        struct Key: Hashable {
            var code: MunicipalityCode
            var indicator: String
            var period: Period
        }
        var collected: [Key: (counts: AgeBandCounts, line: Int, origin: DataOrigin)] = [:]
        var order: [Key] = []
        for row in text.rows {
            guard
                let (code, indicator, period) = identity(
                    of: row, text, codeColumn: codeColumn, nameColumn: nameColumn, indicatorColumn: indicatorColumn,
                    periodColumn: periodColumn, register: register, log: &log)
            else { continue }
            guard let band = AgeBand(label: row.fields[bandColumn]) else {
                log.add(
                    SourceLocation(file: text.file, line: row.line, column: bandColumn + 1),
                    "\(quoted(row.fields[bandColumn])) er ikke en aldersgruppe; forventede en af \(AgeBand.labels)")
                continue
            }
            let events: Double?
            switch parseNumber(row.fields[countColumn], as: .count) {
            case .number(let number): events = number
            case .notAvailable: events = nil
            case .invalid(let why):
                log.add(
                    SourceLocation(file: text.file, line: row.line, column: countColumn + 1),
                    "\(quoted(row.fields[countColumn])) i kolonnen taeller \(why); forventede et antal som 312 eller 1.312 "
                        + "(eller tom/.. når tallet ikke vises)")
                continue
            }
            let origin = dataOrigin(row, column: originColumn, text, log: &log)
            let key = Key(code: code, indicator: indicator, period: period)
            if collected[key] == nil {
                collected[key] = (AgeBandCounts(entries: [:], column: countColumn + 1), row.line, origin)
                order.append(key)
            }
            if let earlier = collected[key]?.counts.entries[band] {
                log.add(
                    SourceLocation(file: text.file, line: row.line, column: bandColumn + 1),
                    "\(code) \(indicator) \(period) aldersgruppen \(band) står også på linje \(earlier.line)")
                continue
            }
            if let first = collected[key]?.origin, first != origin {
                log.add(
                    SourceLocation(file: text.file, line: row.line, column: originColumn.map { $0 + 1 }),
                    "\(code) \(indicator) \(period) blander reelle og syntetiske aldersgrupper; det må den ikke")
            }
            collected[key]?.counts.entries[band] = AgeBandCounts.Entry(events: events, line: row.line)
        }
        for key in order {
            guard let entry = collected[key] else { continue }
            let given = entry.counts.entries.values.map(\.events)
            let numerator: Double? = given.contains { $0 == nil } ? nil : given.reduce(0) { $0 + ($1 ?? 0) }
            observations.append(
                Observation(
                    municipality: key.code, indicatorID: key.indicator, period: key.period, value: nil, numerator: numerator,
                    origin: entry.origin, location: SourceLocation(file: text.file, line: entry.line),
                    numeratorColumn: countColumn + 1, ageBands: entry.counts))
        }
        try log.throwIfAny()
    }
}
