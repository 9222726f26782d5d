import Foundation
import Yams

/// Reads a cluster definition file (YAML, schema in `ClusterDefinitions/README.md`) and checks it
/// against the municipality register.
public enum ClusterDefinitionsLoader {
    /// Loads the file; throws `InputProblems` listing every problem with file and line.
    public static func load(path: String, displayName: String? = nil, register: MunicipalityRegister) throws -> ClusterDefinitionSet {
        let document = try YAMLDocument.read(path: path, displayName: displayName ?? path)
        var log = ProblemLog()
        let root = document.root
        guard root.mapping != nil else {
            throw InputProblems([InputProblem(document.location(root), "filen skal være en YAML-mapping med navn, enhed og klynger")])
        }
        document.checkKeys(of: root, allowed: ["navn", "enhed", "gyldig_fra", "kilder", "klynger", "note"], log: &log)
        let name = document.string("navn", in: root, log: &log) ?? ""
        document.checkText(name, key: "navn", in: root, maximumLength: NameRules.maximumTitleLength, log: &log)
        var kind = ClusterKind.sundhedsraad
        if let kindText = document.string("enhed", in: root, log: &log) {
            if let parsed = ClusterKind(rawValue: kindText.lowercased()) {
                kind = parsed
            } else {
                log.add(document.location(root["enhed"]), "«enhed» skal være «sundhedsråd» eller «sundhedsklynge», ikke «\(kindText)»")
            }
        }
        var validFrom: Period?
        if let text = document.optionalString("gyldig_fra", in: root, log: &log) {
            validFrom = Period(text)
            if validFrom?.isDate != true {
                log.add(document.location(root["gyldig_fra"]), "«gyldig_fra» skal være en dato som \"2027-01-01\", ikke «\(text)»")
            }
        }
        let sources = document.strings("kilder", in: root, log: &log)

        var clusters: [Cluster] = []
        var memberships: [MunicipalityCode: [(cluster: String, share: Double, location: SourceLocation)]] = [:]
        var ids: [String: SourceLocation] = [:]
        var names: [String: SourceLocation] = [:]
        var stems: [String: (name: String, location: SourceLocation)] = [:]
        if let clusterNodes = root["klynger"]?.sequence {
            for node in clusterNodes {
                guard
                    let cluster = readCluster(
                        node, document: document, register: register, log: &log,
                        memberships: &memberships)
                else { continue }
                let location = document.location(node)
                if let earlier = ids[cluster.id.lowercased()] {
                    log.add(location, "id «\(cluster.id)» er brugt før (linje \(earlier.line ?? 0)); id'er skal være entydige")
                }
                if let earlier = names[cluster.name.lowercased()] {
                    log.add(location, "navnet «\(cluster.name)» er brugt før (linje \(earlier.line ?? 0)); navne skal være entydige")
                }
                let stem = NameRules.fileStem(for: cluster.name, fallback: cluster.id)
                if let earlier = stems[stem] {
                    log.add(
                        location,
                        "«\(cluster.name)» og «\(earlier.name)» (linje \(earlier.location.line ?? 0)) ville skrive de samme filer (\(stem).xlsx); "
                            + "giv dem navne, der adskiller sig med mere end tegnsætning")
                }
                ids[cluster.id.lowercased()] = location
                names[cluster.name.lowercased()] = location
                stems[stem] = (cluster.name, location)
                clusters.append(cluster)
            }
        } else {
            log.add(document.location(root["klynger"] ?? root), "mangler listen «klynger»")
        }

        for municipality in register.municipalities {
            let entries = memberships[municipality.code] ?? []
            let total = entries.reduce(0) { $0 + $1.share }
            if entries.isEmpty {
                log.add(
                    SourceLocation(file: document.file),
                    "\(municipality.code) \(municipality.name) hører ikke til nogen klynge; hver kommune skal være med præcis én gang")
            } else if abs(total - 1) > 1e-9 {
                let list = entries.map {
                    "\($0.cluster) (linje \($0.location.line ?? 0), andel \(DanishNumber.format($0.share, decimals: 2)))"
                }
                let what =
                    entries.count > 1 && entries.allSatisfy({ $0.share == 1 })
                    ? "er med i flere klynger: \(list.joined(separator: ", ")); en delt kommune skal have «andel» i hver"
                    : "har andele der summer til \(DanishNumber.format(total, decimals: 2)), ikke 1: \(list.joined(separator: ", "))"
                log.add(entries[0].location, "\(municipality.code) \(municipality.name) \(what)")
            }
        }
        try log.throwIfAny()
        return ClusterDefinitionSet(name: name, kind: kind, validFrom: validFrom, sources: sources, clusters: clusters, file: document.file)
    }

