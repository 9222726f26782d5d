import Testing

@testable import DatapakkeCore

/// Secondary suppression over two maps at once, on hand-made sums: the differences between the maps'
/// clusters that the sums alone miss, and the linear check that closes them
/// (docs/small-numbers.md#both-maps-as-linked-tables).
@Suite struct LinkedSuppressionTests {
    static func municipality(_ code: MunicipalityCode) -> LinkedCell { LinkedCell(.municipality(code)) }
    static func cluster(_ id: String, map: Int) -> LinkedCell { LinkedCell(.cluster(id), map: map) }
    static func region(_ id: String, map: Int) -> LinkedCell { LinkedCell(.region(id), map: map) }

    /// Two maps over municipalities 1–5 in one region each:
    /// map 0 has A = {1, 2, 3} and B = {4, 5}; map 1 has A' = {1, 2} and C' = {3, 4, 5}.
    /// Municipality 3 is small; the others have 50, 40, 60 and 70 events.
    struct TwoMaps {
        var members: [LinkedCell: [MunicipalityCode: Double]] = [
            cluster("A", map: 0): [1: 1, 2: 1, 3: 1], cluster("B", map: 0): [4: 1, 5: 1],
            cluster("A'", map: 1): [1: 1, 2: 1], cluster("C'", map: 1): [3: 1, 4: 1, 5: 1],
        ]
        var sizes: [MunicipalityCode: Double] = [1: 50, 2: 40, 3: 3, 4: 60, 5: 70]

        var constraints: [SumConstraint] {
            var result: [SumConstraint] = []
            for map in 0...1 {
                let clusters = members.keys.filter { $0.map == map }.sorted()
                result.append(SumConstraint(total: LinkedCell(.country), parts: [region("R", map: map)]))
                result.append(SumConstraint(total: region("R", map: map), parts: clusters))
                for cluster in clusters {
                    result.append(SumConstraint(total: cluster, parts: (members[cluster] ?? [:]).keys.sorted().map(municipality)))
                }
            }
            return result
        }

        var sums: LinkedSums {
            var sums = LinkedSums()
            let everyone = Dictionary(uniqueKeysWithValues: sizes.keys.map { ($0, 1.0) })
            for (cell, terms) in members { sums.add(cell, terms: terms) }
            for map in 0...1 { sums.add(region("R", map: map), terms: everyone) }
            sums.add(LinkedCell(.country), terms: everyone)
            return sums
        }

        func size(_ cell: LinkedCell) -> Double {
            if case .municipality(let code) = cell.key { return sizes[code] ?? 0 }
            return (members[cell] ?? [:]).keys.reduce(0) { $0 + (sizes[$1] ?? 0) }
        }
    }

    @Test func theSumsAloneLeaveTheDifferenceOfTwoMapsClusters() {
        let maps = TwoMaps()
        let added = SecondarySuppression.complete(hidden: [Self.municipality(3)], constraints: maps.constraints, size: maps.size)
        // Each sum has two unknowns or none: 2 protects 3 in A, 1 protects 2 in A', 4 and 5 protect 3 in C'.
        #expect(added == Set([1, 2, 4, 5].map(Self.municipality)))
        let hidden = added.union([Self.municipality(3)])
        // A − A' = 3, and likewise C' − B.
        let exposure = maps.sums.exposed(hidden: hidden)
        #expect(exposure.map(\.cell) == [Self.municipality(3)])
        #expect(maps.sums.isExposed(Self.municipality(3), hidden: hidden.union([Self.cluster("A", map: 0)])), "C' − B still gives 3")
    }

    @Test func theLinearCheckHidesUntilNoCombinationGivesAHiddenCell() {
        let maps = TwoMaps()
        let added = SecondarySuppression.complete(
            hidden: [Self.municipality(3)], constraints: maps.constraints, sums: maps.sums, size: maps.size)
        let hidden = added.union([Self.municipality(3)])
        #expect(maps.sums.exposed(hidden: hidden).isEmpty)
        #expect(hidden.contains(Self.cluster("A'", map: 1)) || hidden.contains(Self.cluster("A", map: 0)))
        // The same answer every time.
        let again = SecondarySuppression.complete(
            hidden: [Self.municipality(3)], constraints: maps.constraints, sums: maps.sums, size: maps.size)
        #expect(again == added)
    }

    @Test func aSplitMunicipalityCountsWithItsShare() {
        // Map 0 has half of 101 with 147 in X; map 1 has all of 101 with 147 in Z. With 147 small and
        // 101 hidden beside it, the sums have two unknowns each, but 2·X − Z = 147.
        let x = Self.cluster("X", map: 0)
        let z = Self.cluster("Z", map: 1)
        var sums = LinkedSums()
        sums.add(x, terms: [101: 0.5, 147: 1])
        sums.add(z, terms: [101: 1, 147: 1])
        let naive: Set<LinkedCell> = [Self.municipality(101), Self.municipality(147)]
        #expect(sums.exposed(hidden: naive).contains(LinkedSums.Exposure(cell: Self.municipality(147), combination: [x, z])))
        // Had X held all of 101, X and Z would be the same sum and give nothing away.
        var whole = sums
        whole.add(x, terms: [101: 1, 147: 1])
        #expect(whole.exposed(hidden: naive).isEmpty)

        let constraints = [
            SumConstraint(total: x, parts: [Self.municipality(101), Self.municipality(147)]),
            SumConstraint(total: z, parts: [Self.municipality(101), Self.municipality(147)]),
        ]
        let size: (LinkedCell) -> Double = { $0 == Self.municipality(147) ? 2 : 100 }
        let added = SecondarySuppression.complete(hidden: [Self.municipality(147)], constraints: constraints, sums: sums, size: size)
        #expect(added == [Self.municipality(101), x])
        #expect(sums.exposed(hidden: added.union([Self.municipality(147)])).isEmpty)
    }

    @Test func aHiddenAggregateWhoseMembersAreShownIsExposed() {
        var sums = LinkedSums()
        let a = Self.cluster("A", map: 0)
        sums.add(a, terms: [1: 1, 2: 1])
        #expect(sums.exposed(hidden: [a]) == [LinkedSums.Exposure(cell: a, combination: [])])
        #expect(sums.exposed(hidden: [a, Self.municipality(1)]).isEmpty)
    }
}
