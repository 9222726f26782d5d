import Foundation

/// An output folder whose manifest belongs to another definition set (another map of councils or
/// clusters), found before anything is written: building there would delete the other map's packs.
public struct OtherDefinitionsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The output folder.
    public var directory: String
    /// The definition set the folder's manifest was written for ("Sundhedsråd 2027").
    public var existing: String
    /// The definition set being built ("Sundhedsklynger 2022").
    public var requested: String

    public init(directory: String, existing: String, requested: String) {
        self.directory = directory
        self.existing = existing
        self.requested = requested
    }

    public var description: String {
        "mappen \(directory) indeholder datapakkerne til «\(existing)» (ifølge \(directory)/\(Manifest.fileName)), ikke til «\(requested)». "
            + "Vælg en anden mappe med --out, eller tilføj --erstat for at erstatte pakkerne til «\(existing)» med «\(requested)»; "
            + "kun de filer, manifestet nævner, bliver slettet."
    }
}
