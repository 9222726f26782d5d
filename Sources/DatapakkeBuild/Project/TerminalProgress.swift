import DatapakkeRenderers
import Foundation

/// A one-line progress bar on standard error while packs are built; silent when standard error is
/// not a terminal, so logs and tests see only the result lines.
public final class TerminalProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let enabled = isatty(STDERR_FILENO) != 0

    public init() {}

    /// One more of `total` packs done.
    public func advance(_ name: String, of total: Int) {
        lock.withLock {
            done += 1
            guard enabled else { return }
            let width = 24
            let filled = total == 0 ? width : done * width / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(bar) \(done)/\(total) \(TerminalText.escape(name))".utf8))
        }
    }

    /// Clears the line.
    public func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
