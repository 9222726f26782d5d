import CXLSXWriter

/// Horizontal cell alignment (`format_set_align`).
public enum HorizontalAlignment: Hashable, Sendable {
    /// LXW_ALIGN_LEFT.
    case left
    /// LXW_ALIGN_CENTER.
    case center
    /// LXW_ALIGN_RIGHT.
    case right
    /// LXW_ALIGN_FILL.
    case fill
    /// LXW_ALIGN_JUSTIFY.
    case justify
    /// LXW_ALIGN_CENTER_ACROSS.
    case centerAcrossSelection
    /// LXW_ALIGN_DISTRIBUTED.
    case distributed

    var lxw: lxw_format_alignments {
        switch self {
        case .left: return LXW_ALIGN_LEFT
        case .center: return LXW_ALIGN_CENTER
        case .right: return LXW_ALIGN_RIGHT
        case .fill: return LXW_ALIGN_FILL
        case .justify: return LXW_ALIGN_JUSTIFY
        case .centerAcrossSelection: return LXW_ALIGN_CENTER_ACROSS
        case .distributed: return LXW_ALIGN_DISTRIBUTED
        }
    }
}

/// Vertical cell alignment (`format_set_align`).
public enum VerticalAlignment: Hashable, Sendable {
    /// LXW_ALIGN_VERTICAL_TOP.
    case top
    /// LXW_ALIGN_VERTICAL_CENTER.
    case center
    /// LXW_ALIGN_VERTICAL_BOTTOM.
    case bottom
    /// LXW_ALIGN_VERTICAL_JUSTIFY.
    case justify
    /// LXW_ALIGN_VERTICAL_DISTRIBUTED.
    case distributed

    var lxw: lxw_format_alignments {
        switch self {
        case .top: return LXW_ALIGN_VERTICAL_TOP
        case .center: return LXW_ALIGN_VERTICAL_CENTER
        case .bottom: return LXW_ALIGN_VERTICAL_BOTTOM
        case .justify: return LXW_ALIGN_VERTICAL_JUSTIFY
        case .distributed: return LXW_ALIGN_VERTICAL_DISTRIBUTED
        }
    }
}

/// Cell border line style (`format_set_border` and friends).
public enum BorderStyle: Hashable, Sendable {
    /// LXW_BORDER_THIN.
    case thin
    /// LXW_BORDER_MEDIUM.
    case medium
    /// LXW_BORDER_THICK.
    case thick
    /// LXW_BORDER_DASHED.
    case dashed
    /// LXW_BORDER_DOTTED.
    case dotted
    /// LXW_BORDER_DOUBLE.
    case double
    /// LXW_BORDER_HAIR.
    case hair

    var lxw: UInt8 {
        let value: lxw_format_borders
        switch self {
        case .thin: value = LXW_BORDER_THIN
        case .medium: value = LXW_BORDER_MEDIUM
        case .thick: value = LXW_BORDER_THICK
        case .dashed: value = LXW_BORDER_DASHED
        case .dotted: value = LXW_BORDER_DOTTED
        case .double: value = LXW_BORDER_DOUBLE
        case .hair: value = LXW_BORDER_HAIR
        }
        return UInt8(truncatingIfNeeded: value.rawValue)
    }
}

/// A value description of a cell format; `Workbook.style(_:)` turns it into a cached `Format` (`workbook_add_format`).
///
/// Colours are 0xRRGGBB. `border` sets all four sides; `topBorder`/`bottomBorder`/`leftBorder`/`rightBorder` override one side.
public struct CellStyle: Hashable, Sendable {
    /// Bold font (`format_set_bold`).
    public var bold: Bool
    /// Italic font (`format_set_italic`).
    public var italic: Bool
    /// Single underline (`format_set_underline`).
    public var underline: Bool
    /// Font name, e.g. "Calibri" (`format_set_font_name`).
    public var fontName: String?
    /// Font size in points (`format_set_font_size`).
    public var fontSize: Double?
    /// Font colour 0xRRGGBB (`format_set_font_color`).
    public var fontColor: UInt32?
    /// Solid fill colour 0xRRGGBB (`format_set_bg_color`).
    public var backgroundColor: UInt32?
    /// Excel number format, e.g. "#,##0.0" (`format_set_num_format`).
    public var numberFormat: String?
    /// Horizontal alignment (`format_set_align`).
    public var horizontalAlignment: HorizontalAlignment?
    /// Vertical alignment (`format_set_align`).
    public var verticalAlignment: VerticalAlignment?
    /// Wrap text in the cell (`format_set_text_wrap`).
    public var wrapText: Bool
    /// Border on all four sides (`format_set_border`).
    public var border: BorderStyle?
    /// Bottom border, overriding `border` (`format_set_bottom`).
    public var bottomBorder: BorderStyle?
    /// Top border, overriding `border` (`format_set_top`).
    public var topBorder: BorderStyle?
    /// Left border, overriding `border` (`format_set_left`).
    public var leftBorder: BorderStyle?
    /// Right border, overriding `border` (`format_set_right`).
    public var rightBorder: BorderStyle?
    /// Colour of all borders 0xRRGGBB (`format_set_border_color`).
    public var borderColor: UInt32?
    /// Indent level 0...15 (`format_set_indent`); Excel only indents left/right/distributed text, so libxlsxwriter
    /// turns other horizontal alignments into left when an indent is set.
    public var indent: Int
    /// Text rotation in degrees, -90...90, or 270 for stacked text (`format_set_rotation`).
    public var textRotation: Int?

