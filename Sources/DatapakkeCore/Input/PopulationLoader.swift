/// Reads population files: the tool's own wide format, its long format by age band, or an export of
/// Statistikbanken's FOLK1A.
public enum PopulationLoader {
    /// Reads one file into `table`, recording problems in `problems` and returning the encoding read.
    public static func load(path: String, displayName: String, register: MunicipalityRegister, into table: inout PopulationTable) throws {
        let text = try DelimitedText.read(path: path, displayName: displayName)
        var log = ProblemLog()
        if text.column("område", "omrade") != nil, text.column("alder") != nil {
            readFOLK1A(text, register: register, into: &table, log: &log)
        } else if text.column("aldersgruppe") != nil {
            readBands(text, register: register, into: &table, log: &log)
        } else {
            readWide(text, register: register, into: &table, log: &log)
        }
        try log.throwIfAny()
    }

    /// The long format by age band: `kommunekode;kommune;dato;aldersgruppe;antal;datagrundlag`, one row
    /// per municipality, date and band, every one of ESP 2013's 19 bands given.
    private static func readBands(
        _ text: DelimitedText, register: MunicipalityRegister, into table: inout PopulationTable, log: inout ProblemLog
    ) {
        guard let codeColumn = text.column("kommunekode", "kode"), let dateColumn = text.column("dato", "pr_1_januar"),
            let bandColumn = text.column("aldersgruppe"), let countColumn = text.column("antal")
        else {
            log.add(
                SourceLocation(file: text.file, line: 1),
                headerMessage(text, expected: "kommunekode;kommune;dato;aldersgruppe;antal;datagrundlag"))
            return
        }
        let nameColumn = text.column("kommune", "navn")
        let originColumn = text.column("datagrundlag")
        struct Collected {
            var counts: [AgeBand: Double] = [:]
            var lines: [AgeBand: Int] = [:]
            var firstLine: Int
            var origin: DataOrigin
        }
        var collected: [Pair: Collected] = [:]
        var order: [Pair] = []
        for row in text.rows {
            guard checkFieldCount(row, text, log: &log) else { continue }
            guard let code = municipalityCode(row, column: codeColumn, nameColumn: nameColumn, text, register: register, log: &log) else {
                continue
            }
            guard let date = populationDate(row.fields[dateColumn]) else {
                log.add(
                    SourceLocation(file: text.file, line: row.line, column: dateColumn + 1),
                    "«\(row.fields[dateColumn])» er ikke en dato; forventede fx 2025-01-01")
                continue
            }
            guard let band = AgeBand(label: row.fields[bandColumn]) else {
                log.add(
                    SourceLocation(file: text.file, line: row.line, column: bandColumn + 1),
                    "\(quoted(row.fields[bandColumn])) er ikke en aldersgruppe; forventede en af \(AgeBand.labels)")
                continue
            }
            let count: Double
            switch parseNumber(row.fields[countColumn], as: .count) {
            case .number(let number):
                count = number
            case .notAvailable:
                log.add(
                    SourceLocation(file: text.file, line: row.line, column: countColumn + 1),
                    "antal borgere mangler; en befolkning skal have et antal i hver aldersgruppe (0 er et antal)")
                continue
            case .invalid(let why):
                log.add(
                    SourceLocation(file: text.file, line: row.line, column: countColumn + 1),
                    "\(quoted(row.fields[countColumn])) i kolonnen antal \(why); forventede et antal borgere som 3120 eller 3.120")
                continue
            }
            let origin = dataOrigin(row, column: originColumn, text, log: &log)
            let key = Pair(date: date, code: code)
            if collected[key] == nil {
                collected[key] = Collected(firstLine: row.line, origin: origin)
                order.append(key)
            }
            if let earlier = collected[key]?.lines[band] {
                log.add(
                    SourceLocation(file: text.file, line: row.line, column: bandColumn + 1),
                    "aldersgruppen \(band) for \(code) pr. \(date) står også på linje \(earlier)")
                continue
            }
            collected[key]?.counts[band] = count
            collected[key]?.lines[band] = row.line
        }
        for key in order {
            guard let entry = collected[key] else { continue }
            let location = SourceLocation(file: text.file, line: entry.firstLine, column: countColumn + 1)
            let missing = AgeBand.all.filter { entry.counts[$0] == nil }
            if !missing.isEmpty {
                log.add(
                    SourceLocation(file: text.file, line: entry.firstLine),
                    "\(key.code) \(register.municipality(key.code)?.name ?? "") pr. \(key.date) mangler aldersgrupperne "
                        + "\(missing.map(\.label).joined(separator: ", ")); alle \(AgeBand.count) aldersgrupper (\(AgeBand.labels)) skal stå i filen"
                )
                continue
            }
            if table.bands[key.date]?[key.code] != nil {
                log.add(
                    SourceLocation(file: text.file, line: entry.firstLine),
                    "befolkningstal i aldersgrupper for \(key.code) pr. \(key.date) står også i en anden befolkningsfil")
                continue
            }
            table.setBands(
                AgeBand.all.map { entry.counts[$0] ?? 0 }, municipality: key.code, date: key.date, origin: entry.origin, location: location)
        }
    }

