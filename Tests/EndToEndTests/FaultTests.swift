import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Faults leave nothing behind: builds killed at random moments, two builds into one folder, and
/// another map built into a folder. After the next completed build the folder holds no temporary
/// file, the manifest lists exactly the files in it with their sizes and SHA-256, every workbook
/// opens and the download page links exactly the packs that are there.
@Suite(.serialized) struct FaultTests {
    @Test func buildsKilledAtRandomMomentsLeaveAFolderTheNextBuildMakesWhole() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            // How long a full build takes here and now, so that the kills spread over all of it.
            let started = Date()
            let measured = try CommandRunner.run(["build", "--out", folder + "/measure"])
            let duration = Date().timeIntervalSince(started)
            #expect(measured.status == 0, "\(measured.stderr)")
            try FileManager.default.removeItem(atPath: folder + "/measure")

            // Some builds see a council under a new name: its files get names the manifest does not list yet.
            let shipped = try String(contentsOfFile: FaultTests.packageRoot + "/ClusterDefinitions/sundhedsraad-2027.yaml", encoding: .utf8)
            let renamed = shipped.replacingOccurrences(
                of: "navn: Sundhedsråd Midt- og Vestsjælland\n", with: "navn: Sundhedsråd Vestsjælland\n")
            #expect(renamed != shipped)
            try renamed.write(toFile: folder + "/omdoebt.yaml", atomically: true, encoding: .utf8)
            let definitions = ["ClusterDefinitions/sundhedsraad-2027.yaml", folder + "/omdoebt.yaml"]

            let out = folder + "/out"
            var random = SplitMix64(seed: 20_261_110)
            // Three document dates and frequent --force, so that most builds rewrite packs and old hashes
            // meet new files (a new date alone rebuilds nothing: the date is when a pack last changed).
            let epochs = ["1780000000", "1790000000", "1800000000"]
            var kills = 0
            var finishedFirst = 0
            var killedWithTemporaryFiles = 0
            // Attempts enough that 24 kills are reached also when many builds (the unforced ones) end early.
            for _ in 0..<100 where kills < 24 {
                let epoch = epochs[random.next(below: epochs.count)]
                let force = random.next(below: 3) != 0 ? ["--force"] : []
                let definition = definitions[random.next(below: 3) == 0 ? 1 : 0]
                let delay = duration * 0.8 * random.unit()
                let build = try RunningCommand(
                    ["build", "--definitions", definition, "--out", out] + force, environment: ["SOURCE_DATE_EPOCH": epoch], logs: folder)
                Thread.sleep(forTimeInterval: delay)
                if build.kill() { kills += 1 } else { finishedFirst += 1 }
                let names = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
                if names.contains(where: { $0.hasPrefix(".datapakke-tmp-") }) { killedWithTemporaryFiles += 1 }
                // Written atomically: whenever a build is stopped, the manifest there is a whole one.
                if let data = FileManager.default.contents(atPath: out + "/manifest.json") {
                    #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "a half-written manifest.json")
                }
            }
            #expect(kills >= 20, "only \(kills) builds were killed while running; \(finishedFirst) finished first")
            print(
                "fault test: full build \(String(format: "%.2f", duration)) s; \(kills) builds killed, \(finishedFirst) finished first; "
                    + "\(killedWithTemporaryFiles) kills left temporary files")

