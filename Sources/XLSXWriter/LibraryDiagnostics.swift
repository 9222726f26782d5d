import CXLSXWriter
import Foundation

#if canImport(Glibc)
    import Glibc

    /// libxlsxwriter prints its own English diagnostics on C's `stderr` ("[ERROR][packager.c:1541]: …",
    /// "[WARNING]: …"); 1.1.4 has no switch for that other than recompiling. The wrapper's errors say the
    /// same thing in the caller's terms, so a program that reports them itself can drop the library's
    /// lines: `silence()` puts a filtering stream in place of C's `stderr` (`fopencookie`) that passes
    /// every other line on to file descriptor 2 unchanged.
    public enum LibraryDiagnostics {
        /// Installs the filter once for the whole process; later calls do nothing.
        public static func silence() {
            installation.lock()
            defer { installation.unlock() }
            guard !installed else { return }
            let functions = datapakke_cookie_io_functions(read: nil, write: filteredWrite, seek: nil, close: nil)
            guard let stream = fopencookie(nil, "w", functions) else { return }
            setvbuf(stream, nil, _IOLBF, 4096)
            datapakke_replace_stderr(stream)
            installed = true
        }

        private static let installation = NSLock()
        nonisolated(unsafe) private static var installed = false
        /// The part of a line written so far; stdio holds the stream's lock while it calls the writer.
        nonisolated(unsafe) private static var pending: [UInt8] = []

        private static let filteredWrite: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, Int) -> Int = {
            _, buffer, size in
            guard let buffer, size > 0 else { return 0 }
            buffer.withMemoryRebound(to: UInt8.self, capacity: size) { bytes in
                LibraryDiagnostics.pending.append(contentsOf: UnsafeBufferPointer(start: bytes, count: size))
            }
            while let newline = LibraryDiagnostics.pending.firstIndex(of: 10) {
                let line = Array(LibraryDiagnostics.pending[...newline])
                LibraryDiagnostics.pending.removeSubrange(...newline)
                if !isLibraryLine(line) { line.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) } }
            }
            return size
        }

        private static func isLibraryLine(_ line: [UInt8]) -> Bool {
            line.starts(with: Array("[ERROR]".utf8)) || line.starts(with: Array("[WARNING]".utf8))
        }
    }
#else
    /// On platforms without `fopencookie` the library's diagnostics stay as they are.
    public enum LibraryDiagnostics {
        public static func silence() {}
    }
#endif
