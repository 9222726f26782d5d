import DatapakkeTestSupport
import Foundation

@testable import DatapakkeCore

/// One map's published files, as an outsider downloads them: the folder a build wrote (workbooks,
/// prompts, download page, manifest) and what `datapakke figures` printed for the map.
struct PublishedMap {
    /// Who belongs where: public, like the population.
    var definitions: ClusterDefinitionSet
    var folder: String
    var figuresJSON: String?
    var figuresCSV: String?
}

/// An independent disclosure checker: from everything the maps publish together (read back from the
/// files: the workbooks with openpyxl, the manifests, the figures exports in JSON and CSV) and what is
/// public anyway (every map's definitions and every denominator), it tries to work out each hidden
/// count. The similar councils' figures of every pack (its table row "Sammenlignelige …", named on its
/// front page, and the figures exports' `similar` fields) are sums over whole councils, and join the
/// attack like every other published sum. It does not ask the engine what it hid or why, and it does its own algebra, in exact
/// fractions: every published aggregate of every map is a share-weighted sum of municipality counts,
/// and a hidden cell is worked out when some combination of the published sums isolates it.
struct DisclosureChecker {
    /// A published cell as the outsider names it.
    enum Cell: Hashable, Comparable {
        case country
        case region(map: Int, id: String)
        case cluster(map: Int, id: String)
        case municipality(Int)
        /// A pack's similar councils taken together: their ids, nearest first, joined by "+".
        case similar(map: Int, id: String)
    }

    /// A count known to an outsider, give or take `error` from rounding.
    struct Known {
        var value: Double
        var error: Double
    }

    /// A hidden count that the published figures pin down.
    struct Finding: CustomStringConvertible {
        var indicator: String
        var name: String
        var period: String
        /// What the outsider works out, give or take `error`.
        var value: Double
        var error: Double
        var truth: Double
        var description: String {
            "\(name) \(period) = \(truth == truth.rounded() ? String(Int(truth)) : DanishNumber.format(truth, decimals: 1))"
        }
    }

    /// A hidden cell with the truth behind it, for the scans of the outputs.
    struct HiddenCell: CustomStringConvertible {
        var indicator: Indicator
        var cell: Cell
        var name: String
        var period: String
        var truth: Double
        var denominator: Double?
        var description: String { "\(indicator.id) \(name) \(period)" }
    }

    let maps: [PublishedMap]
    let inputs: DatapakkeInputs
    /// Every workbook read, with its map.
    private(set) var workbooks: [(map: Int, name: String, workbook: ReadWorkbook)] = []
    /// indicator id → period id → cell → the most precise value any output shows.
    private(set) var shown: [String: [String: [Cell: Known]]] = [:]
    /// indicator id → period id → the cells some output shows with a marker of suppression.
    private(set) var hidden: [String: [String: Set<Cell>]] = [:]
    /// Cells shown in one output and hidden in another, or shown with values that disagree, or a
    /// hidden figure printed with a number.
    private(set) var conflicts: [String] = []
    /// How many files of each kind were read.
    private(set) var filesRead: [String: Int] = [:]
    /// How many funnel plots' data blocks were read from the workbooks.
    private(set) var funnelBlocksRead = 0
    /// How many values (shown or hidden) of similar councils' figures were read, by the kind of file.
    private(set) var similarRead: [String: Int] = [:]

    init(maps: [PublishedMap], inputs: DatapakkeInputs) throws {
        self.maps = maps
        self.inputs = inputs
        for (index, map) in maps.enumerated() {
            let names = try FileManager.default.contentsOfDirectory(atPath: map.folder).sorted()
            for (name, workbook) in try Self.readWorkbooks(names.filter { $0.hasSuffix(".xlsx") }.map { map.folder + "/" + $0 }) {
                workbooks.append((index, name, workbook))
                readTables(workbook, file: name, map: index)
                readFunnelData(workbook, file: name)
                filesRead["xlsx", default: 0] += 1
            }
            if names.contains("manifest.json") {
                try readManifest(map.folder + "/manifest.json", map: index)
                filesRead["manifest", default: 0] += 1
            }
            if let json = map.figuresJSON {
                try readFiguresJSON(json, map: index)
                filesRead["json", default: 0] += 1
            }
            if let csv = map.figuresCSV {
                try readFiguresCSV(csv, map: index)
                filesRead["csv", default: 0] += 1
            }
        }
        for (indicator, periods) in hidden {
            for (period, cells) in periods {
                for cell in cells.sorted() where shown[indicator]?[period]?[cell] != nil {
                    conflicts.append("\(indicator) \(name(of: cell)) \(period) is hidden in one output and shown in another")
                }
            }
        }
    }

