import Foundation
import Testing

/// Every output is safe for its reader: the CSV of `figures` survives Excel and an independent CSV
/// reader whatever the names hold, and no control character from the inputs reaches the terminal.
@Suite struct OutputSafetyTests {
    /// Names a spreadsheet would run as formulas, and one with the separator and quotes (a line break
    /// in a name is refused by the input contract).
    static let hostileNames = [
        "SR01": "=HYPERLINK(\"http://x\";\"klik\")",
        "SR02": "+cmd|' /C calc'!A0",
        "SR03": "-2+3",
        "SR04": "@SUM(A1)",
        "SR05": "Navn; med \"citat\" og semikolon",
    ]

    @Test func figuresAsCSVKeepEveryNameAsTextAndEveryNumberAsANumber() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            let definitions = try Self.definitions(names: Self.hostileNames, in: folder)
            let ids = Self.hostileNames.keys.sorted()
            let outcome = try CommandRunner.run(["figures", "--format", "csv", "--definitions", definitions, "--only"] + ids)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(outcome.stdout.unicodeScalars.first == "\u{FEFF}", "no byte order mark: Danish Excel would garble æ, ø and å")
            #expect(outcome.stdout.contains(";\"'=HYPERLINK(\"\"http://x\"\";\"\"klik\"\")\";"), "quotes doubled, the whole field quoted")

            // Read back by Python's csv module, as an independent RFC 4180 reader.
            let file = folder + "/tal.csv"
            try Data(outcome.stdout.utf8).write(to: URL(fileURLWithPath: file))
            let reader = """
                import csv, json, sys
                with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
                    print(json.dumps(list(csv.reader(f, delimiter=";"))))
                """
            let read = try runTool("python3", ["-c", reader, file])
            #expect(read.status == 0)
            let rows = try JSONDecoder().decode([[String]].self, from: Data(read.stdout.utf8))
            let header = try #require(rows.first)
            // 17 columns, the crude rate beside an age-standardised one, and 10 on the similar councils and
            // the opportunity (docs/similar-councils.md).
            #expect(header.first == "niveau" && header.count == 28, "\(header)")
            #expect(rows.allSatisfy { $0.count == 28 }, "a field broke out of its row")

            for (id, name) in Self.hostileNames {
                let names = Set(rows.filter { $0[1] == id }.map { $0[2] })
                let shown = "=+-@".contains(name.first ?? " ") ? "'" + name : name
                #expect(names == [shown], "\(id): \(names)")
            }
            // Numbers stay numbers: never prefixed, Danish decimal comma, a minus sign kept.
            let numeric = [
                "vaerdi", "taeller", "naevner", "kommuner_med_vaerdi", "kommuner", "vaegtandel", "raa_rate", "vaerdi_sammenlignelige",
                "mulighed", "bedste_kvartil",
            ].compactMap { header.firstIndex(of: $0) }
            #expect(numeric.count == 10)
            for row in rows.dropFirst() {
                for column in numeric {
                    let value = row[column]
                    #expect(value.isEmpty || value.wholeMatch(of: /-?[0-9]+(,[0-9]+)?(e-?[0-9]+)?/) != nil, "\(header[column]): «\(value)»")
                }
            }
            #expect(rows.count > 5 * 25)
        }
    }

    @Test func controlCharactersFromTheInputsAreShownNotSent() throws {
        try CommandRunner.withTemporaryDirectory { folder in
            // Names with control characters are refused by the input contract; the refusal itself
            // quotes them, and must show them, not send them to the terminal.
            let council = "Sundhedsråd \u{1B}[31mRød\u{07}"
            let definitions = try Self.definitions(names: ["SR06": council], setName: "Sundhedsråd \u{1B}]0;titel\u{07}2027", in: folder)
            for arguments in [["list"], ["figures", "--only", "SR06"], ["check"], ["build", "--only", "SR06", "--out", folder + "/out"]] {
                let outcome = try CommandRunner.run(arguments + ["--definitions", definitions])
                #expect(outcome.status == 1, "\(arguments[0]): \(outcome.stderr)")
                let sent = Self.controls(outcome.stdout + outcome.stderr)
                #expect(sent.isEmpty, "\(arguments[0]) sent \(sent)")
                #expect(outcome.stderr.contains("«navn» indeholder kontroltegnet U+001B"), "\(arguments[0]): \(outcome.stderr)")
            }
            #expect(!FileManager.default.fileExists(atPath: folder + "/out"))

            // An error message that quotes an input.
            let original = try String(
                contentsOfFile: FaultTests.packageRoot + "/ClusterDefinitions/sundhedsraad-2027.yaml", encoding: .utf8)
            let wrongName = original.replacingOccurrences(
                of: "{ kode: 330, navn: Slagelse }", with: "{ kode: 330, navn: \"Slagelse\\e[2J\" }")
            #expect(wrongName != original)
            try wrongName.write(toFile: definitions, atomically: true, encoding: .utf8)
            let failed = try CommandRunner.run(["check", "--definitions", definitions])
            #expect(failed.status == 1)
            #expect(failed.stderr.contains("kommunekode 330 er Slagelse, ikke «Slagelse\\u{1B}[2J»"), "\(failed.stderr)")
            #expect(Self.controls(failed.stderr).isEmpty)
        }
    }

    /// The control characters in a text, line breaks apart.
    static func controls(_ text: String) -> [String] {
        text.unicodeScalars.filter { $0 != "\n" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) }
            .map { String(format: "U+%04X", $0.value) }
    }

    /// The shipped 2027 definitions with some councils renamed (and the set too), written to `folder`.
    static func definitions(names: [String: String], setName: String? = nil, in folder: String) throws -> String {
        var text = try String(contentsOfFile: FaultTests.packageRoot + "/ClusterDefinitions/sundhedsraad-2027.yaml", encoding: .utf8)
        for (id, name) in names {
            let entry = try #require(text.firstMatch(of: try Regex("  - id: \(id)\n    navn: [^\n]*\n")))
            text.replaceSubrange(entry.range, with: "  - id: \(id)\n    navn: \(yamlQuoted(name))\n")
        }
        if let setName {
            text = text.replacingOccurrences(of: "\nnavn: Sundhedsråd 2027\n", with: "\nnavn: \(yamlQuoted(setName))\n")
        }
        let path = folder + "/definitioner.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A YAML double-quoted scalar: backslash and quote escaped, control characters as \xHH.
    static func yamlQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case _ where scalar.value < 0x20: result += String(format: "\\x%02X", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
