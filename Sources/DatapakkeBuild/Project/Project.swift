import DatapakkeCore
import DatapakkeRenderers
import Foundation

/// A project's inputs, loaded and checked against each other, with its prompt templates compiled:
/// what every command works from.
public struct Project: Sendable {
    public let layout: ProjectLayout
    public let inputs: DatapakkeInputs
    public let prompts: PromptRenderer
    /// The templates of the download page and the prompt documents.
    public let htmlTemplates: HTMLTemplates

    /// Reads every input and compiles the prompt templates; the problems of all of them are thrown
    /// together, so one run reports everything.
    public static func load(_ layout: ProjectLayout) throws(InputProblems) -> Project {
        var problems: [InputProblem] = []
        var inputs: DatapakkeInputs?
        do {
            inputs = try loadInputs(layout)
        } catch {
            problems += error.problems
        }
        // Compiled once, also when the inputs failed, so that template mistakes are reported in the same run:
        // then against the catalogue read on its own (a group's template names its members, which only
        // the catalogue knows), unless the catalogue itself failed.
        var prompts: PromptRenderer?
        do {
            let catalogue =
                inputs?.catalogue
                ?? (try? CatalogueLoader.load(path: layout.inputPaths.catalogue, displayName: layout.display(layout.inputPaths.catalogue)))
            prompts = try PromptRenderer(templatesDirectory: layout.promptTemplates, catalogue: catalogue, relativeTo: layout.base)
        } catch let error as InputProblems {
            problems += error.problems
        } catch {
            problems.append(InputProblem(SourceLocation(file: layout.display(layout.promptTemplates)), "\(error)"))
        }
        var htmlTemplates: HTMLTemplates?
        do {
            htmlTemplates = try HTMLTemplates(directory: layout.htmlTemplates, relativeTo: layout.base)
        } catch let error as InputProblems {
            problems += error.problems
        } catch {
            problems.append(InputProblem(SourceLocation(file: layout.display(layout.htmlTemplates)), "\(error)"))
        }
        guard problems.isEmpty, let inputs, let prompts, let htmlTemplates else { throw InputProblems(problems) }
        return Project(layout: layout, inputs: inputs, prompts: prompts, htmlTemplates: htmlTemplates)
    }

    /// Reads the inputs only (no templates), for the commands that write nothing.
    public static func loadInputs(_ layout: ProjectLayout) throws(InputProblems) -> DatapakkeInputs {
        do {
            return try DatapakkeInputs.load(layout.inputPaths, relativeTo: layout.base)
        } catch let error as InputProblems {
            throw error
        } catch {
            throw InputProblems([InputProblem(SourceLocation(file: "?"), "\(error)")])
        }
    }
}
