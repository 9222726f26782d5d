/// The Danish words of the funnel plots (FunnelPlot.swift): chart title, series, axes, the note on
/// how to read them, the documentation's method and the reasons an indicator has none. The levels
/// in the words come from `FunnelPlot`'s levels, never written beside them.
extension Vocabulary {
    /// A level as the legends write it: "95 %", "99,8 %".
    public static func levelText(_ level: ConfidenceLevel) -> String {
        let percent = level.value * 100
        return DanishNumber.format(percent, decimals: percent == percent.rounded() ? 0 : 1) + " %"
    }

    /// "Tragtdiagram: Indlæggelser, alle kommuner, 2024".
    public static func funnelTitle(shortTitle: String, period: Period) -> String {
        "Tragtdiagram: \(shortTitle), alle kommuner, \(period.label)"
    }

    /// The legend's name of the pack's own municipalities: "Kommuner i sundhedsrådet".
    public static func funnelMembers(_ kind: ClusterKind) -> String { "Kommuner i \(kind.definite)" }
    public static let funnelOthers = "Øvrige kommuner"
    public static let funnelCountry = "Hele landet"

    /// "95 %-grænser", "99,8 %-grænser".
    public static func funnelLimits(_ level: ConfidenceLevel) -> String { levelText(level) + "-grænser" }

    /// "95 %-grænse, nedre" for the data block's rows.
    public static func funnelLimit(_ level: ConfidenceLevel, upper: Bool) -> String {
        levelText(level) + "-grænse, " + (upper ? "øvre" : "nedre")
    }

    /// The horizontal axis: "Nævner (borgere på 65 år og derover)", or "Nævner".
    public static func funnelDenominatorAxis(_ plot: FunnelPlot) -> String {
        plot.denominatorLabel.map { "Nævner (\($0))" } ?? "Nævner"
    }

    /// The heading of the data block the chart reads.
    public static func funnelDataHeading(shortTitle: String, period: Period) -> String {
        "Tal til tragtdiagrammet: \(shortTitle), \(period.label). Kun viste tal; skjulte og manglende kommuner er udeladt."
    }

    public static let funnelDataMunicipality = "Kommune"
    public static let funnelDataGroup = "Gruppe"
    public static let funnelDataDenominator = "Nævner"
    public static let funnelDataLimitDenominator = "Nævner (grænser)"
    /// The group of a member municipality in the data block: "I sundhedsrådet".
    public static func funnelDataMember(_ kind: ClusterKind) -> String { "I \(kind.definite)" }
    public static let funnelDataOther = "Øvrig"
    /// The data block's row on each point against the outer limits: "Ift. 99,8 %-grænserne".
    public static var funnelDataOuter: String { "Ift. \(funnelLimits(FunnelPlot.outerLevel))" }

    /// A point against the outer limits, for the data block: "over", "under", "inden for".
    public static func funnelPosition(_ significance: Significance) -> String {
        switch significance {
        case .higher: return "over"
        case .lower: return "under"
        case .notSignificantlyDifferent: return "inden for"
        }
    }

    /// The method in a few words: "Wilsons metode for andele" or "eksakte Poisson-grænser for rater".
    public static func funnelMethod(_ method: FunnelPlot.Method) -> String {
        switch method {
        case .proportion: return "Wilsons metode for andele af personer"
        case .rate: return "eksakte Poisson-grænser for hændelser pr. befolkning"
        }
    }

    /// The short note under a funnel plot: how to read it, how many municipalities lie outside the outer
    /// limits, and what is left out; the method and the rest are on the documentation sheet.
    public static func funnelNote(_ plot: FunnelPlot) -> String {
        let inner = levelText(FunnelPlot.innerLevel)
        let outer = levelText(FunnelPlot.outerLevel)
        var text =
            "Hvert punkt er en kommune. En kommune uden for \(outer)-grænserne afviger mere fra hele landet, end tilfældigheder kan "
            + "forklare; mellem \(inner)- og \(outer)-grænserne kan forskellen være tilfældig. "
            + "\(plot.outsideOuterLimits) af \(plot.points.count) kommuner ligger uden for \(outer)-grænserne."
        var left: [String] = []
        if plot.hiddenCount > 0 { left.append("\(municipalities(plot.hiddenCount)) med skjulte små tal") }
        if plot.missingCount > 0 { left.append("\(municipalities(plot.missingCount)) uden tal") }
        if !left.isEmpty { text += " Ikke med: \(DanishText.list(left))." }
        return text + " Se også arket Dokumentation."
    }

    /// "1 kommune", "4 kommuner".
    private static func municipalities(_ count: Int) -> String { "\(count) \(count == 1 ? "kommune" : "kommuner")" }

    /// The documentation sheet's text on the funnel plot of an indicator that has one: what it shows,
    /// the method, and how to read it.
    public static func funnelDocumentation(_ plot: FunnelPlot) -> String {
        let outer = levelText(FunnelPlot.outerLevel)
        var text =
            "Tragtdiagram over alle kommuners værdi i \(plot.period.label) mod nævneren (vandret, logaritmisk akse), med kontrolgrænser "
            + "på \(levelText(FunnelPlot.innerLevel)) og \(outer) omkring hele landets værdi, som den vises "
            + "(\(DanishNumber.format(plot.target, decimals: plot.decimals))): \(funnelMethod(plot.method)), som i Fingertips og "
            + "PHStatsMethods (Spiegelhalter 2005). Grænserne snævrer ind, jo større nævneren er, fordi tilfældig variation så fylder "
            + "mindre. Skjulte og manglende kommunetal er udeladt, ikke sat til 0; en delt kommune vises som hele kommunen."
        // Overdispersion: when many lie outside, the limits say less about chance than about real differences.
        if plot.outsideOuterLimits * 3 > plot.points.count {
            text +=
                " \(plot.outsideOuterLimits) af \(plot.points.count) kommuner ligger uden for \(outer)-grænserne: kommunerne er reelt "
                + "forskellige, ikke kun tilfældigt, og diagrammet viser især, hvor langt hver kommune ligger fra landet i forhold til "
                + "sin størrelse."
        }
        return text
    }

    /// Why an indicator has no funnel plot, for the documentation sheet: "Intet tragtdiagram: …".
    public static func funnelAbsence(_ absence: FunnelPlotAbsence) -> String {
        let reason: String
        switch absence {
        case .noCounts(let aggregation):
            switch aggregation {
            case .weighted: reason = "kilden oplyser kun kommunernes værdier, ikke tællere og nævnere"
            case .count, .population: reason = "tallet er et antal, ikke en andel eller en rate"
            case .notAdditive: reason = "tallet er hverken en andel eller en rate med tæller og nævner"
            default: reason = "indikatoren har ikke tæller og nævner for hver kommune"
            }
        case .plainRatio: reason = "tallet er et forhold (fx patienter pr. læge), ikke en andel eller en rate af hændelser"
        case .noPeriod: reason = "der er ingen data"
        case .countryNotShown(let period): reason = "landstallet for \(period.label) vises ikke"
        case .noMunicipalities(let period): reason = "ingen kommune har et vist tal med nævner for \(period.label)"
        case .limitsNotComputable(let period): reason = "kontrolgrænserne kan ikke beregnes omkring landstallet for \(period.label)"
        }
        return "Intet tragtdiagram: \(reason)."
    }
}
