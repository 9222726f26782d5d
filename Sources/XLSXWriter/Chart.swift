import CXLSXWriter
import Foundation

// libxlsxwriter 1.1.4 has no combined charts (chart_combine) and no secondary axis (y2_axis): one chart type
// and one value axis per chart.

/// Chart types supported by libxlsxwriter (`workbook_add_chart` LXW_CHART_*).
public enum ChartKind: Hashable, Sendable {
    /// Vertical bars (LXW_CHART_COLUMN).
    case column
    /// Stacked vertical bars (LXW_CHART_COLUMN_STACKED).
    case columnStacked
    /// 100 % stacked vertical bars (LXW_CHART_COLUMN_STACKED_PERCENT).
    case columnStackedPercent
    /// Horizontal bars (LXW_CHART_BAR); the X axis is the horizontal value axis, as in Excel.
    case bar
    /// Stacked horizontal bars (LXW_CHART_BAR_STACKED).
    case barStacked
    /// 100 % stacked horizontal bars (LXW_CHART_BAR_STACKED_PERCENT).
    case barStackedPercent
    /// Lines (LXW_CHART_LINE).
    case line
    /// Stacked lines (LXW_CHART_LINE_STACKED).
    case lineStacked
    /// Filled area (LXW_CHART_AREA).
    case area
    /// Stacked areas (LXW_CHART_AREA_STACKED).
    case areaStacked
    /// Pie (LXW_CHART_PIE); no axes.
    case pie
    /// Doughnut (LXW_CHART_DOUGHNUT); no axes.
    case doughnut
    /// XY scatter with markers only (LXW_CHART_SCATTER).
    case scatter
    /// XY scatter joined by straight lines with markers (LXW_CHART_SCATTER_STRAIGHT_WITH_MARKERS).
    case scatterStraightWithMarkers
    /// Radar (LXW_CHART_RADAR).
    case radar

    var lxw: UInt8 {
        let type: lxw_chart_type
        switch self {
        case .column: type = LXW_CHART_COLUMN
        case .columnStacked: type = LXW_CHART_COLUMN_STACKED
        case .columnStackedPercent: type = LXW_CHART_COLUMN_STACKED_PERCENT
        case .bar: type = LXW_CHART_BAR
        case .barStacked: type = LXW_CHART_BAR_STACKED
        case .barStackedPercent: type = LXW_CHART_BAR_STACKED_PERCENT
        case .line: type = LXW_CHART_LINE
        case .lineStacked: type = LXW_CHART_LINE_STACKED
        case .area: type = LXW_CHART_AREA
        case .areaStacked: type = LXW_CHART_AREA_STACKED
        case .pie: type = LXW_CHART_PIE
        case .doughnut: type = LXW_CHART_DOUGHNUT
        case .scatter: type = LXW_CHART_SCATTER
        case .scatterStraightWithMarkers: type = LXW_CHART_SCATTER_STRAIGHT_WITH_MARKERS
        case .radar: type = LXW_CHART_RADAR
        }
        return UInt8(truncatingIfNeeded: type.rawValue)
    }

    var hasAxes: Bool { self != .pie && self != .doughnut }

    var isScatter: Bool { self == .scatter || self == .scatterStraightWithMarkers }
}

/// Where the chart legend goes (`chart_legend_set_position`).
public enum LegendPosition: Hashable, Sendable {
    /// No legend (LXW_CHART_LEGEND_NONE).
    case none
    /// LXW_CHART_LEGEND_RIGHT (Excel's default).
    case right
    /// LXW_CHART_LEGEND_LEFT.
    case left
    /// LXW_CHART_LEGEND_TOP.
    case top
    /// LXW_CHART_LEGEND_BOTTOM.
    case bottom
    /// LXW_CHART_LEGEND_TOP_RIGHT.
    case topRight
    /// LXW_CHART_LEGEND_OVERLAY_RIGHT.
    case overlayRight
    /// LXW_CHART_LEGEND_OVERLAY_LEFT.
    case overlayLeft

