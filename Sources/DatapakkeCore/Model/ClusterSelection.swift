import Foundation

/// A name or id given for `--only` that matches no cluster, with the nearest id when one is close.
public struct UnknownClusterError: Error, Sendable, Equatable, CustomStringConvertible {
    public var key: String
    /// The id of the nearest cluster, when one is near enough to be a likely typo.
    public var suggestion: String?
    /// What the definition set calls its clusters ("sundhedsråd", "sundhedsklynge").
    public var kind: ClusterKind

    public var description: String {
        var text = "ukendt \(kind.rawValue) «\(key)»"
        if let suggestion { text += " – mente du \(suggestion)?" }
        return text + " Se `datapakke list` for id'er og navne."
    }
}

extension ClusterDefinitionSet {
    /// The clusters named by `keys`, in the order given, each key an id or a name. Matching ignores
    /// case, a leading "Sundhedsråd"/"Sundhedsklynge"/"Klynge", and writes æ/ø/å as ae/oe/aa, so that
    /// "SR06", "sr06", "Midt- og Vestsjælland" and "sundhedsraad midt og vestsjaelland" are one
    /// council. An empty list selects every cluster. Throws for the first key that matches none.
    public func select(_ keys: [String]) throws(UnknownClusterError) -> [Cluster] {
        guard !keys.isEmpty else { return clusters }
        var chosen: [Cluster] = []
        for key in keys {
            let cluster = try self.cluster(named: key)
            if !chosen.contains(where: { $0.id == cluster.id }) { chosen.append(cluster) }
        }
        return chosen
    }

    /// One cluster by id or name, matched as `select(_:)` does.
    public func cluster(named key: String) throws(UnknownClusterError) -> Cluster {
        let wanted = ClusterKey.normalise(key)
        if let cluster = clusters.first(where: { ClusterKey.normalise($0.id) == wanted || ClusterKey.normalise($0.name) == wanted }) {
            return cluster
        }
        throw UnknownClusterError(key: key, suggestion: nearestID(to: wanted), kind: kind)
    }

    /// The id of the cluster whose id or name is fewest edits away, if that is at most a third of the key.
    private func nearestID(to wanted: String) -> String? {
        guard !wanted.isEmpty else { return nil }
        var best: (id: String, distance: Int)?
        for cluster in clusters {
            for candidate in [cluster.id, cluster.name].map(ClusterKey.normalise) {
                let distance = Suggestion.editDistance(wanted, candidate)
                if distance < (best?.distance ?? Int.max) { best = (cluster.id, distance) }
            }
        }
        guard let best, best.distance <= max(1, wanted.count / 3) else { return nil }
        return best.id
    }
}

/// How cluster ids and names are compared when a person types them.
enum ClusterKey {
    private static let prefixes = ["sundhedsraad ", "sundhedsklynge ", "klynge "]

    /// Lower case, æ/ø/å as ae/oe/aa, accents dropped, runs of anything but letters and digits as one
    /// space, and a leading "sundhedsråd"/"sundhedsklynge"/"klynge" left out.
    static func normalise(_ text: String) -> String {
        let result = Suggestion.transliterated(text, separator: " ")
        for prefix in prefixes where result.hasPrefix(prefix) {
            return String(result.dropFirst(prefix.count))
        }
        return result
    }
}
