import DatapakkeTestSupport
import Foundation
import Testing

/// The shared test support keeps its promises: the temporary folder goes away, the process runner
/// cannot block on a full pipe, and paths point into this package.
@Suite struct TestSupportTests {
    struct Planned: Error {}

    @Test func theTemporaryFolderIsRemovedWhenTheClosureReturnsOrThrows() throws {
        var kept = ""
        let result = try withTemporaryDirectory { folder in
            kept = folder
            let url = URL(fileURLWithPath: folder)
            #expect(url.deletingLastPathComponent().path == URL(fileURLWithPath: NSTemporaryDirectory()).path)
            #expect(url.lastPathComponent.hasPrefix("datapakke-test-"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
            try FileManager.default.createDirectory(atPath: folder + "/a/b", withIntermediateDirectories: true)
            try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/a/b/c.txt"))
            return 42
        }
        #expect(result == 42)
        #expect(!FileManager.default.fileExists(atPath: kept))

        #expect(throws: Planned.self) {
            try withTemporaryDirectory { folder in
                kept = folder
                try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/c.txt"))
                throw Planned()
            }
        }
        #expect(!FileManager.default.fileExists(atPath: kept))
        let two = try withTemporaryDirectory { a in try withTemporaryDirectory { b in (a, b) } }
        #expect(two.0 != two.1)
    }

    @Test func theAsyncTemporaryFolderIsRemovedToo() async throws {
        let kept = try await withTemporaryDirectoryAsync { folder async throws -> String in
            await Task.yield()
            try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/c.txt"))
            return folder
        }
        #expect(!FileManager.default.fileExists(atPath: kept))
    }

    @Test func theRunnerReadsBothStreamsAtOnceAndReportsTheStatus() throws {
        // 1 MB on each stream: far more than a pipe holds, so reading one after the other would block.
        let script = "head -c 1000000 /dev/zero | tr '\\0' o; head -c 1000000 /dev/zero | tr '\\0' e >&2; exit 3"
        let outcome = try runProcess("sh", ["-c", script])
        #expect(outcome.status == 3)
        #expect(outcome.stdout.count == 1_000_000 && outcome.stdout.allSatisfy { $0 == "o" })
        #expect(outcome.stderr.count == 1_000_000 && outcome.stderr.allSatisfy { $0 == "e" })
        #expect(throws: ProcessFailure.self) { try outcome.checked() }
    }

    @Test func theRunnerSetsTheFolderAndTheEnvironment() throws {
        try withTemporaryDirectory { folder in
            let outcome = try runProcess(
                "sh", ["-c", "pwd; echo \"${DATAPAKKE_TEST_A-unset} ${HOME-unset}\""], in: folder,
                environment: ["DATAPAKKE_TEST_A": "a"], unsetting: ["HOME"]
            ).checked()
            let lines = outcome.stdout.split(separator: "\n").map(String.init)
            #expect(
                lines.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
                    == URL(fileURLWithPath: folder).resolvingSymlinksInPath().path)
            #expect(lines.last == "a unset")
        }
        #expect(throws: ProcessFailure.self) { try runProcess("datapakke-no-such-program") }
    }

    @Test func pathsPointIntoThePackage() {
        #expect(FileManager.default.fileExists(atPath: packageRoot + "/Package.swift"))
        #expect(fixturePath("broken") == packageRoot + "/Tests/EndToEndTests/Fixtures/broken")
        #expect(FileManager.default.fileExists(atPath: fixturePath("README.md")))
        let venv = packageRoot + "/.venv/bin/python3"
        #expect(Python.interpreter == (FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3"))
    }
}
