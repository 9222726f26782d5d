import Foundation

/// What makes two councils (or two municipalities) similar: the profile variables with their weights,
/// and how many of the most similar ones each gets (`Templates/sammenlignelige.yaml`,
/// docs/similar-councils.md). Read by `SimilarityProfileLoader`.
public struct SimilarityProfile: Sendable, Hashable {
    /// How a variable's value enters the distance before it is standardised.
    public enum Transformation: String, Sendable, Hashable, CaseIterable {
        /// The value as the indicator gives it.
        case none = "ingen"
        /// The natural logarithm, for sizes: 50.000 against 100.000 residents is as far apart as
        /// 200.000 against 400.000.
        case logarithm = "log"
    }

    /// One variable of the profile: a catalogue indicator, its weight and its transformation.
    public struct Variable: Sendable, Hashable {
        public var indicatorID: String
        public var weight: Double
        public var transformation: Transformation
        /// Where the variable is in the profile file, for messages.
        public var location: SourceLocation

        public init(indicatorID: String, weight: Double = 1, transformation: Transformation = .none, location: SourceLocation) {
            self.indicatorID = indicatorID
            self.weight = weight
            self.transformation = transformation
            self.location = location
        }
    }

    public var variables: [Variable]
    /// The indicators given only as a rate whose opportunity is counted, with the population the rate
    /// is per, and the words for what fractions count (`muligheder`); fractions with a direction have
    /// one without being listed (docs/similar-councils.md#the-opportunity).
    public var opportunities: [OpportunityRule]
    /// The most similar clusters each cluster is compared with.
    public var clusterNeighbours: Int
    /// The most similar municipalities each municipality is named with.
    public var municipalityNeighbours: Int
    /// Where the two numbers are in the file, for messages about them.
    public var clusterNeighboursLocation: SourceLocation
    public var municipalityNeighboursLocation: SourceLocation
    /// The file as messages name it.
    public var file: String

    public init(
        variables: [Variable], opportunities: [OpportunityRule] = [], clusterNeighbours: Int, municipalityNeighbours: Int, file: String,
        clusterNeighboursLocation: SourceLocation? = nil, municipalityNeighboursLocation: SourceLocation? = nil
    ) {
        self.variables = variables
        self.opportunities = opportunities
        self.clusterNeighbours = clusterNeighbours
        self.municipalityNeighbours = municipalityNeighbours
        self.file = file
        self.clusterNeighboursLocation = clusterNeighboursLocation ?? SourceLocation(file: file)
        self.municipalityNeighboursLocation = municipalityNeighboursLocation ?? SourceLocation(file: file)
    }

    /// The file's name in the templates folder.
    public static let fileName = "sammenlignelige.yaml"
}