    // MARK: What is public

    /// The indicators whose hidden cells the checker can do arithmetic on: counts and ratios.
    func isAdditive(_ indicator: Indicator) -> Bool {
        switch indicator.aggregation {
        case .count, .ratio: return true
        default: return false
        }
    }

    private func observation(_ indicator: Indicator, _ period: String, _ code: Int) -> Observation? {
        guard let periods = inputs.observations[indicator.id] else { return nil }
        return periods.first { $0.key.id == period }?.value[code]
    }

    /// Whether a municipality counts in the sums: a ratio needs both numbers, a count its value.
    private func contributes(_ indicator: Indicator, _ period: String, _ code: Int) -> Bool {
        guard let observation = observation(indicator, period, code) else { return false }
        if case .ratio = indicator.aggregation { return observation.numerator != nil && observation.denominator != nil }
        return observation.value != nil
    }

    /// The municipalities of a cell with their shares: a cluster's members, a region's clusters'
    /// members (a split municipality's shares added), every municipality for the country.
    func members(of cell: Cell) -> [(code: Int, share: Double)] {
        switch cell {
        case .municipality(let code): return [(code, 1)]
        case .country: return inputs.register.municipalities.map { ($0.code, 1) }
        case .cluster(let map, let id):
            return maps[map].definitions.clusters.first { $0.id == id }?.members.map { ($0.code, $0.share) } ?? []
        case .region(let map, let id):
            var shares: [Int: Double] = [:]
            for cluster in maps[map].definitions.clusters where cluster.region == id {
                for member in cluster.members { shares[member.code, default: 0] += member.share }
            }
            return shares.keys.sorted().map { ($0, shares[$0] ?? 0) }
        case .similar(let map, let id):
            // Whole councils: a split municipality's shares add up, as in a region.
            var shares: [Int: Double] = [:]
            for clusterID in id.split(separator: "+").map(String.init) {
                for member in maps[map].definitions.clusters.first(where: { $0.id == clusterID })?.members ?? [] {
                    shares[member.code, default: 0] += member.share
                }
            }
            return shares.keys.sorted().map { ($0, shares[$0] ?? 0) }
        }
    }

    /// The denominator of a ratio's cell (Σ share × denominator over the members with a value): public.
    func denominator(_ indicator: Indicator, _ period: String, _ cell: Cell) -> Double? {
        guard case .ratio = indicator.aggregation else { return nil }
        let terms = members(of: cell).filter { contributes(indicator, period, $0.code) }
        guard !terms.isEmpty else { return nil }
        return terms.reduce(0) { $0 + $1.share * (observation(indicator, period, $1.code)?.denominator ?? 0) }
    }

    /// The true count of a cell, for judging a recovery: Σ share × numerator (or count) over its members.
    func truth(_ indicator: Indicator, _ period: String, _ cell: Cell) -> Double {
        members(of: cell).filter { contributes(indicator, period, $0.code) }.reduce(0) {
            let observation = observation(indicator, period, $1.code)
            return $0 + $1.share * ((indicator.aggregation.isCount ? observation?.value : observation?.numerator) ?? 0)
        }
    }

    func name(of cell: Cell) -> String {
        switch cell {
        case .municipality(let code): return inputs.register.municipality(code)?.name ?? String(code)
        case .country: return "Hele landet"
        case .cluster(let map, let id): return maps[map].definitions.clusters.first { $0.id == id }?.name ?? id
        case .region(_, let id): return Self.regionName(id)
        case .similar(_, let id): return "Sammenlignelige (\(id))"
        }
    }

    static func regionName(_ id: String) -> String { id.lowercased().hasPrefix("region") ? id : "Region \(id)" }

    // MARK: Reading

