import DatapakkeCore
import Foundation
import XLSXWriter

/// A file-system failure as one Danish sentence that names the path and says what to do. Errors
/// from Foundation and from the workbook writer are translated here, at the edge of the build, so
/// that a user never sees `NSCocoaErrorDomain Code=…` or an English libxlsxwriter message.
public struct FileSystemError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case readOnly
        case diskFull
        case notAFolder
        case isAFolder
        case missing
        case other(String)
    }

    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .readOnly: return "mappen \(path) er skrivebeskyttet; vælg en anden mappe med --out, eller giv skriveadgang."
        case .diskFull: return "disken er fuld: \(path) kunne ikke skrives færdig; frigør plads og byg igen."
        case .notAFolder: return "\(path) er en fil, ikke en mappe; angiv en mappe med --out."
        case .isAFolder: return "\(path) er en mappe, men der skal skrives en fil med det navn; flyt mappen væk og byg igen."
        case .missing: return "\(path) findes ikke."
        case .other(let text): return "\(path) kunne ikke skrives: \(text)."
        }
    }

    /// A Danish sentence for any error met while writing a pack to `path`: the file-system
    /// translation, or what in the pack Excel could not take.
    public static func describe(_ error: Error, writing path: String) -> String {
        if let xlsx = error as? XLSXError {
            switch xlsx {
            case .libraryError, .fileSystem, .systemError: break
            default: return "\(path) kunne ikke skrives: \(describe(xlsx))."
            }
        }
        return translate(error, path: path).description
    }

    /// The translation of a file-system error met while writing `path` (a file or the folder it goes in).
    public static func translate(_ error: Error, path: String) -> FileSystemError {
        if let error = error as? FileSystemError { return error }
        if let code = posixCode(of: error) { return FileSystemError(path: path, reason: reason(posix: code, path: path)) }
        if case .systemError(_, _, let code)? = error as? XLSXError {
            return FileSystemError(path: path, reason: reason(posix: code, path: path))
        }
        if let error = error as? XLSXError {
            // libxlsxwriter reports only "error creating/writing the file"; the folder says why.
            return FileSystemError(path: path, reason: probableReason(writing: path) ?? .other(Self.describe(error)))
        }
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: nsError.code) {
            case .fileWriteOutOfSpace: return FileSystemError(path: path, reason: .diskFull)
            case .fileWriteVolumeReadOnly, .fileWriteNoPermission: return FileSystemError(path: folder(of: path), reason: .readOnly)
            case .fileNoSuchFile, .fileReadNoSuchFile: return FileSystemError(path: path, reason: .missing)
            default: break
            }
        }
        return FileSystemError(path: path, reason: probableReason(writing: path) ?? .other(nsError.localizedDescription))
    }

    /// What is wrong with writing into a folder, looked up after a failure that did not say.
    static func probableReason(writing path: String) -> Reason? {
        let folder = folder(of: path)
        if !isWritable(folder: folder) { return .readOnly }
        var stats = statvfs()
        if statvfs(folder, &stats) == 0, UInt64(stats.f_bavail) * UInt64(stats.f_frsize) < 1 << 20 { return .diskFull }
        return nil
    }

    /// Whether files can be created in a folder: permissions and a read-only mount both count (root
    /// passes every permission check, but not a read-only file system).
    static func isWritable(folder: String) -> Bool {
        access(folder, W_OK) == 0 && !isReadOnlyVolume(folder)
    }

    private static func isReadOnlyVolume(_ folder: String) -> Bool {
        var stats = statvfs()
        return statvfs(folder, &stats) == 0 && (stats.f_flag & UInt(ST_RDONLY)) != 0
    }

    private static func reason(posix code: Int32, path: String) -> Reason {
        switch code {
        case ENOSPC, EDQUOT: return .diskFull
        case EROFS, EACCES, EPERM: return .readOnly
        case ENOTDIR: return .notAFolder
        case EISDIR: return .isAFolder
        case ENOENT: return .missing
        default: return .other(String(cString: strerror(code)))
        }
    }

    private static func posixCode(of error: Error) -> Int32? {
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return Int32(nsError.code) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        return nil
    }

    private static func folder(of path: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return path }
        return URL(fileURLWithPath: path).deletingLastPathComponent().path
    }

    private static func describe(_ error: XLSXError) -> String {
        switch error {
        case .textTooLong(_, let sheet, let cell, let length, let limit):
            return
                "en tekst\(sheet.map { " på arket «\($0)»" } ?? "")\(cell.map { " i celle \($0)" } ?? "") er \(length) tegn; Excel tillader højst \(limit)"
        case .invalidSheetName(let name, let reason):
            return "arknavnet «\(name)» kan ikke bruges i Excel (\(reason))"
        default:
            return "regnearket kunne ikke skrives (\(error))"
        }
    }
}

/// Drops libxlsxwriter's own English lines from standard error for the rest of the process: every
/// failure they describe reaches the user once, in Danish, through the build's errors.
public func silenceLibraryDiagnostics() {
    LibraryDiagnostics.silence()
}
