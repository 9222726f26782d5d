import DatapakkeCore
import Foundation
import Mustache

/// A text value of an indicator a template may name (absent when the number may not be shown).
public enum PromptValue: String, CaseIterable, Sendable {
    case raadet
    case raadetStort = "raadet_stort"
    case raadetsNavn = "raadets_navn"
    case regionensNavn = "regionens_navn"
    case antalKommuner = "antal_kommuner"
    case titel
    case titelISaetning = "titel_i_saetning"
    case kortTitel = "kort_titel"
    case enhed
    case definition
    case periode
    case periodeTekst = "periode_tekst"
    case forrigePeriode = "forrige_periode"
    case vaerdi
    case forrigeVaerdi = "forrige_vaerdi"
    case regionen
    case landet
    case forskelLandetPct = "forskel_landet_pct"
    case forskelLandetTekst = "forskel_landet_tekst"
    case udviklingPct = "udvikling_pct"
    case udviklingTekst = "udvikling_tekst"
    case aendring
    case hoejesteKommune = "hoejeste_kommune"
    case hoejesteVaerdi = "hoejeste_vaerdi"
    case lavesteKommune = "laveste_kommune"
    case lavesteVaerdi = "laveste_vaerdi"
    case spredning
    case spredningTekst = "spredning_tekst"
    case afvigendeKommune = "afvigende_kommune"
    case afvigendeVaerdi = "afvigende_vaerdi"
    case afvigelsePct = "afvigelse_pct"
    case skjulteKommuner = "skjulte_kommuner"
    case antalSkjulte = "antal_skjulte"
    case manglendeKommuner = "manglende_kommuner"
    case antalManglende = "antal_manglende"
    case udeladteKommuner = "udeladte_kommuner"
    case antalVisteKommuner = "antal_viste_kommuner"
    case markeringNiveau = "markering_niveau"
    case markeringUdvikling = "markering_udvikling"
    case vaerdiMedEnhed = "vaerdi_med_enhed"
    case forrigeVaerdiMedEnhed = "forrige_vaerdi_med_enhed"
    case regionenMedEnhed = "regionen_med_enhed"
    case landetMedEnhed = "landet_med_enhed"
    case hoejesteMedEnhed = "hoejeste_med_enhed"
    case lavesteMedEnhed = "laveste_med_enhed"
    case afvigendeMedEnhed = "afvigende_med_enhed"
    case aendringMedEnhed = "aendring_med_enhed"
    case raaVaerdi = "raa_vaerdi"
    case raaLandet = "raa_landet"
    case raaVaerdiMedEnhed = "raa_vaerdi_med_enhed"
    case raaLandetMedEnhed = "raa_landet_med_enhed"
    case standardpopulation
    // The similar clusters and the opportunity (docs/similar-councils.md).
    case deSammenlignelige = "de_sammenlignelige"
    case sammenligneligeNavne = "sammenlignelige_navne"
    case antalSammenlignelige = "antal_sammenlignelige"
    case sammenlignelige
    case sammenligneligeMedEnhed = "sammenlignelige_med_enhed"
    case forskelSammenligneligeTekst = "forskel_sammenlignelige_tekst"
    case markeringSammenlignelige = "markering_sammenlignelige"
    case bedsteSammenlignelige = "bedste_sammenlignelige"
    case bedsteSammenligneligeMedEnhed = "bedste_sammenlignelige_med_enhed"
    case mulighed
    case mulighedTekst = "mulighed_tekst"
    case mulighedInterval = "mulighed_interval"
    case mulighedKommuner = "mulighed_kommuner"
}

