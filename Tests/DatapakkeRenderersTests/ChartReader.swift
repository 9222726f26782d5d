import DatapakkeTestSupport
import Foundation

/// The charts of a workbook as `Readers/read_charts.py` reads them from the XML parts: per sheet, in
/// the drawing's order, with every series' ranges, cached numbers and texts, marker, line and custom
/// data labels (openpyxl does not keep a custom label's text).
struct ReadCharts: Decodable {
    struct Label: Decodable {
        var index: Int
        var deleted: Bool
        var text: String?
        var position: String?
    }

    struct Series: Decodable {
        var name: String?
        var x: String?
        var xCache: [String]?
        var y: String?
        var yCache: [String]?
        var categories: String?
        var values: String?
        var line: Bool
        var dash: String?
        var marker: String?
        var markerSize: String?
        var smooth: Bool
        var labels: [Label]

        /// The cached points as numbers, (x, y) in order.
        var points: [(x: Double, y: Double)] {
            zip(xCache ?? [], yCache ?? []).compactMap { x, y in Double(x).flatMap { x in Double(y).map { (x, $0) } } }
        }
    }

    struct Chart: Decodable {
        var part: String
        var type: String?
        var title: String?
        var axisTitles: [String?]
        var logBases: [String?]
        var axisBounds: [[String?]]
        var legendDeleted: [Int]
        var series: [Series]
        var row: Int

        /// The legend as a reader sees it: the names of the series not left out, in order.
        var legend: [String] {
            series.enumerated().filter { !legendDeleted.contains($0.offset) }.compactMap(\.element.name)
        }
    }

    struct Sheet: Decodable {
        var name: String
        var part: String
        var charts: [Chart]
    }

    var sheets: [Sheet]

    func sheet(_ name: String) -> Sheet? { sheets.first { $0.name == name } }

    static func read(_ path: String) throws -> ReadCharts {
        let script = packageRoot + "/Tests/DatapakkeRenderersTests/Readers/read_charts.py"
        let output = try Python.run([script, path]).checked()
        return try JSONDecoder().decode(ReadCharts.self, from: Data(output.stdout.utf8))
    }
}
