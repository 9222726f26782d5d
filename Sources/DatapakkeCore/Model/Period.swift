/// A data period, parsed once where it is read: a year ("2023"), a span of years ("2019-2023") or a
/// calendar date ("2025-01-01", the population's 1 January). Text that is none of these is no period.
public struct Period: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case year(Int)
        case years(first: Int, last: Int)
        case date(year: Int, month: Int, day: Int)
    }

    /// The years a period may name; outside them a number is not a year (a typo, a code).
    public static let years = 1900...2200

    public let kind: Kind

    public init(_ kind: Kind) {
        self.kind = kind
    }

    /// Parses "2023", "2019-2023" or "2025-01-01" (a real calendar date); nil for anything else, such
    /// as "2O24", "2027-02-30" or "2023-2019".
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        let numbers = parts.compactMap { Int($0) }
        switch (parts.map(\.count), numbers) {
        case ([4], let n) where Self.years.contains(n[0]):
            kind = .year(n[0])
        case ([4, 4], let n) where Self.years.contains(n[0]) && Self.years.contains(n[1]) && n[0] < n[1]:
            kind = .years(first: n[0], last: n[1])
        case ([4, 2, 2], let n)
        where Self.years.contains(n[0]) && (1...12).contains(n[1]) && (1...Self.days(inMonth: n[1], year: n[0])).contains(n[2]):
            kind = .date(year: n[0], month: n[1], day: n[2])
        default:
            return nil
        }
    }

    /// A calendar year.
    public static func year(_ year: Int) -> Period { Period(.year(year)) }

    /// A date; the caller vouches that it exists (literals in code, not input).
    public static func date(_ year: Int, _ month: Int, _ day: Int) -> Period { Period(.date(year: year, month: month, day: day)) }

    /// 1 January of a year, the date population figures are given for.
    public static func firstOfJanuary(_ year: Int) -> Period {
        Period(.date(year: year, month: 1, day: 1))
    }

    /// The canonical text, as read and as written to files: "2023", "2019-2023", "2025-01-01".
    public var id: String {
        switch kind {
        case .year(let year): return String(year)
        case .years(let first, let last): return "\(first)-\(last)"
        case .date(let year, let month, let day):
            return String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
        }
    }

    /// The year the period ends in.
    public var lastYear: Int {
        switch kind {
        case .year(let year), .years(_, let year), .date(let year, _, _): return year
        }
    }

    /// The last day the period covers, for the data's latest date: the date itself, or 31 December.
    public var lastDay: Period {
        isDate ? self : Period(.date(year: lastYear, month: 12, day: 31))
    }

    /// The population date used to weight this period by default: 1 January of its (last) year, or
    /// the date itself when the period is a date.
    public var defaultPopulationDate: Period {
        isDate ? self : .firstOfJanuary(lastYear)
    }

    /// Whether the period is a single date (population figures are given per 1 January).
    public var isDate: Bool {
        if case .date = kind { return true }
        return false
    }

    /// The Danish label: "2023", "2019-2023", "1. januar 2025".
    public var label: String {
        guard case .date(let year, let month, let day) = kind else { return id }
        return "\(day). \(DanishText.months[month - 1]) \(year)"
    }

    public var description: String { id }

    /// Oldest first by the year it ends in, then by its text.
    public static func < (lhs: Period, rhs: Period) -> Bool {
        (lhs.lastYear, lhs.id) < (rhs.lastYear, rhs.id)
    }

    /// Encoded as its text.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let period = Period(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "«\(text)» er ikke en periode")
        }
        self = period
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(id)
    }

    private static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
