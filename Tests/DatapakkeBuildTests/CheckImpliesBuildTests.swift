import DatapakkeBuild
import DatapakkeCore
import DatapakkeTestSupport
import Foundation
import PropertyBased
import Testing

/// `check` is `build` without writing: whatever the validation accepts, the build can build. Over
/// generated names, titles, notes and catalogue settings, some hostile (apostrophes, control
/// characters, Excel's forbidden sheet characters, very long texts, out-of-range numbers), either
/// the project is refused with problems, or every pack, the page and the manifest are written.
@Suite struct CheckImpliesBuildTests {
    static let fixture = packageRoot + "/Tests/DatapakkeRenderersTests/Fixtures/suppression"

    /// Letters and the characters a name may well hold (quotes, ampersands, angle brackets, formula
    /// signs, accents, emoji); and, in a third of the texts, those that have broken an output before
    /// (control characters, Excel's forbidden sheet characters, a new line), or far more than any limit.
    static let allowed = Gen.element(of: Array("abcdefghijklmnopqrstuvwxyzæøåABCÆØÅ -'\"&<>=+@é🙂")).map { $0 ?? "a" }
    static let hostile = Gen.element(of: Array("abcæøå '[]:*?/\\\u{7}\u{1B}\t\n𝔸")).map { $0 ?? "a" }
    static let text = zip(allowed.string(of: 1...40), hostile.string(of: 1...12), Gen.int(in: 0...29)).map { plain, rough, pick in
        switch pick {
        case 0...19: return plain
        case 20...27: return plain + rough
        default: return String(repeating: plain, count: 120)
        }
    }
    static let settings = zip(
        Gen.int(in: -1...7), Gen.element(of: [0.0, -1, 1, 100, 1000, 1000, 1e300]), Gen.int(in: 0...30)
    ).map { decimals, scale, minimum in (decimals: decimals, scale: scale ?? 100, minimum: minimum) }

    @Test func whatCheckAcceptsBuildBuilds() async throws {
        let tally = Tally()
        await propertyCheck(count: 100, input: Self.text.array(of: 4...4), Self.settings) { texts, settings in
            try withTemporaryDirectory { folder in
                try Self.project(in: folder, texts: texts, settings: settings)
                let layout = try ProjectLayout.resolve(
                    definitions: "klynger.yaml", data: "Data", templates: "Templates", register: "kommuner.csv", workingDirectory: folder)
                let project: Project
                do {
                    project = try Project.load(layout)
                } catch let error as InputProblems {
                    #expect(!error.problems.isEmpty)
                    tally.refused()
                    return
                }
                tally.accepted()
                let options = BuildOptions(
                    directory: folder + "/out", jobs: 1, tool: ToolIdentity(version: "test"),
                    documentDate: Date(timeIntervalSince1970: 1_735_689_600))
                let outcome = try IncrementalBuild(project: project, options: options).run()
                let failures = outcome.packs.compactMap { pack -> String? in
                    if case .failed(let error, _) = pack.outcome { return error }
                    return nil
                }
                #expect(
                    outcome.succeeded,
                    "check accepted \(texts.map { visibleText($0, limit: 60) }), \(settings) but build failed: \(failures)")
            }
        }
        // The property says something only if both sides were reached.
        #expect(tally.counts.accepted >= 5, "accepted \(tally.counts.accepted) of 100")
        #expect(tally.counts.refused >= 5, "refused \(tally.counts.refused) of 100")
    }

    /// The suppression fixture with a council's name, the section and indicator titles, a note and
    /// the catalogue's settings replaced.
    static func project(in folder: String, texts: [String], settings: (decimals: Int, scale: Double, minimum: Int)) throws {
        for item in try FileManager.default.contentsOfDirectory(atPath: fixture) {
            try FileManager.default.copyItem(atPath: fixture + "/" + item, toPath: folder + "/" + item)
        }
        try FileManager.default.copyItem(atPath: packageRoot + "/Templates/html", toPath: folder + "/Templates/html")
        try edit(folder + "/klynger.yaml") {
            $0.replacingOccurrences(of: "navn: Råd P", with: "navn: \(yaml(texts[0]))\n    note: \(yaml(texts[3]))")
        }
        try edit(folder + "/Templates/indikatorer.yaml") {
            $0.replacingOccurrences(of: "    titel: Test\n", with: "    titel: \(yaml(texts[1]))\n")
                .replacingOccurrences(of: "    titel: Ophold blandt ældre\n", with: "    titel: \(yaml(texts[2]))\n")
                .replacingOccurrences(of: "    decimaler: 2\n", with: "    decimaler: \(settings.decimals)\n")
                .replacingOccurrences(of: "    skala: 1000\n", with: "    skala: \(settings.scale)\n")
                .replacingOccurrences(of: "min_taeller: 5,", with: "min_taeller: \(settings.minimum),")
        }
    }

    static func edit(_ path: String, _ change: (String) -> String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let changed = change(text)
        #expect(changed != text, "the fixture changed under the test: \(path)")
        try changed.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A YAML double-quoted scalar.
    static func yaml(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 { result += String(format: "\\x%02X", scalar.value) } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result + "\""
    }
}

/// How many generated projects `check` accepted and refused.
private final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var values = (accepted: 0, refused: 0)

    func accepted() { lock.withLock { values.accepted += 1 } }
    func refused() { lock.withLock { values.refused += 1 } }
    var counts: (accepted: Int, refused: Int) { lock.withLock { values } }
}
