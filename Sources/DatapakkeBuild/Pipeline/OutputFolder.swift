import Foundation

/// The hidden files a build keeps in its output folder besides the packs, the page and the manifest:
/// temporary files, named with one prefix so that a later build recognises what a stopped build
/// left, and the lock (`OutputFolderLock`) that lets one build at a time write there.
public enum OutputFolder {
    /// The prefix of every temporary file a build writes. Nothing else in the folder has it, so a
    /// build can remove such files left by an earlier build that was killed.
    public static let temporaryPrefix = ".datapakke-tmp-"

    /// A fresh temporary path beside `path`, for a file that is renamed to `path` when complete.
    public static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let name = temporaryPrefix + url.lastPathComponent + "." + UUID().uuidString
        return url.deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Whether a file name in the output folder is a build's temporary file.
    public static func isTemporary(_ name: String) -> Bool {
        name.hasPrefix(temporaryPrefix)
    }

    /// Removes the temporary files that earlier builds left when they were stopped before they could
    /// clean up (killed, or the machine went down): only files whose name has `temporaryPrefix`, never
    /// a folder and never anything else. Must be called while holding the folder's lock, since the
    /// temporary files of a running build are its work in progress.
    static func removeLeftovers(in directory: String) -> (removed: [String], notRemoved: [(name: String, reason: String)]) {
        var removed: [String] = []
        var notRemoved: [(name: String, reason: String)] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names.sorted() where isTemporary(name) {
            let path = directory + "/" + name
            var status = stat()
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT != S_IFDIR else { continue }
            if unlink(path) == 0 {
                removed.append(name)
            } else {
                let error = NSError(domain: NSPOSIXErrorDomain, code: Int(errno), userInfo: [NSFilePathErrorKey: path])
                notRemoved.append((name, FileSystemError.translate(error, path: path).description))
            }
        }
        return (removed, notRemoved)
    }

    /// Writes bytes to a temporary sibling and renames it over `path`, so that a reader (or a build
    /// that is killed halfway) sees the old file or the new one, never a part; a failed write is
    /// removed. Throws `FileSystemError`.
    static func writeAtomically(_ data: Data, to path: String) throws {
        let temporary = temporaryPath(for: path)
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, path) == 0 else {
                throw NSError(domain: NSPOSIXErrorDomain, code: Int(errno), userInfo: [NSFilePathErrorKey: path])
            }
        } catch {
            unlink(temporary)
            throw FileSystemError.translate(error, path: path)
        }
    }
}
