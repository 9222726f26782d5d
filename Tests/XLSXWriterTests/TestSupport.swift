import DatapakkeTestSupport
import Foundation
import Testing
import XLSXWriter

/// A fixed creation time so files are deterministic: 2023-11-14T22:13:20Z.
let fixedDate = Date(timeIntervalSince1970: 1_700_000_000)
let testProperties = DocumentProperties(
    title: "Sundhedsdata", subject: "Test", author: "datapakke", company: "Region", created: fixedDate)

/// One XML part of an .xlsx file, e.g. "xl/worksheets/sheet1.xml".
func part(_ file: URL, _ entry: String) throws -> String {
    try Unzip.part(file.path, entry)
}

/// Names of all parts in an .xlsx file.
func entries(_ file: URL) throws -> [String] {
    try Unzip.entries(file.path)
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