    var lxw: UInt8 {
        let position: lxw_chart_legend_position
        switch self {
        case .none: position = LXW_CHART_LEGEND_NONE
        case .right: position = LXW_CHART_LEGEND_RIGHT
        case .left: position = LXW_CHART_LEGEND_LEFT
        case .top: position = LXW_CHART_LEGEND_TOP
        case .bottom: position = LXW_CHART_LEGEND_BOTTOM
        case .topRight: position = LXW_CHART_LEGEND_TOP_RIGHT
        case .overlayRight: position = LXW_CHART_LEGEND_OVERLAY_RIGHT
        case .overlayLeft: position = LXW_CHART_LEGEND_OVERLAY_LEFT
        }
        return UInt8(truncatingIfNeeded: position.rawValue)
    }
}

/// Which chart axis a setter targets (`chart_axis_get`).
public enum ChartAxis: Hashable, Sendable {
    /// The horizontal axis: categories for column/line charts, values for bar charts (LXW_CHART_AXIS_TYPE_X).
    case x
    /// The vertical axis: values for column/line charts, categories for bar charts (LXW_CHART_AXIS_TYPE_Y).
    case y
}

/// The symbol of a series' points in line and scatter charts (`chart_series_set_marker_type`).
public enum ChartMarker: Hashable, Sendable {
    /// Excel's choice per series (LXW_CHART_MARKER_AUTOMATIC).
    case automatic
    /// No symbol: a line only (LXW_CHART_MARKER_NONE).
    case none
    /// LXW_CHART_MARKER_CIRCLE.
    case circle
    /// LXW_CHART_MARKER_DIAMOND.
    case diamond
    /// LXW_CHART_MARKER_SQUARE.
    case square
    /// LXW_CHART_MARKER_TRIANGLE.
    case triangle

    var lxw: UInt8 {
        let type: lxw_chart_marker_type
        switch self {
        case .automatic: type = LXW_CHART_MARKER_AUTOMATIC
        case .none: type = LXW_CHART_MARKER_NONE
        case .circle: type = LXW_CHART_MARKER_CIRCLE
        case .diamond: type = LXW_CHART_MARKER_DIAMOND
        case .square: type = LXW_CHART_MARKER_SQUARE
        case .triangle: type = LXW_CHART_MARKER_TRIANGLE
        }
        return UInt8(truncatingIfNeeded: type.rawValue)
    }
}

/// How a line is drawn (`lxw_chart_line.dash_type`).
public enum LineDash: Hashable, Sendable {
    /// LXW_CHART_LINE_DASH_SOLID.
    case solid
    /// LXW_CHART_LINE_DASH_DASH.
    case dash
    /// LXW_CHART_LINE_DASH_LONG_DASH.
    case longDash
    /// LXW_CHART_LINE_DASH_ROUND_DOT.
    case dot

    var lxw: UInt8 {
        let type: lxw_chart_line_dash_type
        switch self {
        case .solid: type = LXW_CHART_LINE_DASH_SOLID
        case .dash: type = LXW_CHART_LINE_DASH_DASH
        case .longDash: type = LXW_CHART_LINE_DASH_LONG_DASH
        case .dot: type = LXW_CHART_LINE_DASH_ROUND_DOT
        }
        return UInt8(truncatingIfNeeded: type.rawValue)
    }
}

/// Where data labels sit relative to their point (`chart_series_set_labels_position`); line and scatter
/// charts take all of these.
public enum DataLabelPosition: Hashable, Sendable {
    /// LXW_CHART_LABEL_POSITION_CENTER.
    case center
    /// LXW_CHART_LABEL_POSITION_RIGHT (the default for line and scatter charts).
    case right
    /// LXW_CHART_LABEL_POSITION_LEFT.
    case left
    /// LXW_CHART_LABEL_POSITION_ABOVE.
    case above
    /// LXW_CHART_LABEL_POSITION_BELOW.
    case below

