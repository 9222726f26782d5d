import DatapakkeCore

extension IndicatorFacts {
    /// The prompt values and flags about the similar clusters and the opportunity
    /// (docs/similar-councils.md, `Templates/README-refleksioner.md`): the group's figure only where
    /// it is shown, the cluster's position against it by the indicator's rule, the opportunity from
    /// shown figures only.
    mutating func addSimilar(_ report: IndicatorReport, pack: PackReport, differenceText: (Double, Double) -> String?) {
        guard let similar = pack.similar, let row = report.similarRow else { return }
        let indicator = report.indicator
        values[.deSammenlignelige] = "de sammenlignelige " + pack.kind.plural
        values[.sammenligneligeNavne] = DanishText.list(similar.neighbours.map(\.name))
        values[.antalSammenlignelige] = String(similar.neighbours.count)
        if case .hidden = row.latest { flags[.sammenligneligeSkjult] = true }
        if let group = row.latest.number {
            flags[.harSammenlignelige] = true
            values[.sammenlignelige] = DanishNumber.format(group, decimals: indicator.decimals)
            values[.sammenligneligeMedEnhed] = Self.withUnit(group, indicator: indicator)
            if let value = report.clusterRow?.latest.number {
                values[.forskelSammenligneligeTekst] = differenceText(value, group)
                if let difference = TrafficLightRule.relativeDifference(
                    DanishNumber.rounded(value, decimals: indicator.decimals),
                    from: DanishNumber.rounded(group, decimals: indicator.decimals))
                {
                    strengths[.opportunity] = abs(difference)
                    strengths[.betterThanSimilar] = abs(difference)
                }
            }
        }
        if let position = report.similar?.position {
            flags[.overSammenlignelige] = position == .above
            flags[.underSammenlignelige] = position == .below
            flags[.paaNiveauMedSammenlignelige] = position == .within
        }
        flags[.daarligereEndSammenlignelige] = report.similar?.mark == .red
        flags[.bedreEndSammenlignelige] = report.similar?.mark == .green
        report.similar?.mark.map { values[.markeringSammenlignelige] = $0.rawValue }

        guard let opportunity = report.similar?.opportunity else { return }
        values[.bedsteSammenlignelige] = DanishNumber.format(opportunity.best, decimals: indicator.decimals)
        values[.bedsteSammenligneligeMedEnhed] = Self.withUnit(opportunity.best, indicator: indicator)
        flags[.mulighedIKroner] = opportunity.isKroner
        guard let sentence = opportunity.sentence else {
            flags[.somDeBedsteSammenlignelige] = true
            return
        }
        flags[.harMulighed] = true
        flags[.mulighedUsikker] = opportunity.isUncertain
        values[.mulighed] = opportunity.formatted(opportunity.amount)
        values[.mulighedTekst] = sentence
        opportunity.intervalText.map { values[.mulighedInterval] = $0 }
        if let members = opportunity.membersAmount, members > 0 { values[.mulighedKommuner] = opportunity.formatted(members) }
        // The opportunity as a share of the cluster's own figure: its strength among the questions.
        if let value = report.clusterRow?.latest.number, value != 0 {
            strengths[.opportunity] = abs(value - opportunity.best) / abs(value)
        }
    }
}
