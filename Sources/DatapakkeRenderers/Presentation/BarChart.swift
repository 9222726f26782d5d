import DatapakkeCore
import Foundation

/// A horizontal bar chart drawn by the tool, as coordinates and labels for the `diagram` partial of
/// the presentation templates. Bars start at zero, so a negative value points left of the axis. Only
/// shown figures, rounded as shown, place anything: a hidden, missing or uncomputed figure is a gap
/// with a label, never a bar, a coordinate or a scale that could give it away.
///
/// The kinds of area are told apart by lightness and pattern, not by hue alone, so the chart reads in
/// greyscale too: municipalities light, the cluster dark, the region hatched, the country hollow with a
/// dark outline, the similar clusters a mid-tone. The hatching is drawn as lines, not as an SVG pattern,
/// which browsers print to PDF as large images.
struct BarChart {
    /// What a bar stands for; the raw value names its style in the templates.
    enum Kind: String, CaseIterable {
        case municipality = "kommune"
        case cluster = "raad"
        case region = "region"
        case similar = "sammenlignelige"
        case country = "land"
    }

    /// Distance between the hatching's lines.
    static let hatchSpacing = 4.5

    /// The hatching of a region's bar: 45° lines inside the rectangle, as one SVG path; nil for other kinds.
    static func hatching(_ kind: Kind, x: Double, y: Double, width: Double, height: Double) -> String? {
        guard kind == .region, width > 0, height > 0 else { return nil }
        var path: [String] = []
        // Lines from the bottom edge up and to the right, starting left of the bar so its corner is covered.
        var offset = -height
        while offset < width {
            let start = max(0, -offset)
            let end = min(height, width - offset)
            if end > start {
                path.append(
                    "M\(SVGNumber.text(x + offset + start)) \(SVGNumber.text(y + height - start))"
                        + "L\(SVGNumber.text(x + offset + end)) \(SVGNumber.text(y + height - end))")
            }
            offset += hatchSpacing
        }
        return path.isEmpty ? nil : path.joined()
    }

    /// One bar: a label (empty under a group label), the kind, the value as the pack shows it, and
    /// whether it is drawn to scale (a sum over many municipalities is shown as a number only).
    struct Bar {
        var label: String
        var kind: Kind
        var value: ReportValue
        var toScale: Bool = true
        /// The name in the bar's tooltip, when the label is left out (bars under a group label).
        var title: String? = nil
    }

    /// Bars that belong together, with an optional label at the left for the whole group.
    struct Group {
        var label: String?
        var bars: [Bar]
    }

    // The drawing's own units (about a pixel each); the page scales the whole drawing to its box, so
    // the width sets the size of the text. Rows grow, within limits, towards a drawing about as tall
    // as the slide's chart box (4:3), so a short chart does not leave the box half empty.
    static let width = 480.0
    static let targetHeight = 360.0
    static let rowHeights = 18.0...30.0
    static let groupGap = 9.0
    /// Rows and gaps for a chart of many labelled pairs (a group's members), so that it stays about as
    /// tall as the slide's chart box and its text about as large as in the other charts.
    static let compactRowHeights = 12.0...30.0
    static let compactGroupGap = 5.0
    static let top = 4.0
    static let labelCharacterWidth = 6.2
    static let valueCharacterWidth = 6.4
    static let legendCharacterWidth = 5.2

    let groups: [Group]
    let decimals: Int
    let id: String
    /// What the chart shows, for its SVG title (screen readers, tooltips).
    let description: String
    let legend: [(kind: Kind, label: String)]
    /// The unit, under the axis.
    let unit: String
    let rowHeights: ClosedRange<Double>
    let groupGap: Double

    /// - Parameters:
    ///   - id: unique within the page; prefixes the chart's pattern and title ids.
    ///   - legend: the label of each kind of bar; only kinds that appear in the chart are shown.
    init(
        groups: [Group], decimals: Int, unit: String, id: String, description: String, legend: [Kind: String],
        rowHeights: ClosedRange<Double> = BarChart.rowHeights, groupGap: Double = BarChart.groupGap
    ) {
        self.unit = unit
        self.rowHeights = rowHeights
        self.groupGap = groupGap
        self.groups = groups.filter { !$0.bars.isEmpty }
        self.decimals = decimals
        self.id = id
        self.description = description
        // Only kinds with a drawn bar: a legend entry for a gap would explain nothing.
        let present = Set(self.groups.flatMap { $0.bars.filter { $0.toScale && $0.value.number != nil }.map(\.kind) })
        self.legend = Kind.allCases.filter { present.contains($0) }.compactMap { kind in legend[kind].map { (kind, $0) } }
    }