/// A rule a template may test: true or false for every indicator.
public enum PromptFlag: String, CaseIterable, Sendable {
    case harVaerdi = "har_vaerdi"
    case vaerdiSkjult = "vaerdi_skjult"
    case erAntal = "er_antal"
    case kunKommunetal = "kun_kommunetal"
    case tilnaermet
    case aldersstandardiseret
    case syntetisk
    case flereKommuner = "flere_kommuner"
    case hoejErBedst = "hoej_er_bedst"
    case lavErBedst = "lav_er_bedst"
    case ingenRetning = "ingen_retning"
    case overLandet = "over_landet"
    case underLandet = "under_landet"
    case paaNiveau = "paa_niveau"
    case signifikans
    case ikkeSignifikant = "ikke_signifikant"
    case vistHoejereEndLandet = "vist_hoejere_end_landet"
    case vistLavereEndLandet = "vist_lavere_end_landet"
    case daarligereEndLandet = "daarligere_end_landet"
    case bedreEndLandet = "bedre_end_landet"
    case harUdvikling = "har_udvikling"
    case steget
    case faldet
    case uaendret
    case ikkeSignifikantUdvikling = "ikke_signifikant_udvikling"
    case vistSteget = "vist_steget"
    case vistFaldet = "vist_faldet"
    case udviklingForkertVej = "udvikling_forkert_vej"
    case udviklingRigtigVej = "udvikling_rigtig_vej"
    case storSpredning = "stor_spredning"
    case afvigerEnKommune = "afviger_en_kommune"
    case afvigendeOver = "afvigende_over"
    case afvigendeUnder = "afvigende_under"
    case skjulteVaerdier = "skjulte_vaerdier"
    case manglendeVaerdier = "manglende_vaerdier"
    case udeladteVaerdier = "udeladte_vaerdier"
    case intetSaerligt = "intet_saerligt"
    // The similar clusters and the opportunity (docs/similar-councils.md).
    case harSammenlignelige = "har_sammenlignelige"
    case sammenligneligeSkjult = "sammenlignelige_skjult"
    case overSammenlignelige = "over_sammenlignelige"
    case underSammenlignelige = "under_sammenlignelige"
    case paaNiveauMedSammenlignelige = "paa_niveau_med_sammenlignelige"
    case daarligereEndSammenlignelige = "daarligere_end_sammenlignelige"
    case bedreEndSammenlignelige = "bedre_end_sammenlignelige"
    case harMulighed = "har_mulighed"
    case mulighedUsikker = "mulighed_usikker"
    case mulighedIKroner = "mulighed_i_kroner"
    case somDeBedsteSammenlignelige = "som_de_bedste_sammenlignelige"
}

/// The names a prompt template may use, with what they hold. `Templates/README-refleksioner.md`
/// documents the same list for analysts; a test keeps the two in step.
public enum PromptVariables {
    /// Text values of an indicator (absent when the number may not be shown).
    public static var values: [String] { PromptValue.allCases.map(\.rawValue) }

    /// The rules: true or false for every indicator.
    public static var flags: [String] { PromptFlag.allCases.map(\.rawValue) }

    /// Names a section template (`_sektion.mustache`) has besides the indicator ids.
    public static let sectionValues: [String] = ["sektion", "sektion_intro"]

    /// Names a group template (`_gruppe.mustache`, `<sektion>/<gruppe-id>.mustache`) has besides the
    /// indicator names (with the group's meaning) and the members' ids.
    public static let groupValues: [String] = [
        "antal_i_gruppen", "antal_over_landet", "over_landet_liste", "antal_under_landet", "under_landet_liste",
        "stoerst_over_titel", "stoerst_over_vaerdi", "stoerst_over_landet", "stoerst_over_forskel",
        "stoerst_under_titel", "stoerst_under_vaerdi", "stoerst_under_landet", "stoerst_under_forskel", "skjulte_liste",
    ]

    /// Every name an indicator template may use.
    public static var indicatorNames: Set<String> { Set(values + flags) }

    /// The spread (highest / lowest municipality) from which `stor_spredning` is true.
    public static let largeSpread = 1.5
    /// How far (relative to the cluster figure) a municipality must lie for `afviger_en_kommune`.
    public static let outlierDistance = 0.25
    /// The fewest shown municipality values for `afviger_en_kommune`.
    public static let outlierMinimumMunicipalities = 3
    /// The fewest steps of the shown precision (0,1 for one decimal) the lower value must be from zero
    /// before a ratio "N gange så højt" is written: 20 steps keep the rounding's effect on the ratio
    /// within 2,5 %.
    public static let ratioMinimumSteps = 20.0
}

/// A value the template may name but that has no number to show (hidden, missing or not computed).
/// Mustache sections treat it as false; if a template prints it anyway, the renderer drops that line,
/// so a gap or a 0 can never reach a prompt.
struct AbsentValue: MustacheCustomRenderable {
    static let marker = "\u{1A}"
    var renderText: String { Self.marker }
    var isNull: Bool { true }
}

