import CXLSXWriter

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

    /// Sets the line (or bar border) colour 0xRRGGBB and optional width in points (`chart_series_set_line`).
    public func setLineColor(_ rgb: UInt32, width: Double? = nil) {
        guard acceptColor(rgb, "chart_series_set_line") else { return }
        var line = lxw_chart_line()
        line.color = lxwColor(rgb)
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
