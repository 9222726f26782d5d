import DatapakkeCore
import Foundation

/// The package root, found from this file's place in the source tree (`Tests/DatapakkeTestSupport/`).
public let packageRoot: String = {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
}()

/// A fixture beside the calling test's target: `Tests/<target>/Fixtures/<name>`, where `<target>` is
/// the folder under `Tests/` that holds the calling file.
public func fixturePath(_ name: String, filePath: String = #filePath) -> String {
    let tests = packageRoot + "/Tests/"
    var target = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    while target.deletingLastPathComponent().path + "/" != tests, target.path.count > tests.count {
        target = target.deletingLastPathComponent()
    }
    return target.path + "/Fixtures/" + name
}

/// Copies the contents of a fixture folder into `folder`, so a test can change one file of it.
public func copyFixture(_ name: String, to folder: String, filePath: String = #filePath) throws {
    let source = fixturePath(name, filePath: filePath)
    for item in try FileManager.default.contentsOfDirectory(atPath: source) {
        try FileManager.default.copyItem(atPath: source + "/" + item, toPath: folder + "/" + item)
    }
}

/// Loads a fixture folder laid out like the tests' fixtures: `kommuner.csv`, `klynger.yaml`, `Data/`
/// and the catalogue (`indikatorer.yaml` unless `catalogue` names another file in the folder), with the
/// profile of similar councils (`sammenlignelige.yaml`) beside the catalogue when there is one.
public func loadFixtureInputs(at folder: String, catalogue: String = "indikatorer.yaml") throws -> DatapakkeInputs {
    let catalogueFolder = URL(fileURLWithPath: folder + "/" + catalogue).deletingLastPathComponent().path
    return try DatapakkeInputs.load(
        InputPaths(
            register: folder + "/kommuner.csv", definitions: folder + "/klynger.yaml",
            data: folder + "/Data", catalogue: folder + "/" + catalogue,
            similarityProfile: catalogueFolder + "/" + SimilarityProfile.fileName), relativeTo: folder)
}