/// The facts about one indicator of one pack, computed from the report model and formatted the
/// Danish way; the template's context.
struct IndicatorFacts {
    var values: [PromptValue: String] = [:]
    var flags: [PromptFlag: Bool] = [:]
    /// How strongly each finding stands out, to rank the questions about it (`PromptSelection`):
    /// the relative difference from the country, the relative change, the outlier's relative
    /// distance, the spread (highest ÷ lowest), the share of municipalities hidden or missing.
    var strengths: [PromptFinding: Double] = [:]

    init(_ report: IndicatorReport, pack: PackReport) {
        let indicator = report.indicator
        var numbers: [PromptValue: Double] = [:]
        func set(_ name: PromptValue, _ number: Double) {
            numbers[name] = number
            values[name] = DanishNumber.format(number, decimals: indicator.decimals)
        }
        let percent = { (fraction: Double) in DanishNumber.format(abs(fraction) * 100, decimals: 1) }
        // One flag per position the indicator's comparison rule gives.
        func setBand(_ position: ComparisonPosition, above: PromptFlag, below: PromptFlag, within: PromptFlag) {
            flags[above] = position == .above
            flags[below] = position == .below
            flags[within] = position == .within
        }

        values[.raadet] = pack.kind.definite
        values[.raadetStort] = pack.kind.definite.prefix(1).uppercased() + pack.kind.definite.dropFirst()
        values[.raadetsNavn] = pack.cluster.name
        values[.regionensNavn] = pack.regionName
        values[.antalKommuner] = String(report.municipalityRows.count)
        values[.titel] = indicator.title
        values[.titelISaetning] = PromptText.sentenceCase(indicator.title)
        values[.kortTitel] = indicator.shortTitle
        values[.enhed] = indicator.unit
        if !indicator.definition.isEmpty { values[.definition] = indicator.definition }
        if let latest = report.periods.last {
            values[.periode] = latest.label
            values[.periodeTekst] = latest.isDate ? "pr. \(latest.label)" : "i \(latest.label)"
        }
        if report.periods.count > 1 { values[.forrigePeriode] = report.periods[report.periods.count - 2].label }

        let cluster = report.clusterRow
        let value = cluster?.latest.number
        let country = report.countryRow?.latest.number
        value.map { set(.vaerdi, $0) }
        cluster?.previous?.number.map { set(.forrigeVaerdi, $0) }
        report.regionRow?.latest.number.map { set(.regionen, $0) }
        country.map { set(.landet, $0) }

        flags[.harVaerdi] = value != nil
        switch indicator.aggregation {
        case .count, .population: flags[.erAntal] = true
        default: break
        }
        if case .hidden = cluster?.latest { flags[.vaerdiSkjult] = true }
        if case .notComputed = cluster?.latest { flags[.kunKommunetal] = true }
        flags[.tilnaermet] = value != nil && (cluster?.isApproximation ?? false)
        // An age-standardised figure: the values above are standardised, the crude rates stand beside them.
        if let standardisation = indicator.standardisation {
            flags[.aldersstandardiseret] = true
            values[.standardpopulation] = standardisation.standard.name
            cluster?.crudeValues?.last?.number.map { set(.raaVaerdi, $0) }
            report.countryRow?.crudeValues?.last?.number.map { set(.raaLandet, $0) }
        }
        flags[.syntetisk] = report.origin == .synthetic
        flags[.flereKommuner] = report.municipalityRows.count > 1
        flags[.hoejErBedst] = indicator.direction == .higherIsBetter
        flags[.lavErBedst] = indicator.direction == .lowerIsBetter
        flags[.ingenRetning] = indicator.direction == .none

        // Sentences compare the values as shown, so that a reader checking them gets the same: the
        // difference between percentages in procentpoint, between rates in per cent of the other.
        let asShown = { (number: Double) in DanishNumber.rounded(number, decimals: indicator.decimals) }
        let isPercentage = indicator.unit.hasPrefix("pct.")
        // An indicator compared by a band in its own unit (life expectancy in years) states the difference in that unit.
        let inOwnUnit: Bool
        if case .absoluteBand = indicator.comparison { inOwnUnit = true } else { inOwnUnit = false }
        func differenceText(_ a: Double, from b: Double) -> String? {
            if isPercentage { return DanishNumber.format(abs(asShown(a) - asShown(b)), decimals: indicator.decimals) + " procentpoint" }
            if inOwnUnit { return DanishNumber.format(abs(asShown(a) - asShown(b)), decimals: indicator.decimals) + " " + indicator.unit }
            return TrafficLightRule.relativeDifference(asShown(a), from: asShown(b)).map { percent($0) + " procent" }
        }
        // Level against the country, placed by the indicator's comparison rule (the model's position);
        // the sentences state the difference of the shown values, and whether it is significant.
        let significance = indicator.comparison == .significance
        flags[.signifikans] = significance
        if let value, let country, let difference = TrafficLightRule.relativeDifference(asShown(value), from: asShown(country)) {
            values[.forskelLandetPct] = percent(difference)
            values[.forskelLandetTekst] = differenceText(value, from: country)
            for finding in [PromptFinding.worseThanCountry, .betterThanCountry, .differsFromCountry] {
                strengths[finding] = abs(difference)
            }
            flags[.vistHoejereEndLandet] = difference > 0
            flags[.vistLavereEndLandet] = difference < 0
        }
        if let position = cluster?.levelPosition {
            setBand(position, above: .overLandet, below: .underLandet, within: .paaNiveau)
            flags[.ikkeSignifikant] = significance && position == .within
        }
        flags[.daarligereEndLandet] = cluster?.levelMark == .red
        flags[.bedreEndLandet] = cluster?.levelMark == .green
        cluster?.levelMark.map { values[.markeringNiveau] = $0.rawValue }

        // Development since the previous period.
        if let value, let previous = cluster?.previous?.number {
            flags[.harUdvikling] = true
            set(.aendring, abs(value - previous))
            if let change = TrafficLightRule.relativeDifference(asShown(value), from: asShown(previous)) {
                values[.udviklingPct] = percent(change)
                values[.udviklingTekst] = differenceText(value, from: previous)
                for finding in [PromptFinding.wrongWay, .rightWay, .changed] { strengths[finding] = abs(change) }
                flags[.vistSteget] = change > 0
                flags[.vistFaldet] = change < 0
            }
            if let position = cluster?.developmentPosition {
                setBand(position, above: .steget, below: .faldet, within: .uaendret)
                flags[.ikkeSignifikantUdvikling] = significance && position == .within
            }
        }
        flags[.udviklingForkertVej] = cluster?.development == .red
        flags[.udviklingRigtigVej] = cluster?.development == .green
        cluster?.development.map { values[.markeringUdvikling] = $0.rawValue }

        // The municipalities: only shown values count; hidden and missing ones are named, never valued.
        let shown = report.municipalityRows.compactMap { row in row.latest.number.map { (row.name, $0) } }
        values[.antalVisteKommuner] = String(shown.count)
        // For counts the municipalities' size decides the figure, so spread and outliers say nothing.
        let isCount = flags[.erAntal] == true
        if !isCount, shown.count >= 2, let highest = report.highest, let lowest = report.lowest,
            let high = highest.latest.number, let low = lowest.latest.number, highest.id != lowest.id
        {
            values[.hoejesteKommune] = highest.name
            set(.hoejesteVaerdi, high)
            values[.lavesteKommune] = lowest.name
            set(.lavesteVaerdi, low)
            if low > 0 {
                let spread = high / low
                flags[.storSpredning] = spread >= PromptVariables.largeSpread
                strengths[.spread] = spread
            }
            values[.spredningTekst] = Self.spreadText(high: high, low: low, lowest: lowest.name, indicator: indicator)
            if Self.ratioHoldsUp(high: high, low: low, decimals: indicator.decimals) {
                values[.spredning] = DanishNumber.format(asShown(high) / asShown(low), decimals: 1)
            }
        }
        if !isCount, let value, value != 0, shown.count >= PromptVariables.outlierMinimumMunicipalities {
            let far = shown.filter { abs($0.1 - value) / abs(value) > PromptVariables.outlierDistance }
            if far.count == 1, let outlier = far.first {
                flags[.afvigerEnKommune] = true
                flags[.afvigendeOver] = outlier.1 > value
                flags[.afvigendeUnder] = outlier.1 < value
                values[.afvigendeKommune] = outlier.0
                set(.afvigendeVaerdi, outlier.1)
                values[.afvigelsePct] = percent((outlier.1 - value) / abs(value))
                strengths[.outlier] = abs(outlier.1 - value) / abs(value)
            }
        }
        let hidden = report.municipalityRows.filter { if case .hidden = $0.latest { return true } else { return false } }
        let missing = report.municipalityRows.filter { $0.latest == .missing }
        let rows = Double(max(1, report.municipalityRows.count))
        strengths[.hidden] = flags[.vaerdiSkjult] == true ? 1 : Double(hidden.count) / rows
        strengths[.missing] = Double(missing.count) / rows
        if !hidden.isEmpty {
            flags[.skjulteVaerdier] = true
            values[.skjulteKommuner] = DanishText.list(hidden.map(\.name))
            values[.antalSkjulte] = String(hidden.count)
        }
        if !missing.isEmpty {
            flags[.manglendeVaerdier] = true
            values[.manglendeKommuner] = DanishText.list(missing.map(\.name))
            values[.antalManglende] = String(missing.count)
        }
        // The highest and lowest are among the shown values: a sentence naming them says who is left out.
        let leftOut = report.municipalityRows.filter { $0.latest.number == nil }
        if !leftOut.isEmpty {
            flags[.udeladteVaerdier] = true
            values[.udeladteKommuner] = DanishText.list(leftOut.map(\.name))
        }
        let withUnit: [(number: PromptValue, text: PromptValue)] = [
            (.vaerdi, .vaerdiMedEnhed), (.forrigeVaerdi, .forrigeVaerdiMedEnhed), (.regionen, .regionenMedEnhed),
            (.landet, .landetMedEnhed), (.hoejesteVaerdi, .hoejesteMedEnhed), (.lavesteVaerdi, .lavesteMedEnhed),
            (.afvigendeVaerdi, .afvigendeMedEnhed), (.aendring, .aendringMedEnhed), (.raaVaerdi, .raaVaerdiMedEnhed),
            (.raaLandet, .raaLandetMedEnhed),
        ]
        for pair in withUnit {
            if let number = numbers[pair.number] { values[pair.text] = Self.withUnit(number, indicator: indicator) }
        }
        let notable: [PromptFlag] = [
            .daarligereEndLandet, .bedreEndLandet, .udviklingForkertVej, .udviklingRigtigVej,
            .storSpredning, .afvigerEnKommune, .skjulteVaerdier, .manglendeVaerdier,
        ]
        flags[.intetSaerligt] = !notable.contains { flags[$0] == true }
        addSimilar(report, pack: pack, differenceText: differenceText)
    }