    /// Checks the age bands against the groups of the same municipality and date, whichever files
    /// they came from: the bands must sum to `i_alt`, from 65-69 to `alder_65plus` and from 80-84 to
    /// `alder_80plus`, and hold `alder_0_15` and `alder_16_67` between the bands around them. A group
    /// the data does not give is taken from the bands. Run once every population file is read.
    public static func checkBands(_ table: inout PopulationTable, register: MunicipalityRegister) throws {
        var log = ProblemLog()
        for date in table.bands.keys.sorted() {
            for code in (table.bands[date] ?? [:]).keys.sorted() {
                guard let bands = table.bands[date]?[code] else { continue }
                let location = table.bandLocations[date]?[code] ?? SourceLocation(file: "?")
                let name = "\(code) \(register.municipality(code)?.name ?? "")"
                func sum(_ range: ClosedRange<Int>) -> Double { range.reduce(0) { $0 + bands[$1] } }
                let sums: [(group: PopulationGroup, sum: Double, from: String)] = [
                    (.total, sum(0...18), "alle aldersgrupper"), (.aged65plus, sum(13...18), "aldersgrupperne fra 65-69"),
                    (.aged80plus, sum(16...18), "aldersgrupperne fra 80-84"),
                ]
                for (group, total, from) in sums {
                    guard let given = table.count(group, municipality: code, date: date) else {
                        table.set(total, group: group, municipality: code, date: date, origin: table.origins[date] ?? .real)
                        continue
                    }
                    if given != total {
                        log.add(
                            location,
                            "\(name) pr. \(date.label): \(from) summer til \(DanishNumber.format(total, decimals: 0)), men \(group) er "
                                + "\(DanishNumber.format(given, decimals: 0)); befolkningen i aldersgrupper skal passe med befolkningstallene"
                        )
                    }
                }
                let between: [(group: PopulationGroup, low: Double, high: Double, bands: String)] = [
                    (.aged0to15, sum(0...2), sum(0...3), "0-14 og 0-19"), (.aged16to67, sum(4...12), sum(3...13), "20-64 og 15-69"),
                ]
                for (group, low, high, span) in between {
                    guard let given = table.count(group, municipality: code, date: date), given < low || given > high else { continue }
                    log.add(
                        location,
                        "\(name) pr. \(date.label): \(group) er \(DanishNumber.format(given, decimals: 0)), men aldersgrupperne "
                            + "\(span) har \(DanishNumber.format(low, decimals: 0)) og \(DanishNumber.format(high, decimals: 0)); "
                            + "befolkningen i aldersgrupper skal passe med befolkningstallene")
                }
            }
        }
        try log.throwIfAny()
    }

