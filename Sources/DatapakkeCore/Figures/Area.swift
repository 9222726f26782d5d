/// The level of an area in a table: a municipality, a cluster, a region, the whole country, or the
/// cluster's similar clusters taken together (docs/similar-councils.md).
public enum AreaLevel: String, Sendable, Hashable, Codable {
    case municipality = "kommune"
    case cluster = "klynge"
    case region = "region"
    case country = "land"
    case similar = "sammenlignelige"
}

/// A set of municipalities (with shares) that a figure is computed for.
public struct Area: Sendable, Hashable, Codable {
    public var level: AreaLevel
    public var id: String
    public var name: String
    public var members: [ClusterMember]

    public init(level: AreaLevel, id: String, name: String, members: [ClusterMember]) {
        self.level = level
        self.id = id
        self.name = name
        self.members = members
    }

    /// The id of the whole country.
    public static let countryID = "DK"

    /// The area's cell in the published tables; nil for a group of similar clusters, which is no
    /// cell of the linked sums but a sum of cluster cells (docs/similar-councils.md#small-numbers).
    public var key: CellKey? {
        switch level {
        case .municipality: return members.first.map { .municipality($0.code) } ?? .cluster(id)
        case .cluster: return .cluster(id)
        case .region: return .region(id)
        case .country: return .country
        case .similar: return nil
        }
    }

    /// A cluster as an area.
    public static func cluster(_ cluster: Cluster) -> Area {
        Area(level: .cluster, id: cluster.id, name: cluster.name, members: cluster.members)
    }

    /// One whole municipality.
    public static func municipality(_ municipality: Municipality) -> Area {
        Area(
            level: .municipality, id: String(municipality.code), name: municipality.name, members: [ClusterMember(code: municipality.code)])
    }

    /// A region of a definition set: every cluster with that region, shares of split municipalities added up.
    public static func region(_ region: String, in definitions: ClusterDefinitionSet) -> Area {
        var shares: [MunicipalityCode: Double] = [:]
        for cluster in definitions.clusters where cluster.region == region {
            for member in cluster.members { shares[member.code, default: 0] += member.share }
        }
        let members = shares.keys.sorted().map { ClusterMember(code: $0, share: min(1, shares[$0] ?? 0)) }
        let name = region.lowercased().hasPrefix("region") ? region : "Region \(region)"
        return Area(level: .region, id: region, name: name, members: members)
    }

    /// The whole country: every municipality of the register.
    public static func country(_ register: MunicipalityRegister) -> Area {
        Area(level: .country, id: countryID, name: "Hele landet", members: register.municipalities.map { ClusterMember(code: $0.code) })
    }
}
