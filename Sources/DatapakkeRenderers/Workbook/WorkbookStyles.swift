import DatapakkeCore
import XLSXWriter

/// The house colours of the pack, as 0xRRGGBB.
enum Palette {
    static let ink: UInt32 = 0x1F2933
    static let muted: UInt32 = 0x52606D
    static let accent: UInt32 = 0x0B4F6C  // headings, the council's bars
    static let municipality: UInt32 = 0x5FA8D3  // municipalities' bars
    static let region: UInt32 = 0x9AA5B1
    static let country: UInt32 = 0x323F4B
    static let headerFill: UInt32 = 0xE4E7EB
    // Chart bars, by lightness (luma ≈ 62, 108, 138, 171, 219): distinct in greyscale too.
    static let barCouncil: UInt32 = 0x0B4F6C
    static let barCountry: UInt32 = 0x616E7C
    static let barMunicipality: UInt32 = 0x7FB8DE
    static let barRegion: UInt32 = 0xD5DBE1
    // The similar clusters' bar, between the country and the municipalities in lightness (luma ≈ 138).
    static let barSimilar: UInt32 = 0x5BA08F
    static let clusterFill: UInt32 = 0xD9EAF3
    static let levelFill: UInt32 = 0xF5F7FA
    static let warningFill: UInt32 = 0xFDECC8
    static let warningInk: UInt32 = 0x8D2B0B
    static let green: UInt32 = 0x1E7B34
    static let yellow: UInt32 = 0xB07D00
    static let red: UInt32 = 0xB3261E
}

/// The cell styles used across the workbook, created once per workbook.
struct WorkbookStyles {
    let title, subtitle, heading, subheading, text, muted, note, warning, link, bullet: Format
    /// Running text and a bold label that wrap inside their (merged) cells, for `writeWrapped`: a
    /// long line never runs past the page's right edge.
    let wrappedText, wrappedSubheading: Format
    let tableHeader, tableHeaderRight, name, clusterName, levelName: Format
    /// A name under a group's label (the overview's rows of a group's members).
    let indentedName: Format
    let marker, clusterMarker, levelMarker: Format
    let coverage: Format
    private let workbook: Workbook

    init(_ workbook: Workbook) {
        self.workbook = workbook
        let font = "Calibri"
        title = workbook.style(CellStyle(bold: true, fontName: font, fontSize: 20, fontColor: Palette.accent))
        subtitle = workbook.style(CellStyle(fontName: font, fontSize: 13, fontColor: Palette.muted))
        heading = workbook.style(CellStyle(bold: true, fontName: font, fontSize: 14, fontColor: Palette.accent))
        subheading = workbook.style(CellStyle(bold: true, fontName: font, fontSize: 11, fontColor: Palette.ink, verticalAlignment: .top))
        text = workbook.style(CellStyle(fontName: font, fontSize: 11, fontColor: Palette.ink, verticalAlignment: .top))
        wrappedText = workbook.style(
            CellStyle(fontName: font, fontSize: 11, fontColor: Palette.ink, verticalAlignment: .top, wrapText: true))
        wrappedSubheading = workbook.style(
            CellStyle(bold: true, fontName: font, fontSize: 11, fontColor: Palette.ink, verticalAlignment: .top, wrapText: true))
        muted = workbook.style(CellStyle(italic: true, fontName: font, fontSize: 10, fontColor: Palette.muted))
        bullet = workbook.style(
            CellStyle(
                bold: true, fontName: font, fontSize: 10, fontColor: Palette.accent, horizontalAlignment: .center, verticalAlignment: .top))
        note = workbook.style(CellStyle(fontName: font, fontSize: 10, fontColor: Palette.muted, verticalAlignment: .top, wrapText: true))
        warning = workbook.style(
            CellStyle(
                bold: true, fontName: font, fontSize: 11, fontColor: Palette.warningInk,
                backgroundColor: Palette.warningFill, verticalAlignment: .center, wrapText: true))
        link = workbook.style(CellStyle(underline: true, fontName: font, fontSize: 11, fontColor: 0x0B62A4, verticalAlignment: .top))
        tableHeader = workbook.style(
            CellStyle(
                bold: true, fontName: font, fontSize: 10, fontColor: Palette.ink, backgroundColor: Palette.headerFill,
                verticalAlignment: .center, wrapText: true, bottomBorder: .thin))
        tableHeaderRight = workbook.style(
            CellStyle(
                bold: true, fontName: font, fontSize: 10, fontColor: Palette.ink, backgroundColor: Palette.headerFill,
                horizontalAlignment: .right, verticalAlignment: .center, wrapText: true, bottomBorder: .thin))
        name = workbook.style(CellStyle(fontName: font, fontSize: 11, fontColor: Palette.ink))
        indentedName = workbook.style(CellStyle(fontName: font, fontSize: 11, fontColor: Palette.ink, indent: 1))
        clusterName = workbook.style(
            CellStyle(
                bold: true, fontName: font, fontSize: 11, fontColor: Palette.ink, backgroundColor: Palette.clusterFill, topBorder: .thin))
        levelName = workbook.style(CellStyle(fontName: font, fontSize: 11, fontColor: Palette.ink, backgroundColor: Palette.levelFill))
        marker = workbook.style(CellStyle(fontName: font, fontSize: 11, fontColor: Palette.muted, horizontalAlignment: .right))
        clusterMarker = workbook.style(
            CellStyle(
                bold: true, fontName: font, fontSize: 11, fontColor: Palette.muted, backgroundColor: Palette.clusterFill,
                horizontalAlignment: .right, topBorder: .thin))
        levelMarker = workbook.style(
            CellStyle(
                fontName: font, fontSize: 11, fontColor: Palette.muted, backgroundColor: Palette.levelFill, horizontalAlignment: .right))
        coverage = workbook.style(CellStyle(fontName: font, fontSize: 9, fontColor: Palette.muted))
    }

