import Crypto
import DatapakkeCore
import Foundation

/// `manifest.json` in the output folder: for every pack the hashes of exactly the inputs it depends
/// on, the files written with their sizes and SHA-256, and the figures it shows, so that the next
/// build can skip unchanged packs and say what moved. Deterministic: no wall-clock time, sorted keys.
public struct Manifest: Codable, Equatable, Sendable {
    /// The file name in the output folder.
    public static let fileName = "manifest.json"
    /// The version of this layout; a manifest of another version is ignored by the build.
    public static let currentFormat = 2

    public var format: Int
    /// The tool version that wrote it.
    public var tool: String
    /// The name of the definition set.
    public var definitions: String
    /// The document date of the build ("yyyy-MM-dd"), the fixed date on every file.
    public var documentDate: String
    /// One entry per pack, in definition order.
    public var packs: [Pack]
    /// Every input row the build read, one line each ("file|code name|indicator|period|v=…|t=…|n=…"),
    /// so that `datapakke diff` can name the rows that changed between two builds.
    public var data: [String]?

    public init(tool: String, definitions: String, documentDate: String, packs: [Pack], data: [String]? = nil) {
        self.data = data
        self.format = Self.currentFormat
        self.tool = tool
        self.definitions = definitions
        self.documentDate = documentDate
        self.packs = packs
    }

    /// The entry of a pack, by cluster id.
    public func pack(_ id: String) -> Pack? {
        packs.first { $0.id == id }
    }

    /// One pack: what it is, what it was built from, what was written and what it shows.
    public struct Pack: Codable, Equatable, Sendable {
        /// The cluster's id ("SR06").
        public var id: String
        public var name: String
        /// The region id of the definition set.
        public var region: String
        public var municipalities: [Member]
        /// Every period in the pack, oldest first.
        public var periods: [String]
        /// Hashes of what the pack was built from.
        public var inputs: Inputs
        /// The files written, in the order written.
        public var files: [File]
        /// The figures the pack shows, to say later what moved.
        public var figures: [IndicatorFigures]
        /// What changed at the last rebuild, as shown on the front page.
        public var changes: [String]

        public init(
            id: String, name: String, region: String, municipalities: [Member], periods: [String], inputs: Inputs,
            files: [File], figures: [IndicatorFigures], changes: [String]
        ) {
            self.id = id
            self.name = name
            self.region = region
            self.municipalities = municipalities
            self.periods = periods
            self.inputs = inputs
            self.files = files
            self.figures = figures
            self.changes = changes
        }
    }

    /// A member municipality.
    public struct Member: Codable, Equatable, Sendable {
        public var code: Int
        public var name: String
        /// The share of the municipality in the cluster (1 when whole).
        public var share: Double

        public init(code: Int, name: String, share: Double) {
            self.code = code
            self.name = name
            self.share = share
        }
    }

    /// SHA-256 (hex) of each kind of input a pack depends on, and the document date.
    public struct Inputs: Codable, Equatable, Sendable {
        /// The cluster's entry and the definition set's name and kind.
        public var definition: String
        /// Every data row of the pack's own municipalities, at full precision.
        public var municipalData: String
        /// The region and country rows, marks and hidden cells as shown.
        public var comparison: String
        /// `indikatorer.yaml`.
        public var catalogue: String
        /// Every file of the prompt templates.
        public var templates: String
        /// The tool version and the executable's bytes.
        public var tool: String
        /// The fixed document date printed on every file ("yyyy-MM-dd"), from the data or SOURCE_DATE_EPOCH.
        public var documentDate: String

        public init(
            definition: String, municipalData: String, comparison: String, catalogue: String, templates: String, tool: String,
            documentDate: String
        ) {
            self.definition = definition
            self.municipalData = municipalData
            self.comparison = comparison
            self.catalogue = catalogue
            self.templates = templates
            self.tool = tool
            self.documentDate = documentDate
        }
    }

    /// A file written for a pack.
    public struct File: Codable, Equatable, Sendable {
        /// The file name in the output folder.
        public var name: String
        /// Bytes.
        public var size: Int
        /// SHA-256 of the bytes, lower-case hex.
        public var sha256: String

        public init(name: String, size: Int, sha256: String) {
            self.name = name
            self.size = size
            self.sha256 = sha256
        }
    }

    /// The shown figures of one indicator.
    public struct IndicatorFigures: Codable, Equatable, Sendable {
        /// The indicator id of the catalogue.
        public var id: String
        public var title: String
        public var unit: String
        /// The decimals the figures are shown (and stored) with.
        public var decimals: Int
        /// The shown periods, oldest first.
        public var periods: [String]
        public var rows: [FigureRow]
        /// The cluster against the country in the latest period, as the prompts state it ("+11,7", "=0,4").
        public var clusterVersusCountry: String?
        /// The comparison rule the marks were decided by, as the catalogue names it ("signifikans");
        /// nil in manifests written before there were rules (the ±1 % band then).
        public var comparison: String?

        public init(
            id: String, title: String, unit: String, decimals: Int, periods: [String], rows: [FigureRow],
            clusterVersusCountry: String? = nil, comparison: String? = nil
        ) {
            self.comparison = comparison
            self.id = id
            self.title = title
            self.unit = unit
            self.decimals = decimals
            self.periods = periods
            self.rows = rows
            self.clusterVersusCountry = clusterVersusCountry
        }
    }

    /// One row of an indicator table: its values by period id.
    public struct FigureRow: Codable, Equatable, Sendable {
        /// "kommune", "klynge", "region" or "land".
        public var level: String
        /// Municipality code, cluster id, region id or "DK".
        public var id: String
        public var name: String
        /// Period id → value as shown.
        public var values: [String: FigureValue]
        /// The traffic-light marks: development since the previous period, and level against the country.
        public var development: String?
        public var versusCountry: String?

