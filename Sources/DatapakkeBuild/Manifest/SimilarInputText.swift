import DatapakkeCore

extension PackInputText {
    /// What the pack shows about its similar clusters that other clusters' data and the profile can
    /// move: the profile (variables, weights, transformations, periods, numbers of neighbours), the
    /// similar clusters with their distances and profile values as shown, and each member
    /// municipality's similar municipalities (docs/similar-councils.md).
    static func similarLines(_ report: PackReport) -> [String] {
        guard let similar = report.similar else { return [] }
        var lines = similar.variables.map { summary in
            "profil;\(summary.indicator.id);\(summary.period.id);\(summary.variable.weight);\(summary.variable.transformation.rawValue)"
        }
        lines.append("antal-sammenlignelige;\(similar.neighbours.count);\(similar.municipalityNeighbours)")
        for (neighbour, unit) in zip(similar.neighbours, similar.units) {
            let values = zip(unit.values, similar.variables).map { value, summary in
                value.map { DanishNumber.format($0, decimals: summary.indicator.decimals) } ?? ""
            }
            lines.append(
                "sammenlignelig;\(neighbour.id);\(neighbour.name);\(DanishNumber.format(neighbour.distance, decimals: SimilarAreas.distanceDecimals));"
                    + values.joined(separator: ","))
        }
        for member in similar.members {
            lines.append("kommune-sammenlignelige;\(member.code);" + member.neighbours.map(\.id).joined(separator: ","))
        }
        return lines
    }

    /// An indicator's comparison with the similar clusters as shown: the position and mark, and the
    /// opportunity in the words the pack writes it.
    static func similarLines(_ indicator: IndicatorReport) -> [String] {
        guard let similar = indicator.similar else { return [] }
        var fields = ["sammenlignelige", similar.position?.rawValue ?? "", similar.mark?.rawValue ?? ""]
        if let opportunity = similar.opportunity {
            fields += [
                DanishNumber.format(opportunity.best, decimals: indicator.indicator.decimals), opportunity.sentence ?? "",
                opportunity.intervalText ?? "", opportunity.membersAmount.map(opportunity.formatted) ?? "",
                opportunity.membersLeftOut.joined(separator: ","), "\(opportunity.shownNeighbours)/\(opportunity.neighbours)",
            ]
        }
        return [fields.joined(separator: ";")]
    }
}
