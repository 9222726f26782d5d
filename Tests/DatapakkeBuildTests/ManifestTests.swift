import DatapakkeCore
import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeBuild

/// The manifest: its bytes, the change sentences computed from two entries, and the input texts
/// whose hashes decide which packs a build must redo.
@Suite struct ManifestTests {
    typealias Row = Manifest.FigureRow

    static func pack(
        members: [(Int, String)] = [(825, "Læsø"), (813, "Frederikshavn")], periods: [String] = ["2022", "2023"],
        figures: [Manifest.IndicatorFigures]
    ) -> Manifest.Pack {
        Manifest.Pack(
            id: "SR07", name: "Sundhedsråd Vendsyssel", region: "Nordjylland",
            municipalities: members.map { Manifest.Member(code: $0.0, name: $0.1, share: 1) }, periods: periods,
            inputs: Manifest.Inputs(
                definition: "d", municipalData: "m", comparison: "c", catalogue: "k", templates: "t", tool: "v", documentDate: "2023-12-31"),
            files: [Manifest.File(name: "sundhedsraad-vendsyssel.xlsx", size: 3, sha256: "abc")], figures: figures, changes: [])
    }

    static func indicator(_ values: [String: [String: Manifest.FigureValue]], periods: [String] = ["2022", "2023"], decimals: Int = 1)
        -> Manifest.IndicatorFigures
    {
        let names = ["825": "Læsø", "SR07": "Sundhedsråd Vendsyssel", "DK": "Hele landet"]
        let levels = ["825": "kommune", "SR07": "klynge", "DK": "land"]
        return Manifest.IndicatorFigures(
            id: "genindl_somatisk_pct", title: "Genindlæggelser, somatiske", unit: "pct.", decimals: decimals, periods: periods,
            rows: ["825", "SR07", "DK"].compactMap { id in
                values[id].map { Row(level: levels[id] ?? "", id: id, name: names[id] ?? "", values: $0) }
            })
    }

