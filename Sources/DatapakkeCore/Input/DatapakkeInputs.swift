import Foundation

/// Where the inputs are: the register, a definition file, the data folder and the catalogue, and the
/// definition files of the other maps published together with the first.
public struct InputPaths: Sendable {
    public var register: String
    public var definitions: String
    /// A folder with `befolkning/*.csv` and `indikatorer/*.csv`.
    public var data: String
    public var catalogue: String
    /// Definition files of the maps whose figures are published beside those of `definitions`.
    public var publishedWith: [String]
    /// The profile of similar councils (`sammenlignelige.yaml`); nil or a file that does not exist:
    /// no similar councils (docs/similar-councils.md).
    public var similarityProfile: String?

    public init(
        register: String, definitions: String, data: String, catalogue: String, publishedWith: [String] = [],
        similarityProfile: String? = nil
    ) {
        self.register = register
        self.definitions = definitions
        self.data = data
        self.catalogue = catalogue
        self.publishedWith = publishedWith
        self.similarityProfile = similarityProfile
    }
}

/// Everything read from the inputs, checked against each other.
public struct DatapakkeInputs: Sendable {
    public var register: MunicipalityRegister
    public var definitions: ClusterDefinitionSet
    /// The other maps whose figures are published beside those of `definitions`: secondary suppression
    /// is decided over all of them at once (docs/small-numbers.md#both-maps-as-linked-tables).
    public var publishedWith: [ClusterDefinitionSet]
    public var catalogue: IndicatorCatalogue
    public var population: PopulationTable
    /// indicator id → period → municipality → observation
    public var observations: [String: [Period: [MunicipalityCode: Observation]]]
    /// Files read, for the documentation and messages.
    public var files: [String]
    /// Things worth knowing that do not stop a build (data for indicators the catalogue does not use).
    public var notices: [InputProblem]
    /// The most similar clusters and municipalities by the profile, when there is one
    /// (docs/similar-councils.md); set by `load` or `computeSimilarAreas(_:)`.
    public var similar: SimilarAreas?

    public init(
        register: MunicipalityRegister, definitions: ClusterDefinitionSet, catalogue: IndicatorCatalogue,
        population: PopulationTable, observations: [Observation], files: [String] = [], publishedWith: [ClusterDefinitionSet] = []
    ) throws {
        self.register = register
        self.definitions = definitions
        self.publishedWith = publishedWith
        self.catalogue = catalogue
        self.population = population
        self.files = files
        self.observations = [:]
        self.notices = []
        var log = ProblemLog()
        var index: [String: [Period: [MunicipalityCode: Observation]]] = [:]
        for observation in observations {
            if let earlier = index[observation.indicatorID]?[observation.period]?[observation.municipality] {
                log.add(
                    observation.location,
                    "\(observation.municipality) \(observation.indicatorID) \(observation.period) står også i \(earlier.location)")
                continue
            }
            index[observation.indicatorID, default: [:]][observation.period, default: [:]][observation.municipality] = observation
        }
        self.observations = index
        let (problems, notices) = checkAgainstCatalogue()
        log.add(contentsOf: problems)
        self.notices = notices
        try log.throwIfAny()
    }

