import DatapakkeTestSupport
import Foundation

@testable import DatapakkeCore

/// Loads the `small` fixture beside these tests (or another with the same layout).
func loadFixture(_ name: String = "small") throws -> DatapakkeInputs {
    try loadFixtureInputs(at: fixturePath(name))
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