    /// A shown value rounded as the pack shows it, the only number the drawing uses.
    private func shown(_ bar: Bar) -> Double? {
        bar.value.number.map { DanishNumber.rounded($0, decimals: decimals) }
    }

    /// The template's view: sizes, axis, rows, separators and legend, every coordinate as text.
    var context: [String: Any] {
        let bars = groups.flatMap(\.bars)
        let scaled = bars.filter(\.toScale).compactMap(shown)
        let hasNegative = scaled.contains { $0 < 0 }
        let hasPositive = scaled.contains { $0 > 0 } || !hasNegative
        let axis = Axis(values: scaled)

        let labels = bars.map(\.label) + groups.compactMap(\.label)
        let longestLabel = Double(labels.map(\.count).max() ?? 0)
        let labelWidth = min(260, max(70, longestLabel * Self.labelCharacterWidth + 12))
        let valueTexts = bars.compactMap { shown($0).map { DanishNumber.format($0, decimals: decimals) } }
        let valueWidth = Double(valueTexts.map(\.count).max() ?? 1) * Self.valueCharacterWidth + 10
        let plotLeft = labelWidth + (hasNegative ? valueWidth : 0)
        let plotRight = Self.width - (hasPositive ? valueWidth : 0) - 4
        let x = { (value: Double) in plotLeft + (value - axis.low) / (axis.high - axis.low) * (plotRight - plotLeft) }
        let zero = x(0)

        // Room below the rows: tick labels, the unit and one or two lines of legend.
        let below = 70.0
        let rowHeight = min(
            rowHeights.upperBound,
            max(
                rowHeights.lowerBound,
                (Self.targetHeight - Self.top - below - Double(max(0, groups.count - 1)) * groupGap) / Double(max(1, bars.count))))
        var rows: [[String: Any]] = []
        var groupLabels: [[String: Any]] = []
        var separators: [[String: Any]] = []
        var y = Self.top
        for (index, group) in groups.enumerated() {
            if index > 0 {
                y += groupGap
                separators.append(["y": SVGNumber.text(y - groupGap / 2), "x1": "0", "x2": SVGNumber.text(Self.width)])
            }
            let groupTop = y
            for bar in group.bars {
                rows.append(row(bar, y: y, height: rowHeight, labelWidth: labelWidth, x: x, zero: zero, plotRight: plotRight))
                y += rowHeight
            }
            if let label = group.label {
                groupLabels.append([
                    "etiket": label, "x": SVGNumber.text(labelWidth - 8),
                    "y": SVGNumber.text((groupTop + y) / 2 + 4),
                ])
            }
        }
        let plotBottom = y
        let ticks: [[String: Any]] =
            scaled.isEmpty
            ? []
            : axis.ticks.map { tick in
                [
                    "x": SVGNumber.text(x(tick)), "etiket": DanishNumber.format(tick, decimals: axis.decimals), "nul": tick == 0,
                ]
            }
        let axisLabelY = plotBottom + 14
        let unitY = axisLabelY + (ticks.isEmpty ? 0 : 15)
        var legendY = unitY + 10
        var legendX = 0.0
        var legendItems: [[String: Any]] = []
        for (kind, label) in legend {
            let itemWidth = 16 + Double(label.count) * Self.legendCharacterWidth + 14
            // A legend wider than the drawing goes on to another line.
            if legendX > 0, legendX + itemWidth > Self.width {
                legendX = 0
                legendY += 16
            }
            legendItems.append([
                "x": SVGNumber.text(legendX), "tekst_x": SVGNumber.text(legendX + 16), "y": SVGNumber.text(legendY),
                "tekst_y": SVGNumber.text(legendY + 9), "etiket": label, "art": kind.rawValue,
                "skravering": NoValue.or(Self.hatching(kind, x: legendX, y: legendY, width: 12, height: 10)),
            ])
            legendX += itemWidth
        }
        let height = legendItems.isEmpty ? unitY + 6 : legendY + 14
        return [
            "diagram_id": id,
            "beskrivelse": description,
            "bredde": SVGNumber.text(Self.width),
            "hoejde": SVGNumber.text(height),
            "akse_top": SVGNumber.text(Self.top - 2),
            "akse_bund": SVGNumber.text(plotBottom),
            "akse_tekst_y": SVGNumber.text(axisLabelY),
            "akse_titel": unit,
            "akse_titel_x": SVGNumber.text((plotLeft + plotRight) / 2),
            "akse_titel_y": SVGNumber.text(unitY),
            "har_akse": !ticks.isEmpty,
            "akse": ticks,
            "raekker": rows,
            "grupper": groupLabels,
            "skillelinjer": separators,
            "forklaring": legendItems,
            "har_forklaring": !legendItems.isEmpty,
        ]
    }