    var lxw: UInt8 {
        let position: lxw_chart_label_position
        switch self {
        case .center: position = LXW_CHART_LABEL_POSITION_CENTER
        case .right: position = LXW_CHART_LABEL_POSITION_RIGHT
        case .left: position = LXW_CHART_LABEL_POSITION_LEFT
        case .above: position = LXW_CHART_LABEL_POSITION_ABOVE
        case .below: position = LXW_CHART_LABEL_POSITION_BELOW
        }
        return UInt8(truncatingIfNeeded: position.rawValue)
    }
}

/// The label of one point of a series (`lxw_chart_data_label`, for `ChartSeries.setCustomDataLabels`).
public enum ChartDataLabel: Hashable, Sendable {
    /// The series' ordinary label (its value, unless other options are set).
    case standard
    /// A fixed text.
    case text(String)
    /// The text of one cell, kept as a reference so the label follows the sheet (the chart caches it).
    case cell(CellRange)
    /// No label at this point.
    case hidden
}

/// A chart created by `Workbook.addChart(_:)` (wraps `lxw_chart`); place it with `Worksheet.insertChart`.
///
/// Setters whose C function returns void do not throw; invalid arguments are reported by `Workbook.write`.
public final class Chart {
    /// The chart type.
    public let kind: ChartKind
    let handle: UnsafeMutablePointer<lxw_chart>
    let state: WorkbookState
    /// Series in the order added.
    public private(set) var series: [ChartSeries] = []

    init(kind: ChartKind, handle: UnsafeMutablePointer<lxw_chart>, state: WorkbookState) {
        self.kind = kind
        self.handle = handle
        self.state = state
    }

    /// Adds a data series from cell ranges, e.g. values `='Aktivitet i sundhedsvæsenet'!$B$5:$B$12` (`chart_add_series`, `chart_series_set_name`).
    public func addSeries(name: String? = nil, categories: CellRange? = nil, values: CellRange) throws -> ChartSeries {
        let operation = "chart_add_series"
        try state.ensureOpen(operation)
        try values.validate(operation: operation)
        try categories?.validate(operation: operation)
        if let name {
            try validateText(name, limit: 255, operation: "chart_series_set_name", sheet: values.sheet, cell: nil)
        }
        let seriesHandle = try checkNotNull(
            chart_add_series(handle, categories?.formula, values.formula),
            operation: operation, sheet: values.sheet, cell: values.absoluteReference)
        for range in [categories, values].compactMap({ $0 }) {
            state.sheetReferences.append((operation: operation, fromSheet: nil, target: range.sheet))
        }
        let added = ChartSeries(handle: seriesHandle, state: state)
        if let name { chart_series_set_name(seriesHandle, name) }
        series.append(added)
        return added
    }

    /// Sets the chart title (`chart_title_set_name`).
    public func setTitle(_ title: String) {
        guard accept(title, operation: "chart_title_set_name") else { return }
        chart_title_set_name(handle, title)
    }

    /// Sets the size in points of the chart title (`chart_title_set_name_font`); the title stays bold.
    public func setTitleFontSize(_ size: Double) {
        guard acceptNumber(size, "chart_title_set_name_font") else { return }
        guard size > 0 else {
            state.record(
                .invalidArgument(operation: "chart_title_set_name_font", sheet: nil, cell: nil, message: "font size \(size) is not above 0")
            )
            return
        }
        var font = lxw_chart_font()
        font.size = size
        font.bold = 1
        chart_title_set_name_font(handle, &font)
    }

    /// Removes the automatic title Excel shows for single-series charts (`chart_title_off`).
    public func hideTitle() {
        guard state.isOpen else { return }
        chart_title_off(handle)
    }

    /// Sets the X (horizontal) axis title (`chart_axis_set_name`).
    public func setXAxisTitle(_ title: String) { setAxisTitle(.x, title) }