    /// Reads workbooks with openpyxl, two at a time.
    private static func readWorkbooks(_ paths: [String]) throws -> [(String, ReadWorkbook)] {
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var values: [Int: Result<ReadWorkbook, Error>] = [:]
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let result = Result { try ReadWorkbook.read(paths[index]) }
            results.lock.withLock { results.values[index] = result }
        }
        return try paths.indices.map { (URL(fileURLWithPath: paths[$0]).lastPathComponent, try results.values[$0]!.get()) }
    }

    /// A value as published: a number with the decimals it is shown with, an exact number, or a marker.
    private enum Published {
        case rounded(Double, decimals: Int)
        case exact(Double)
        case marker(String)
    }

    private mutating func record(_ indicator: Indicator, _ period: String, _ cell: Cell, _ value: Published, source: String) {
        if case .similar = cell {
            let kind = source == "manifest.json" ? "manifest" : String(source.split(separator: ".").last ?? "")
            similarRead[kind, default: 0] += 1
        }
        let known: Known?
        switch value {
        case .marker(let marker):
            // `..` (no data) and `·` (not computed) hide nothing; the suppression markers do.
            if marker == Vocabulary.secondaryMarker || marker == Vocabulary.smallDenominatorMarker || marker.hasPrefix("<") {
                hidden[indicator.id, default: [:]][period, default: []].insert(cell)
            }
            return
        case .exact(let count):
            known = Known(value: count, error: 1e-6)
        case .rounded(let shown, let decimals):
            let halfUnit = 0.5 * pow(10, -Double(decimals))
            switch indicator.aggregation {
            case .ratio(let scale):
                // A shown rate with the public denominator gives the count, give or take half a unit of the last decimal.
                known = denominator(indicator, period, cell).map { Known(value: shown * $0 / scale, error: halfUnit * $0 / scale) }
            case .count:
                known = Known(value: shown, error: halfUnit)
            default:
                known = nil
            }
        }
        guard let known else { return }
        if let earlier = shown[indicator.id]?[period]?[cell] {
            if abs(earlier.value - known.value) > earlier.error + known.error + 1e-6 {
                conflicts.append(
                    "\(indicator.id) \(name(of: cell)) \(period): \(source) shows \(known.value), another output \(earlier.value)")
            }
            if earlier.error <= known.error { return }
        }
        shown[indicator.id, default: [:]][period, default: [:]][cell] = known
    }

    /// The cell a table row names, in the workbook of one map; `similar` is the pack's similar councils.
    private func cell(labelled label: String, map: Int, similar: Cell?) -> Cell? {
        var name = label
        // " (tilnærmet)" and a split municipality's " (50 %)" follow the name.
        while name.hasSuffix(")"), let open = name.range(of: " (", options: .backwards) {
            let inside = name[open.upperBound..<name.index(before: name.endIndex)]
            guard inside == "tilnærmet" || inside.hasSuffix("%") else { break }
            name = String(name[..<open.lowerBound])
        }
        if name == "Hele landet" { return .country }
        if name.hasPrefix("Sammenlignelige ") { return similar }
        if let municipality = inputs.register.municipalities.first(where: { $0.name == name }) { return .municipality(municipality.code) }
        let definitions = maps[map].definitions
        if let cluster = definitions.clusters.first(where: { $0.name == name }) { return .cluster(map: map, id: cluster.id) }
        if let region = definitions.regions.first(where: { Self.regionName($0) == name }) { return .region(map: map, id: region) }
        return nil
    }

    /// Every indicator table of a workbook: its title, "Område" two rows below, a column per period,
    /// then a row per area until the rows end.
    private mutating func readTables(_ workbook: ReadWorkbook, file: String, map: Int) {
        let similar = similarCouncils(in: workbook, map: map)
        for sheet in workbook.sheets {
            var grid: [Int: [Int: JSONValue]] = [:]
            for cell in sheet.cells { grid[cell.row, default: [:]][cell.column] = cell.value }
            for title in sheet.cells {
                guard let text = title.value.string, grid[title.row + 2]?[0]?.string == "Område",
                    let indicator = inputs.catalogue.indicators.first(where: { $0.title == text })
                else { continue }
                let header = title.row + 2
                let periodIDs = Dictionary(inputs.periods(of: indicator).map { ($0.label, $0.id) }, uniquingKeysWith: { first, _ in first })
                var columns: [(column: Int, period: String)] = []
                var column = 1
                while let label = grid[header]?[column]?.string, label != "Udvikling" {
                    if let line = label.split(separator: "\n").first, let id = periodIDs[String(line)] { columns.append((column, id)) }
                    column += 1
                }
                var row = header + 1
                while let label = grid[row]?[0]?.string, grid[row]?[1] != nil {
                    if let cell = cell(labelled: label, map: map, similar: similar) {
                        for (column, period) in columns {
                            switch grid[row]?[column] {
                            case .number(let value):
                                record(indicator, period, cell, .rounded(value, decimals: indicator.decimals), source: file)
                            case .string(let marker): record(indicator, period, cell, .marker(marker), source: file)
                            default: break
                            }
                        }
                    } else {
                        conflicts.append("\(file): a table row «\(label)» names no area")
                    }
                    row += 1
                }
            }
        }
    }

    /// Every funnel plot's data block (a heading, then a row of municipality names and, three rows
    /// under it, their values as the plot shows them): a funnel plot shows municipalities of every
    /// council, so a value hidden in one pack must not be plotted in another's.
    private mutating func readFunnelData(_ workbook: ReadWorkbook, file: String) {
        for sheet in workbook.sheets {
            var grid: [Int: [Int: JSONValue]] = [:]
            for cell in sheet.cells { grid[cell.row, default: [:]][cell.column] = cell.value }
            for heading in sheet.cells {
                guard let text = heading.value.string, text.hasPrefix("Tal til tragtdiagrammet: ") else { continue }
                let inputs = self.inputs
                let match = inputs.catalogue.indicators.lazy.compactMap { indicator in
                    inputs.periods(of: indicator).first {
                        Vocabulary.funnelDataHeading(shortTitle: indicator.shortTitle, period: $0) == text
                    }.map { (indicator, $0) }
                }.first
                guard let (indicator, period) = match, grid[heading.row + 1]?[heading.column]?.string == Vocabulary.funnelDataMunicipality
                else {
                    conflicts.append("\(file): a funnel plot's data block «\(text)» names no indicator and period")
                    continue
                }
                funnelBlocksRead += 1
                var column = heading.column + 1
                while let name = grid[heading.row + 1]?[column]?.string {
                    guard let municipality = inputs.register.municipalities.first(where: { $0.name == name }),
                        case .number(let value) = grid[heading.row + 4]?[column]
                    else {
                        conflicts.append("\(file): the funnel plot of \(indicator.id) has «\(name)» without a value")
                        column += 1
                        continue
                    }
                    record(
                        indicator, period.id, .municipality(municipality.code), .rounded(value, decimals: indicator.decimals),
                        source: file + " (tragtdiagram)")
                    column += 1
                }
            }
        }
    }

    /// The similar councils a workbook's front page names: the rows under the header "Afstand" with a
    /// distance, by name, nearest first; nil when the page names none.
    private func similarCouncils(in workbook: ReadWorkbook, map: Int) -> Cell? {
        guard let front = workbook.sheet("Forside"),
            let header = front.cells.first(where: { $0.column == 1 && $0.value.string == "Afstand" })
        else { return nil }
        var ids: [String] = []
        var row = header.row + 1
        while front.cell(row, 1)?.value.number != nil, let name = front.cell(row, 0)?.value.string {
            guard let cluster = maps[map].definitions.clusters.first(where: { $0.name == name }) else { return nil }
            ids.append(cluster.id)
            row += 1
        }
        return ids.isEmpty ? nil : .similar(map: map, id: ids.joined(separator: "+"))
    }

    /// `manifest.json`: every pack's rows as shown, with the decimals they are shown with.
    private mutating func readManifest(_ path: String, map: Int) throws {
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        for pack in root?["packs"] as? [[String: Any]] ?? [] {
            for figures in pack["figures"] as? [[String: Any]] ?? [] {
                guard let id = figures["id"] as? String, let indicator = inputs.catalogue.indicator(id) else { continue }
                let decimals = figures["decimals"] as? Int ?? indicator.decimals
                for row in figures["rows"] as? [[String: Any]] ?? [] {
                    guard let level = row["level"] as? String, let rowID = row["id"] as? String,
                        let cell = Self.cell(level: level, id: rowID, map: map)
                    else { continue }
                    for (period, value) in row["values"] as? [String: Any] ?? [:] {
                        if let marker = value as? String {
                            record(indicator, period, cell, .marker(marker), source: "manifest.json")
                        } else if let number = (value as? NSNumber)?.doubleValue {
                            record(indicator, period, cell, .rounded(number, decimals: decimals), source: "manifest.json")
                        }
                    }
                }
            }
        }
    }

    /// A cell as the manifest and the figures exports name it: a level and an id.
    private static func cell(level: String, id: String, map: Int) -> Cell? {
        switch level {
        case AreaLevel.municipality.rawValue: return Int(id).map(Cell.municipality)
        case AreaLevel.country.rawValue: return .country
        case AreaLevel.region.rawValue: return .region(map: map, id: id)
        case AreaLevel.similar.rawValue: return .similar(map: map, id: id)
        default: return .cluster(map: map, id: id)
        }
    }

    /// One entry of the figures export: an area's exact numerator, or a hidden figure.
    private mutating func recordFigure(
        indicatorID: String, period: String, level: String, id: String, numerator: Double?, denominator: Double?, value: Double?,
        hidden: String?, map: Int, source: String
    ) {
        guard let indicator = inputs.catalogue.indicator(indicatorID), let cell = Self.cell(level: level, id: id, map: map) else { return }
        if hidden != nil {
            if numerator != nil || denominator != nil || value != nil {
                conflicts.append("\(source) prints a number for the hidden \(indicatorID) \(name(of: cell)) \(period)")
            }
            record(indicator, period, cell, .marker(Vocabulary.secondaryMarker), source: source)
        } else if isAdditive(indicator), let numerator {
            record(indicator, period, cell, .exact(numerator), source: source)
        }
    }

    /// A council's similar councils' figure in the figures export: the exact rate, which with the public
    /// denominator gives the exact count, or hidden.
    private mutating func recordSimilar(
        indicatorID: String, period: String, ids: [String], value: Double?, hidden: String?, map: Int, source: String
    ) {
        guard let indicator = inputs.catalogue.indicator(indicatorID), !ids.isEmpty else { return }
        let cell = Cell.similar(map: map, id: ids.joined(separator: "+"))
        if hidden != nil {
            if value != nil { conflicts.append("\(source) prints a number for the hidden \(indicatorID) \(name(of: cell)) \(period)") }
            record(indicator, period, cell, .marker(Vocabulary.secondaryMarker), source: source)
        } else if let value {
            switch indicator.aggregation {
            case .ratio(let scale):
                if let denominator = denominator(indicator, period, cell) {
                    record(indicator, period, cell, .exact(value * denominator / scale), source: source)
                }
            case .count:
                record(indicator, period, cell, .exact(value), source: source)
            default:
                break
            }
        }
    }

    /// `datapakke figures --format json`.
    private mutating func readFiguresJSON(_ path: String, map: Int) throws {
        let entries = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [[String: Any]] ?? []
        for entry in entries {
            guard let indicator = entry["indicator"] as? String, let period = entry["period"] as? String,
                let level = entry["level"] as? String, let id = entry["id"] as? String
            else { continue }
            recordFigure(
                indicatorID: indicator, period: period, level: level, id: id, numerator: (entry["numerator"] as? NSNumber)?.doubleValue,
                denominator: (entry["denominator"] as? NSNumber)?.doubleValue, value: (entry["value"] as? NSNumber)?.doubleValue,
                hidden: entry["hidden"] as? String, map: map, source: URL(fileURLWithPath: path).lastPathComponent)
            recordSimilar(
                indicatorID: indicator, period: period, ids: entry["similar"] as? [String] ?? [],
                value: (entry["similarValue"] as? NSNumber)?.doubleValue, hidden: entry["similarHidden"] as? String, map: map,
                source: URL(fileURLWithPath: path).lastPathComponent)
        }
    }

    /// `datapakke figures --format csv`: semicolons and decimal commas.
    private mutating func readFiguresCSV(_ path: String, map: Int) throws {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        }
        guard let header = lines.first else { return }
        let column = Dictionary(header.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        func field(_ fields: [String], _ name: String) -> String? {
            guard let index = column[name], index < fields.count, !fields[index].isEmpty else { return nil }
            return fields[index]
        }
        func number(_ fields: [String], _ name: String) -> Double? {
            field(fields, name).flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) }
        }
        for fields in lines.dropFirst() {
            guard let indicator = field(fields, "indikator"), let period = field(fields, "periode"), let level = field(fields, "niveau"),
                let id = field(fields, "id")
            else { continue }
            recordFigure(
                indicatorID: indicator, period: period, level: level, id: id, numerator: number(fields, "taeller"),
                denominator: number(fields, "naevner"), value: number(fields, "vaerdi"), hidden: field(fields, "skjult"), map: map,
                source: URL(fileURLWithPath: path).lastPathComponent)
            recordSimilar(
                indicatorID: indicator, period: period,
                ids: field(fields, "sammenlignelige")?.split(separator: "+").map(String.init) ?? [],
                value: number(fields, "vaerdi_sammenlignelige"), hidden: field(fields, "skjult_sammenlignelige"), map: map,
                source: URL(fileURLWithPath: path).lastPathComponent)
        }
    }

    // MARK: The attack

    /// Whether a hidden cell holds a value that must stay hidden. A similar councils' figure does not:
    /// it is hidden only so that it adds no sum over a hidden council, and may well equal a published
    /// sum (a region minus a council); the similar figures that are shown join the attack as sums.
    static func isConfidential(_ cell: Cell) -> Bool {
        if case .similar = cell { return false }
        return true
    }

    /// Every hidden cell no output shows, with its truth.
    var hiddenCells: [HiddenCell] {
        var result: [HiddenCell] = []
        for indicator in inputs.catalogue.indicators {
            for (period, cells) in (hidden[indicator.id] ?? [:]).sorted(by: { $0.key < $1.key }) {
                for cell in cells.sorted() where shown[indicator.id]?[period]?[cell] == nil && Self.isConfidential(cell) {
                    result.append(
                        HiddenCell(
                            indicator: indicator, cell: cell, name: name(of: cell), period: period, truth: truth(indicator, period, cell),
                            denominator: denominator(indicator, period, cell)))
                }
            }
        }
        return result
    }

    /// Indicators with hidden cells that are neither counts nor ratios: the checker has no arithmetic for them.
    var unchecked: [String] {
        hidden.keys.sorted().filter { id in inputs.catalogue.indicator(id).map { !isAdditive($0) } ?? true }
    }

    /// Every hidden cell that the published values determine, if they were known exactly: some
    /// combination of the shown sums, with the shown municipalities taken out, is exactly that cell.
    func determined() -> [Finding] {
        attack()
    }

    /// The hidden counts an outsider can pin down to less than ±0.5 with the rounding of the shown values.
    func leaks() -> [Finding] {
        attack().filter { $0.error < 0.5 && abs($0.value - $0.truth) <= $0.error + 1e-6 }
    }

    private func attack() -> [Finding] {
        var found: [Finding] = []
        for indicator in inputs.catalogue.indicators where isAdditive(indicator) {
            for (period, cells) in (hidden[indicator.id] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let known = shown[indicator.id]?[period] ?? [:]
                let targets = cells.filter { known[$0] == nil && Self.isConfidential($0) }.sorted()
                // Unknown: every municipality in the sums whose count no output shows.
                let unknown = inputs.register.municipalities.map(\.code)
                    .filter { contributes(indicator, period, $0) && known[.municipality($0)] == nil }
                func split(_ cell: Cell) -> (vector: [Fraction], value: Double, error: Double) {
                    var vector = [Fraction](repeating: .zero, count: unknown.count)
                    var value = 0.0
                    var error = 0.0
                    for (code, share) in members(of: cell) where contributes(indicator, period, code) {
                        if let index = unknown.firstIndex(of: code) {
                            vector[index] = vector[index] + Fraction(share)
                        } else if let count = known[.municipality(code)] {
                            value += share * count.value
                            error += share * count.error
                        }
                    }
                    return (vector, value, error)
                }
                let sums = known.keys.filter { if case .municipality = $0 { return false } else { return true } }.sorted()
                var rows: [[Fraction]] = []
                var rightSides: [(value: Double, error: Double)] = []
                for sum in sums {
                    guard let total = known[sum] else { continue }
                    let (vector, shownPart, shownError) = split(sum)
                    rows.append(vector)
                    rightSides.append((total.value - shownPart, total.error + shownError))
                }
                let span = ExactSpan(rows: rows)
                for target in targets {
                    // A hidden municipality without data is in no sum: there is nothing to work out.
                    if case .municipality(let code) = target, !unknown.contains(code) { continue }
                    let (vector, shownPart, shownError) = split(target)
                    guard let combination = span.combination(for: vector) else { continue }
                    var value = shownPart
                    var error = shownError
                    for (index, factor) in combination.enumerated() where factor != .zero {
                        value += factor.double * rightSides[index].value
                        error += abs(factor.double) * rightSides[index].error
                    }
                    found.append(
                        Finding(
                            indicator: indicator.id, name: name(of: target), period: period, value: value, error: error,
                            truth: truth(indicator, period, target)))
                }
            }
        }
        return found
    }
}