    private static func readWide(
        _ text: DelimitedText, register: MunicipalityRegister, into table: inout PopulationTable, log: inout ProblemLog
    ) {
        let groupColumns = text.header.enumerated().compactMap { column, name in PopulationGroup(rawValue: name).map { (column, $0) } }
        guard let codeColumn = text.column("kommunekode", "kode"), let dateColumn = text.column("dato", "pr_1_januar"),
            !groupColumns.isEmpty
        else {
            log.add(
                SourceLocation(file: text.file, line: 1),
                headerMessage(
                    text,
                    expected:
                        "kommunekode;kommune;dato;i_alt;alder_0_15;alder_16_67;alder_65plus;alder_80plus;plejehjem;datagrundlag "
                        + "(eller en FOLK1A-udtræk med OMRÅDE;ALDER;TID;INDHOLD)"))
            return
        }
        let nameColumn = text.column("kommune", "navn")
        let originColumn = text.column("datagrundlag")
        var seen: [String: Int] = [:]
        for row in text.rows {
            guard checkFieldCount(row, text, log: &log) else { continue }
            guard let code = municipalityCode(row, column: codeColumn, nameColumn: nameColumn, text, register: register, log: &log) else {
                continue
            }
            guard let date = populationDate(row.fields[dateColumn]) else {
                log.add(
                    SourceLocation(file: text.file, line: row.line, column: dateColumn + 1),
                    "«\(row.fields[dateColumn])» er ikke en dato; forventede fx 2025-01-01")
                continue
            }
            let key = "\(code) \(date)"
            if let earlier = seen[key] {
                log.add(SourceLocation(file: text.file, line: row.line), "\(code) \(date) står også på linje \(earlier)")
                continue
            }
            seen[key] = row.line
            if table.counts[date]?[code] != nil {
                log.add(
                    SourceLocation(file: text.file, line: row.line),
                    "befolkningstal for \(code) pr. \(date) står også i en anden befolkningsfil")
                continue
            }
            let origin = dataOrigin(row, column: originColumn, text, log: &log)
            var counts: [PopulationGroup: (count: Double, column: Int)] = [:]
            for (column, group) in groupColumns {
                switch parseNumber(row.fields[column], as: .count) {
                case .number(let count):
                    counts[group] = (count, column)
                case .notAvailable:
                    continue
                case .invalid(let why):
                    log.add(
                        SourceLocation(file: text.file, line: row.line, column: column + 1),
                        "\(quoted(row.fields[column])) i kolonnen \(group) \(why); forventede et antal borgere som 80043 eller 80.043")
                }
            }
            let problems = log.problems.count
            checkAgeGroups(counts.mapValues(\.count), columns: counts.mapValues(\.column), file: text.file, line: row.line, log: &log)
            guard log.problems.count == problems else { continue }
            for (group, entry) in counts {
                table.set(entry.count, group: group, municipality: code, date: date, origin: origin)
            }
        }
    }

    /// The groups of one municipality on one date must nest: 80+ within 65+ within everyone, the
    /// age bands and the nursing-home residents within everyone.
    static func checkAgeGroups(
        _ counts: [PopulationGroup: Double], columns: [PopulationGroup: Int], file: String, line: Int, log: inout ProblemLog
    ) {
        let rules: [(part: PopulationGroup, whole: PopulationGroup)] = [
            (.aged80plus, .aged65plus), (.aged65plus, .total), (.aged80plus, .total), (.aged0to15, .total), (.aged16to67, .total),
            (.nursingHome, .total),
        ]
        for rule in rules {
            guard let part = counts[rule.part], let whole = counts[rule.whole], part > whole else { continue }
            log.add(
                SourceLocation(file: file, line: line, column: columns[rule.part].map { $0 + 1 }),
                "\(rule.part) (\(DanishNumber.format(part, decimals: 0))) er større end \(rule.whole) (\(DanishNumber.format(whole, decimals: 0))); "
                    + "en aldersgruppe kan ikke have flere borgere end den gruppe, den er en del af")
            return
        }
        if let young = counts[.aged0to15], let working = counts[.aged16to67], let total = counts[.total], young + working > total {
            log.add(
                SourceLocation(file: file, line: line, column: columns[.aged16to67].map { $0 + 1 }),
                "alder_0_15 og alder_16_67 er tilsammen \(DanishNumber.format(young + working, decimals: 0)), "
                    + "flere end i_alt (\(DanishNumber.format(total, decimals: 0)))")
        }
    }