    /// Whether "N gange så højt" holds up: both shown values are at least `ratioMinimumSteps` steps of
    /// the shown precision away from zero, so that rounding moves the ratio by at most a few per cent
    /// (7,4 against 0,2 is no "37 gange": 0,2 may be anything from 0,15 to 0,25).
    static func ratioHoldsUp(high: Double, low: Double, decimals: Int) -> Bool {
        let step = pow(10.0, Double(-decimals))
        let shownLow = DanishNumber.rounded(low, decimals: decimals)
        let shownHigh = DanishNumber.rounded(high, decimals: decimals)
        return shownLow >= PromptVariables.ratioMinimumSteps * step && shownHigh > 0
    }

    /// How far the highest municipality lies from the lowest, as the shown values support it: "3,2
    /// gange så højt som Allerød", or the absolute difference when a value is near zero ("7,2 dage pr.
    /// 1.000 borgere over Allerød"), in procentpoint between percentages.
    static func spreadText(high: Double, low: Double, lowest: String, indicator: Indicator) -> String {
        let decimals = indicator.decimals
        let shownHigh = DanishNumber.rounded(high, decimals: decimals)
        let shownLow = DanishNumber.rounded(low, decimals: decimals)
        if ratioHoldsUp(high: high, low: low, decimals: decimals) {
            return DanishNumber.format(shownHigh / shownLow, decimals: 1) + " gange så højt som " + lowest
        }
        let difference = shownHigh - shownLow
        let amount =
            indicator.unit.hasPrefix("pct.")
            ? DanishNumber.format(difference, decimals: decimals) + " procentpoint" : withUnit(difference, indicator: indicator)
        return amount + " over " + lowest
    }

