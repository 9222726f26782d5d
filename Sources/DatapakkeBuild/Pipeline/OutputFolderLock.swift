import DatapakkeRenderers
import Foundation

/// An exclusive lock on an output folder, held for a whole build so that two builds never write the
/// same folder at once: `flock` on the hidden file `.datapakke.lock` in the folder.
///
/// A second build waits until the first is done. The operating system releases the lock when the
/// process ends in any way, a `kill -9` included, so a stopped build never blocks the next one. The
/// holder removes the file when it is done, while still holding it; a build that was waiting on the
/// removed file notices (its file is no longer the one at the path) and locks the path again, so the
/// lock stays exclusive and a completed build leaves no file behind.
public final class OutputFolderLock {
    /// The lock file's name in the output folder. It is neither a temporary file nor a pack's file:
    /// the manifest does not list it, leftover clean-up does not touch it, and the page ignores it.
    public static let fileName = ".datapakke.lock"

    private let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        release()
    }

    /// Locks `directory`, which must exist. When another build holds it, `waiting` is called once with
    /// a Danish line for standard error, and the call waits until the other build is done.
    /// Throws `FileSystemError` when the lock file cannot be made.
    public static func acquire(in directory: String, waiting: (String) -> Void) throws -> OutputFolderLock {
        let path = directory + "/" + fileName
        var announced = false
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw Self.error(errno, directory: directory) }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                guard code == EWOULDBLOCK else {
                    close(descriptor)
                    throw Self.error(code, directory: directory)
                }
                if !announced {
                    waiting(TerminalText.escape("venter på, at en anden bygning i \(directory) bliver færdig …"))
                    announced = true
                }
                while flock(descriptor, LOCK_EX) != 0 {
                    let code = errno
                    guard code == EINTR else {
                        close(descriptor)
                        throw Self.error(code, directory: directory)
                    }
                }
            }
            // The build before us removes the file when done: a lock on a removed file excludes nobody.
            var held = stat()
            var current = stat()
            if fstat(descriptor, &held) == 0, stat(path, &current) == 0, held.st_dev == current.st_dev, held.st_ino == current.st_ino {
                return OutputFolderLock(path: path, descriptor: descriptor)
            }
            close(descriptor)
        }
    }

    /// Removes the lock file and releases the lock (also done when the lock is dropped).
    public func release() {
        guard descriptor >= 0 else { return }
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    /// The failure named by the folder, which is what the user chose (--out) and can fix.
    private static func error(_ code: Int32, directory: String) -> FileSystemError {
        FileSystemError.translate(NSError(domain: NSPOSIXErrorDomain, code: Int(code)), path: directory)
    }
}