    private static func readFOLK1A(
        _ text: DelimitedText, register: MunicipalityRegister, into table: inout PopulationTable, log: inout ProblemLog
    ) {
        guard let areaColumn = text.column("område", "omrade"), let ageColumn = text.column("alder"),
            let timeColumn = text.column("tid"), let valueColumn = text.column("indhold")
        else {
            log.add(SourceLocation(file: text.file, line: 1), headerMessage(text, expected: "OMRÅDE;ALDER;TID;INDHOLD"))
            return
        }
        let sexColumn = text.column("køn", "koen")
        var totals: [Period: [MunicipalityCode: Double]] = [:]
        var singleAges: [Period: [MunicipalityCode: [Int: Double]]] = [:]
        var seenRows: [FOLKRow: Int] = [:]
        for row in text.rows {
            guard checkFieldCount(row, text, log: &log) else { continue }
            if let sexColumn, !["i alt", "køn i alt", "total"].contains(row.fields[sexColumn].lowercased()) { continue }
            let area = row.fields[areaColumn]
            let lowered = area.lowercased()
            if lowered == "hele landet" || lowered.hasPrefix("region ") || lowered.hasPrefix("landsdel ") { continue }
            guard let code = register.code(forName: area) else {
                log.add(
                    SourceLocation(file: text.file, line: row.line, column: areaColumn + 1),
                    "ukendt kommune «\(area)»; forventede et kommunenavn fra kommuneregisteret")
                continue
            }
            guard let date = folkDate(row.fields[timeColumn]) else {
                log.add(
                    SourceLocation(file: text.file, line: row.line, column: timeColumn + 1),
                    "«\(row.fields[timeColumn])» er ikke en FOLK1A-tid; forventede fx 2026K1")
                continue
            }
            guard case .number(let count) = parseNumber(row.fields[valueColumn], as: .count) else {
                log.add(
                    SourceLocation(file: text.file, line: row.line, column: valueColumn + 1),
                    "\(quoted(row.fields[valueColumn])) er ikke et antal borgere; forventede fx 42572 eller 42.572")
                continue
            }
            let age = row.fields[ageColumn].lowercased()
            // The same municipality, time and age twice (by its name and an alias, or a copied line)
            // is an error, never a sum: a doubled population would pass every other check.
            let ageKey = age == "alder i alt" || age == "i alt" ? -1 : Int(age.prefix { $0.isNumber })
            if let ageKey {
                let key = FOLKRow(date: date, code: code, age: ageKey)
                if let earlier = seenRows[key] {
                    log.add(
                        SourceLocation(file: text.file, line: row.line, column: areaColumn + 1),
                        "\(quoted(area)) \(row.fields[timeColumn]) \(quoted(row.fields[ageColumn])) står også på linje \(earlier) "
                            + "(kommunen \(register.municipality(code)?.name ?? String(code)) under et andet navn?); tal lægges ikke sammen"
                    )
                    continue
                }
                seenRows[key] = row.line
            }
            if ageKey == -1 {
                totals[date, default: [:]][code, default: 0] += count
            } else if let years = ageKey {
                singleAges[date, default: [:]][code, default: [:]][years, default: 0] += count
            } else {
                log.add(
                    SourceLocation(file: text.file, line: row.line, column: ageColumn + 1),
                    "«\(row.fields[ageColumn])» er ikke en alder; forventede «Alder i alt» eller fx «65 år»")
            }
        }
        let found = Set(
            totals.flatMap { date, rows in rows.keys.map { Pair(date: date, code: $0) } }
                + singleAges.flatMap { date, rows in rows.keys.map { Pair(date: date, code: $0) } })
        for pair in found.sorted(by: { ($0.date.id, $0.code) < ($1.date.id, $1.code) }) where table.counts[pair.date]?[pair.code] != nil {
            log.add(SourceLocation(file: text.file), "befolkningstal for \(pair.code) pr. \(pair.date) står også i en anden befolkningsfil")
        }
        for pair in found.sorted(by: { ($0.date.id, $0.code) < ($1.date.id, $1.code) }) where table.bands[pair.date]?[pair.code] != nil {
            log.add(
                SourceLocation(file: text.file),
                "befolkningstal i aldersgrupper for \(pair.code) pr. \(pair.date) står også i en anden befolkningsfil")
        }
        guard log.isEmpty else { return }
        for (date, municipalities) in singleAges {
            for (code, ages) in municipalities {
                func sum(_ range: ClosedRange<Int>) -> Double { ages.filter { range.contains($0.key) }.reduce(0) { $0 + $1.value } }
                // The single years summed into ESP 2013's bands, when the export has every age up to 90
                // (an export of some ages only gives no bands, rather than bands with holes).
                if (0...89).allSatisfy({ ages[$0] != nil }), ages.keys.contains(where: { $0 >= 90 }) {
                    table.setBands(
                        AgeBand.all.map { band in sum(band.firstAge...(band.lastAge ?? 200)) }, municipality: code, date: date,
                        origin: .real, location: SourceLocation(file: text.file))
                }
                table.set(sum(0...15), group: .aged0to15, municipality: code, date: date, origin: .real)
                table.set(sum(16...67), group: .aged16to67, municipality: code, date: date, origin: .real)
                table.set(sum(65...200), group: .aged65plus, municipality: code, date: date, origin: .real)
                table.set(sum(80...200), group: .aged80plus, municipality: code, date: date, origin: .real)
                if totals[date]?[code] == nil {
                    table.set(sum(0...200), group: .total, municipality: code, date: date, origin: .real)
                }
            }
        }
        for (date, municipalities) in totals {
            for (code, count) in municipalities {
                table.set(count, group: .total, municipality: code, date: date, origin: .real)
            }
        }
    }