    /// A formatted number with its unit written out: "52,0 pct. af borgerne", "416.350 borgere",
    /// and amounts in 1.000 kr. as kroner ("5.200 kr. pr. 1.000 borgere"), as the real pack writes them.
    static func withUnit(_ number: Double, indicator: Indicator) -> String {
        let unit = indicator.unit
        let thousands = "1.000 kr."
        if unit.hasPrefix(thousands) {
            let step = pow(10.0, Double(max(0, 3 - indicator.decimals)))
            let kroner = (number * 1000 / step).rounded() * step
            return DanishNumber.format(kroner, decimals: 0) + " kr." + unit.dropFirst(thousands.count)
        }
        let text = DanishNumber.format(number, decimals: indicator.decimals)
        if unit.hasPrefix("antal ") { return text + " " + unit.dropFirst("antal ".count) }
        return unit.isEmpty ? text : text + " " + unit
    }

    /// The Mustache context: every known name present, absent numbers as `AbsentValue`.
    var context: [String: Any] {
        var result: [String: Any] = [:]
        for name in PromptValue.allCases { result[name.rawValue] = values[name].map { $0 as Any } ?? AbsentValue() }
        for name in PromptFlag.allCases { result[name.rawValue] = flags[name] ?? false }
        return result
    }
}

