import Foundation

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
public func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
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

private func makeScratchFolder() throws -> String {
    // NSTemporaryDirectory honours TMPDIR.
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("datapakke-tests-" + UUID().uuidString)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    return path
}
