/// Whether a value comes from a published source or from the generated example data.
public enum DataOrigin: String, Sendable, Hashable, Codable {
    case real = "reel"
    case synthetic = "syntetisk"
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
    /// The row; `valueColumn`, `numeratorColumn` and `denominatorColumn` say where in it each number stands.
    public var location: SourceLocation
    public var valueColumn: Int?
    public var numeratorColumn: Int?
    public var denominatorColumn: Int?

    public init(
        municipality: MunicipalityCode, indicatorID: String, period: Period, value: Double?,
        numerator: Double? = nil, denominator: Double? = nil, origin: DataOrigin = .real,
        location: SourceLocation = SourceLocation(file: ""), valueColumn: Int? = nil, numeratorColumn: Int? = nil,
        denominatorColumn: Int? = nil
    ) {
        self.valueColumn = valueColumn
        self.numeratorColumn = numeratorColumn
        self.denominatorColumn = denominatorColumn
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

extension Observation {
    /// The location of one of the row's fields (1-based column), or of the row when the column is unknown.
    public func location(column: Int?) -> SourceLocation {
        SourceLocation(file: location.file, line: location.line, column: column ?? location.column)
    }
}

/// Population per municipality and date, by group (`i_alt`, `alder_65plus`, …).
public struct PopulationTable: Sendable {
    /// date → municipality → group → count
    public private(set) var counts: [Period: [MunicipalityCode: [PopulationGroup: Double]]] = [:]
    public private(set) var origins: [Period: DataOrigin] = [:]

    public init() {}

    /// Records one municipality's count of one group on one date.
    public mutating func set(_ count: Double, group: PopulationGroup, municipality: MunicipalityCode, date: Period, origin: DataOrigin) {
        counts[date, default: [:]][municipality, default: [:]][group] = count
        if origins[date] == nil || origin == .synthetic { origins[date] = origin }
    }

    /// The count, or nil if the data has none.
    public func count(_ group: PopulationGroup, municipality: MunicipalityCode, date: Period) -> Double? {
        counts[date]?[municipality]?[group]
    }

    /// The dates with population data, oldest first.
    public var dates: [Period] { counts.keys.sorted() }

    /// The groups present on a date.
    public func groups(on date: Period) -> Set<PopulationGroup> {
        Set(counts[date]?.values.flatMap(\.keys) ?? [])
    }
}
