import ArgumentParser
import DatapakkeBuild
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Skriver en Excel-datapakke, refleksionsspørgsmål og en præsentation for hvert sundhedsråd.",
        discussion: """
            For hvert sundhedsråd i definitionsfilen skrives <navn>.xlsx, <navn>-refleksioner.md, \
            <navn>-refleksioner.html og præsentationen <navn>-praesentation.html i mappen --out. Hver \
            fil skrives færdig i en midlertidig fil og flyttes først på plads, når den er hel: en fejl \
            efterlader aldrig en halv pakke, og en tidligere version af pakken bliver stående.

            Med --pdf printes præsentationen også til <navn>-praesentation.pdf (A4 liggende, én slide \
            pr. side) med en Chromium uden vindue (chromium --headless --print-to-pdf). Findes der \
            ingen Chromium på PATH, skriver bygningen en advarsel og fortsætter uden PDF. En PDF er \
            ikke byte-identisk fra gang til gang (Chromium sætter tidspunktet i filen); manifestet \
            har den med som pakkens fil, og en senere bygning med --pdf skriver den, hvis den mangler.

            Bygningen er trinvis: out/manifest.json husker for hver pakke et fingeraftryk (SHA-256) af \
            dens input (definition, egne kommuners data, sammenligningen med region og land som vist \
            og spredningen mellem alle rådene i overblikket, katalog, skabeloner, værktøjets version \
            og programfil) og af de skrevne filer. Kun pakker, \
            hvis input eller filer er ændret, bygges igen; de andre meldes som uændrede. En genbygget \
            pakke får på forsiden en liste over, hvad der er ændret siden forrige version. --force \
            bygger alle. Filer fra pakker, der er fjernet fra definitionerne, slettes først, når \
            bygningen er lykkedes; andre filer i mappen røres ikke.

            Én bygning ad gangen skriver i en mappe. En bygning låser mappen med filen \
            .datapakke.lock, så længe den kører, og fjerner filen igen; en anden bygning i samme mappe \
            skriver "venter på, at en anden bygning i … bliver færdig" på standard error og venter, \
            til den første er færdig. Bliver en bygning afbrudt (fx med kill -9), rydder den næste op: \
            midlertidige filer (.datapakke-tmp-…) slettes, og pakker, hvis filer ikke passer med \
            manifestet, bygges igen.

            En mappe hører til én inddeling: manifest.json husker definitionssættets navn. Bygges en \
            anden inddeling i mappen (fx klyngerne fra 2022 oven i sundhedsrådene), stopper bygningen \
            med exit 1 uden at røre noget. Med --erstat slettes først de filer, mappens manifest \
            nævner, og den nye inddeling bygges i stedet; andre filer i mappen røres ikke.

            Dokumentdatoen er fast (datagrundlagets seneste dato, eller SOURCE_DATE_EPOCH når den er \
            sat), så to kørsler på samme data giver byte-identiske filer (undtagen PDF'erne).

            Små tal skjules (diskretionering), og skjulte celler afgøres for alle kort, der \
            offentliggøres sammen: som standard de andre *.yaml-filer i definitionsfilens mappe (med de \
            medfølgende filer sundhedsråd 2027 og sundhedsklynger 2022 under ét), så en skjult værdi \
            heller ikke kan regnes ud ved at sammenholde de to korts pakker. --published-with vælger \
            andre filer, --published-alone ingen.

            --only tager id'er og navne, med eller uden "Sundhedsråd", uden hensyn til store og små \
            bogstaver, og med æ/ø/å eller ae/oe/aa.

            Eksempler:
              datapakke build
              datapakke build --only SR06 "Sundhedsråd Fyn" --out /tmp/pakker
              datapakke build --pdf
              datapakke build --definitions ClusterDefinitions/sundhedsklynger-2022.yaml --out out/klynger
            """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var publication: PublicationOptions

    @Option(help: ArgumentHelp("Mappe, pakkerne skrives i (oprettes om nødvendigt).", valueName: "mappe"))
    var out = "out"

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Kun disse sundhedsråd (id eller navn).", valueName: "id"))
    var only: [String] = []

    @Flag(help: "Byg alle pakker, også dem hvis input og filer er som ved sidste bygning.")
    var force = false

    @Option(help: ArgumentHelp("Antal pakker, der bygges samtidig (standard: antal kerner).", valueName: "antal"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Erstat pakkerne til en anden inddeling i mappen: de filer, dens manifest nævner, slettes først.")
    var erstat = false

    @Flag(help: "Print også præsentationen til PDF med Chromium (headless), når den findes.")
    var pdf = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs skal være mindst 1.") }
    }

    func run() throws {
        let started = Date()
        let progress = TerminalProgress()
        let outcome = try reportingFailures {
            let options = BuildOptions(
                directory: out, only: only, force: force, jobs: jobs, tool: .running(version: Datapakke.version),
                documentDate: documentDate(), replace: erstat, pdf: pdf)
            let build = IncrementalBuild(project: try Project.load(input.layout(publishing: publication.maps)), options: options)
            return try build.run(progress: progress.advance, waiting: printError)
        }
        progress.finish()
        outcome.report(seconds: Date().timeIntervalSince(started)).forEach { print($0) }
        outcome.warnings.forEach(printError)
        if !outcome.succeeded { throw ExitCode(1) }
    }
}