    /// Reads every input, collecting the problems of all files before throwing them together.
    public static func load(_ paths: InputPaths, relativeTo base: String? = nil) throws -> DatapakkeInputs {
        func display(_ path: String) -> String {
            guard let base, path.hasPrefix(base + "/") else { return path }
            return String(path.dropFirst(base.count + 1))
        }
        var log = ProblemLog()
        func attempt<T>(_ body: () throws -> T) -> T? {
            do { return try body() } catch let problems as InputProblems {
                log.add(contentsOf: problems.problems)
            } catch {
                log.add(SourceLocation(file: "?"), "\(error)")
            }
            return nil
        }
        let register = attempt { try MunicipalityRegisterLoader.load(path: paths.register, displayName: display(paths.register)) }
        let catalogue = attempt { try CatalogueLoader.load(path: paths.catalogue, displayName: display(paths.catalogue)) }
        let profilePath = paths.similarityProfile.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
        let profile = profilePath.flatMap { path in
            attempt { try SimilarityProfileLoader.load(path: path, displayName: display(path), catalogue: catalogue) }
        }
        let definitions = register.flatMap { register in
            attempt {
                try ClusterDefinitionsLoader.load(path: paths.definitions, displayName: display(paths.definitions), register: register)
            }
        }
        let publishedWith = paths.publishedWith.compactMap { path in
            register.flatMap { register in
                attempt { try ClusterDefinitionsLoader.load(path: path, displayName: display(path), register: register) }
            }
        }
        var population = PopulationTable()
        var observations: [Observation] = []
        var files: [String] = []
        if let register {
            let populationFiles = csvFiles(in: paths.data + "/befolkning")
            let indicatorFiles = csvFiles(in: paths.data + "/indikatorer")
            if populationFiles.isEmpty {
                log.add(SourceLocation(file: display(paths.data + "/befolkning")), "ingen befolkningsfiler (*.csv) i mappen")
            }
            if indicatorFiles.isEmpty {
                log.add(SourceLocation(file: display(paths.data + "/indikatorer")), "ingen indikatorfiler (*.csv) i mappen")
            }
            for file in populationFiles {
                files.append(display(file))
                _ = attempt { try PopulationLoader.load(path: file, displayName: display(file), register: register, into: &population) }
            }
            if !populationFiles.isEmpty {
                _ = attempt { try PopulationLoader.checkBands(&population, register: register) }
            }
            for file in indicatorFiles {
                files.append(display(file))
                _ = attempt {
                    try IndicatorDataLoader.load(path: file, displayName: display(file), register: register, into: &observations)
                }
            }
        }
        try log.throwIfAny()
        guard let register, let definitions, let catalogue else { throw InputProblems(log.problems) }
        var inputs = try DatapakkeInputs(
            register: register, definitions: definitions, catalogue: catalogue, population: population,
            observations: observations,
            files: [display(paths.register), display(paths.definitions)] + paths.publishedWith.map(display) + [display(paths.catalogue)]
                + (profilePath.map { [display($0)] } ?? []) + files,
            publishedWith: publishedWith)
        if let profile { try inputs.computeSimilarAreas(profile) }
        return inputs
    }

    /// Computes the similar clusters and municipalities by `profile` (docs/similar-councils.md) and
    /// adds what lowers their precision to the notices; throws the profile's problems with the data.
    public mutating func computeSimilarAreas(_ profile: SimilarityProfile) throws(InputProblems) {
        let (areas, notices) = try SimilarAreas.compute(self, profile: profile)
        similar = areas
        self.notices += notices
    }