extension Aggregation {
    fileprivate var isCount: Bool {
        if case .count = self { return true }
        return false
    }
}

/// An exact fraction, for the checker's own elimination.
struct Fraction: Equatable {
    var numerator: Int
    var denominator: Int

    static let zero = Fraction(0, 1)

    init(_ numerator: Int, _ denominator: Int) {
        let divisor = Swift.max(1, Self.gcd(abs(numerator), abs(denominator)))
        let sign = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / divisor
        self.denominator = sign * denominator / divisor
    }

    /// A share such as 0.5 or 1, as the fraction with the smallest denominator (up to 10.000) that gives it.
    init(_ share: Double) {
        let denominator = (1...10_000).first { abs(share * Double($0) - (share * Double($0)).rounded()) < 1e-9 } ?? 10_000
        self.init(Int((share * Double(denominator)).rounded()), denominator)
    }

    var double: Double { Double(numerator) / Double(denominator) }

    static func + (a: Fraction, b: Fraction) -> Fraction {
        Fraction(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }
    static func - (a: Fraction, b: Fraction) -> Fraction {
        Fraction(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator)
    }
    static func * (a: Fraction, b: Fraction) -> Fraction { Fraction(a.numerator * b.numerator, a.denominator * b.denominator) }
    static func / (a: Fraction, b: Fraction) -> Fraction { Fraction(a.numerator * b.denominator, a.denominator * b.numerator) }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}

/// The span of some rows of fractions, reduced by Gauss–Jordan elimination, each basis row with the
/// combination of the original rows that makes it.
struct ExactSpan {
    private var basis: [(pivot: Int, row: [Fraction], combination: [Fraction])] = []
    private let count: Int