    @Test func aMovedFigureIsOneSentenceWithItsChange() {
        let old = Self.pack(figures: [
            Self.indicator(["SR07": ["2022": .number(12.1), "2023": .number(12.3)], "825": ["2023": .number(9.3)]])
        ])
        let new = Self.pack(figures: [
            Self.indicator(["SR07": ["2022": .number(12.1), "2023": .number(12.5)], "825": ["2023": .marker("<5")]])
        ])
        #expect(
            PackChanges.between(old, new) == [
                "Genindlæggelser, somatiske (2023): Læsø 9,3 → <5",
                "Genindlæggelser, somatiske (2023): Sundhedsråd Vendsyssel 12,3 → 12,5 pct. (+0,2)",
            ])
        let down = Self.pack(figures: [
            Self.indicator(["SR07": ["2022": .number(12.1), "2023": .number(11.9)], "825": ["2023": .number(9.3)]])
        ])
        #expect(PackChanges.between(old, down) == ["Genindlæggelser, somatiske (2023): Sundhedsråd Vendsyssel 12,3 → 11,9 pct. (-0,4)"])
    }

    /// The distance to the country is stated in the indicator's terms and the rule's words: procentpoint
    /// between percentages, "ikke signifikant forskellig" under significance; an old manifest's bare
    /// number is per cent.
    @Test func aMovedDistanceToTheCountrySaysItInTheRulesWords() {
        var before = Self.indicator(["SR07": ["2023": .number(12.3)]])
        before.clusterVersusCountry = "+11,7"
        var after = Self.indicator(["SR07": ["2023": .number(12.3)]])
        after.clusterVersusCountry = "=0,1 procentpoint"
        after.comparison = "signifikans"
        let lines = PackChanges.between(Self.pack(figures: [before]), Self.pack(figures: [after]))
        #expect(
            lines == [
                "Genindlæggelser, somatiske (2023): Sundhedsråd Vendsyssel i forhold til hele landet 11,7 % over → "
                    + "ikke signifikant forskellig (0,1 procentpoint)"
            ])
    }

    @Test func identicalEntriesAndMovesInHiddenDecimalsAreNoChange() {
        let old = Self.pack(figures: [Self.indicator(["SR07": ["2023": .number(12.31)]], periods: ["2023"])])
        let new = Self.pack(figures: [Self.indicator(["SR07": ["2023": .number(12.34)]], periods: ["2023"])])
        #expect(PackChanges.between(old, old).isEmpty)
        #expect(PackChanges.between(old, new).isEmpty)
    }

    @Test func membershipPeriodsAndNewDataAreNamed() {
        let old = Self.pack(periods: ["2022"], figures: [Self.indicator(["SR07": ["2022": .number(12.1)]], periods: ["2022"])])
        let new = Self.pack(
            members: [(825, "Læsø"), (810, "Brønderslev")], periods: ["2022", "2023"],
            figures: [Self.indicator(["SR07": ["2022": .number(12.1), "2023": .number(12.4)]])])
        #expect(
            PackChanges.between(old, new) == [
                "Kommuner tilføjet: Brønderslev.",
                "Kommuner fjernet: Frederikshavn.",
                "Ny periode: 2023.",
                "Nye tal for 2023: Genindlæggelser, somatiske.",
            ])
    }

    @Test func inputsThatMoveNoFigureAreStillNamed() {
        let old = Self.pack(figures: [])
        var new = old
        new.inputs.templates = "other"
        new.inputs.comparison = "other"
        #expect(
            PackChanges.between(old, new) == [
                "Skabelonerne til refleksionsspørgsmålene er ændret.",
                "Sammenligningen med region og land er ændret (markeringer, skjulte tal eller tragtdiagrammer).",
            ])
    }

    @Test func aLongListIsCutWithACount() {
        let periods = (1980...2019).map(String.init)
        let old = Self.pack(
            periods: periods,
            figures: [Self.indicator(["SR07": Dictionary(uniqueKeysWithValues: periods.map { ($0, .number(1)) })], periods: periods)])
        let new = Self.pack(
            periods: periods,
            figures: [Self.indicator(["SR07": Dictionary(uniqueKeysWithValues: periods.map { ($0, .number(2)) })], periods: periods)])
        let changes = PackChanges.between(old, new)
        #expect(changes.count == PackChanges.limit + 1)
        #expect(changes.last == "… og 10 flere ændringer.")
    }

    @Test func theManifestIsDeterministicJSONThatReadsBack() throws {
        let manifest = Manifest(
            tool: "0.1.0", definitions: "Sundhedsråd 2027", documentDate: "2023-12-31",
            packs: [
                Self.pack(figures: [Self.indicator(["SR07": ["2022": .number(12.1), "2023": .marker("x")]])])
            ])
        let data = try manifest.encoded()
        #expect(try manifest.encoded() == data)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"2022\" : 12.1"))
        #expect(text.contains("\"2023\" : \"x\""))
        #expect(text.hasSuffix("}\n"))
        try withTemporaryDirectory { folder in
            let path = folder + "/manifest.json"
            try data.write(to: URL(fileURLWithPath: path))
            #expect(try Manifest.read(path: path) == manifest)
        }
        #expect(ManifestDiff.report(from: manifest, to: manifest).lines == ["ingen ændringer (1 pakke som før)"])
        #expect(!ManifestDiff.report(from: manifest, to: manifest).differs)
    }

    @Test func aPacksMunicipalDataTextIgnoresOtherMunicipalities() throws {
        var inputs = try ShippedInputs.councils()
        let vendsyssel = try #require(inputs.definitions.clusters.first { $0.members.contains { $0.code == 825 } })
        let other = try #require(inputs.definitions.clusters.first { !$0.members.contains { $0.code == 825 } })
        let before = (PackInputText.municipalData(of: vendsyssel, inputs: inputs), PackInputText.municipalData(of: other, inputs: inputs))
        let indicator = "forebyggelige_ophold_pr_1000_65plus"
        inputs.observations[indicator]?[Period.year(2023)]?[825]?.value = 60
        #expect(PackInputText.municipalData(of: vendsyssel, inputs: inputs) != before.0)
        #expect(PackInputText.municipalData(of: other, inputs: inputs) == before.1)
    }

    @Test func countsMovedBetweenAgeBandsChangeThePacksDataAndTheDataDiff() throws {
        var inputs = try ShippedInputs.councils()
        let vendsyssel = try #require(inputs.definitions.clusters.first { $0.members.contains { $0.code == 825 } })
        let before = PackInputText.municipalData(of: vendsyssel, inputs: inputs)
        let rows = PackInputText.dataRows(inputs)
        // One stay moved from 65-69 to 90+: the same numerator, another standardised rate.
        let indicator = "forebyggelige_ophold_aldersstd_pr_1000_65plus"
        var bands = try #require(inputs.observations[indicator]?[Period.year(2024)]?[825]?.ageBands)
        let young = try #require(AgeBand(label: "65-69"))
        let old = try #require(AgeBand(label: "90+"))
        bands.entries[young]?.events? -= 1
        bands.entries[old]?.events? += 1
        inputs.observations[indicator]?[Period.year(2024)]?[825]?.ageBands = bands
        #expect(PackInputText.municipalData(of: vendsyssel, inputs: inputs) != before)
        let changed = ManifestDiff.changedRows(rows, PackInputText.dataRows(inputs))
        #expect(changed.count == 2)
        #expect(changed.allSatisfy { $0.contains("825 Læsø \(indicator) 2024 aldersgruppe") && $0.contains("tæller") }, "\(changed)")
    }
}
