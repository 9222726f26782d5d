import DatapakkeCore

extension BarChart.Kind {
    /// The kind of bar a table row of this level is drawn as.
    init(_ level: AreaLevel) {
        switch level {
        case .municipality: self = .municipality
        case .cluster: self = .cluster
        case .region: self = .region
        case .similar: self = .similar
        case .country: self = .country
        }
    }
}