    /// The `*.csv` files of a folder, sorted by name so the order never depends on the file system.
    static func csvFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.lowercased().hasSuffix(".csv") }.sorted().map { folder + "/" + $0 }
    }

    /// The periods with data for an indicator, oldest first.
    public func periods(of indicator: Indicator) -> [Period] {
        if indicator.isPopulationDerived {
            return population.dates
        }
        return (observations[indicator.id]?.keys).map { $0.sorted() } ?? []
    }

    /// Where an indicator's values come from: real, synthetic, or nil when it has none.
    public func origin(of indicator: Indicator) -> DataOrigin? {
        if indicator.isPopulationDerived {
            return population.origins.values.contains(.synthetic) ? .synthetic : (population.origins.isEmpty ? nil : .real)
        }
        let origins = Set(observations[indicator.id]?.values.flatMap { $0.values.map(\.origin) } ?? [])
        return origins.contains(.synthetic) ? .synthetic : origins.first
    }

    /// Whether real municipal figures are weighted into council, region and country figures with a
    /// synthetic population: those figures then mix real values with synthetic weights and must say so.
    public func hasSyntheticWeights(_ indicator: Indicator) -> Bool {
        switch indicator.aggregation {
        case .weighted, .notAdditive(approximateBy: .some):
            return origin(of: indicator) == .real && population.origins.values.contains(.synthetic)
        default:
            return false
        }
    }

    /// The population date an indicator's period is weighted by.
    public func populationDate(for indicator: Indicator, period: Period) -> Period {
        indicator.populationDate ?? period.defaultPopulationDate
    }

    private func checkAgainstCatalogue() -> (problems: [InputProblem], notices: [InputProblem]) {
        var log = ProblemLog()
        var notices: [InputProblem] = []
        let known = Set(catalogue.indicators.map(\.id))
        for id in observations.keys.sorted() where !known.contains(id) {
            let first = observations[id]?.values.first?.values.first?.location ?? SourceLocation(file: "?")
            notices.append(InputProblem(SourceLocation(file: first.file), "indikatoren «\(id)» står ikke i kataloget og bruges ikke"))
        }
        for indicator in catalogue.indicators {
            let catalogueLocation = indicator.location
            if case .danish(let date) = indicator.standardisation?.standard {
                checkStandardPopulation(indicator, date: date, log: &log)
            }
            if indicator.isPopulationDerived {
                if population.dates.isEmpty { log.add(catalogueLocation, "«\(indicator.id)» bygger på befolkningstal, men der er ingen") }
                continue
            }
            guard let periods = observations[indicator.id] else {
                log.add(catalogueLocation, "indikatoren «\(indicator.id)» har ingen data i indikatorfilerne")
                continue
            }
            let origins = Set(periods.values.flatMap { $0.values.map(\.origin) })
            if origins.count > 1 {
                log.add(catalogueLocation, "indikatoren «\(indicator.id)» blander reelle og syntetiske værdier; det må den ikke")
            }
            for (period, rows) in periods.sorted(by: { $0.key < $1.key }) {
                for (_, observation) in rows.sorted(by: { $0.key < $1.key }) {
                    checkShape(observation, indicator, log: &log)
                }
                checkPopulation(indicator, period: period, municipalities: rows.keys.sorted(), log: &log)
            }
        }
        return (log.problems, notices)
    }

    /// The input contract of one value against its indicator: the right fields, whole counts, a
    /// numerator within its denominator, no events over a denominator of 0, a value in the plausible range.
    private func checkShape(_ observation: Observation, _ indicator: Indicator, log: inout ProblemLog) {
        let problems = log.problems.count
        if observation.ageBands != nil, indicator.standardisation == nil {
            log.add(
                observation.location,
                "«\(indicator.id)» har tal pr. aldersgruppe, men kataloget beregner den ikke som aldersstandardiseret "
                    + "(beregning: aldersstandardiseret); aldersgrupper bruges kun til aldersstandardisering")
            return
        }
        switch indicator.aggregation {
        case .standardised(let standardisation):
            checkBands(observation, indicator, standardisation, log: &log)
        case .ratio(let scale):
            if (observation.numerator == nil) != (observation.denominator == nil) {
                log.add(observation.location, "«\(indicator.id)» beregnes som tæller/nævner; begge skal være udfyldt (eller begge tomme)")
            } else if observation.numerator == nil, observation.value != nil {
                log.add(observation.location, "«\(indicator.id)» beregnes som tæller/nævner; rækken har kun en værdi")
            }
            guard let numerator = observation.numerator, let denominator = observation.denominator, log.problems.count == problems else {
                return
            }
            if denominator == 0, numerator > 0 {
                log.add(
                    observation.location(column: observation.denominatorColumn),
                    "nævneren er 0, men tælleren er \(DanishNumber.format(numerator, decimals: 0)); en rate kan ikke beregnes af 0")
            } else if indicator.numeratorIsPartOfDenominator, numerator > denominator {
                log.add(
                    observation.location(column: observation.numeratorColumn),
                    "tælleren (\(DanishNumber.format(numerator, decimals: 0))) er større end nævneren (\(DanishNumber.format(denominator, decimals: 0))); "
                        + "for «\(indicator.id)» tælles borgere blandt nævnerens")
            } else if denominator > 0 {
                checkRange(numerator / denominator * scale, observation, indicator, column: observation.numeratorColumn, log: &log)
            }
        case .count:
            if observation.value == nil, observation.numerator != nil {
                log.add(observation.location, "«\(indicator.id)» er et antal; skriv det i kolonnen vaerdi")
            }
            if let value = observation.value, value < 0 || value != value.rounded() {
                log.add(
                    observation.location(column: observation.valueColumn),
                    "«\(indicator.id)» er et antal, så værdien skal være et helt tal på mindst 0, ikke \(DanishNumber.format(value, decimals: 2))"
                )
            } else if let value = observation.value {
                checkRange(value, observation, indicator, column: observation.valueColumn, log: &log)
            }
        default:
            if let value = observation.value { checkRange(value, observation, indicator, column: observation.valueColumn, log: &log) }
        }
    }

    /// The bands of an age-banded observation: exactly the indicator's, all given or all not shown,
    /// and each within its population (no events among 0 residents; no more persons than residents).
    private func checkBands(
        _ observation: Observation, _ indicator: Indicator, _ standardisation: AgeStandardisation, log: inout ProblemLog
    ) {
        let problems = log.problems.count
        guard let counts = observation.ageBands else {
            log.add(
                observation.location,
                "«\(indicator.id)» er aldersstandardiseret; tallene skal stå pr. aldersgruppe i en fil med kolonnen aldersgruppe "
                    + "(se Data/README.md), ikke som vaerdi, taeller og naevner")
            return
        }
        let wanted = standardisation.bands
        let bandLocation = { (line: Int) in SourceLocation(file: observation.location.file, line: line, column: counts.column) }
        for (band, entry) in counts.entries.sorted(by: { $0.key < $1.key }) where !wanted.contains(band) {
            log.add(
                SourceLocation(file: observation.location.file, line: entry.line),
                "aldersgruppen \(band) hører ikke til «\(indicator.id)», som kataloget standardiserer over \(wanted.phrase)")
        }
        let missing = wanted.bands.filter { counts.entries[$0] == nil }
        if !missing.isEmpty {
            log.add(
                observation.location,
                "\(observation.municipality) «\(indicator.id)» \(observation.period) mangler aldersgrupperne "
                    + "\(missing.map(\.label).joined(separator: ", ")); hver af \(wanted.phrase) skal stå i filen "
                    + "(tom eller .., når tallet ikke vises)")
        }
        let shown = wanted.bands.filter { counts.entries[$0]?.events != nil }
        if missing.isEmpty, !shown.isEmpty, shown.count < wanted.bands.count {
            let empty = wanted.bands.filter { counts.entries[$0]?.events == nil }
            log.add(
                observation.location,
                "\(observation.municipality) «\(indicator.id)» \(observation.period) har tal i nogle aldersgrupper, men ikke i "
                    + "\(empty.map(\.label).joined(separator: ", ")); udfyld alle aldersgrupper, eller lad dem alle være tomme, "
                    + "når kommunens tal ikke vises (en aldersgruppe uden tal er ikke 0)")
        }
        guard log.problems.count == problems, shown.count == wanted.bands.count else { return }
        // Against the population in the same bands; a missing population is reported once per period.
        let date = populationDate(for: indicator, period: observation.period)
        var events = 0.0
        var residents = 0.0
        for band in wanted.bands {
            guard let entry = counts.entries[band], let count = entry.events,
                let population = population.count(band, municipality: observation.municipality, date: date)
            else { return }
            events += count
            residents += population
            if population == 0, count > 0 {
                log.add(
                    bandLocation(entry.line),
                    "\(DanishNumber.format(count, decimals: 0)) hændelser blandt 0 borgere i aldersgruppen \(band) pr. \(date.label); "
                        + "en rate kan ikke beregnes af 0")
            } else if indicator.numeratorIsPartOfDenominator, count > population {
                log.add(
                    bandLocation(entry.line),
                    "tælleren (\(DanishNumber.format(count, decimals: 0))) er større end antal borgere i aldersgruppen \(band) "
                        + "pr. \(date.label) (\(DanishNumber.format(population, decimals: 0))); for «\(indicator.id)» tælles borgere blandt aldersgruppens"
                )
            }
        }
        if log.problems.count == problems, residents > 0 {
            checkRange(events / residents * standardisation.scale, observation, indicator, column: counts.column, log: &log)
        }
    }

    /// A Danish standard population needs every municipality's age bands on its date.
    private func checkStandardPopulation(_ indicator: Indicator, date: Period, log: inout ProblemLog) {
        let missing = register.municipalities.map(\.code).filter { population.bands[date]?[$0] == nil }
        guard !missing.isEmpty else { return }
        let names = missing.prefix(5).map { "\($0) \(register.municipality($0)?.name ?? "")" }.joined(separator: ", ")
        let more = missing.count > 5 ? " og \(missing.count - 5) andre" : ""
        log.add(
            indicator.location,
            "«\(indicator.id)» standardiseres til \(StandardPopulation.danish(date: date).name), men befolkningen i aldersgrupper "
                + "pr. \(date.label) mangler for \(names)\(more); tilføj befolkningstal i aldersgrupper for den dato, eller vælg en anden")
    }

    private func checkRange(_ value: Double, _ observation: Observation, _ indicator: Indicator, column: Int?, log: inout ProblemLog) {
        guard let range = indicator.plausibleRange, !range.contains(value) else { return }
        let decimals = max(indicator.decimals, 1)
        log.add(
            observation.location(column: column),
            "«\(indicator.id)» er \(DanishNumber.format(value, decimals: decimals)) \(indicator.unit), uden for det mulige interval "
                + "\(DanishNumber.format(range.lowerBound, decimals: 0))–\(DanishNumber.format(range.upperBound, decimals: 0)) (kataloget); "
                + "er et tal læst forkert, eller er tæller og nævner byttet om?")
    }

    private func checkPopulation(_ indicator: Indicator, period: Period, municipalities: [MunicipalityCode], log: inout ProblemLog) {
        switch indicator.aggregation {
        case .weighted, .notAdditive(approximateBy: .some):
            break
        case .standardised(let standardisation):
            checkBandPopulation(indicator, standardisation, period: period, municipalities: municipalities, log: &log)
            return
        default:
            return
        }
        let group = indicator.weightBase
        let date = populationDate(for: indicator, period: period)
        let missing = municipalities.filter { population.count(group, municipality: $0, date: date) == nil }
        guard !missing.isEmpty else { return }
        let names = missing.prefix(5).map { "\($0) \(register.municipality($0)?.name ?? "")" }.joined(separator: ", ")
        let more = missing.count > 5 ? " og \(missing.count - 5) andre" : ""
        log.add(
            indicator.location,
            "«\(indicator.id)» periode \(period.label) vægtes med \(group.phrase) pr. \(date.label), "
                + "men befolkningstallet mangler for \(names)\(more); tilføj befolkningstal eller angiv «befolkningsdato»")
    }
}