        public init(
            level: String, id: String, name: String, values: [String: FigureValue], development: String? = nil, versusCountry: String? = nil
        ) {
            self.level = level
            self.id = id
            self.name = name
            self.values = values
            self.development = development
            self.versusCountry = versusCountry
        }
    }

    /// A shown value: the number rounded as shown, or the marker of a cell without one.
    public enum FigureValue: Codable, Equatable, Sendable {
        case number(Double)
        case marker(String)

        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .marker(try container.decode(String.self))
            }
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let number): try container.encode(number)
            case .marker(let marker): try container.encode(marker)
            }
        }

        /// The number, when there is one.
        public var number: Double? {
            if case .number(let value) = self { return value }
            return nil
        }

        /// As the pack shows it: "12,3" or the marker.
        public func text(decimals: Int) -> String {
            switch self {
            case .number(let value): return DanishNumber.format(value, decimals: decimals)
            case .marker(let marker): return marker
            }
        }
    }
}

/// A manifest that cannot be used, naming the file.
public enum ManifestError: Error, CustomStringConvertible {
    case missing(path: String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path): return "\(path) findes ikke; byg med `datapakke build` først"
        case .unreadable(let path, let reason): return "\(path) kan ikke læses som manifest: \(reason)"
        }
    }
}

extension Manifest {
    /// The manifest's bytes: pretty-printed JSON with sorted keys and a final newline.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// Reads a manifest; throws `ManifestError` naming the file when it is missing or not a manifest
    /// of the current format.
    public static func read(path: String) throws -> Manifest {
        guard let data = FileManager.default.contents(atPath: path) else { throw ManifestError.missing(path: path) }
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: data)
        } catch {
            throw ManifestError.unreadable(path: path, reason: Self.describe(error))
        }
        guard manifest.format == currentFormat else {
            throw ManifestError.unreadable(path: path, reason: "formatet er \(manifest.format), forventede \(currentFormat)")
        }
        return manifest
    }

    /// The manifest of an output folder, or the file itself when `path` names one.
    public static func path(in folderOrFile: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folderOrFile, isDirectory: &isDirectory), !isDirectory.boolValue {
            return folderOrFile
        }
        return folderOrFile + "/" + fileName
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return "ikke gyldig JSON (\(context.debugDescription))"
        case DecodingError.keyNotFound(let key, let context):
            return "feltet «\(key.stringValue)» mangler" + codingPath(context.codingPath)
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "uventet værdi" + codingPath(context.codingPath)
        default: return "\(error)"
        }
    }

    private static func codingPath(_ path: [CodingKey]) -> String {
        path.isEmpty ? "" : " i " + path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}

extension Manifest.File {
    /// A file that a build was about to write when it recorded it: size -1 and no hash, which no file
    /// has. A build writes such entries before it writes files under names the manifest does not list
    /// yet, so that if it is stopped halfway the next build knows those files: it rebuilds their pack,
    /// or removes them when the pack is no longer in the definitions.
    public static func pending(_ name: String) -> Manifest.File {
        Manifest.File(name: name, size: -1, sha256: "")
    }

    /// Whether this is a `pending` entry, not a file that was written.
    public var isPending: Bool { size < 0 }
}

extension Manifest.Pack {
    /// The entry of a freshly computed report, before its files are written.
    public init(report: PackReport, inputs: Manifest.Inputs, files: [Manifest.File] = [], changes: [String] = []) {
        self.init(
            id: report.cluster.id, name: report.cluster.name, region: report.cluster.region,
            municipalities: report.cluster.members.map { member in
                Manifest.Member(
                    code: member.code, name: report.members.first { $0.code == member.code }?.name ?? String(member.code),
                    share: member.share)
            },
            periods: report.periods.map(\.id), inputs: inputs, files: files,
            figures: report.sections.flatMap { $0.indicators.map(Manifest.IndicatorFigures.init) }, changes: changes)
    }
}

extension Manifest.IndicatorFigures {
    /// The figures an indicator table shows: per row and shown period the value rounded as shown, or its marker.
    public init(_ report: IndicatorReport) {
        let decimals = report.indicator.decimals
        self.init(
            id: report.indicator.id, title: report.indicator.title, unit: report.indicator.unit, decimals: decimals,
            periods: report.periods.map(\.id),
            rows: report.rows.map { row in
                var values: [String: Manifest.FigureValue] = [:]
                for (period, value) in zip(report.periods, row.values) {
                    values[period.id] = value.number.map { .number(DanishNumber.rounded($0, decimals: decimals)) } ?? .marker(value.marker)
                }
                return Manifest.FigureRow(
                    level: row.level.rawValue, id: row.id, name: row.name, values: values,
                    development: row.development?.rawValue, versusCountry: row.levelMark?.rawValue)
            },
            clusterVersusCountry: PackInputText.distanceToCountry(report), comparison: report.comparison.catalogueName)
    }

    /// The rule the marks were decided by, for their words; only significance has words of its own.
    var comparisonRule: ComparisonRule { comparison == ComparisonRule.significance.catalogueName ? .significance : .nationalGoals }
}

/// SHA-256 as lower-case hexadecimal.
public enum SHA256Hex {
    /// The digest of bytes.
    public static func digest(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// The digest of a text's UTF-8 bytes.
    public static func digest(_ text: String) -> String {
        digest(Data(text.utf8))
    }

    /// The digest of `prefix` followed by a file's bytes, read in chunks so a large file is never held whole.
    public static func digest(file path: String, prefix: Data = Data()) throws -> String {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var hasher = SHA256()
        hasher.update(data: prefix)
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
