import ArgumentParser
import DatapakkeCore

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Viser sundhedsrådene (eller klyngerne) i en definitionsfil med kommuner og indbyggertal."
    )

    @OptionGroup var input: InputOptions

    func run() throws {
        let inputs = try input.load()
        let definitions = inputs.definitions
        let date = inputs.population.dates.last
        let synthetic = date.flatMap { inputs.population.origins[$0] } == .synthetic
        print("\(definitions.name) (\(definitions.file)): \(definitions.clusters.count) \(definitions.kind.rawValue), "
              + "\(inputs.register.municipalities.count) kommuner")
        if let date {
            print("Indbyggertal pr. \(Period(date).label)\(synthetic ? " (SYNTETISKE eksempeldata)" : "")")
        }
        for cluster in definitions.clusters {
            var total: Double? = 0
            let members = cluster.members.map { member -> String in
                let name = inputs.register.municipality(member.code)?.name ?? String(member.code)
                let count = date.flatMap { inputs.population.count("i_alt", municipality: member.code, date: $0) }
                if let count { total? += count * member.share } else { total = nil }
                let share = member.share < 1 ? ", andel \(DanishNumber.format(member.share * 100, decimals: 0)) %" : ""
                return "\(name) (\(count.map { DanishNumber.format($0, decimals: 0) } ?? "..")\(share))"
            }
            print("")
            print("\(cluster.id)  \(cluster.name)  [\(cluster.region)]  \(total.map { DanishNumber.format($0, decimals: 0) + " borgere" } ?? "")")
            print("    Akutsygehuse: \(cluster.acuteHospitals.joined(separator: "; "))")
            print("    Kommuner (\(cluster.members.count)): \(members.joined(separator: ", "))")
        }
    }
}