            let final = try CommandRunner.run(["build", "--out", out])
            #expect(final.status == 0, "\(final.stderr)")
            let manifest = try expectFolderMatchesManifest(out)
            #expect(manifest.packs.count == 17)
            #expect(!FileManager.default.fileExists(atPath: out + "/sundhedsraad-vestsjaelland.xlsx"), "the renamed council's files stayed")
            // Each pack carries the date of the build that last wrote it whole.
            let dates = Set(["2026-05-28", "2026-09-21", "2027-01-15", manifest.documentDate])
            #expect(Set(manifest.packs.map(\.documentDate)).isSubset(of: dates))
        }
    }

    @Test func leftoversOfAKilledBuildAreRemovedAndNothingElse() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let out = folder + "/out"
            try FileManager.default.createDirectory(atPath: out + "/.datapakke-tmp-en-mappe", withIntermediateDirectories: true)
            let halfWritten = URL(fileURLWithPath: out + "/.datapakke-tmp-sundhedsraad-fyn.xlsx.1234")
            try Data("PK\u{3}\u{4} half a workbook".utf8).write(to: halfWritten)
            for name in [".hemmelig", "datapakke-tmp-noter.txt"] {
                try Data("mine".utf8).write(to: URL(fileURLWithPath: out + "/" + name))
            }
            let outcome = try CommandRunner.run(["build", "--only", "SR06", "--out", out])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(outcome.stdout.hasPrefix("fjernet  1 midlertidig fil fra en afbrudt bygning (.datapakke-tmp-…)\n"))
            let names = Set(try FileManager.default.contentsOfDirectory(atPath: out))
            #expect(!names.contains(".datapakke-tmp-sundhedsraad-fyn.xlsx.1234"))
            #expect(names.isSuperset(of: [".datapakke-tmp-en-mappe", ".hemmelig", "datapakke-tmp-noter.txt"]), "\(names)")
            #expect(!names.contains(".datapakke.lock"))
        }
    }

    @Test func aSecondBuildIntoTheSameFolderWaitsForTheFirst() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let out = folder + "/out"
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            // The test holds the folder's lock, as a running build does.
            let lock = open(out + "/.datapakke.lock", O_RDWR | O_CREAT, 0o644)
            #expect(lock >= 0)
            #expect(flock(lock, LOCK_EX) == 0)
            let build = try RunningCommand(["build", "--only", "SR06", "--out", out], logs: folder)
            let deadline = Date().addingTimeInterval(30)
            while !build.stderr.contains("venter på, at en anden bygning i \(out) bliver færdig"), build.isRunning, Date() < deadline {
                Thread.sleep(forTimeInterval: 0.05)
            }
            #expect(build.stderr.contains("venter på, at en anden bygning i \(out) bliver færdig"), "\(build.stderr)")
            #expect(build.isRunning)
            #expect(try FileManager.default.contentsOfDirectory(atPath: out) == [".datapakke.lock"], "nothing written while waiting")
            flock(lock, LOCK_UN)
            close(lock)
            #expect(build.wait() == 0, "\(build.stderr)")
            try expectFolderMatchesManifest(out)
        }
    }

    @Test func twoBuildsStartedTogetherBothEndAndTheManifestMatchesTheFolder() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let out = folder + "/out"
            // Different dates, and both forced, so that files of one build listed with the other's hashes would show.
            let first = try RunningCommand(
                ["build", "--force", "--out", out], environment: ["SOURCE_DATE_EPOCH": "1780000000"], logs: folder)
            let second = try RunningCommand(
                ["build", "--force", "--out", out], environment: ["SOURCE_DATE_EPOCH": "1790000000"], logs: folder)
            #expect(first.wait() == 0, "\(first.stderr)")
            #expect(second.wait() == 0, "\(second.stderr)")
            let manifest = try expectFolderMatchesManifest(out)
            #expect(manifest.packs.count == 17)
            #expect(Set(manifest.packs.map(\.documentDate)) == [manifest.documentDate])
        }
    }

    @Test func anotherMapIsRefusedUnlessItReplacesTheFirst() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let out = folder + "/out"
            #expect(try CommandRunner.run(["build", "--only", "SR06", "SR09", "--out", out]).status == 0)
            let notes = Data("the secretariat's own notes".utf8)
            try notes.write(to: URL(fileURLWithPath: out + "/notes.txt"))
            let before = try snapshot(out)
            let councils = try expectFolderMatchesManifest(out, others: ["notes.txt"]).packs.flatMap(\.files)

            let clusters = ["build", "--definitions", "ClusterDefinitions/sundhedsklynger-2022.yaml", "--only", "N1", "--out", out]
            let refused = try CommandRunner.run(clusters)
            #expect(refused.status == 1)
            #expect(refused.stdout.isEmpty)
            #expect(
                refused.stderr
                    == "fejl: mappen \(out) indeholder datapakkerne til «Sundhedsråd 2027» (ifølge \(out)/manifest.json), ikke til "
                    + "«Sundhedsklynger 2022». Vælg en anden mappe med --out, eller tilføj --erstat for at erstatte pakkerne til "
                    + "«Sundhedsråd 2027» med «Sundhedsklynger 2022»; kun de filer, manifestet nævner, bliver slettet.\n")
            let after = try snapshot(out)
            #expect(Set(after.keys) == Set(before.keys))
            for (name, file) in before {
                #expect(after[name]?.data == file.data && after[name]?.date == file.date, "\(name) was touched")
            }

            let replaced = try CommandRunner.run(clusters + ["--erstat"])
            #expect(replaced.status == 0, "\(replaced.stderr)")
            #expect(replaced.stdout.contains("fjernet  10 filer fra «Sundhedsråd 2027» (--erstat)"))
            #expect(replaced.stdout.contains("skrevet  N1  Klynge Nord (Nordjylland) (ny pakke) → "))
            let manifest = try expectFolderMatchesManifest(out, others: ["notes.txt"])
            #expect(manifest.definitions == "Sundhedsklynger 2022")
            #expect(manifest.packs.map(\.id) == ["N1"])
            for file in councils {
                #expect(!FileManager.default.fileExists(atPath: out + "/" + file.name), "\(file.name) of the replaced map is still there")
            }
            #expect(FileManager.default.contents(atPath: out + "/notes.txt") == notes, "a file no manifest lists was touched")
        }
    }

    /// The package root, found from this file's place in the source tree.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    // MARK: - Checks

    /// The parts of manifest.json the checks read.
    struct ManifestContents: Decodable {
        struct Pack: Decodable {
            struct Inputs: Decodable { var documentDate: String }
            struct File: Decodable {
                var name: String
                var size: Int
                var sha256: String
            }
            var id: String
            var inputs: Inputs
            var files: [File]
            var documentDate: String { inputs.documentDate }
        }
        var definitions: String
        var documentDate: String
        var packs: [Pack]
    }

    /// Checks a folder after a completed build: no hidden file (temporary or lock), the manifest lists
    /// exactly the files there besides itself, the page and `others`, each with its size and SHA-256
    /// (by sha256sum), every workbook opens (unzip -t), and the page links exactly those files.
    @discardableResult
    func expectFolderMatchesManifest(
        _ out: String, others: Set<String> = [], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> ManifestContents {
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: out))
        let hidden = names.filter { $0.hasPrefix(".") }
        #expect(hidden.isEmpty, "hidden files left: \(hidden)", sourceLocation: sourceLocation)
        let manifest = try JSONDecoder().decode(ManifestContents.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
        let listed = manifest.packs.flatMap(\.files)
        let packFiles = names.subtracting(["manifest.json", "index.html"]).subtracting(others)
        #expect(Set(listed.map(\.name)) == packFiles, "manifest and folder disagree", sourceLocation: sourceLocation)
        #expect(listed.count == Set(listed.map(\.name)).count, "a file listed twice", sourceLocation: sourceLocation)

        let present = listed.filter { packFiles.contains($0.name) }
        let sums = try runTool("sha256sum", present.map { out + "/" + $0.name })
        var digests: [String: String] = [:]
        for line in sums.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            let path = String(parts[1]).trimmingCharacters(in: CharacterSet(charactersIn: " *"))
            digests[URL(fileURLWithPath: path).lastPathComponent] = String(parts[0])
        }
        for file in present {
            let size = try FileManager.default.attributesOfItem(atPath: out + "/" + file.name)[.size] as? Int
            #expect(size == file.size, "\(file.name): \(size ?? -1) bytes, listed as \(file.size)", sourceLocation: sourceLocation)
            #expect(digests[file.name] == file.sha256, "\(file.name): SHA-256 differs from the manifest", sourceLocation: sourceLocation)
            if file.name.hasSuffix(".xlsx") {
                let test = try runTool("unzip", ["-tqq", out + "/" + file.name])
                #expect(test.status == 0, "\(file.name) does not open", sourceLocation: sourceLocation)
            }
        }

        let page = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        let links = Set(page.matches(of: /href="([^"#:]+)"/).map { String($0.1) })
        #expect(
            links == packFiles, "the page links \(links.subtracting(packFiles)) and misses \(packFiles.subtracting(links))",
            sourceLocation: sourceLocation)
        return manifest
    }

    /// Every file of a folder with its modification date and bytes.
    func snapshot(_ folder: String) throws -> [String: (date: Date, data: Data)] {
        var result: [String: (date: Date, data: Data)] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let path = folder + "/" + name
            let date = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date ?? .distantPast
            result[name] = (date, try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        return result
    }
}

