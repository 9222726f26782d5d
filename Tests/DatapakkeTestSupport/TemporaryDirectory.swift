import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `body` with a new, empty, uniquely named folder under the system temporary folder, and
/// removes the folder and everything in it when `body` returns or throws.
public func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let path = try makeScratchFolder()
    let result: T
    do {
        result = try body(path)
    } catch {
        try? FileManager.default.removeItem(atPath: path)
        throw error
    }
    // A folder that cannot be removed is an error, so a leak does not go unnoticed.
    try FileManager.default.removeItem(atPath: path)
    return result
}

/// `withTemporaryDirectory` for an async `body`.
public func withTemporaryDirectoryAsync<T>(_ body: (String) async throws -> T) async throws -> T {
    let path = try makeScratchFolder()
    let result: T
    do {
        result = try await body(path)
    } catch {
        try? FileManager.default.removeItem(atPath: path)
        throw error
    }
    try FileManager.default.removeItem(atPath: path)
    return result
}

/// `withTemporaryDirectory`, with the folder as a file URL.
public func withTemporaryDirectoryURL<T>(_ body: (URL) throws -> T) throws -> T {
    try withTemporaryDirectory { try body(URL(fileURLWithPath: $0, isDirectory: true)) }
}

/// A new folder with a unique, short name (mkdtemp): paths inside it stay short enough for Unix
/// sockets (108 bytes), which Chromium makes under TMPDIR.
private func makeScratchFolder() throws -> String {
    // NSTemporaryDirectory honours TMPDIR.
    let template = (NSTemporaryDirectory() as NSString).appendingPathComponent("datapakke-test-XXXXXX")
    var bytes = Array(template.utf8CString)
    let created = bytes.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
    guard created != nil else {
        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO, userInfo: [NSFilePathErrorKey: template])
    }
    return String(decoding: bytes.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
