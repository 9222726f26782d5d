/// Where in an input file something was found: file, line and (when known) column, all 1-based.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let line, let column, line > 0 { text += ":\(column)" }
        return text
    }
}

/// One problem found in the inputs, with where it is and what was expected.
public struct InputProblem: Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}

/// All the problems found in one pass over the inputs; thrown together so one run reports them all.
public struct InputProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [InputProblem]

    public init(_ problems: [InputProblem]) {
        self.problems = problems
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}

/// Collects problems while loading, so that one run can report all of them.
struct ProblemLog {
    private(set) var problems: [InputProblem] = []

    mutating func add(_ location: SourceLocation, _ message: String) {
        problems.append(InputProblem(location, message))
    }

    mutating func add(contentsOf other: [InputProblem]) {
        problems.append(contentsOf: other)
    }

    var isEmpty: Bool { problems.isEmpty }

    /// Throws every collected problem at once, if there are any.
    func throwIfAny() throws {
        if !problems.isEmpty { throw InputProblems(problems) }
    }
}
