import DatapakkeCore
import Foundation
import XLSXWriter

/// The funnel plot of one indicator on its section sheet (docs/statistics.md#funnel-plots-in-the-pack):
/// a native scatter chart beside the bar chart, a note on how to read it under both, and the
/// numbers it plots in a titled data block in the sheet's hidden helper columns, beside the block's
/// own rows. The block holds only what the plot shows: no hidden or missing municipality is in it.
struct FunnelChart {
    let plot: FunnelPlot
    let indicator: Indicator
    let kind: ClusterKind
    let styles: WorkbookStyles

    /// The data block's first (label) column; the values run to the right of it. The columns from here
    /// on are hidden, as the bar chart's helper column is.
    static let dataColumn = SectionSheet.countryChartDataColumn + 1
    /// Pixels the legend at the right takes from the plot's width, for the label placement.
    static let legendWidth = 150.0
    /// Rows of the data block, title included.
    static let dataRows = 13

    /// The last column the data block of `plot` uses.
    static func lastDataColumn(_ plot: FunnelPlot) -> Int {
        dataColumn + max(plot.points.count, plot.limits.count)
    }

    /// The height the note under the chart takes when written `width` characters wide.
    func noteHeight(width: Double) -> Double {
        let text = Vocabulary.funnelNote(plot)
        // writeWrapped's estimate: characters over 95 % of the width.
        let lines = max(1, Int((Double(text.count) / max(1, width * 0.95)).rounded(.up)))
        return rowHeight(lines: lines, lineHeight: Self.noteLineHeight)
    }
    static let noteLineHeight = 13.5
    /// Blank rows between the note and the next indicator's block.
    static let trailingRows = 1