    private func row(_ bar: Bar, y: Double, height: Double, labelWidth: Double, x: (Double) -> Double, zero: Double, plotRight: Double)
        -> [String: Any]
    {
        let middle = y + height / 2
        let barHeight = (height * 0.64).rounded()
        var row: [String: Any] = [
            "etiket": bar.label,
            "titel": bar.title ?? bar.label,
            "etiket_x": SVGNumber.text(labelWidth - 8),
            "tekst_y": SVGNumber.text(middle + 4),
            "fed": bar.kind == .cluster,
            "art": bar.kind.rawValue,
            "bjaelke": NoValue(),
            "vaerdi_x": SVGNumber.text(zero + 4),
            "vaerdi_anker": "start",
            "ikke_tegnet": false,
        ]
        row.merge(DownloadPage.value(bar.value, decimals: decimals)) { _, new in new }
        guard let value = shown(bar) else {
            // A gap: the label stands at the axis, on the side with room.
            if zero > plotRight - 80 {
                row["vaerdi_x"] = SVGNumber.text(zero - 4)
                row["vaerdi_anker"] = "end"
            }
            return row
        }
        guard bar.toScale else {
            row["ikke_tegnet"] = true
            return row
        }
        let end = x(value)
        // Rounded first, so the hatching lies exactly inside the rectangle as written.
        let left = SVGNumber.rounded(min(zero, end))
        let top = SVGNumber.rounded(middle - barHeight / 2)
        let width = SVGNumber.rounded(abs(end - zero))
        row["bjaelke"] = [
            "x": SVGNumber.text(left), "y": SVGNumber.text(top), "bredde": SVGNumber.text(width), "hoejde": SVGNumber.text(barHeight),
            "skravering": NoValue.or(Self.hatching(bar.kind, x: left, y: top, width: width, height: barHeight)),
        ]
        row["vaerdi_x"] = SVGNumber.text(value < 0 ? end - 4 : end + 4)
        row["vaerdi_anker"] = value < 0 ? "end" : "start"
        return row
    }

    /// The scale: from the lowest to the highest of zero and the values, widened to round ticks.
    struct Axis {
        var low: Double
        var high: Double
        var step: Double
        var decimals: Int

        init(values: [Double]) {
            let low = min(0, values.min() ?? 0)
            let high = max(0, values.max() ?? 1)
            let span = high > low ? high - low : 1
            // 1, 2, 2,5 or 5 times a power of ten, for four to six ticks.
            let rough = span / 5
            let power = pow10(Int((log10(rough)).rounded(.down)))
            let mantissa = rough / power
            let factor: Double = mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 2.5 ? 2.5 : mantissa <= 5 ? 5 : 10
            step = factor * power
            self.low = (low / step).rounded(.down) * step
            self.high = max((high / step).rounded(.up) * step, self.low + step)
            let exponent = Int((log10(step)).rounded(.down))
            decimals = max(0, -exponent + (factor == 2.5 ? 1 : 0))
        }

        /// The tick values from low to high, each rounded to the step's decimals.
        var ticks: [Double] {
            let count = Int(((high - low) / step).rounded())
            return (0...count).map { DanishNumber.rounded(low + Double($0) * step, decimals: decimals + 1) }
        }
    }
}

/// 10 to an integer power, exactly for the powers the axis uses.
private func pow10(_ exponent: Int) -> Double {
    var result = 1.0
    if exponent >= 0 {
        for _ in 0..<exponent { result *= 10 }
    } else {
        for _ in 0..<(-exponent) { result /= 10 }
    }
    return result
}

/// Numbers for SVG attributes: one decimal, a point, no locale, no "-0"; the same text on every machine.
enum SVGNumber {
    /// The value as `text` writes it.
    static func rounded(_ value: Double) -> Double {
        (value * 10).rounded() / 10
    }

    static func text(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
