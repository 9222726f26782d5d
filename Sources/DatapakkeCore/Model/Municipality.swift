/// A 3-digit kommunekode (101 København … 860 Hjørring).
public typealias MunicipalityCode = Int

/// One of the 98 municipalities.
public struct Municipality: Sendable, Hashable, Codable {
    public var code: MunicipalityCode
    public var name: String
    /// The region of the municipality register (the five regions before 2027).
    public var region: String
    /// Other spellings seen in sources, such as Danmarks Statistik's.
    public var aliases: [String]

    public init(code: MunicipalityCode, name: String, region: String, aliases: [String] = []) {
        self.code = code
        self.name = name
        self.region = region
        self.aliases = aliases
    }
}

/// The municipality register: every municipality, found by code or by any of its names.
public struct MunicipalityRegister: Sendable {
    /// In register order (by code).
    public let municipalities: [Municipality]
    private let byCode: [MunicipalityCode: Municipality]
    private let byName: [String: MunicipalityCode]

    public init(_ municipalities: [Municipality]) {
        self.municipalities = municipalities.sorted { $0.code < $1.code }
        var byCode: [MunicipalityCode: Municipality] = [:]
        var byName: [String: MunicipalityCode] = [:]
        for municipality in municipalities {
            byCode[municipality.code] = municipality
            for name in [municipality.name] + municipality.aliases {
                byName[Self.nameKey(name)] = municipality.code
            }
        }
        self.byCode = byCode
        self.byName = byName
    }

    /// The municipality with this code, if it exists.
    public func municipality(_ code: MunicipalityCode) -> Municipality? { byCode[code] }

    /// The code for a name as written by a source ("Thisted", "Thisted Kommune", "Århus", "Vesthimmerland").
    public func code(forName name: String) -> MunicipalityCode? {
        let key = Self.nameKey(name)
        if let code = byName[key] { return code }
        for suffix in [" kommune", " regionskommune"] where key.hasSuffix(suffix) {
            if let code = byName[String(key.dropLast(suffix.count))] { return code }
        }
        return nil
    }

    /// Whether `name` is one of the names of municipality `code`.
    public func name(_ name: String, matches code: MunicipalityCode) -> Bool {
        self.code(forName: name) == code
    }

    static func nameKey(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
