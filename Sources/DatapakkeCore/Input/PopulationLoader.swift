/// Reads population files: the tool's own wide format, or an export of Statistikbanken's FOLK1A.
public enum PopulationLoader {

    /// Reads one file into `table`, recording problems in `problems` and returning the encoding read.
    public static func load(path: String, displayName: String, register: MunicipalityRegister, into table: inout PopulationTable) throws {
        let text = try DelimitedText.read(path: path, displayName: displayName)
        var log = ProblemLog()
        if text.column("område", "omrade") != nil, text.column("alder") != nil {
            readFOLK1A(text, register: register, into: &table, log: &log)
        } else {
            readWide(text, register: register, into: &table, log: &log)
        }
        try log.throwIfAny()
    }

    private static func readWide(_ text: DelimitedText, register: MunicipalityRegister, into table: inout PopulationTable, log: inout ProblemLog) {
        let groupColumns = text.header.enumerated().compactMap { column, name in PopulationGroup(rawValue: name).map { (column, $0) } }
        guard let codeColumn = text.column("kommunekode", "kode"), let dateColumn = text.column("dato", "pr_1_januar"),
              !groupColumns.isEmpty
        else {
            log.add(SourceLocation(file: text.file, line: 1), headerMessage(text, expected:
                "kommunekode;kommune;dato;i_alt;alder_0_15;alder_16_67;alder_65plus;alder_80plus;plejehjem;datagrundlag "
                + "(eller en FOLK1A-udtræk med OMRÅDE;ALDER;TID;INDHOLD)"))
            return
        }
        let nameColumn = text.column("kommune", "navn")
        let originColumn = text.column("datagrundlag")
        var seen: [String: Int] = [:]
        for row in text.rows {
            guard checkFieldCount(row, text, log: &log) else { continue }
            guard let code = municipalityCode(row, column: codeColumn, nameColumn: nameColumn, text, register: register, log: &log) else { continue }
            guard let date = populationDate(row.fields[dateColumn]) else {
                log.add(SourceLocation(file: text.file, line: row.line, column: dateColumn + 1),
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
                log.add(SourceLocation(file: text.file, line: row.line), "befolkningstal for \(code) pr. \(date) står også i en anden befolkningsfil")
                continue
            }
            let origin = dataOrigin(row, column: originColumn, text, log: &log)
            for (column, group) in groupColumns {
                switch parseDanishNumber(row.fields[column]) {
                case .number(let count) where count >= 0:
                    table.set(count, group: group, municipality: code, date: date, origin: origin)
                case .notAvailable:
                    continue
                default:
                    log.add(SourceLocation(file: text.file, line: row.line, column: column + 1),
                            "«\(row.fields[column])» i kolonnen \(group) er ikke et antal; forventede et ikke-negativt tal")
                }
            }
        }
    }

    private static func readFOLK1A(_ text: DelimitedText, register: MunicipalityRegister, into table: inout PopulationTable, log: inout ProblemLog) {
        guard let areaColumn = text.column("område", "omrade"), let ageColumn = text.column("alder"),
              let timeColumn = text.column("tid"), let valueColumn = text.column("indhold")
        else {
            log.add(SourceLocation(file: text.file, line: 1), headerMessage(text, expected: "OMRÅDE;ALDER;TID;INDHOLD"))
            return
        }
        let sexColumn = text.column("køn", "koen")
        var totals: [Period: [MunicipalityCode: Double]] = [:]
        var singleAges: [Period: [MunicipalityCode: [Int: Double]]] = [:]
        for row in text.rows {
            guard checkFieldCount(row, text, log: &log) else { continue }
            if let sexColumn, !["i alt", "køn i alt", "total"].contains(row.fields[sexColumn].lowercased()) { continue }
            let area = row.fields[areaColumn]
            let lowered = area.lowercased()
            if lowered == "hele landet" || lowered.hasPrefix("region ") || lowered.hasPrefix("landsdel ") { continue }
            guard let code = register.code(forName: area) else {
                log.add(SourceLocation(file: text.file, line: row.line, column: areaColumn + 1),
                        "ukendt kommune «\(area)»; forventede et kommunenavn fra kommuneregisteret")
                continue
            }
            guard let date = folkDate(row.fields[timeColumn]) else {
                log.add(SourceLocation(file: text.file, line: row.line, column: timeColumn + 1),
                        "«\(row.fields[timeColumn])» er ikke en FOLK1A-tid; forventede fx 2026K1")
                continue
            }
            guard case .number(let count) = parseDanishNumber(row.fields[valueColumn]), count >= 0 else {
                log.add(SourceLocation(file: text.file, line: row.line, column: valueColumn + 1),
                        "«\(row.fields[valueColumn])» er ikke et antal")
                continue
            }
            let age = row.fields[ageColumn].lowercased()
            if age == "alder i alt" || age == "i alt" {
                totals[date, default: [:]][code, default: 0] += count
            } else if let years = Int(age.prefix { $0.isNumber }) {
                singleAges[date, default: [:]][code, default: [:]][years, default: 0] += count
            } else {
                log.add(SourceLocation(file: text.file, line: row.line, column: ageColumn + 1),
                        "«\(row.fields[ageColumn])» er ikke en alder; forventede «Alder i alt» eller fx «65 år»")
            }
        }
        let found = Set(totals.flatMap { date, rows in rows.keys.map { Pair(date: date, code: $0) } }
            + singleAges.flatMap { date, rows in rows.keys.map { Pair(date: date, code: $0) } })
        for pair in found.sorted(by: { ($0.date.id, $0.code) < ($1.date.id, $1.code) }) where table.counts[pair.date]?[pair.code] != nil {
            log.add(SourceLocation(file: text.file), "befolkningstal for \(pair.code) pr. \(pair.date) står også i en anden befolkningsfil")
        }
        guard log.isEmpty else { return }
        for (date, municipalities) in singleAges {
            for (code, ages) in municipalities {
                func sum(_ range: ClosedRange<Int>) -> Double { ages.filter { range.contains($0.key) }.reduce(0) { $0 + $1.value } }
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
    let hint = row.fields.count < text.header.count ? " Er linjen afkortet?" : " Er der et skilletegn for meget, eller et decimalkomma uden anførselstegn i en kommasepareret fil?"
    log.add(SourceLocation(file: text.file, line: row.line),
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
        log.add(SourceLocation(file: text.file, line: row.line, column: column + 1), "«\(raw)» er ikke en kommunekode; forventede et tal som 330")
        return nil
    }
    guard let municipality = register.municipality(code) else {
        log.add(SourceLocation(file: text.file, line: row.line, column: column + 1), "ukendt kommunekode \(code)")
        return nil
    }
    if let nameColumn, !row.fields[nameColumn].isEmpty, !register.name(row.fields[nameColumn], matches: code) {
        log.add(SourceLocation(file: text.file, line: row.line, column: nameColumn + 1),
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
    log.add(SourceLocation(file: text.file, line: row.line, column: column + 1), "datagrundlag skal være «reel» eller «syntetisk», ikke «\(row.fields[column])»")
    return .real
}