    private static func readCluster(
        _ node: Node, document: YAMLDocument, register: MunicipalityRegister, log: inout ProblemLog,
        memberships: inout [MunicipalityCode: [(cluster: String, share: Double, location: SourceLocation)]]
    ) -> Cluster? {
        guard node.mapping != nil else {
            log.add(document.location(node), "hver klynge skal være en mapping med id, navn, region, akutsygehuse og kommuner")
            return nil
        }
        document.checkKeys(
            of: node, allowed: ["id", "navn", "region", "akutsygehuse", "kommuner", "sikkerhed", "note", "kilder"], log: &log)
        guard let id = document.string("id", in: node, log: &log),
            let name = document.string("navn", in: node, log: &log),
            let region = document.string("region", in: node, log: &log)
        else { return nil }
        document.checkText(id, key: "id", in: node, maximumLength: 20, log: &log)
        document.checkText(name, key: "navn", in: node, maximumLength: NameRules.maximumNameLength, log: &log)
        if !NameRules.regions.contains(region) {
            let nearest =
                Suggestion.nearest(to: region, among: NameRules.regions, limit: max(2, region.count / 2)).map { " – mente du «\($0)»?" }
                ?? ";"
            log.add(
                document.location(node["region"]),
                "ukendt region \(quoted(region))\(nearest) Kendte regioner: \(NameRules.regions.joined(separator: ", "))")
        }
        let hospitals = document.strings("akutsygehuse", in: node, log: &log)
        for hospital in hospitals {
            document.checkText(hospital, key: "akutsygehuse", in: node, maximumLength: NameRules.maximumTitleLength, log: &log)
        }
        if hospitals.isEmpty {
            log.add(document.location(node), "klyngen «\(name)» mangler «akutsygehuse» (mindst ét)")
        }
        var members: [ClusterMember] = []
        let memberNodes = node["kommuner"]?.sequence ?? []
        if memberNodes.isEmpty {
            log.add(document.location(node["kommuner"] ?? node), "klyngen «\(name)» har ingen kommuner")
        }
        for memberNode in memberNodes {
            let location = document.location(memberNode)
            document.checkKeys(of: memberNode, allowed: ["kode", "navn", "andel"], log: &log)
            guard let codeText = memberNode["kode"]?.scalar?.string ?? memberNode.scalar?.string,
                let code = Int(codeText)
            else {
                log.add(location, "hver kommune skal have «kode» (3-cifret kommunekode), fx { kode: 330, navn: Slagelse }")
                continue
            }
            guard let municipality = register.municipality(code) else {
                log.add(location, "ukendt kommunekode \(codeText) i «\(name)»; se kommuneregisteret")
                continue
            }
            if let written = memberNode["navn"]?.scalar?.string, !register.name(written, matches: code) {
                log.add(location, "kommunekode \(code) er \(municipality.name), ikke «\(written)»")
            }
            var share = 1.0
            if let shareNode = memberNode["andel"] {
                if let text = shareNode.scalar?.string, case .number(let value) = parseSettingNumber(text), value > 0, value <= 1 {
                    share = value
                } else {
                    log.add(document.location(shareNode), "«andel» skal være et tal større end 0 og højst 1")
                }
            }
            memberships[code, default: []].append((name, share, location))
            members.append(ClusterMember(code: code, share: share))
        }
        let cluster = Cluster(
            id: id, name: name, region: region, acuteHospitals: hospitals, members: members,
            confidence: document.optionalString("sikkerhed", in: node, log: &log),
            note: document.optionalString("note", in: node, log: &log),
            sources: document.strings("kilder", in: node, log: &log))
        document.checkText(cluster.confidence, key: "sikkerhed", in: node, maximumLength: NameRules.maximumTextLength, log: &log)
        document.checkText(cluster.note, key: "note", in: node, maximumLength: NameRules.maximumTextLength, log: &log)
        for source in cluster.sources {
            document.checkText(source, key: "kilder", in: node, maximumLength: NameRules.maximumTextLength, log: &log)
        }
        return cluster
    }
}
