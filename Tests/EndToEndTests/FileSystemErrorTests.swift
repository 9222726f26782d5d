import Foundation
import Testing

/// Every error a user can provoke through the file system is one Danish sentence naming the path,
/// with exit code 1, and leaves no temporary file behind. A read-only folder and a full disk are real:
/// a small tmpfs mounted read-only or nearly full (root can write anywhere else, so permissions alone
/// would prove nothing). Where mounting is not allowed the test is skipped with a printed reason, and
/// on CI, which runs as root, it fails instead.
@Suite(.serialized) struct FileSystemErrorTests {
    @Test func outPointingAtAFileIsNamed() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let file = folder + "/pakker"
            try Data("ikke en mappe".utf8).write(to: URL(fileURLWithPath: file))
            let outcome = try CommandRunner.run(["build", "--only", "SR06", "--out", file])
            #expect(outcome.status == 1)
            #expect(outcome.stderr == "fejl: \(file) er en fil, ikke en mappe; angiv en mappe med --out.\n")
            #expect(try String(contentsOfFile: file, encoding: .utf8) == "ikke en mappe")
        }
    }

    @Test func aMissingDataFolderIsNamed() throws {
        let outcome = try CommandRunner.run(["check", "--data", "findes-ikke"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "fejl: mappen findes-ikke findes ikke (--data).\n")
    }

    @Test func anOutFolderBelowAFileIsNamed() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            try Data().write(to: URL(fileURLWithPath: folder + "/fil"))
            let outcome = try CommandRunner.run(["build", "--only", "SR06", "--out", folder + "/fil/pakker"])
            #expect(outcome.status == 1)
            #expect(outcome.stderr.hasPrefix("fejl: \(folder)/fil"))
            #expect(outcome.stderr.split(separator: "\n").count == 1)
            #expect(!outcome.stderr.contains("NSCocoaErrorDomain"))
        }
    }

    @Test func aReadOnlyFolderIsNamedAndNothingIsWritten() throws {
        try withMount(options: "size=4m,ro") { mountPoint in
            let outcome = try CommandRunner.run(["build", "--only", "SR06", "--out", mountPoint])
            #expect(outcome.status == 1)
            #expect(
                outcome.stderr == "fejl: mappen \(mountPoint) er skrivebeskyttet; vælg en anden mappe med --out, eller giv skriveadgang.\n")
            #expect(outcome.stdout.isEmpty)
        }
    }

    @Test func aFullDiskIsNamedAndLeavesNoHalfWrittenFile() throws {
        try withMount(options: "size=160k") { mountPoint in
            let outcome = try CommandRunner.run(["build", "--out", mountPoint])
            #expect(outcome.status == 1)
            let all = outcome.stdout + outcome.stderr
            #expect(all.contains("disken er fuld"), "\(all)")
            #expect(!all.contains("NSCocoaErrorDomain") && !all.contains("Error "), "no raw or English errors: \(all)")
            let left = try FileManager.default.contentsOfDirectory(atPath: mountPoint)
            #expect(!left.contains { $0.hasSuffix(".tmp") }, "temporary files left: \(left)")
        }
    }

    /// Mounts a fresh tmpfs with `options` for the body, and unmounts it afterwards.
    private func withMount(options: String, _ body: (String) throws -> Void) throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let mountPoint = folder + "/mnt"
            try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
            let mounted = try Self.shell(["mount", "-t", "tmpfs", "-o", options, "tmpfs", mountPoint])
            guard mounted == 0 else {
                let reason = "tmpfs kan ikke monteres her (kræver root og mount-rettighed)"
                if ProcessInfo.processInfo.environment["CI"] != nil {
                    Issue.record("\(reason); CI kører som root og skal kunne det")
                } else {
                    print("springer over: \(reason)")
                }
                return
            }
            defer { _ = try? Self.shell(["umount", mountPoint]) }
            try body(mountPoint)
        }
    }

    private static func shell(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
