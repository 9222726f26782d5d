import Foundation

/// Formats numbers the Danish way: decimal comma, thousands dot, typographic minus avoided for plain text.
public enum DanishNumber {
    /// "1.234,5" for 1234.5 with one decimal; "−" is written as "-".
    public static func format(_ value: Double, decimals: Int) -> String {
        let factor = pow(10.0, Double(decimals))
        let rounded = (value * factor).rounded() / factor
        let negative = rounded < 0
        let magnitude = abs(rounded)
        let integerPart = magnitude.rounded(.towardZero)
        var digits = String(format: "%.0f", integerPart)
        var grouped = ""
        while digits.count > 3 {
            grouped = "." + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        grouped = digits + grouped
        var text = grouped
        if decimals > 0 {
            let fraction = ((magnitude - integerPart) * factor).rounded()
            let fractionDigits = String(format: "%0\(decimals).0f", fraction)
            text += "," + fractionDigits
        }
        return (negative && rounded != 0 ? "-" : "") + text
    }

    /// The value rounded to the decimals it is shown with (half away from zero).
    public static func rounded(_ value: Double, decimals: Int) -> Double {
        let factor = pow(10.0, Double(decimals))
        return (value * factor).rounded() / factor
    }

    /// A count as shown: whole counts without decimals, a council's share of a split municipality
    /// (not whole) with one.
    public static func formatCount(_ value: Double) -> String {
        format(value, decimals: value == value.rounded() ? 0 : 1)
    }

    /// Excel number format for a value with this many decimals; Excel shows it with the user's separators.
    public static func excelFormat(decimals: Int) -> String {
        decimals == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: decimals)
    }
}