    /// Sets the Y (vertical) axis title (`chart_axis_set_name`).
    public func setYAxisTitle(_ title: String) { setAxisTitle(.y, title) }

    /// Sets an axis title (`chart_axis_set_name`).
    public func setAxisTitle(_ axis: ChartAxis, _ title: String) {
        guard accept(title, operation: "chart_axis_set_name"), let axisHandle = axisHandle(axis, "chart_axis_set_name") else { return }
        chart_axis_set_name(axisHandle, title)
    }

    /// Sets the Y axis number format, e.g. "#,##0" (`chart_axis_set_num_format`).
    public func setYAxisNumberFormat(_ format: String) { setAxisNumberFormat(.y, format) }

    /// Sets an axis number format (`chart_axis_set_num_format`); for bar charts the value axis is `.x`.
    public func setAxisNumberFormat(_ axis: ChartAxis, _ format: String) {
        guard accept(format, operation: "chart_axis_set_num_format"),
            let axisHandle = axisHandle(axis, "chart_axis_set_num_format")
        else { return }
        chart_axis_set_num_format(axisHandle, format)
    }

    /// Sets the Y axis minimum (`chart_axis_set_min`).
    public func setYAxisMin(_ value: Double) { setAxisMin(.y, value) }

    /// Sets the Y axis maximum (`chart_axis_set_max`).
    public func setYAxisMax(_ value: Double) { setAxisMax(.y, value) }

    /// Sets an axis minimum (`chart_axis_set_min`).
    public func setAxisMin(_ axis: ChartAxis, _ value: Double) {
        guard acceptNumber(value, "chart_axis_set_min"), let axisHandle = axisHandle(axis, "chart_axis_set_min") else { return }
        chart_axis_set_min(axisHandle, value)
    }

    /// Sets an axis maximum (`chart_axis_set_max`).
    public func setAxisMax(_ axis: ChartAxis, _ value: Double) {
        guard acceptNumber(value, "chart_axis_set_max"), let axisHandle = axisHandle(axis, "chart_axis_set_max") else { return }
        chart_axis_set_max(axisHandle, value)
    }

    /// Shows or hides major gridlines of an axis (`chart_axis_major_gridlines_set_visible`).
    public func setMajorGridlines(_ axis: ChartAxis, visible: Bool) {
        guard state.isOpen, let axisHandle = axisHandle(axis, "chart_axis_major_gridlines_set_visible") else { return }
        chart_axis_major_gridlines_set_visible(axisHandle, visible ? 1 : 0)
    }

    /// Puts an axis's labels at the low end of the other axis (`chart_axis_set_label_position`, LOW):
    /// below the plot area, so that category names do not sit on top of negative bars.
    public func setLabelsLow(_ axis: ChartAxis) {
        guard state.isOpen, let axisHandle = axisHandle(axis, "chart_axis_set_label_position") else { return }
        chart_axis_set_label_position(axisHandle, UInt8(LXW_CHART_AXIS_LABEL_POSITION_LOW.rawValue))
    }

    /// Reverses the order of an axis (`chart_axis_set_reverse`): for a bar chart's category axis (`.y`),
    /// the first category at the top, as it is read.
    public func setReversed(_ axis: ChartAxis) {
        guard state.isOpen, let axisHandle = axisHandle(axis, "chart_axis_set_reverse") else { return }
        chart_axis_set_reverse(axisHandle)
    }

    /// Makes the other axis cross this one at its maximum (`chart_axis_set_crossing_max`): with a
    /// reversed category axis, the value axis then stays at the bottom of a bar chart.
    public func setCrossingAtMaximum(_ axis: ChartAxis) {
        guard state.isOpen, let axisHandle = axisHandle(axis, "chart_axis_set_crossing_max") else { return }
        chart_axis_set_crossing_max(axisHandle)
    }

