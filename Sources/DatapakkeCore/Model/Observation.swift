/// Whether a value comes from a published source or from the generated example data.
public enum DataOrigin: String, Sendable, Hashable, Codable {
    case real = "reel"
    case synthetic = "syntetisk"
}

/// A data period: a year ("2023"), a span of years ("2019-2023") or a date ("2025-01-01").
public struct Period: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var id: String

    public init(_ id: String) {
        self.id = id
    }

    /// The year the period ends in, if it can be read.
    public var lastYear: Int? {
        let digits = id.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        if id.count == 10, id.dropFirst(4).first == "-" { return digits.first }  // a date: its own year
        return digits.filter { $0 >= 1900 && $0 <= 2200 }.max()
    }

    /// The population date used to weight this period by default: 1 January of its (last) year,
    /// or the date itself when the period is a date.
    public var defaultPopulationDate: String? {
        if isDate { return id }
        return lastYear.map { "\($0)-01-01" }
    }

    /// Whether the period is a single date (population figures are given per 1 January).
    public var isDate: Bool {
        id.count == 10 && id.split(separator: "-").count == 3
    }

    /// The Danish label: "2023", "2019-2023", "1. januar 2025".
    public var label: String {
        guard isDate else { return id }
        let parts = id.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return id }
        return "\(parts[2]). \(DanishText.months[parts[1] - 1]) \(parts[0])"
    }

    public var description: String { id }

    public static func < (lhs: Period, rhs: Period) -> Bool {
        (lhs.lastYear ?? 0, lhs.id) < (rhs.lastYear ?? 0, rhs.id)
    }
}

/// One municipality's value of one indicator in one period, as read from the data.
public struct Observation: Sendable, Hashable {
    public var municipality: MunicipalityCode
    public var indicatorID: String
    public var period: Period
    /// The value as published; nil when not shown (empty or `..`).
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?
    public var origin: DataOrigin
    public var location: SourceLocation

    public init(
        municipality: MunicipalityCode, indicatorID: String, period: Period, value: Double?,
        numerator: Double? = nil, denominator: Double? = nil, origin: DataOrigin = .real,
        location: SourceLocation = SourceLocation(file: "")
    ) {
        self.municipality = municipality
        self.indicatorID = indicatorID
        self.period = period
        self.value = value
        self.numerator = numerator
        self.denominator = denominator
        self.origin = origin
        self.location = location
    }
}

/// Population per municipality and date, by group (`i_alt`, `alder_65plus`, …).
public struct PopulationTable: Sendable {
    /// date → municipality → group → count
    public private(set) var counts: [String: [MunicipalityCode: [PopulationGroup: Double]]] = [:]
    public private(set) var origins: [String: DataOrigin] = [:]

    public init() {}

    /// Records one municipality's count of one group on one date.
    public mutating func set(_ count: Double, group: PopulationGroup, municipality: MunicipalityCode, date: String, origin: DataOrigin) {
        counts[date, default: [:]][municipality, default: [:]][group] = count
        if origins[date] == nil || origin == .synthetic { origins[date] = origin }
    }

    /// The count, or nil if the data has none.
    public func count(_ group: PopulationGroup, municipality: MunicipalityCode, date: String) -> Double? {
        counts[date]?[municipality]?[group]
    }

    /// The dates with population data, oldest first.
    public var dates: [String] { counts.keys.sorted() }

    /// The groups present on a date.
    public func groups(on date: String) -> Set<PopulationGroup> {
        Set(counts[date]?.values.flatMap(\.keys) ?? [])
    }
}
