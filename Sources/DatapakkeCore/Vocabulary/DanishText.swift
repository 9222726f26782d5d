import Foundation

/// Danish wording shared by every output: dates, month names, lists.
public enum DanishText {
    /// The month names, January first.
    public static let months = [
        "januar", "februar", "marts", "april", "maj", "juni",
        "juli", "august", "september", "oktober", "november", "december",
    ]

    /// "24. november 2026", read in UTC so the text never depends on the machine's time zone.
    public static func date(_ date: Date) -> String {
        let parts = utcCalendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day, (1...12).contains(month) else { return "" }
        return "\(day). \(months[month - 1]) \(year)"
    }

    /// "2026-11-24", in UTC like `date(_:)`.
    public static func isoDate(_ date: Date) -> String {
        let parts = utcCalendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// "A", "A og B", "A, B og C" (or with another conjunction: "A, B eller C").
    public static func list(_ items: [String], conjunction: String = "og") -> String {
        guard let last = items.last else { return "" }
        if items.count == 1 { return last }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()
}

extension Date {
    /// "24. november 2026" (UTC).
    public var danishDate: String { DanishText.date(self) }
}
