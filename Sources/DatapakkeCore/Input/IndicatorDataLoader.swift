/// Reads indicator values: `kommunekode;kommune;indikator;periode;vaerdi;taeller;naevner;datagrundlag`
/// (kommune, taeller, naevner and datagrundlag optional).
public enum IndicatorDataLoader {
    /// Reads one file, appending its observations; throws `InputProblems` with every problem found.
    public static func load(path: String, displayName: String, register: MunicipalityRegister, into observations: inout [Observation])
        throws
    {
        let text = try DelimitedText.read(path: path, displayName: displayName)
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
            guard checkFieldCount(row, text, log: &log) else { continue }
            guard let code = municipalityCode(row, column: codeColumn, nameColumn: nameColumn, text, register: register, log: &log) else {
                continue
            }
            let indicator = row.fields[indicatorColumn]
            let periodText = row.fields[periodColumn]
            if indicator.isEmpty || periodText.isEmpty {
                log.add(SourceLocation(file: text.file, line: row.line), "indikator og periode skal være udfyldt")
                continue
            }
            guard let period = Period(periodText) else {
                log.add(
                    SourceLocation(file: text.file, line: row.line, column: periodColumn + 1),
                    "«\(periodText)» er ikke en periode; forventede et år (2023), et spænd af år (2019-2023) eller en dato (2025-01-01)")
                continue
            }
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
}