    /// A number cell for a row of this level, with the indicator's decimals.
    func number(decimals: Int, level: AreaLevel) -> Format {
        var style = CellStyle(
            fontName: "Calibri", fontSize: 11, fontColor: Palette.ink, numberFormat: DanishNumber.excelFormat(decimals: decimals))
        decorate(&style, level: level)
        return workbook.style(style)
    }

    /// The name cell of a row of this level.
    func rowName(_ level: AreaLevel) -> Format {
        switch level {
        case .municipality: return name
        case .cluster: return clusterName
        case .region, .country, .similar: return levelName
        }
    }

    func rowMarker(_ level: AreaLevel) -> Format {
        switch level {
        case .municipality: return marker
        case .cluster: return clusterMarker
        case .region, .country, .similar: return levelMarker
        }
    }

    /// A traffic-light mark: coloured symbol and words, so it does not rest on colour alone.
    func light(_ light: TrafficLight, level: AreaLevel) -> Format {
        let colour: UInt32
        switch light {
        case .green: colour = Palette.green
        case .yellow: colour = Palette.yellow
        case .red: colour = Palette.red
        }
        var style = CellStyle(bold: true, fontName: "Calibri", fontSize: 10, fontColor: colour)
        decorate(&style, level: level)
        return workbook.style(style)
    }

    /// A count beside a rate: a whole number, or one decimal for a council's share of a split
    /// municipality.
    func count(_ value: Double, level: AreaLevel) -> Format {
        var style = CellStyle(
            fontName: "Calibri", fontSize: 10, fontColor: Palette.muted,
            numberFormat: DanishNumber.excelFormat(decimals: value == value.rounded() ? 0 : 1))
        decorate(&style, level: level)
        return workbook.style(style)
    }

    /// A confidence interval "12,3–14,5": muted, centred text, apart from the numbers and marks beside it.
    func interval(level: AreaLevel) -> Format {
        var style = CellStyle(fontName: "Calibri", fontSize: 10, fontColor: Palette.muted, horizontalAlignment: .center)
        decorate(&style, level: level)
        return workbook.style(style)
    }

    /// A plain cell with the row's background, for empty mark cells.
    func blank(level: AreaLevel) -> Format {
        var style = CellStyle(fontName: "Calibri", fontSize: 10, fontColor: Palette.muted)
        decorate(&style, level: level)
        return workbook.style(style)
    }

    private func decorate(_ style: inout CellStyle, level: AreaLevel) {
        switch level {
        case .municipality: break
        case .cluster:
            style.bold = true
            style.backgroundColor = Palette.clusterFill
            style.topBorder = .thin
        case .region, .country, .similar:
            style.backgroundColor = Palette.levelFill
        }
    }
}