extension DatapakkeInputs {
    /// An age-banded indicator's denominators are the population in its bands on its population date.
    fileprivate func checkBandPopulation(
        _ indicator: Indicator, _ standardisation: AgeStandardisation, period: Period, municipalities: [MunicipalityCode],
        log: inout ProblemLog
    ) {
        let date = populationDate(for: indicator, period: period)
        let missing = municipalities.filter { population.bands[date]?[$0] == nil }
        guard !missing.isEmpty else { return }
        let names = missing.prefix(5).map { "\($0) \(register.municipality($0)?.name ?? "")" }.joined(separator: ", ")
        let more = missing.count > 5 ? " og \(missing.count - 5) andre" : ""
        log.add(
            indicator.location,
            "«\(indicator.id)» periode \(period.label) er opgjort i \(standardisation.bands.phrase), men befolkningen i "
                + "aldersgrupper pr. \(date.label) mangler for \(names)\(more); tilføj befolkningstal i aldersgrupper "
                + "(Data/README.md) eller angiv «befolkningsdato»")
    }

    /// The newest date the data speaks of: a population date, or 31 December of the latest indicator
    /// year. Used as the fixed document date, so that the same data always gives the same files.
    public var dataDate: Date {
        var latest = population.dates.last ?? .firstOfJanuary(1980)
        for periods in observations.values {
            for period in periods.keys where period.lastDay.id > latest.id {
                latest = period.lastDay
            }
        }
        return Self.utcDate(latest) ?? Date(timeIntervalSince1970: 315_532_800)
    }

    /// Midnight UTC on a date.
    public static func utcDate(_ date: Period) -> Date? {
        guard case .date(let year, let month, let day) = date.kind else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day))
    }
}