    /// Sets the size in points of an axis's numbers or category names (`chart_axis_set_num_font`).
    public func setAxisFontSize(_ axis: ChartAxis, _ size: Double) {
        guard acceptNumber(size, "chart_axis_set_num_font"), let axisHandle = axisHandle(axis, "chart_axis_set_num_font") else { return }
        var font = lxw_chart_font()
        font.size = size
        chart_axis_set_num_font(axisHandle, &font)
    }

    /// Plots data in hidden rows and columns too (`chart_show_hidden_data`), so a chart can read a
    /// helper column that the printed sheet does not show.
    public func showHiddenData() {
        guard state.isOpen else { return }
        chart_show_hidden_data(handle)
    }

    /// Positions or removes the legend, e.g. `.bottom` or `.none` (`chart_legend_set_position`).
    public func setLegend(position: LegendPosition) {
        guard state.isOpen else { return }
        chart_legend_set_position(handle, position.lxw)
    }

    /// Chooses one of Excel's 48 built-in chart styles (`chart_set_style`).
    public func setStyle(_ style: Int) {
        guard state.isOpen else { return }
        guard (1...48).contains(style), let id = UInt8(exactly: style) else {
            state.record(.invalidArgument(operation: "chart_set_style", sheet: nil, cell: nil, message: "style \(style) is outside 1...48"))
            return
        }
        chart_set_style(handle, id)
    }

    /// Sets the gap between bar/column groups in percent of bar width, 0...500 (`chart_set_series_gap`).
    public func setGapWidth(_ percent: Int) {
        guard state.isOpen else { return }
        guard (0...500).contains(percent), let gap = UInt16(exactly: percent) else {
            state.record(
                .invalidArgument(
                    operation: "chart_set_series_gap", sheet: nil, cell: nil, message: "gap \(percent)% is outside 0...500"))
            return
        }
        chart_set_series_gap(handle, gap)
    }

    /// Sets the overlap of bars/columns in percent, -100...100 (`chart_set_series_overlap`).
    public func setSeriesOverlap(_ percent: Int) {
        guard state.isOpen else { return }
        guard (-100...100).contains(percent), let overlap = Int8(exactly: percent) else {
            state.record(
                .invalidArgument(
                    operation: "chart_set_series_overlap", sheet: nil, cell: nil, message: "overlap \(percent)% is outside -100...100"))
            return
        }
        chart_set_series_overlap(handle, overlap)
    }

    /// Makes a value axis logarithmic with `base` in 2...1000 (`chart_axis_set_log_base`); for a scatter
    /// chart both axes are value axes, for column and line charts only `.y`.
    public func setLogBase(_ axis: ChartAxis, _ base: Int) {
        guard state.isOpen else { return }
        guard (2...1000).contains(base), let value = UInt16(exactly: base) else {
            state.record(
                .invalidArgument(
                    operation: "chart_axis_set_log_base", sheet: nil, cell: nil, message: "log base \(base) is outside 2...1000"))
            return
        }
        guard kind.isScatter || axis == .y || kind == .bar || kind == .barStacked || kind == .barStackedPercent else {
            state.record(
                .invalidArgument(
                    operation: "chart_axis_set_log_base", sheet: nil, cell: nil,
                    message: "the \(axis) axis of a \(kind) chart is no value axis"))
            return
        }
        guard let axisHandle = axisHandle(axis, "chart_axis_set_log_base") else { return }
        chart_axis_set_log_base(axisHandle, value)
    }

    /// Sets the size in points of the legend's text (`chart_legend_set_font`).
    public func setLegendFontSize(_ size: Double) {
        guard acceptNumber(size, "chart_legend_set_font") else { return }
        var font = lxw_chart_font()
        font.size = size
        chart_legend_set_font(handle, &font)
    }

