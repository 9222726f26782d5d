import Foundation

/// Prints a pack's presentation to PDF with a headless Chromium, for `datapakke build --pdf`:
/// `chromium --headless --no-sandbox --print-to-pdf=… --no-pdf-header-footer file://…`. The page's
/// own `@page` rule gives A4 landscape and one slide per page.
///
/// Each print runs in a fresh temporary folder (the page, the browser's profile, its temporary files
/// and its log), removed afterwards, so that prints can run side by side and leave nothing behind.
/// A PDF is not byte-reproducible: Chromium stamps it with the time it was made.
public struct PDFPrinter: Sendable {
    /// The names a Chromium goes by on Linux distributions, looked for on the PATH in this order.
    public static let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The browser's executable.
    public let executable: String
    /// The longest temporary folder path used as it is (see `print`).
    static let longestTemporaryPath = 48
    /// How long one print may take before the browser is stopped.
    public var timeout: TimeInterval = 120

    public init(executable: String) {
        self.executable = executable
    }

    /// The first Chromium of `names` on the PATH of `environment`, or nil when there is none.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> PDFPrinter? {
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in names {
            for folder in folders where !folder.isEmpty {
                let path = folder + "/" + name
                if FileManager.default.isExecutableFile(atPath: path) { return PDFPrinter(executable: path) }
            }
        }
        return nil
    }

    /// Prints the self-contained page `html` to the file `pdf`; `name` is the page's file name (ending
    /// in `.html`, which tells the browser what it is). Throws `PDFError` saying why in Danish.
    public func print(html: String, name: String, to pdf: String) throws {
        let fileManager = FileManager.default
        // Chromium puts a socket in its temporary folder, and a socket's path has at most 107 bytes:
        // a short name, and /tmp when the temporary folder's own path is long.
        var base = fileManager.temporaryDirectory.path
        if base.utf8.count > Self.longestTemporaryPath { base = "/tmp" }
        let folder = base + "/dp-pdf-" + UUID().uuidString.prefix(8)
        try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(atPath: folder) }
        let page = folder + "/" + name
        try Data(html.utf8).write(to: URL(fileURLWithPath: page))
        let log = folder + "/chromium.log"
        guard fileManager.createFile(atPath: log, contents: nil), let logHandle = FileHandle(forWritingAtPath: log) else {
            throw PDFError(reason: "kunne ikke oprette en logfil i \(folder)")
        }
        defer { try? logHandle.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--user-data-dir=" + folder + "/profil", "--no-pdf-header-footer", "--print-to-pdf=" + pdf,
            URL(fileURLWithPath: page).absoluteString,
        ]
        var environment = ProcessInfo.processInfo.environment
        // The browser's caches, settings and temporary files go in the folder removed afterwards.
        for name in ["HOME", "TMPDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"] { environment[name] = folder }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = logHandle
        process.standardError = logHandle
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw PDFError(reason: "\(executable) kunne ikke startes: \(error.localizedDescription)")
        }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut { kill(process.processIdentifier, SIGKILL) }
            throw PDFError(reason: "\(executable) blev ikke færdig på \(Int(timeout)) sekunder og er stoppet")
        }
        let written = fileManager.contents(atPath: pdf)
        guard process.terminationStatus == 0, let written, written.starts(with: Data("%PDF-".utf8)) else {
            let lines = (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
            // D-Bus and crash-reporter complaints are noise in a headless run: a fatal line, or the last
            // other line, says what went wrong.
            let noise = ["dbus", "crashpad", "bytes written to file", "unexpected operator"]
            let last = lines.first { $0.contains(":FATAL:") } ?? lines.last { line in !noise.contains { line.contains($0) } } ?? ""
            try? fileManager.removeItem(atPath: pdf)
            throw PDFError(
                reason: "\(executable) sluttede med status \(process.terminationStatus) uden en PDF" + (last.isEmpty ? "" : ": \(last)"))
        }
    }
}

/// A presentation that could not be printed to PDF, with the reason in Danish.
public struct PDFError: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