    /// Memberwise initializer; every property has a default (plain General format); no C call.
    public init(
        bold: Bool = false, italic: Bool = false, underline: Bool = false,
        fontName: String? = nil, fontSize: Double? = nil, fontColor: UInt32? = nil,
        backgroundColor: UInt32? = nil, numberFormat: String? = nil,
        horizontalAlignment: HorizontalAlignment? = nil, verticalAlignment: VerticalAlignment? = nil,
        wrapText: Bool = false, border: BorderStyle? = nil, bottomBorder: BorderStyle? = nil,
        topBorder: BorderStyle? = nil, leftBorder: BorderStyle? = nil, rightBorder: BorderStyle? = nil,
        borderColor: UInt32? = nil, indent: Int = 0, textRotation: Int? = nil
    ) {
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.fontName = fontName
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.backgroundColor = backgroundColor
        self.numberFormat = numberFormat
        self.horizontalAlignment = horizontalAlignment
        self.verticalAlignment = verticalAlignment
        self.wrapText = wrapText
        self.border = border
        self.bottomBorder = bottomBorder
        self.topBorder = topBorder
        self.leftBorder = leftBorder
        self.rightBorder = rightBorder
        self.borderColor = borderColor
        self.indent = indent
        self.textRotation = textRotation
    }

    /// Problems libxlsxwriter would silently truncate or write as invalid XML; nil when the style is fine.
    func problem() -> (operation: String, message: String)? {
        // lxw_format stores these in fixed 128-byte buffers and truncates longer strings silently.
        let fieldBytes = Int(LXW_FORMAT_FIELD_LEN) - 1
        if let numberFormat {
            if numberFormat.utf8.count > fieldBytes || numberFormat.utf8.contains(0) {
                return ("format_set_num_format", "number format must be 1...\(fieldBytes) UTF-8 bytes without NUL")
            }
        }
        if let fontName {
            if fontName.isEmpty || fontName.utf16.count > 31 || fontName.utf8.contains(0) {
                return ("format_set_font_name", "font name must be 1...31 characters without NUL")
            }
        }
        if let fontSize, !(fontSize.isFinite && fontSize >= 1 && fontSize <= 409) {
            return ("format_set_font_size", "font size \(fontSize) is outside 1...409")
        }
        if !(0...15).contains(indent) {
            return ("format_set_indent", "indent \(indent) is outside 0...15")
        }
        if let textRotation, !((-90...90).contains(textRotation) || textRotation == 270) {
            return ("format_set_rotation", "rotation \(textRotation) must be -90...90 or 270")
        }
        for color in [fontColor, backgroundColor, borderColor].compactMap({ $0 }) where color > 0xFF_FFFF {
            return ("format_set_*_color", "colour 0x\(String(color, radix: 16, uppercase: true)) is not 0xRRGGBB")
        }
        return nil
    }

    /// Applies every set property to a fresh `lxw_format` (all `format_set_*` calls).
    func apply(to format: UnsafeMutablePointer<lxw_format>) {
        if bold { format_set_bold(format) }
        if italic { format_set_italic(format) }
        if underline { format_set_underline(format, UInt8(LXW_UNDERLINE_SINGLE.rawValue)) }
        if let fontName { format_set_font_name(format, fontName) }
        if let fontSize { format_set_font_size(format, fontSize) }
        if let fontColor { format_set_font_color(format, lxwColor(fontColor)) }
        if let backgroundColor {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, lxwColor(backgroundColor))
        }
        if let numberFormat { format_set_num_format(format, numberFormat) }
        if let horizontalAlignment { format_set_align(format, UInt8(horizontalAlignment.lxw.rawValue)) }
        if let verticalAlignment { format_set_align(format, UInt8(verticalAlignment.lxw.rawValue)) }
        if wrapText { format_set_text_wrap(format) }
        if let border { format_set_border(format, border.lxw) }
        if let topBorder { format_set_top(format, topBorder.lxw) }
        if let bottomBorder { format_set_bottom(format, bottomBorder.lxw) }
        if let leftBorder { format_set_left(format, leftBorder.lxw) }
        if let rightBorder { format_set_right(format, rightBorder.lxw) }
        if let borderColor { format_set_border_color(format, lxwColor(borderColor)) }
        if indent > 0 { format_set_indent(format, UInt8(clamping: indent)) }
        if let textRotation { format_set_rotation(format, Int16(clamping: textRotation)) }
    }
}

/// A cell format registered in one workbook (wraps an `lxw_format` from `workbook_add_format`); get it from `Workbook.style(_:)`.
public final class Format {
    /// The style this format was built from.
    public let style: CellStyle
    /// nil when the style was rejected; `problem` then says why.
    let handle: UnsafeMutablePointer<lxw_format>?
    let problem: String?
    let state: WorkbookState

    init(style: CellStyle, handle: UnsafeMutablePointer<lxw_format>?, problem: String?, state: WorkbookState) {
        self.style = style
        self.handle = handle
        self.problem = problem
        self.state = state
    }

    /// The C pointer to pass to libxlsxwriter, after checking the format is usable in this workbook.
    func resolve(for state: WorkbookState, operation: String, sheet: String?, cell: String?) throws -> UnsafeMutablePointer<lxw_format> {
        guard self.state === state else {
            throw XLSXError.invalidArgument(
                operation: operation, sheet: sheet, cell: cell, message: "format belongs to a different workbook")
        }
        guard let handle else {
            throw XLSXError.invalidArgument(
                operation: operation, sheet: sheet, cell: cell, message: "unusable format: \(problem ?? "unknown problem")")
        }
        return handle
    }
}

extension Optional where Wrapped == Format {
    /// `resolve` for optional formats: nil stays nil (libxlsxwriter's default format).
    func resolve(for state: WorkbookState, operation: String, sheet: String?, cell: String?) throws -> UnsafeMutablePointer<lxw_format>? {
        guard let format = self else { return nil }
        return try format.resolve(for: state, operation: operation, sheet: sheet, cell: cell)
    }
}
