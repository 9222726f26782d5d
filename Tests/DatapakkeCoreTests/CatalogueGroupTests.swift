import DatapakkeTestSupport
import Foundation
import Testing

@testable import DatapakkeCore

/// Groups of indicators in the catalogue (`grupper`, `indikatorgruppe`): what the loader accepts, and
/// every way a group can be wrong, each reported with its place in the file.
@Suite struct CatalogueGroupTests {
    /// A catalogue with two sections and the given groups and indicators (YAML list items).
    static func catalogue(groups: [String], indicators: [String]) -> String {
        """
        sektioner:
          - id: a
            titel: Sektion A
          - id: b
            titel: Sektion B
        grupper:
        \(groups.map { "  " + $0.replacingOccurrences(of: "\n", with: "\n  ") }.joined(separator: "\n"))
        indikatorer:
        \(indicators.map { "  " + $0.replacingOccurrences(of: "\n", with: "\n  ") }.joined(separator: "\n"))
        """
    }

    static func rate(_ id: String, section: String = "a", unit: String = "pr. 1.000 borgere", group: String?, method: String = "broek")
        -> String
    {
        var text = "- id: \(id)\n  titel: \(id)\n  enhed: \(unit)\n  sektion: \(section)\n  beregning: \(method)\n"
        if method == "broek" { text += "  skala: 1000\n" }
        if let group { text += "  indikatorgruppe: \(group)\n" }
        return text
    }

    static let group = "- id: g\n  titel: Gruppen\n  kort_titel: G\n  definition: Det fælles."

    func load(_ text: String) throws -> Result<IndicatorCatalogue, InputProblems> {
        try withTemporaryDirectory { folder in
            let path = folder + "/indikatorer.yaml"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            do {
                return .success(try CatalogueLoader.load(path: path, displayName: "indikatorer.yaml"))
            } catch let problems as InputProblems {
                return .failure(problems)
            }
        }
    }

    func problems(_ text: String) throws -> [String] {
        switch try load(text) {
        case .success: return []
        case .failure(let problems): return problems.problems.map(\.description)
        }
    }

    @Test func aGroupIsReadWithItsMembersInOrder() throws {
        let text = Self.catalogue(
            groups: [Self.group],
            indicators: [Self.rate("x", group: nil), Self.rate("m1", group: "g"), Self.rate("m2", group: "g"), Self.rate("y", group: nil)])
        let catalogue = try load(text).get()
        #expect(catalogue.groups.map(\.id) == ["g"])
        let group = try #require(catalogue.groups.first)
        #expect(group.title == "Gruppen")
        #expect(group.shortTitle == "G")
        #expect(group.definition == "Det fælles.")
        #expect(catalogue.indicators.map(\.groupID) == [nil, "g", "g", nil])
        #expect(catalogue.indicator("m1").flatMap(catalogue.group(of:)) == group)
    }

    @Test func aSectionShowsAGroupAsOneBlockInThePlaceOfItsFirstMember() throws {
        let catalogue = try load(
            Self.catalogue(
                groups: [Self.group],
                indicators: [
                    Self.rate("x", group: nil), Self.rate("m1", group: "g"), Self.rate("m2", group: "g"), Self.rate("y", group: nil),
                ])
        ).get()
        let reports = catalogue.indicators.map { indicator in
            IndicatorReport(
                indicator: indicator, origin: .synthetic, periods: [], allPeriods: [], rows: [], trafficLightNote: nil, hiddenCells: [])
        }
        let section = SectionReport(section: catalogue.sections[0], indicators: reports, groups: catalogue.groups)
        let blocks = section.blocks.map { block -> String in
            switch block {
            case .indicator(let indicator): return indicator.indicator.id
            case .group(let group): return "\(group.group.id): " + group.indicators.map(\.indicator.id).joined(separator: " ")
            }
        }
        #expect(blocks == ["x", "g: m1 m2", "y"])
    }

    @Test func anUnknownGroupIsNamedWithASuggestion() throws {
        let found = try problems(
            Self.catalogue(groups: [Self.group], indicators: [Self.rate("m1", group: "g"), Self.rate("m2", group: "gg")]))
        #expect(found.contains { $0.contains("ukendt gruppe «gg» – mente du «g»?") })
    }

    @Test func membersStandNextToEachOther() throws {
        let found = try problems(
            Self.catalogue(
                groups: [Self.group],
                indicators: [Self.rate("m1", group: "g"), Self.rate("x", group: nil), Self.rate("m2", group: "g")]))
        #expect(found.contains { $0.contains("indikatoren «x» står mellem indikatorerne i gruppen «g»") })
    }

    @Test func membersShareSectionAndUnitAndAreNoSums() throws {
        let found = try problems(
            Self.catalogue(
                groups: [Self.group],
                indicators: [
                    Self.rate("m1", group: "g"), Self.rate("m2", section: "b", group: "g"), Self.rate("m3", unit: "pct.", group: "g"),
                    Self.rate("m4", group: "g", method: "antal"),
                ]))
        #expect(found.contains { $0.contains("indikatoren «m2» er i sektionen «b», men gruppen «g» er i «a»") })
        #expect(found.contains { $0.contains("indikatoren «m3» har enheden «pct.», men gruppen «g» har «pr. 1.000 borgere»") })
        #expect(found.contains { $0.contains("indikatoren «m4» er en sum og kan ikke være i gruppen «g»") })
    }

    @Test func aGroupHasAtLeastTwoMembersAndAnIdOfItsOwn() throws {
        let empty = try problems(Self.catalogue(groups: [Self.group], indicators: [Self.rate("x", group: nil)]))
        #expect(empty.contains { $0.contains("gruppen «g» har ingen indikatorer") })
        let single = try problems(Self.catalogue(groups: [Self.group], indicators: [Self.rate("m1", group: "g")]))
        #expect(single.contains { $0.contains("gruppen «g» har kun én indikator") })
        let clash = try problems(
            Self.catalogue(
                groups: ["- id: a\n  titel: A", "- id: m1\n  titel: M"],
                indicators: [
                    Self.rate("m1", group: "m1"), Self.rate("m2", group: "m1"), Self.rate("x", group: "a"), Self.rate("y", group: "a"),
                ]
            ))
        #expect(clash.contains { $0.contains("gruppen «a» har samme id som en sektion") })
        #expect(clash.contains { $0.contains("gruppen «m1» har samme id som indikatoren") })
        // Every problem names the catalogue and a line.
        #expect((empty + single + clash).allSatisfy { $0.hasPrefix("indikatorer.yaml:") })
    }
}