    init(rows: [[Fraction]]) {
        count = rows.count
        var pending = rows.indices.map { index in
            (row: rows[index], combination: rows.indices.map { $0 == index ? Fraction(1, 1) : .zero })
        }
        let width = rows.first?.count ?? 0
        for column in 0..<width {
            guard let pivotIndex = pending.firstIndex(where: { $0.row[column] != .zero }) else { continue }
            var pivot = pending.remove(at: pivotIndex)
            let scale = pivot.row[column]
            pivot.row = pivot.row.map { $0 / scale }
            pivot.combination = pivot.combination.map { $0 / scale }
            func eliminate(_ entry: inout (row: [Fraction], combination: [Fraction])) {
                let factor = entry.row[column]
                guard factor != .zero else { return }
                entry.row = zip(entry.row, pivot.row).map { $0 - factor * $1 }
                entry.combination = zip(entry.combination, pivot.combination).map { $0 - factor * $1 }
            }
            for index in pending.indices { eliminate(&pending[index]) }
            for index in basis.indices {
                var entry = (row: basis[index].row, combination: basis[index].combination)
                eliminate(&entry)
                basis[index].row = entry.row
                basis[index].combination = entry.combination
            }
            basis.append((column, pivot.row, pivot.combination))
        }
    }

    /// The factors of the original rows whose sum is `vector`, or nil when no combination gives it.
    func combination(for vector: [Fraction]) -> [Fraction]? {
        var rest = vector
        var factors = [Fraction](repeating: .zero, count: count)
        for entry in basis {
            let factor = rest[entry.pivot]
            guard factor != .zero else { continue }
            rest = zip(rest, entry.row).map { $0 - factor * $1 }
            factors = zip(factors, entry.combination).map { $0 + factor * $1 }
        }
        return rest.allSatisfy { $0 == .zero } ? factors : nil
    }
}
