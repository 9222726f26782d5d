import Foundation

/// One of the 19 age bands of the European Standard Population 2013: 0-4, 5-9, …, 85-89 and 90+
/// (docs/statistics.md#directly-standardised-rates-and-dobsons-method).
public struct AgeBand: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// 0 for 0-4 up to 18 for 90+.
    public let index: Int

    /// The number of bands.
    public static let count = 19
    /// Every band, youngest first.
    public static let all = (0..<count).map { AgeBand(checkedIndex: $0) }

    private init(checkedIndex: Int) { index = checkedIndex }

    /// The band with this index; nil outside 0…18.
    public init?(index: Int) {
        guard (0..<Self.count).contains(index) else { return nil }
        self.index = index
    }

    /// The band that starts at this age (0, 5, …, 90); nil for any other age.
    public init?(startingAt age: Int) {
        guard age % 5 == 0, let band = AgeBand(index: age / 5) else { return nil }
        self = band
    }

    /// The band a person of this age (in whole years) belongs to; nil for a negative age.
    public init?(containing age: Int) {
        guard age >= 0 else { return nil }
        index = min(age / 5, Self.count - 1)
    }

    /// Reads "0-4", "85-89" or "90+" (also with " år" after it, as Statistikbanken writes ages).
    public init?(label text: String) {
        var label = text.trimmingCharacters(in: .whitespaces).lowercased()
        if label.hasSuffix(" år") { label = String(label.dropLast(3)) }
        guard let band = Self.all.first(where: { $0.label == label }) else { return nil }
        self = band
    }

    /// The first age of the band.
    public var firstAge: Int { index * 5 }
    /// The last age of the band; nil for 90+.
    public var lastAge: Int? { index == Self.count - 1 ? nil : firstAge + 4 }

    /// "0-4", "85-89", "90+", as the data files write it.
    public var label: String { lastAge.map { "\(firstAge)-\($0)" } ?? "\(firstAge)+" }

    public var description: String { label }

    public static func < (lhs: AgeBand, rhs: AgeBand) -> Bool { lhs.index < rhs.index }

    /// The labels the data may use, for messages: "0-4, 5-9, …, 90+".
    public static var labels: String { all.map(\.label).joined(separator: ", ") }
}

/// The bands an indicator is standardised over: a run of neighbouring bands, e.g. 65-69 to 90+.
public struct AgeBandRange: Sendable, Hashable, CustomStringConvertible {
    public let first: AgeBand
    public let last: AgeBand

    /// Nil unless first ≤ last.
    public init?(first: AgeBand, last: AgeBand) {
        guard first <= last else { return nil }
        self.first = first
        self.last = last
    }

    /// All 19 bands.
    public static let all = AgeBandRange(uncheckedFirst: AgeBand.all[0], last: AgeBand.all[AgeBand.count - 1])

    private init(uncheckedFirst: AgeBand, last: AgeBand) {
        first = uncheckedFirst
        self.last = last
    }

    /// Reads the catalogue's `aldersgrupper`: "alle", "65+" (65-69 to 90+) or "0-64" (0-4 to 60-64);
    /// the ages must be the bands' own limits.
    public init?(catalogueText text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "alle" {
            self = .all
            return
        }
        if trimmed.hasSuffix("+"), let age = Int(trimmed.dropLast()), let band = AgeBand(startingAt: age) {
            self.init(uncheckedFirst: band, last: AgeBand.all[AgeBand.count - 1])
            return
        }
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let from = Int(parts[0]), let to = Int(parts[1]), let first = AgeBand(startingAt: from),
            let last = AgeBand(startingAt: to + 1).flatMap({ AgeBand(index: $0.index - 1) }), first <= last
        else { return nil }
        self.init(uncheckedFirst: first, last: last)
    }

    /// The bands, youngest first.
    public var bands: [AgeBand] { AgeBand.all.filter { $0 >= first && $0 <= last } }

    /// Whether the range holds the band.
    public func contains(_ band: AgeBand) -> Bool { band >= first && band <= last }

    /// "65+", "0-64" or "alle", as the catalogue writes it.
    public var description: String {
        if self == .all { return "alle" }
        if last.lastAge == nil { return "\(first.firstAge)+" }
        return "\(first.firstAge)-\(last.lastAge ?? 0)"
    }

    /// Danish words for running text: "aldersgrupperne 65-69 til 90+ år", "alle 19 aldersgrupper (0-4 til 90+ år)".
    public var phrase: String {
        let span = first == last ? "\(first.label) år" : "\(first.label) til \(last.label) år"
        return self == .all ? "alle \(AgeBand.count) aldersgrupper (\(span))" : "aldersgrupperne \(span)"
    }
}

/// The standard population a rate is standardised to.
public enum StandardPopulation: Sendable, Hashable {
    /// The European Standard Population 2013.
    case esp2013
    /// The whole country's population on a date, from the population data.
    case danish(date: Period)

    /// ESP 2013 per band 0-4 … 90+, 100.000 in all: Eurostat, *Revision of the European Standard
    /// Population: Report of Eurostat's task force*, 2013 edition (Methodologies and Working papers),
    /// table 3; the same numbers as PHStatsMethods' `euro_standard_pop()`.
    public static let esp2013Weights: [Double] = [
        5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000,
    ]

    /// Its name in the pack: "Den Europæiske Standardbefolkning 2013 (ESP 2013)",
    /// "befolkningen i hele landet pr. 1. januar 2025".
    public var name: String {
        switch self {
        case .esp2013: return "Den Europæiske Standardbefolkning 2013 (ESP 2013)"
        case .danish(let date): return "befolkningen i hele landet pr. \(date.label)"
        }
    }

    /// As the catalogue writes it: `esp2013` or `{ befolkning: 2025-01-01 }`.
    public var catalogueText: String {
        switch self {
        case .esp2013: return "esp2013"
        case .danish(let date): return "{ befolkning: \(date.id) }"
        }
    }
}

/// How an indicator delivered as counts by age band is directly standardised: to which standard
/// population, over which bands, per how many (docs/weighting.md#directly-age-standardised-rates).
public struct AgeStandardisation: Sendable, Hashable {
    /// The multiplier: 100 for per cent, 1.000 for per 1.000.
    public var scale: Double
    public var standard: StandardPopulation
    public var bands: AgeBandRange

    public init(scale: Double, standard: StandardPopulation, bands: AgeBandRange = .all) {
        self.scale = scale
        self.standard = standard
        self.bands = bands
    }

    /// The population group that holds exactly these bands (65+, 80+ or everyone), if one does.
    public var matchingGroup: PopulationGroup? {
        guard bands.last.lastAge == nil else { return nil }
        switch bands.first.firstAge {
        case 0: return .total
        case 65: return .aged65plus
        case 80: return .aged80plus
        default: return nil
        }
    }
}
