/// A municipality's membership of a cluster, with its share when the municipality is split.
public struct ClusterMember: Sendable, Hashable, Codable {
    public var code: MunicipalityCode
    /// The share of the municipality's population and counts that belongs to the cluster (1 when whole).
    public var share: Double

    public init(code: MunicipalityCode, share: Double = 1) {
        self.code = code
        self.share = share
    }
}

/// A sundhedsråd or sundhedsklynge: a group of municipalities around one or more acute hospitals.
public struct Cluster: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var region: String
    public var acuteHospitals: [String]
    public var members: [ClusterMember]
    public var confidence: String?
    public var note: String?
    public var sources: [String]

    public init(
        id: String, name: String, region: String, acuteHospitals: [String], members: [ClusterMember],
        confidence: String? = nil, note: String? = nil, sources: [String] = []
    ) {
        self.id = id
        self.name = name
        self.region = region
        self.acuteHospitals = acuteHospitals
        self.members = members
        self.confidence = confidence
        self.note = note
        self.sources = sources
    }
}

/// What a definition set calls its clusters, which decides the Danish wording.
public enum ClusterKind: String, Sendable, Codable {
    case sundhedsraad = "sundhedsråd"
    case sundhedsklynge = "sundhedsklynge"
}

/// One map of clusters (for example the 17 sundhedsråd of 2027), as read from one file.
public struct ClusterDefinitionSet: Sendable {
    public var name: String
    public var kind: ClusterKind
    public var validFrom: Period?
    public var sources: [String]
    public var clusters: [Cluster]
    /// The file it was read from, for messages and the documentation sheet.
    public var file: String

    public init(name: String, kind: ClusterKind, validFrom: Period?, sources: [String], clusters: [Cluster], file: String) {
        self.name = name
        self.kind = kind
        self.validFrom = validFrom
        self.sources = sources
        self.clusters = clusters
        self.file = file
    }

    /// The regions of the set, in order of first appearance.
    public var regions: [String] {
        var seen: Set<String> = []
        return clusters.map(\.region).filter { seen.insert($0).inserted }
    }
}