    /// Leaves series out of the legend by their index in `series`, e.g. the second line of a pair that
    /// the first one names (`chart_legend_delete_series`).
    public func hideFromLegend(seriesAt indices: [Int]) throws {
        let operation = "chart_legend_delete_series"
        try state.ensureOpen(operation)
        guard !indices.isEmpty else { return }
        var list: [Int16] = []
        for index in indices {
            guard series.indices.contains(index), let value = Int16(exactly: index) else {
                throw XLSXError.invalidArgument(
                    operation: operation, sheet: nil, cell: nil, message: "series \(index) is not one of the chart's \(series.count)")
            }
            list.append(value)
        }
        list.append(-1)
        let err = list.withUnsafeMutableBufferPointer { chart_legend_delete_series(handle, $0.baseAddress) }
        try check(err, operation: operation)
    }

    // MARK: - Internals

    private func accept(_ text: String, operation: String) -> Bool {
        guard state.isOpen else { return false }
        do {
            try validateText(text, limit: 255, operation: operation, sheet: nil, cell: nil)
            return true
        } catch let error as XLSXError {
            state.record(error)
            return false
        } catch {
            return false
        }
    }

    private func acceptNumber(_ value: Double, _ operation: String) -> Bool {
        guard state.isOpen else { return false }
        guard value.isFinite else {
            state.record(.invalidArgument(operation: operation, sheet: nil, cell: nil, message: "\(value) is not a finite number"))
            return false
        }
        return true
    }

    private func axisHandle(_ axis: ChartAxis, _ operation: String) -> UnsafeMutablePointer<lxw_chart_axis>? {
        guard kind.hasAxes else {
            state.record(.invalidArgument(operation: operation, sheet: nil, cell: nil, message: "\(kind) charts have no axes"))
            return nil
        }
        let type = axis == .x ? LXW_CHART_AXIS_TYPE_X : LXW_CHART_AXIS_TYPE_Y
        guard let axisHandle = chart_axis_get(handle, type) else {
            state.record(.libraryError(operation: "chart_axis_get", sheet: nil, cell: nil, message: "returned NULL"))
            return nil
        }
        return axisHandle
    }
}

/// One data series of a chart (wraps `lxw_chart_series`); returned by `Chart.addSeries`.
public final class ChartSeries {
    let handle: UnsafeMutablePointer<lxw_chart_series>
    let state: WorkbookState

    init(handle: UnsafeMutablePointer<lxw_chart_series>, state: WorkbookState) {
        self.handle = handle
        self.state = state
    }

    /// Sets the series name shown in the legend (`chart_series_set_name`).
    public func setName(_ name: String) {
        guard state.isOpen else { return }
        do {
            try validateText(name, limit: 255, operation: "chart_series_set_name", sheet: nil, cell: nil)
        } catch let error as XLSXError {
            state.record(error)
            return
        } catch {
            return
        }
        chart_series_set_name(handle, name)
    }

    /// Fills bars/areas/pie slices with a solid colour 0xRRGGBB (`chart_series_set_fill`).
    public func setFillColor(_ rgb: UInt32) {
        guard acceptColor(rgb, "chart_series_set_fill") else { return }
        var fill = lxw_chart_fill()
        fill.color = lxwColor(rgb)
        chart_series_set_fill(handle, &fill)
    }

    /// Sets the line (or bar border) colour 0xRRGGBB, optional width in points and dash
    /// (`chart_series_set_line`). In a scatter chart a series draws a line only once this is set.
    public func setLineColor(_ rgb: UInt32, width: Double? = nil, dash: LineDash = .solid) {
        guard acceptColor(rgb, "chart_series_set_line") else { return }
        var line = lxw_chart_line()
        line.color = lxwColor(rgb)
        line.dash_type = dash.lxw
        if let width {
            guard width.isFinite, width > 0, width <= 1584 else {
                state.record(
                    .invalidArgument(
                        operation: "chart_series_set_line", sheet: nil, cell: nil, message: "line width \(width) is outside 0...1584"))
                return
            }
            line.width = Float(width)
        }
        chart_series_set_line(handle, &line)
    }