/// The built command started without waiting for it, its output going to files in `logs`, so that a
/// test can kill it or run two at once.
final class RunningCommand {
    private let process = Process()
    private let errorPath: String

    init(_ arguments: [String], environment: [String: String] = [:], logs: String) throws {
        process.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        variables.removeValue(forKey: "SOURCE_DATE_EPOCH")
        variables.merge(environment) { _, new in new }
        process.environment = variables
        // From the package root, as users run it.
        process.currentDirectoryURL = URL(fileURLWithPath: FaultTests.packageRoot)
        errorPath = logs + "/stderr-" + UUID().uuidString
        guard FileManager.default.createFile(atPath: errorPath, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// What it has written to standard error so far.
    var stderr: String { String(decoding: FileManager.default.contents(atPath: errorPath) ?? Data(), as: UTF8.self) }

    /// Sends SIGKILL and waits; true when it was still running, false when it had already ended.
    func kill() -> Bool {
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal
    }

    /// Waits for it to end; its exit status.
    func wait() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// A small program from the PATH, run to the end.
func runTool(_ name: String, _ arguments: [String]) throws -> (status: Int32, stdout: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [name] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// A reproducible random sequence (SplitMix64), so that a failing fault test can be run again as it was.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in 0..<bound.
    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// A number in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