    /// Writes the data block from `dataTop` (a row of the indicator's own block) and the chart from
    /// `chartTop`, `rows` high and `width` characters wide, with the note under it, as wide; returns
    /// the first row after the note.
    func write(
        on sheet: Worksheet, workbook: Workbook, dataTop: Int, chartTop: Int, rows: Int, width: Double, xOffset: Int = 0,
        noteLastColumn: Int, noteWidth: Double? = nil
    ) throws -> Int {
        let ranges = try writeData(on: sheet, top: dataTop)
        let chart = try workbook.addChart(.scatter)
        // Lines first, so that the municipalities' points are drawn on top of them.
        let country = try chart.addSeries(name: Vocabulary.funnelCountry, categories: ranges.limitDenominators, values: ranges.country)
        country.setLineColor(Palette.country, width: 1.5)
        country.setMarker(.none)
        for (level, lower, upper, colour, dash) in [
            (FunnelPlot.innerLevel, ranges.innerLower, ranges.innerUpper, Palette.innerLimit, LineDash.dash),
            (FunnelPlot.outerLevel, ranges.outerLower, ranges.outerUpper, Palette.outerLimit, LineDash.solid),
        ] {
            for range in [lower, upper] {
                let series = try chart.addSeries(name: Vocabulary.funnelLimits(level), categories: ranges.limitDenominators, values: range)
                series.setLineColor(colour, width: 1.25, dash: dash)
                series.setMarker(.none)
                series.setSmooth(true)
            }
        }
        if let others = ranges.others {
            let series = try chart.addSeries(name: Vocabulary.funnelOthers, categories: others.denominators, values: others.values)
            series.setMarker(.circle, size: 4, fill: Palette.otherMunicipality, border: Palette.otherMunicipality)
        }
        let (xMin, xMax) = Self.decades(plot.points.map(\.denominator))
        let yAxis = Self.niceRange(
            plot.points.map(\.value) + [plot.target], floor: 0, ceiling: plot.method == .proportion ? plot.multiplier : nil)
        // One series a member, so that each name can sit on the side of its point where it covers the
        // fewest other names; the legend names them once.
        let sides = Self.labelSides(
            plot.memberPoints.map { (x: $0.denominator, y: $0.value, text: $0.name) },
            area: PlotArea(
                xMin: xMin, xMax: xMax, yMin: yAxis.min, yMax: yAxis.max, width: width * 7 - Self.legendWidth - 90,
                height: Double(rows) * 20 - 90)
        )
        var memberSeries: [Int] = []
        for (index, point) in plot.memberPoints.enumerated() {
            let series = try chart.addSeries(
                name: Vocabulary.funnelMembers(kind), categories: ranges.members[index].denominator, values: ranges.members[index].value)
            series.setMarker(.diamond, size: 8, fill: Palette.barCouncil, border: 0xFFFFFF)
            // A fixed text, not a reference to the name cell: LibreOffice shows the value for a referenced label.
            try series.setCustomDataLabels([.text(point.name)], fontSize: 10)
            series.setDataLabelPosition(sides[index])
            memberSeries.append(chart.series.count - 1)
        }
        // The upper line of each limit pair is named by the lower one, every member by the first.
        try chart.hideFromLegend(seriesAt: [2, 4] + memberSeries.dropFirst())
        chart.setTitle(Vocabulary.funnelTitle(shortTitle: indicator.shortTitle, period: plot.period))
        chart.setXAxisTitle(Vocabulary.funnelDenominatorAxis(plot))
        chart.setYAxisTitle(indicator.unit)
        chart.setLogBase(.x, 10)
        chart.setAxisMin(.x, xMin)
        chart.setAxisMax(.x, xMax)
        chart.setAxisNumberFormat(.x, DanishNumber.excelFormat(decimals: 0))
        chart.setAxisMin(.y, yAxis.min)
        chart.setAxisMax(.y, yAxis.max)
        chart.setYAxisNumberFormat(DanishNumber.excelFormat(decimals: yAxis.decimals))
        chart.setMajorGridlines(.x, visible: false)
        // The legend at the side: the plot keeps the page's scarce height.
        chart.setLegend(position: .right)
        chart.setTitleFontSize(12)
        // Printed at about 0,8 of their size, as the bar chart: 11 pt on screen keeps 8 pt on paper.
        chart.setAxisFontSize(.x, 11)
        chart.setAxisFontSize(.y, 11)
        chart.setLegendFontSize(11)
        chart.showHiddenData()
        try sheet.insertChart(
            chart, row: chartTop, column: 0, xOffset: xOffset, yOffset: 0, xScale: (width * 7 + 5) / 480,
            yScale: Double(rows) * 20 / 288)
        var row = chartTop + rows
        row += try sheet.writeWrapped(
            Vocabulary.funnelNote(plot), row: row, firstColumn: 0, lastColumn: noteLastColumn, width: noteWidth ?? width,
            style: styles.note, lineHeight: Self.noteLineHeight)
        return row
    }

    /// The ranges the chart reads.
    private struct Ranges {
        /// Each member's own cells, one series each.
        var members: [(denominator: CellRange, value: CellRange)]
        var others: (denominators: CellRange, values: CellRange)?
        var limitDenominators, country, innerLower, innerUpper, outerLower, outerUpper: CellRange
    }

