import ArgumentParser
import EnergyModel
import Foundation

/// `bijli profiles --shapes DIR --out DIR`: synthesise `demand_profile.csv` and `profiles.csv`
/// from the shape tables (docs/PROFILES.md).
struct Profiles: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Synthesise demand_profile.csv and profiles.csv (8760 hours) from the monthly and daily shape tables.",
        discussion: """
            Reads the shape tables of --shapes (formats: docs/FORMATS.md, "Shape tables"), prints every problem as \
            file:line:column: message and exits 2 if there is any; otherwise writes both files into --out atomically \
            (temporary files, then renamed) and prints a summary. Exit codes: 0 written, 2 bad shape tables, \
            64 usage, 73 a file cannot be written. Method: docs/PROFILES.md.
            """)

    @Option(help: "The shapes folder, e.g. Inputs/pakistan/shapes.")
    var shapes: String

    @Option(help: "Where demand_profile.csv and profiles.csv go, e.g. Inputs/pakistan.")
    var out: String

    @Option(help: "Comma-separated region columns of demand_profile.csv (each gets the same shape).")
    var regions: String = "north,south,karachi"

    @Option(help: "Half-width in days of the blend between two seasons' demand multipliers (0: abrupt switch).")
    var blendDays: Double = 15

    func validate() throws {
        let names = regionList
        guard !names.isEmpty, Set(names).count == names.count else {
            throw ValidationError("--regions needs distinct region ids, e.g. north,south,karachi")
        }
        guard blendDays >= 0, blendDays.isFinite else { throw ValidationError("--blend-days must be a non-negative number") }
    }

    var regionList: [String] {
        regions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() throws {
        let shapesURL = URL(fileURLWithPath: shapes)
        let tables: ShapeTables
        switch Result(catching: { () throws(CaseLoadError) in try ShapeTables.read(from: shapesURL) }) {
        case .success(let value): tables = value
        case .failure(let error):
            for issue in error.issues { printError(issue.description) }
            printError(error.issues.count == 1 ? "1 problem found" : "\(error.issues.count) problems found")
            throw ExitCode.badInput
        }
        let options = ProfileSynthesis.Options(blendDays: blendDays)
        let result: SynthesisedProfiles
        switch Result(catching: { () throws(ProfileSynthesisError) in try ProfileSynthesis.synthesise(tables, options: options) }) {
        case .success(let value): result = value
        case .failure(let error):
            for problem in error.problems { printError("\(shapes): \(problem)") }
            throw ExitCode.badInput
        }
        let command = "bijli profiles --shapes \(shapes) --out \(out) --regions \(regionList.joined(separator: ","))"
            + " --blend-days \(HourlySeriesFile.format(blendDays, decimals: 3)) (bijli \(Bijli.version)); deterministic, no random numbers"
        let demand = result.demandFile(tables: tables, shapesFolder: shapes, regions: regionList, extra: [("written-by", command)])
        let availability = result.profilesFile(tables: tables, shapesFolder: shapes, extra: [("written-by", command)])
        let outURL = URL(fileURLWithPath: out)
        let targets = [(text: demand.text, url: outURL.appendingPathComponent("demand_profile.csv")),
                       (text: availability.text, url: outURL.appendingPathComponent("profiles.csv"))]
        switch Result(catching: { () throws(ProfileWriteError) in try HourlySeriesFile.write(targets) }) {
        case .success: break
        case .failure(let error):
            printError("error: \(error)")
            throw ExitCode.cannotWrite
        }
        print(summary(tables, result))
    }

    /// What was written, with the checks a reader wants: annual and monthly energy, peak and trough, mean of each profile.
    func summary(_ tables: ShapeTables, _ result: SynthesisedProfiles) -> String {
        let demand = result.demandMW
        let annualGWh: Double = demand.reduce(0, +) / 1000
        var lines = ["wrote \(out)/demand_profile.csv: \(demand.count) hours x \(regionList.count) regions (\(regionList.joined(separator: ", "))), "
                     + "\(fmt(annualGWh, 1)) GWh (tables: \(fmt(tables.annualEnergyGWh, 1))), peak \(fmt(demand.max() ?? 0, 0)) MW, "
                     + "lowest \(fmt(demand.min() ?? 0, 0)) MW, season blend ±\(fmt(result.blendDays, 1)) days"]
        if !result.availabilityIDs.isEmpty {
            lines.append("wrote \(out)/profiles.csv: \(EnergySystem.hoursPerYear) hours x \(result.availabilityIDs.count) profiles")
        }
        for id in result.availabilityIDs {
            let values = result.availability[id] ?? []
            let mean: Double = values.reduce(0, +) / Double(max(1, values.count))
            lines.append("  \(id): annual mean \(fmt(mean, 4)), max \(fmt(values.max() ?? 0, 4)), clipped hours \(result.clippedHours[id] ?? 0)")
        }
        return lines.joined(separator: "\n")
    }

    func fmt(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }
}