/// The facts about a group of indicators in one pack: a group template's context. A flag is true
/// when it holds for at least one member (`intet_saerligt` when it holds for all), and a finding's
/// strength is the largest of the members', so a group's questions rank as its most notable member's.
struct GroupFacts {
    var context: [String: Any] = [:]
    var strengths: [PromptFinding: Double] = [:]

    init(_ group: IndicatorGroupReport, members: [String: IndicatorFacts], pack: PackReport, otherIndicators: [String]) {
        let facts = group.indicators.compactMap { members[$0.indicator.id] }
        for name in PromptVariables.values + PromptVariables.groupValues { context[name] = AbsentValue() }
        for id in otherIndicators { context[id] = AbsentValue() }
        for flag in PromptFlag.allCases {
            context[flag.rawValue] =
                flag == .intetSaerligt
                ? !facts.isEmpty && facts.allSatisfy { $0.flags[flag] == true } : facts.contains { $0.flags[flag] == true }
        }
        for fact in facts {
            for (finding, strength) in fact.strengths { strengths[finding] = max(strengths[finding] ?? 0, strength) }
        }
        for report in group.indicators {
            context[report.indicator.id] = members[report.indicator.id]?.context ?? AbsentValue()
        }
        // The group's own words, where an indicator template has the indicator's.
        let first = facts.first?.values ?? [:]
        for name in [PromptValue.raadet, .raadetStort, .raadetsNavn, .regionensNavn, .antalKommuner, .periode, .periodeTekst] {
            if let value = first[name] { context[name.rawValue] = value }
        }
        context[PromptValue.titel.rawValue] = group.group.title
        context[PromptValue.titelISaetning.rawValue] = PromptText.sentenceCase(group.group.title)
        context[PromptValue.kortTitel.rawValue] = group.group.shortTitle
        context[PromptValue.enhed.rawValue] = group.unit
        if !group.group.definition.isEmpty { context[PromptValue.definition.rawValue] = group.group.definition }
        context["antal_i_gruppen"] = String(group.indicators.count)

        // Members above and below the country (by each member's comparison rule), the farthest first.
        let paired = zip(group.indicators, facts).map { (report: $0, facts: $1) }
        func side(_ flag: PromptFlag, _ prefix: String, _ largest: String) {
            let members = paired.filter { $0.facts.flags[flag] == true }
                .sorted { ($0.facts.strengths[.differsFromCountry] ?? 0) > ($1.facts.strengths[.differsFromCountry] ?? 0) }
            guard let top = members.first else {
                context["antal_\(prefix)"] = "0"
                return
            }
            context["antal_\(prefix)"] = String(members.count)
            context["\(prefix)_liste"] = DanishText.list(members.map { PromptText.sentenceCase($0.report.indicator.shortTitle) })
            context["stoerst_\(largest)_titel"] = PromptText.sentenceCase(top.report.indicator.shortTitle)
            for (name, value) in [("vaerdi", PromptValue.vaerdi), ("landet", .landet), ("forskel", .forskelLandetTekst)] {
                context["stoerst_\(largest)_\(name)"] = top.facts.values[value].map { $0 as Any } ?? AbsentValue()
            }
        }
        side(.overLandet, "over_landet", "over")
        side(.underLandet, "under_landet", "under")
        let hidden = paired.filter { $0.facts.flags[.skjulteVaerdier] == true }
        if !hidden.isEmpty {
            context["skjulte_liste"] = DanishText.list(hidden.map { PromptText.sentenceCase($0.report.indicator.shortTitle) })
        }
    }
}