    /// The data block: a title, then one row per quantity with its label in the first column and the
    /// municipalities (members first) or the limits' denominators across.
    private func writeData(on sheet: Worksheet, top: Int) throws -> Ranges {
        let label = Self.dataColumn
        let first = label + 1
        let name = sheet.name
        func row(_ offset: Int, _ text: String) throws -> Int {
            try sheet.write(.text(text), row: top + offset, column: label, style: styles.subheading)
            return top + offset
        }
        func across(_ row: Int, from: Int, count: Int) -> CellRange {
            CellRange(sheet: name, firstRow: row, firstColumn: first + from, lastRow: row, lastColumn: first + from + count - 1)
        }
        try sheet.write(
            .text(Vocabulary.funnelDataHeading(shortTitle: indicator.shortTitle, period: plot.period)), row: top, column: label,
            style: styles.subheading)
        let names = try row(1, Vocabulary.funnelDataMunicipality)
        let groups = try row(2, Vocabulary.funnelDataGroup)
        let denominators = try row(3, Vocabulary.funnelDataDenominator + (plot.denominatorLabel.map { " (\($0))" } ?? ""))
        let values = try row(4, indicator.unit)
        let positions = try row(5, Vocabulary.funnelDataOuter)
        let valueStyle = styles.number(decimals: plot.decimals, level: .municipality)
        let countStyle = styles.number(decimals: 0, level: .municipality)
        for (index, point) in plot.points.enumerated() {
            try sheet.write(.text(point.name), row: names, column: first + index)
            try sheet.write(
                .text(point.isMember ? Vocabulary.funnelDataMember(kind) : Vocabulary.funnelDataOther), row: groups, column: first + index)
            try sheet.write(.number(point.denominator), row: denominators, column: first + index, style: countStyle)
            try sheet.write(.number(point.value), row: values, column: first + index, style: valueStyle)
            try sheet.write(.text(Vocabulary.funnelPosition(point.outer)), row: positions, column: first + index)
        }
        let memberCount = plot.memberPoints.count
        let otherCount = plot.points.count - memberCount

        let limitDenominators = try row(7, Vocabulary.funnelDataLimitDenominator)
        let country = try row(8, Vocabulary.funnelCountry)
        let innerLower = try row(9, Vocabulary.funnelLimit(FunnelPlot.innerLevel, upper: false))
        let innerUpper = try row(10, Vocabulary.funnelLimit(FunnelPlot.innerLevel, upper: true))
        let outerLower = try row(11, Vocabulary.funnelLimit(FunnelPlot.outerLevel, upper: false))
        let outerUpper = try row(12, Vocabulary.funnelLimit(FunnelPlot.outerLevel, upper: true))
        // The limits keep their full precision: they are curves, not published figures.
        let limitStyle = styles.number(decimals: plot.decimals + 2, level: .municipality)
        for (index, limit) in plot.limits.enumerated() {
            let column = first + index
            try sheet.write(.number(limit.denominator), row: limitDenominators, column: column, style: countStyle)
            try sheet.write(.number(plot.target), row: country, column: column, style: valueStyle)
            try sheet.write(.number(limit.inner.lower), row: innerLower, column: column, style: limitStyle)
            try sheet.write(.number(limit.inner.upper), row: innerUpper, column: column, style: limitStyle)
            try sheet.write(.number(limit.outer.lower), row: outerLower, column: column, style: limitStyle)
            try sheet.write(.number(limit.outer.upper), row: outerUpper, column: column, style: limitStyle)
        }
        let limitCount = plot.limits.count
        return Ranges(
            members: (0..<memberCount).map { (across(denominators, from: $0, count: 1), across(values, from: $0, count: 1)) },
            others: otherCount == 0
                ? nil
                : (
                    denominators: across(denominators, from: memberCount, count: otherCount),
                    values: across(values, from: memberCount, count: otherCount)
                ),
            limitDenominators: across(limitDenominators, from: 0, count: limitCount), country: across(country, from: 0, count: limitCount),
            innerLower: across(innerLower, from: 0, count: limitCount), innerUpper: across(innerUpper, from: 0, count: limitCount),
            outerLower: across(outerLower, from: 0, count: limitCount), outerUpper: across(outerUpper, from: 0, count: limitCount))
    }

    /// The plot area as the label placement sees it: the axes' ranges (x logarithmic) and its size in pixels.
    struct PlotArea {
        var xMin, xMax, yMin, yMax, width, height: Double

        /// A point's place in pixels from the top left corner.
        func pixel(x: Double, y: Double) -> (x: Double, y: Double) {
            let across = (log10(x) - log10(xMin)) / (log10(xMax) - log10(xMin))
            let down = (yMax - y) / (yMax - yMin)
            return (across * width, down * height)
        }
    }

