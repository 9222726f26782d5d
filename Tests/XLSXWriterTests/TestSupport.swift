import Foundation
import Testing
import XLSXWriter

/// A fixed creation time so files are deterministic: 2023-11-14T22:13:20Z.
let fixedDate = Date(timeIntervalSince1970: 1_700_000_000)
let testProperties = DocumentProperties(
    title: "Sundhedsdata", subject: "Test", author: "datapakke", company: "Region", created: fixedDate)

struct TestFailure: Error, CustomStringConvertible {
    var description: String
}

/// A fresh, empty directory for one test.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("xlsxwriter-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Runs /usr/bin/unzip and returns stdout; the .xlsx is read independently of libxlsxwriter.
func runUnzip(_ arguments: [String]) throws -> String {
    let unzip = "/usr/bin/unzip"
    guard FileManager.default.isExecutableFile(atPath: unzip) else {
        throw TestFailure(description: "\(unzip) is missing: apt-get install -y unzip")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: unzip)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = Pipe()
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw TestFailure(description: "unzip \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
    }
    return String(decoding: data, as: UTF8.self)
}

/// One XML part of an .xlsx file, e.g. "xl/worksheets/sheet1.xml".
func part(_ file: URL, _ entry: String) throws -> String {
    try runUnzip(["-p", file.path, entry])
}

/// Names of all parts in an .xlsx file.
func entries(_ file: URL) throws -> [String] {
    try runUnzip(["-Z1", file.path]).split(separator: "\n").map(String.init)
}

/// The `<c r="REF" ...>...</c>` element for one cell in sheet XML, or nil.
func cellXML(_ sheetXML: String, _ ref: String) -> String? {
    guard let start = sheetXML.range(of: "<c r=\"\(ref)\"") else { return nil }
    let rest = sheetXML[start.lowerBound...]
    guard let tagEnd = rest.firstIndex(of: ">") else { return nil }
    if rest[rest.index(before: tagEnd)] == "/" { return String(rest[...tagEnd]) }
    guard let close = rest.range(of: "</c>") else { return nil }
    return String(rest[..<close.upperBound])
}

/// Asserts that `body` throws exactly `expected`.
func expectError(_ expected: XLSXError, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected \(expected) but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as XLSXError {
        #expect(error == expected, sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected \(expected) but got \(error)", sourceLocation: sourceLocation)
    }
}

/// Returns the XLSXError thrown by `body`, or nil (recording an issue) when it threw nothing or something else.
func thrownError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> XLSXError? {
    do {
        try body()
        Issue.record("expected an XLSXError but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as XLSXError {
        return error
    } catch {
        Issue.record("expected an XLSXError but got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
