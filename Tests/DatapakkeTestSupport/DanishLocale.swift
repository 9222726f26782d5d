import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The Danish locale the locale tests run under, and whether this machine has it.
public enum DanishLocale {
    public static let name = "da_DK.UTF-8"

    /// Whether the C library can load da_DK.UTF-8 (`newlocale` succeeds).
    public static let isInstalled: Bool = {
        guard let locale = newlocale(LC_CTYPE_MASK | LC_NUMERIC_MASK, name, nil) else { return false }
        freelocale(locale)
        return true
    }()

    /// Whether the tests run on CI: the environment variable CI is set (and not "false" or "0").
    public static let onCI: Bool = {
        guard let value = ProcessInfo.processInfo.environment["CI"] else { return false }
        return !["", "false", "0"].contains(value.lowercased())
    }()

    /// For `.enabled(if:)`: a locale test runs where the locale is installed, and on CI, where it
    /// then fails (through `require()`) instead of being skipped.
    public static var testsCanRun: Bool { isInstalled || onCI }

    /// Why a locale test is skipped, and how to install the locale.
    public static let skipReason = "\(name) is not installed, so the locale test is skipped (on CI it fails): \(installHint)"

    static let installHint =
        "run `make test` (Tools/setup.sh generates it), or on Debian: apt-get install locales && "
        + "sed -i 's/^# *da_DK.UTF-8 UTF-8/da_DK.UTF-8 UTF-8/' /etc/locale.gen && locale-gen"

    /// The locale is missing where a test needs it.
    public struct Missing: Error, CustomStringConvertible {
        public init() {}
        public var description: String { "the \(DanishLocale.name) locale is missing: \(DanishLocale.installHint)" }
    }

    /// Throws `Missing`, which says how to install the locale, unless it is installed.
    public static func require() throws {
        guard isInstalled else { throw Missing() }
    }
}
