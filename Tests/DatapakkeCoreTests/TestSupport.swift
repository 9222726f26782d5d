import Foundation
@testable import DatapakkeCore

/// The package root, found from this file's place in the source tree.
let packageRoot: String = {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
}()

/// A fixture folder beside these tests.
func fixture(_ name: String) -> String {
    packageRoot + "/Tests/DatapakkeCoreTests/Fixtures/" + name
}

/// Loads the `small` fixture (or another with the same layout).
func loadFixture(_ name: String = "small") throws -> DatapakkeInputs {
    let folder = fixture(name)
    return try DatapakkeInputs.load(InputPaths(
        register: folder + "/kommuner.csv", definitions: folder + "/klynger.yaml",
        data: folder + "/Data", catalogue: folder + "/indikatorer.yaml"), relativeTo: folder)
}

/// Loads the shipped default inputs: the 2027 councils, the example data and the catalogue.
func loadShipped(definitions: String = "ClusterDefinitions/sundhedsraad-2027.yaml") throws -> DatapakkeInputs {
    try DatapakkeInputs.load(InputPaths(
        register: packageRoot + "/ClusterDefinitions/kommuner.csv", definitions: packageRoot + "/" + definitions,
        data: packageRoot + "/Data", catalogue: packageRoot + "/Templates/indikatorer.yaml"), relativeTo: packageRoot)
}

/// A scratch folder that is removed when the test's closure returns.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let path = NSTemporaryDirectory() + "datapakke-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// Copies a fixture into a scratch folder so a test can break one file of it.
func copyFixture(_ name: String, to folder: String) throws {
    let source = fixture(name)
    for item in try FileManager.default.contentsOfDirectory(atPath: source) {
        try FileManager.default.copyItem(atPath: source + "/" + item, toPath: folder + "/" + item)
    }
}

func loadFixture(at folder: String) throws -> DatapakkeInputs {
    try DatapakkeInputs.load(InputPaths(
        register: folder + "/kommuner.csv", definitions: folder + "/klynger.yaml",
        data: folder + "/Data", catalogue: folder + "/indikatorer.yaml"), relativeTo: folder)
}

/// The problems a load throws, or an empty list when it succeeds.
func problems(_ body: () throws -> Void) -> [InputProblem] {
    do {
        try body()
        return []
    } catch let error as InputProblems {
        return error.problems
    } catch {
        return [InputProblem(SourceLocation(file: "?"), "\(error)")]
    }
}

func isClose(_ a: Double?, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}