    /// Colours individual points (pie slices, single bars); nil keeps a point's default colour (`chart_series_set_points`).
    public func setPointColors(_ colors: [UInt32?]) throws {
        let operation = "chart_series_set_points"
        try state.ensureOpen(operation)
        guard !colors.isEmpty else { return }
        for color in colors.compactMap({ $0 }) where color > 0xFF_FFFF {
            throw XLSXError.invalidArgument(
                operation: operation, sheet: nil, cell: nil,
                message: "colour 0x\(String(color, radix: 16, uppercase: true)) is not 0xRRGGBB")
        }
        // libxlsxwriter takes a NULL-terminated array of point pointers and copies everything during the call.
        var fills = colors.map { color -> lxw_chart_fill in
            var fill = lxw_chart_fill()
            fill.color = color.map(lxwColor) ?? 0
            return fill
        }
        let err: lxw_error = fills.withUnsafeMutableBufferPointer { fillBuffer in
            guard let fillBase = fillBuffer.baseAddress else { return LXW_ERROR_NULL_PARAMETER_IGNORED }
            var points = colors.indices.map { i in
                lxw_chart_point(line: nil, fill: colors[i] == nil ? nil : fillBase + i, pattern: nil)
            }
            return points.withUnsafeMutableBufferPointer { pointBuffer in
                guard let pointBase = pointBuffer.baseAddress else { return LXW_ERROR_NULL_PARAMETER_IGNORED }
                var pointers: [UnsafeMutablePointer<lxw_chart_point>?] = colors.indices.map { pointBase + $0 }
                pointers.append(nil)
                return pointers.withUnsafeMutableBufferPointer { chart_series_set_points(handle, $0.baseAddress) }
            }
        }
        try check(err, operation: operation)
    }

    /// Sets the size in points of the series' data labels (`chart_series_set_labels_font`).
    public func setDataLabelFontSize(_ size: Double) {
        guard state.isOpen, size.isFinite, size > 0 else { return }
        var font = lxw_chart_font()
        font.size = size
        chart_series_set_labels_font(handle, &font)
    }

    /// Shows value labels on the series, optionally with a number format such as "0.0%" (`chart_series_set_labels`,
    /// `chart_series_set_labels_num_format`); `show: false` leaves labels off (the default), since C cannot remove them.
    public func setDataLabels(show: Bool = true, numberFormat: String? = nil) {
        guard state.isOpen, show else { return }
        if let numberFormat {
            do {
                try validateText(numberFormat, limit: 255, operation: "chart_series_set_labels_num_format", sheet: nil, cell: nil)
            } catch let error as XLSXError {
                state.record(error)
                return
            } catch {
                return
            }
        }
        chart_series_set_labels(handle)
        if let numberFormat { chart_series_set_labels_num_format(handle, numberFormat) }
    }

    /// Sets the points' symbol, and optionally its size in points (2...72), fill and border colours
    /// 0xRRGGBB (`chart_series_set_marker_type`, `_size`, `_fill`, `_line`).
    public func setMarker(_ marker: ChartMarker, size: Int? = nil, fill: UInt32? = nil, border: UInt32? = nil) {
        guard state.isOpen else { return }
        if let size {
            guard (2...72).contains(size), let value = UInt8(exactly: size) else {
                state.record(
                    .invalidArgument(
                        operation: "chart_series_set_marker_size", sheet: nil, cell: nil, message: "marker size \(size) is outside 2...72"))
                return
            }
            chart_series_set_marker_type(handle, marker.lxw)
            chart_series_set_marker_size(handle, value)
        } else {
            chart_series_set_marker_type(handle, marker.lxw)
        }
        if let fill, acceptColor(fill, "chart_series_set_marker_fill") {
            var value = lxw_chart_fill()
            value.color = lxwColor(fill)
            chart_series_set_marker_fill(handle, &value)
        }
        if let border, acceptColor(border, "chart_series_set_marker_line") {
            var value = lxw_chart_line()
            value.color = lxwColor(border)
            chart_series_set_marker_line(handle, &value)
        }
    }

