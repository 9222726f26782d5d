import DatapakkeCore
import DatapakkeRenderers
import Foundation

/// Where a project's inputs are: the municipality register, a definition file, the data folder and
/// the templates folder (catalogue, prompt and HTML templates), and the definition files of the other
/// maps published together with the first. Every command starts here.
///
/// The defaults are the repository's own folders, relative to the working directory; a path given
/// by the user replaces its default. `resolve` checks that everything is there before anything is
/// read, so that a run from the wrong folder says which folder it expected and how to point at it.
public struct ProjectLayout: Sendable, Equatable {
    /// The default paths, relative to the project root.
    public static let defaultDefinitions = "ClusterDefinitions/sundhedsraad-2027.yaml"
    public static let defaultData = "Data"
    public static let defaultTemplates = "Templates"
    public static let defaultRegister = "ClusterDefinitions/kommuner.csv"
    /// The catalogue's file name inside the templates folder.
    public static let catalogueName = "indikatorer.yaml"

    /// Absolute paths.
    public var register: String
    public var definitions: String
    public var data: String
    public var templates: String
    /// The definition files of the other maps whose figures are published beside these; secondary
    /// suppression is decided over all of them (docs/small-numbers.md#both-maps-as-linked-tables).
    public var publishedWith: [String]
    /// The folder messages name files relative to (the working directory).
    public var base: String

    /// `indikatorer.yaml` in the templates folder.
    public var catalogue: String { templates + "/" + Self.catalogueName }
    /// The folder with the reflection prompt templates.
    public var promptTemplates: String { PromptRenderer.directory(inTemplates: templates) }
    /// The folder with the HTML templates of the download page and the prompt documents.
    public var htmlTemplates: String { HTMLTemplates.directory(inTemplates: templates) }
    /// The profile of similar councils in the templates folder; without it, no similar councils.
    public var similarityProfile: String { templates + "/" + SimilarityProfile.fileName }
    /// The paths the loaders take.
    public var inputPaths: InputPaths {
        InputPaths(
            register: register, definitions: definitions, data: data, catalogue: catalogue, publishedWith: publishedWith,
            similarityProfile: similarityProfile)
    }

    /// The layout of explicitly given paths (nil: the default), relative to `workingDirectory`, checked.
    public static func resolve(
        definitions: String? = nil, data: String? = nil, templates: String? = nil, register: String? = nil,
        publishedWith: PublishedMaps = .besideDefinitions, workingDirectory: String = FileManager.default.currentDirectoryPath
    ) throws(ProjectLayoutError) -> ProjectLayout {
        let base = URL(fileURLWithPath: workingDirectory, isDirectory: true).standardizedFileURL.path
        func absolute(_ path: String) -> String {
            URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: base, isDirectory: true)).standardizedFileURL.path
        }
        var layout = ProjectLayout(
            register: absolute(register ?? defaultRegister), definitions: absolute(definitions ?? defaultDefinitions),
            data: absolute(data ?? defaultData), templates: absolute(templates ?? defaultTemplates), publishedWith: [], base: base)
        switch publishedWith {
        case .besideDefinitions: layout.publishedWith = layout.definitionFilesBeside()
        case .files(let files): layout.publishedWith = Self.unique(files.map(absolute)).filter { $0 != layout.definitions }
        case .alone: break
        }

        var missing: [ProjectLayoutError.Missing] = []
        func require(_ path: String, folder: Bool, option: String, given: Bool) {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            guard !exists || isDirectory.boolValue != folder else { return }
            missing.append(.init(path: layout.display(path), option: option, folder: folder, exists: exists, given: given))
        }
        require(layout.definitions, folder: false, option: "--definitions", given: definitions != nil)
        require(layout.register, folder: false, option: "--register", given: register != nil)
        require(layout.data, folder: true, option: "--data", given: data != nil)
        require(layout.templates, folder: true, option: "--templates", given: templates != nil)
        if case .files = publishedWith {
            for file in layout.publishedWith { require(file, folder: false, option: "--published-with", given: true) }
        }
        guard missing.isEmpty else { throw ProjectLayoutError(missing: missing, workingDirectory: base) }
        return layout
    }

    /// A path as messages show it: relative to the working directory when it lies below it.
    public func display(_ path: String) -> String {
        path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }

    /// The other `*.yaml` files in the definition file's folder, by name, without the catalogue.
    private func definitionFilesBeside() -> [String] {
        let folder = URL(fileURLWithPath: definitions).deletingLastPathComponent().path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.lowercased().hasSuffix(".yaml") || $0.lowercased().hasSuffix(".yml") }.sorted()
            .map { URL(fileURLWithPath: folder + "/" + $0).standardizedFileURL.path }
            .filter { $0 != definitions && $0 != catalogue }
    }

    private static func unique(_ paths: [String]) -> [String] {
        var seen: Set<String> = []
        return paths.filter { seen.insert($0).inserted }
    }
}

/// Which other maps are published together with the definition set, so that secondary suppression
/// covers them all (docs/small-numbers.md#both-maps-as-linked-tables).
public enum PublishedMaps: Sendable, Equatable {
    /// Every other `*.yaml` file in the definition file's folder, except the catalogue: with the
    /// shipped files, the 2027 councils and the 2022 clusters together. The default.
    case besideDefinitions
    /// These definition files (relative to the working directory).
    case files([String])
    /// None: the map is published on its own.
    case alone
}

/// Input files or folders that are not where the layout says.
public struct ProjectLayoutError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Missing: Sendable, Equatable {
        public var path: String
        public var option: String
        public var folder: Bool
        /// True when something is there, but a file where a folder was expected or the reverse.
        public var exists: Bool
        /// True when the user gave the path; false for a default.
        public var given: Bool
    }

    public var missing: [Missing]
    public var workingDirectory: String

    /// One Danish sentence per path the user gave that is not there, and one for the defaults that
    /// are not, with what to do.
    public var lines: [String] {
        var lines = missing.filter(\.given).map { item -> String in
            if item.exists {
                return
                    "\(item.path) er \(item.folder ? "en fil" : "en mappe"), men \(item.option) skal pege på \(item.folder ? "en mappe" : "en fil")."
            }
            return "\(item.folder ? "mappen" : "filen") \(item.path) findes ikke (\(item.option))."
        }
        let defaults = missing.filter { !$0.given }
        if !defaults.isEmpty {
            lines.append(
                "fandt ikke \(DanishText.list(defaults.map { $0.path + ($0.folder ? "/" : "") })) i \(workingDirectory). "
                    + "Kør datapakke fra projektets rodmappe (den med ClusterDefinitions/, Data/ og Templates/), "
                    + "eller angiv stierne med \(DanishText.list(defaults.map(\.option))).")
        }
        return lines
    }

    public var description: String { lines.joined(separator: "\n") }
}
