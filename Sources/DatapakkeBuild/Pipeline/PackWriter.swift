import DatapakkeCore
import DatapakkeRenderers
import Foundation

/// One pack's files, written so that a failure leaves nothing half-written and the earlier version
/// of the pack untouched: every file goes to a temporary sibling first, and all are moved into place
/// only after all were written. Every temporary file is named by `OutputFolder.temporaryPath`, so
/// that what a killed build leaves is removed by the next one.
public struct PackWriter: Sendable {
    public let directory: String
    /// Prints the presentation to PDF as well, when set (`build --pdf` and a Chromium was found).
    public let printer: PDFPrinter?

    public init(directory: String, printer: PDFPrinter? = nil) {
        self.directory = directory
        self.printer = printer
    }

    /// What one pack's write did: the paths written, and why there is no PDF when one was asked for.
    public struct Written: Sendable {
        public var paths: [String]
        public var pdfFailure: String?
    }

    /// Writes the workbook, the prompt files and the presentation of one pack (and its PDF, with a
    /// printer); returns the paths written. A PDF that cannot be printed does not stop the pack: the
    /// reason is returned instead. `changes` are the sentences on what changed since the pack's
    /// previous version, for its front page.
    public func write(
        _ report: PackReport, changes: [String], prompts: PackPrompts?, markdown: String?, html: String?, presentation: String? = nil
    ) throws -> Written {
        let files = PackFiles(cluster: report.cluster)
        var pending: [(temporary: String, final: String)] = []
        defer {
            for item in pending { try? FileManager.default.removeItem(atPath: item.temporary) }
        }
        let texts = [
            (markdown, files.promptsMarkdown), (html, files.promptsHTML), (presentation, files.presentation),
            (PackFiguresCSV.csv(report), files.figuresCSV),
        ]
        for (text, name) in texts {
            guard let text else { continue }
            let temporary = OutputFolder.temporaryPath(for: directory + "/" + name)
            // Listed before writing, so that a write that fails halfway (a full disk) is removed too.
            pending.append((temporary, directory + "/" + name))
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        }
        // The workbook too is finished under a temporary name, so that the pack's files are moved
        // into place together, after everything was written.
        let workbook = directory + "/" + files.workbook
        let finishedWorkbook = OutputFolder.temporaryPath(for: workbook)
        pending.insert((finishedWorkbook, workbook), at: 0)
        try WorkbookRenderer(prompts: prompts).write(
            report, changes: changes, to: finishedWorkbook, temporaryPath: OutputFolder.temporaryPath(for: workbook))
        var pdfFailure: String?
        if let printer, let presentation {
            let pdf = directory + "/" + files.presentationPDF
            let temporary = OutputFolder.temporaryPath(for: pdf)
            pending.append((temporary, pdf))
            do {
                try printer.print(html: presentation, name: files.presentation, to: temporary)
            } catch {
                pending.removeLast()
                try? FileManager.default.removeItem(atPath: temporary)
                pdfFailure = "\(error)"
            }
        }
        // A folder in a file's place would stop the renames halfway: found before any file is moved.
        for item in pending {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: item.final, isDirectory: &isFolder), isFolder.boolValue {
                throw FileSystemError(path: item.final, reason: .isAFolder)
            }
        }
        var written: [String] = []
        for item in pending {
            if rename(item.temporary, item.final) != 0 {
                throw NSError(domain: NSPOSIXErrorDomain, code: Int(errno), userInfo: [NSFilePathErrorKey: item.final])
            }
            written.append(item.final)
        }
        pending.removeAll()
        return Written(paths: written, pdfFailure: pdfFailure)
    }
}
