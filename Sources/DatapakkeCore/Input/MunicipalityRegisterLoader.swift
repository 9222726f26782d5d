/// Reads the municipality register (`kommunekode;navn;region;aliaser`).
public enum MunicipalityRegisterLoader {
    /// Loads and checks the register; every problem is reported with file and line.
    public static func load(path: String, displayName: String? = nil) throws -> MunicipalityRegister {
        let table = try DelimitedText.read(path: path, displayName: displayName)
        var log = ProblemLog()
        guard let codeColumn = table.column("kommunekode", "kode"),
            let nameColumn = table.column("navn", "kommune"),
            let regionColumn = table.column("region")
        else {
            throw InputProblems([
                InputProblem(
                    SourceLocation(file: table.file, line: 1),
                    "overskriften skal have kolonnerne kommunekode;navn;region (valgfrit: aliaser), fandt: \(table.header.joined(separator: table.separator == ";" ? ";" : ","))"
                )
            ])
        }
        let aliasColumn = table.column("aliaser", "alias")
        var municipalities: [Municipality] = []
        var seen: [MunicipalityCode: Int] = [:]
        for row in table.rows {
            let location = SourceLocation(file: table.file, line: row.line)
            guard row.fields.count > max(codeColumn, nameColumn, regionColumn) else {
                log.add(location, "linjen har \(row.fields.count) felter, forventede \(table.header.count)")
                continue
            }
            guard let code = Int(row.fields[codeColumn]), (100...999).contains(code) else {
                log.add(
                    SourceLocation(file: table.file, line: row.line, column: codeColumn + 1),
                    "«\(row.fields[codeColumn])» er ikke en 3-cifret kommunekode")
                continue
            }
            let region = row.fields[regionColumn]
            if !NameRules.regions.contains(region) {
                log.add(
                    SourceLocation(file: table.file, line: row.line, column: regionColumn + 1),
                    "ukendt region \(quoted(region)); kendte regioner: \(NameRules.regions.joined(separator: ", "))")
            }
            if let problem = NameRules.problem(in: row.fields[nameColumn], maximumLength: NameRules.maximumTitleLength) {
                log.add(SourceLocation(file: table.file, line: row.line, column: nameColumn + 1), "kommunenavnet \(problem)")
            }
            if let earlier = seen[code] {
                log.add(location, "kommunekode \(code) står også på linje \(earlier)")
                continue
            }
            seen[code] = row.line
            let aliases =
                aliasColumn.flatMap { $0 < row.fields.count ? row.fields[$0] : nil }?
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } ?? []
            municipalities.append(
                Municipality(
                    code: code, name: row.fields[nameColumn], region: row.fields[regionColumn], aliases: aliases))
        }
        try log.throwIfAny()
        return MunicipalityRegister(municipalities)
    }
}
