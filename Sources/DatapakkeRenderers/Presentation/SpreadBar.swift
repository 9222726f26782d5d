import DatapakkeCore

/// The spread between all clusters as a small drawing for the overview slide: a line from the lowest
/// to the highest, the cluster as a dark dot and the country as an upright line, on the row's own scale
/// (`RangeScale`, from shown and rounded figures only). Coordinates for the `spaendvidde` partial.
struct SpreadBar {
    static let width = 200.0
    static let height = 16.0
    static let inset = 6.0

    let scale: RangeScale

    var context: [String: Any] {
        let x = { (value: Double) in SVGNumber.text(Self.inset + self.scale.position(value) * (Self.width - 2 * Self.inset)) }
        var context: [String: Any] = [
            "bredde": SVGNumber.text(Self.width),
            "hoejde": SVGNumber.text(Self.height),
            "fra_x": x(scale.minimum),
            "til_x": x(scale.maximum),
            "raadet_x": NoValue(),
            "landet_x": NoValue(),
        ]
        if let cluster = scale.cluster { context["raadet_x"] = x(cluster) }
        if let country = scale.country { context["landet_x"] = x(country) }
        return context
    }
}
