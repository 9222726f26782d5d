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
    /// The events by age band, for an indicator delivered by age band; nil for a row of value,
    /// numerator and denominator.
    public var ageBands: AgeBandCounts?

    public init(
        municipality: MunicipalityCode, indicatorID: String, period: Period, value: Double?,
        numerator: Double? = nil, denominator: Double? = nil, origin: DataOrigin = .real,
        location: SourceLocation = SourceLocation(file: ""), valueColumn: Int? = nil, numeratorColumn: Int? = nil,
        denominatorColumn: Int? = nil, ageBands: AgeBandCounts? = nil
    ) {
        self.ageBands = ageBands
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

/// One municipality's events of one indicator and period by age band, as read from the rows of an
/// age-banded file (one row a band).
public struct AgeBandCounts: Sendable, Hashable {
    /// One band's row: its events (nil when the row says not shown, empty or `..`) and its line.
    public struct Entry: Sendable, Hashable {
        public var events: Double?
        public var line: Int

        public init(events: Double?, line: Int) {
            self.events = events
            self.line = line
        }
    }

    public var entries: [AgeBand: Entry]
    /// The column (1-based) of the counts, for messages.
    public var column: Int

    public init(entries: [AgeBand: Entry], column: Int) {
        self.entries = entries
        self.column = column
    }

    /// The events of `bands`, in their order, when every one is given; nil otherwise.
    public func events(in bands: [AgeBand]) -> [Double]? {
        var result: [Double] = []
        for band in bands {
            guard let events = entries[band]?.events else { return nil }
            result.append(events)
        }
        return result
    }
}

/// Population per municipality and date, by group (`i_alt`, `alder_65plus`, …) and, where the data
/// gives them, by the 19 age bands of ESP 2013.
public struct PopulationTable: Sendable {
    /// date → municipality → group → count
    public private(set) var counts: [Period: [MunicipalityCode: [PopulationGroup: Double]]] = [:]
    public private(set) var origins: [Period: DataOrigin] = [:]
    /// date → municipality → the population of each age band 0-4 … 90+, youngest first.
    public private(set) var bands: [Period: [MunicipalityCode: [Double]]] = [:]
    /// Where each municipality's bands on a date were read, for messages.
    public private(set) var bandLocations: [Period: [MunicipalityCode: SourceLocation]] = [:]

    public init() {}

    /// Records one municipality's population in every age band (19 counts, youngest first) on one date.
    public mutating func setBands(
        _ counts: [Double], municipality: MunicipalityCode, date: Period, origin: DataOrigin, location: SourceLocation
    ) {
        bands[date, default: [:]][municipality] = counts
        bandLocations[date, default: [:]][municipality] = location
        if origins[date] == nil || origin == .synthetic { origins[date] = origin }
    }

    /// The population of one age band, or nil if the data has no bands for the municipality and date.
    public func count(_ band: AgeBand, municipality: MunicipalityCode, date: Period) -> Double? {
        bands[date]?[municipality].flatMap { $0.indices.contains(band.index) ? $0[band.index] : nil }
    }

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
