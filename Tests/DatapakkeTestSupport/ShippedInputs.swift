import DatapakkeCore

/// The shipped inputs (the register, `Data/`, `Templates/indikatorer.yaml`, the profile of similar
/// councils `Templates/sammenlignelige.yaml` and a definition file),
/// loaded once per test process and shared: tests copy the value before changing it. A shipped
/// definition file is published together with the other one, as `datapakke` does by default.
public enum ShippedInputs {
    /// The 17 health councils of 2027, the default definitions.
    public static let councilsFile = "ClusterDefinitions/sundhedsraad-2027.yaml"
    /// The 22 health clusters of 2022.
    public static let clustersFile = "ClusterDefinitions/sundhedsklynger-2022.yaml"

    /// The paths of the shipped inputs with a definition file (relative to the package root, or
    /// absolute) and a data folder (the shipped `Data/` unless given). The maps published together
    /// are `publishedWith` when given, else the other shipped file for a shipped one and none for another.
    public static func paths(definitions: String = councilsFile, data: String? = nil, publishedWith: [String]? = nil) -> InputPaths {
        let absolute = { (path: String) in path.hasPrefix("/") ? path : packageRoot + "/" + path }
        let shipped = [councilsFile, clustersFile]
        let others = publishedWith ?? (shipped.contains(definitions) ? shipped.filter { $0 != definitions } : [])
        return InputPaths(
            register: packageRoot + "/ClusterDefinitions/kommuner.csv", definitions: absolute(definitions),
            data: data ?? packageRoot + "/Data", catalogue: packageRoot + "/Templates/indikatorer.yaml",
            publishedWith: others.map(absolute),
            similarityProfile: packageRoot + "/Templates/" + SimilarityProfile.fileName)
    }

    // Loaded at first use; a load that failed fails every test that asks, with the same problems.
    private static let loadedCouncils = Result { try DatapakkeInputs.load(paths(definitions: councilsFile), relativeTo: packageRoot) }
    private static let loadedClusters = Result { try DatapakkeInputs.load(paths(definitions: clustersFile), relativeTo: packageRoot) }

    /// The shipped data with the 2027 councils (published with the 2022 clusters), loaded once.
    public static func councils() throws -> DatapakkeInputs {
        try loadedCouncils.get()
    }

    /// The shipped data with the 2022 clusters (published with the 2027 councils), loaded once.
    public static func clusters2022() throws -> DatapakkeInputs {
        try loadedClusters.get()
    }

    /// The shipped data with `definitions`: the shared copy for the two shipped definition files,
    /// a fresh load for any other.
    public static func load(definitions: String = councilsFile) throws -> DatapakkeInputs {
        switch definitions {
        case councilsFile: return try councils()
        case clustersFile: return try clusters2022()
        default: return try DatapakkeInputs.load(paths(definitions: definitions), relativeTo: packageRoot)
        }
    }
}