    /// Draws the series' line as a smooth curve through its points (`chart_series_set_smooth`).
    public func setSmooth(_ smooth: Bool) {
        guard state.isOpen else { return }
        chart_series_set_smooth(handle, smooth ? 1 : 0)
    }

    /// Places the series' data labels relative to their points (`chart_series_set_labels_position`).
    public func setDataLabelPosition(_ position: DataLabelPosition) {
        guard state.isOpen else { return }
        chart_series_set_labels_position(handle, position.lxw)
    }

    /// Gives points their own labels, in point order: a text, a cell's text, none, or the ordinary
    /// label; points after the list keep the ordinary label (`chart_series_set_labels_custom`). Turns the
    /// labels on. A `fontSize` applies to every custom label.
    public func setCustomDataLabels(_ labels: [ChartDataLabel], fontSize: Double? = nil) throws {
        let operation = "chart_series_set_labels_custom"
        try state.ensureOpen(operation)
        guard !labels.isEmpty else { return }
        if let fontSize, !(fontSize.isFinite && fontSize > 0) {
            throw XLSXError.invalidArgument(operation: operation, sheet: nil, cell: nil, message: "font size \(fontSize) is not above 0")
        }
        var texts: [String?] = []
        for label in labels {
            switch label {
            case .standard, .hidden: texts.append(nil)
            case .text(let text):
                try validateText(text, limit: 255, operation: operation, sheet: nil, cell: nil)
                // A text starting with "=" would be taken for a formula.
                guard !text.hasPrefix("=") else {
                    throw XLSXError.invalidArgument(operation: operation, sheet: nil, cell: nil, message: "label «\(text)» starts with =")
                }
                texts.append(text)
            case .cell(let range):
                try range.validate(operation: operation)
                guard range.firstRow == range.lastRow, range.firstColumn == range.lastColumn else {
                    throw XLSXError.invalidArgument(
                        operation: operation, sheet: range.sheet, cell: range.absoluteReference, message: "a label refers to one cell")
                }
                state.sheetReferences.append((operation: operation, fromSheet: nil, target: range.sheet))
                texts.append(range.formula)
            }
        }
        // libxlsxwriter copies texts, fonts and labels during the call; the C strings live until it returns.
        var font = lxw_chart_font()
        font.size = fontSize ?? 0
        let cStrings = texts.map { $0.map { strdup($0) } }
        defer { cStrings.forEach { free($0 ?? nil) } }
        let err: lxw_error = withUnsafeMutablePointer(to: &font) { fontPointer in
            var values = labels.indices.map { index -> lxw_chart_data_label in
                var label = lxw_chart_data_label()
                label.value = cStrings[index] ?? nil
                switch labels[index] {
                case .hidden: label.hide = 1
                case .text, .cell: label.font = fontSize == nil ? nil : fontPointer
                case .standard: break
                }
                return label
            }
            return values.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return LXW_ERROR_NULL_PARAMETER_IGNORED }
                var pointers: [UnsafeMutablePointer<lxw_chart_data_label>?] = buffer.indices.map { base + $0 }
                pointers.append(nil)
                return pointers.withUnsafeMutableBufferPointer { chart_series_set_labels_custom(handle, $0.baseAddress) }
            }
        }
        try check(err, operation: operation)
    }

    private func acceptColor(_ rgb: UInt32, _ operation: String) -> Bool {
        guard state.isOpen else { return false }
        guard rgb <= 0xFF_FFFF else {
            state.record(
                .invalidArgument(
                    operation: operation, sheet: nil, cell: nil,
                    message: "colour 0x\(String(rgb, radix: 16, uppercase: true)) is not 0xRRGGBB"))
            return false
        }
        return true
    }
}