    /// For each labelled point the side of it its label goes on: the first of right, left, above and
    /// below whose box (estimated from the text's length at 10 pt) stays inside the plot and covers no
    /// other point or label placed before it, else the side that covers least. Points are placed from
    /// the top of the plot down. Excel and LibreOffice do not move labels apart by themselves.
    static func labelSides(_ points: [(x: Double, y: Double, text: String)], area: PlotArea) -> [DataLabelPosition] {
        struct Box {
            var left, top, right, bottom: Double
            func overlap(_ other: Box) -> Double {
                max(0, min(right, other.right) - max(left, other.left)) * max(0, min(bottom, other.bottom) - max(top, other.top))
            }
            var area: Double { (right - left) * (bottom - top) }
        }
        let (characterWidth, lineHeight, gap, markerHalf) = (6.0, 14.0, 6.0, 5.0)
        let pixels = points.map { area.pixel(x: $0.x, y: $0.y) }
        var occupied = pixels.map {
            Box(left: $0.x - markerHalf, top: $0.y - markerHalf, right: $0.x + markerHalf, bottom: $0.y + markerHalf)
        }
        var sides = [DataLabelPosition](repeating: .right, count: points.count)
        let plot = Box(left: 0, top: 0, right: area.width, bottom: area.height)
        for index in points.indices.sorted(by: { (pixels[$0].y, $0) < (pixels[$1].y, $1) }) {
            let (x, y) = pixels[index]
            let width = Double(points[index].text.count) * characterWidth
            let candidates: [(DataLabelPosition, Box)] = [
                (.right, Box(left: x + gap, top: y - lineHeight / 2, right: x + gap + width, bottom: y + lineHeight / 2)),
                (.left, Box(left: x - gap - width, top: y - lineHeight / 2, right: x - gap, bottom: y + lineHeight / 2)),
                (.above, Box(left: x - width / 2, top: y - gap - lineHeight, right: x + width / 2, bottom: y - gap)),
                (.below, Box(left: x - width / 2, top: y + gap, right: x + width / 2, bottom: y + gap + lineHeight)),
            ]
            let costs = candidates.map { candidate in
                let own = candidate.1
                let covered = occupied.enumerated().filter { $0.offset != index }.reduce(0.0) { $0 + own.overlap($1.element) }
                return covered + (own.area - own.overlap(plot)) * 2
            }
            let best = costs.indices.min { (costs[$0], $0) < (costs[$1], $1) } ?? 0
            sides[index] = candidates[best].0
            occupied.append(candidates[best].1)
        }
        return sides
    }

    /// The powers of ten around the denominators, for the logarithmic axis.
    static func decades(_ values: [Double]) -> (Double, Double) {
        let low = values.min() ?? 1
        let high = values.max() ?? 10
        let lower = pow(10, (log10(max(low, 1))).rounded(.down))
        var upper = pow(10, log10(max(high, 1)).rounded(.up))
        if upper <= lower { upper = lower * 10 }
        return (lower, upper)
    }

    /// An axis range around `values` with a little air, on round steps (1, 2 or 5 times a power of
    /// ten, about five of them), within `floor` and `ceiling`; `decimals` for the axis's numbers.
    static func niceRange(_ values: [Double], floor: Double?, ceiling: Double?) -> (min: Double, max: Double, decimals: Int) {
        var low = values.min() ?? 0
        var high = values.max() ?? 1
        let air = max((high - low) * 0.08, abs(high) * 0.01, 1e-9)
        low -= air
        high += air
        let rough = (high - low) / 5
        let magnitude = pow(10, log10(rough).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? magnitude * 10
        var lower = (low / step).rounded(.down) * step
        var upper = (high / step).rounded(.up) * step
        if let floor { lower = max(lower, floor) }
        if let ceiling { upper = min(upper, ceiling) }
        let decimals = max(0, Int(-log10(step).rounded(.down)))
        return (lower, upper, decimals)
    }
}

extension Palette {
    /// The other municipalities' points: a light grey that leaves the members' dark points in front.
    static let otherMunicipality: UInt32 = 0xA3ACB5
    /// The 95 % limits (dashed) and the 99,8 % limits (solid): told apart by the line as well as the colour.
    static let innerLimit: UInt32 = 0xC98A00
    static let outerLimit: UInt32 = 0xB3261E
}