    private struct FOLKRow: Hashable {
        var date: Period
        var code: MunicipalityCode
        var age: Int
    }

    private struct Pair: Hashable {
        var date: Period
        var code: MunicipalityCode
    }

    /// "2025-01-01", or a bare year meaning 1 January.
    static func populationDate(_ text: String) -> Period? {
        switch Period(text)?.kind {
        case .date: return Period(text)
        case .year(let year): return .firstOfJanuary(year)
        default: return nil
        }
    }

    /// FOLK1A's quarter "2026K1" is the population on the first day of the quarter.
    static func folkDate(_ text: String) -> Period? {
        let parts = text.uppercased().split(separator: "K")
        guard let year = parts.first.flatMap({ Int($0) }), Period.years.contains(year) else { return nil }
        if parts.count == 1 { return .firstOfJanuary(year) }
        guard parts.count == 2, let quarter = Int(parts[1]), (1...4).contains(quarter) else { return nil }
        return Period(.date(year: year, month: (quarter - 1) * 3 + 1, day: 1))
    }
}

/// The message for a header that lacks required columns, with a hint when the separator looks wrong.
func headerMessage(_ text: DelimitedText, expected: String) -> String {
    var message = "overskriften passer ikke; forventede kolonnerne \(expected)"
    if text.header.count <= 1 {
        message += ". Linjen kunne ikke deles med semikolon eller komma: bruger filen et andet skilletegn?"
    } else {
        message += ", fandt: \(text.header.joined(separator: String(text.separator)))"
    }
    return message
}

/// Reports a row whose field count differs from the header's (typically a truncated line).
func checkFieldCount(_ row: DelimitedText.Row, _ text: DelimitedText, log: inout ProblemLog) -> Bool {
    guard row.fields.count != text.header.count else { return true }
    let hint =
        row.fields.count < text.header.count
        ? " Er linjen afkortet?" : " Er der et skilletegn for meget, eller et decimalkomma uden anførselstegn i en kommasepareret fil?"
    log.add(
        SourceLocation(file: text.file, line: row.line),
        "linjen har \(row.fields.count) felter, men overskriften har \(text.header.count) (skilletegn: \(text.separatorName)).\(hint)")
    return false
}

/// Reads a municipality code and, where the file has one, checks the name against the register.
func municipalityCode(
    _ row: DelimitedText.Row, column: Int, nameColumn: Int?, _ text: DelimitedText,
    register: MunicipalityRegister, log: inout ProblemLog
) -> MunicipalityCode? {
    let raw = row.fields[column]
    guard let code = Int(raw) else {
        log.add(
            SourceLocation(file: text.file, line: row.line, column: column + 1),
            "«\(raw)» er ikke en kommunekode; forventede et tal som 330")
        return nil
    }
    guard let municipality = register.municipality(code) else {
        log.add(SourceLocation(file: text.file, line: row.line, column: column + 1), "ukendt kommunekode \(code)")
        return nil
    }
    if let nameColumn, !row.fields[nameColumn].isEmpty, !register.name(row.fields[nameColumn], matches: code) {
        log.add(
            SourceLocation(file: text.file, line: row.line, column: nameColumn + 1),
            "kommunekode \(code) er \(municipality.name), ikke «\(row.fields[nameColumn])»")
        return nil
    }
    return code
}

/// The origin column: `reel` (the default when absent) or `syntetisk`.
func dataOrigin(_ row: DelimitedText.Row, column: Int?, _ text: DelimitedText, log: inout ProblemLog) -> DataOrigin {
    guard let column else { return .real }
    let value = row.fields[column].lowercased()
    if value.isEmpty { return .real }
    if let origin = DataOrigin(rawValue: value) { return origin }
    log.add(
        SourceLocation(file: text.file, line: row.line, column: column + 1),
        "datagrundlag skal være «reel» eller «syntetisk», ikke «\(row.fields[column])»")
    return .real
}
