import ArgumentParser
import EnergyModel
import Foundation
import Interop
import Workflows

/// `bijli import-pypsa`: convert a PyPSA CSV folder into Bijli's own case files.
struct ImportPyPSA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-pypsa",
        abstract: "Convert a PyPSA network (CSV folder, one period) into Bijli's Models/<name>/ and Inputs/<name>/ files.",
        discussion: "Unsupported attributes are refused, each named (file, component, attribute); exit 2. See docs/PYPSA.md.")

    @Argument(help: "The PyPSA CSV folder (written by n.export_to_csv_folder).")
    var folder: String

    @Option(help: "Where to write: <out>/Models/<name>/ and <out>/Inputs/<name>/.")
    var out: String

    @Option(help: "The case name (default: the network's name, else the folder's).")
    var name: String?

    func run() throws {
        var files: BijliCaseFiles
        switch Result(catching: { () throws(PyPSAError) in try PyPSAImport.convert(folder: URL(fileURLWithPath: folder)) }) {
        case .success(let converted): files = converted
        case .failure(let error):
            for problem in error.problems { printError(problem.description) }
            printError("\(error.problems.count) problem(s) found; nothing was written")
            throw ExitCode.badInput
        }
        if let name {
            files.name = name
            files.modelFiles["model.yaml"] = files.modelFiles["model.yaml"]?.replacingOccurrences(
                of: "\nname: [^\n]*\n", with: "\nname: \(name)\n", options: .regularExpression)
        }
        let root = URL(fileURLWithPath: out)
        let model = root.appendingPathComponent("Models").appendingPathComponent(files.name)
        let inputs = root.appendingPathComponent("Inputs").appendingPathComponent(files.name)
        do {
            try files.write(model: model, inputs: inputs)
        } catch {
            printError("error: \(error)")
            throw ExitCode.cannotWrite
        }
        for note in files.notes { printError("note: \(note)") }
        print("model   \(model.path)")
        print("inputs  \(inputs.path)")
        print("run     bijli run --model \(model.path) --inputs \(inputs.path) --out Reports")
    }
}

/// `bijli export-pypsa`: write a Bijli case as a PyPSA CSV folder.
struct ExportPyPSA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-pypsa",
        abstract: "Write one period of a Bijli case as a PyPSA CSV folder (load it with pypsa.Network(DIR)).",
        discussion: "What PyPSA cannot express exactly (hydro budgets, fuel limits, policies other than a hard CO2 cap) is refused; exit 2. See docs/PYPSA.md.")

    @Option(help: "The model folder, e.g. Models/pakistan.")
    var model: String

    @Option(help: "The inputs folder, e.g. Inputs/pakistan.")
    var inputs: String

    @Option(help: "The period year to write (required when the case has several).")
    var period: Int?

    @Option(help: "hourly, repdays:N, or blank for the case's snapshots.csv (else hourly).")
    var resolution: String?

    @Option(help: "Seed for choosing representative days.")
    var seed: UInt64 = 0

    @Option(help: "Demand variant of demand.csv.")
    var demandVariant: String?

    @Option(help: "The folder to write (created if missing).")
    var out: String

    func run() throws {
        let system: EnergySystem
        switch Result(catching: { () throws(CaseLoadError) in
            try CaseLoader.load(model: URL(fileURLWithPath: model), inputs: URL(fileURLWithPath: inputs), demandVariant: demandVariant)
        }) {
        case .success(let loaded): system = loaded
        case .failure(let error):
            for issue in error.issues { printError(issue.description) }
            throw ExitCode.badInput
        }
        var time: TimeSlices?
        if let resolution, resolution != "hourly" {
            guard let n = Resolution(parsing: resolution)?.representativeDayCount else {
                printError("error: --resolution must be hourly or repdays:N")
                throw ExitCode.badInput
            }
            time = try orExit { () throws(WorkflowError) in
                try CaseWorkflow.representativeDays(n, of: system, year: period ?? system.periods.first?.year, seed: seed).0
            }
        } else if resolution == "hourly" {
            time = .hourly
        }
        let files: [String: String]
        switch Result(catching: { () throws(PyPSAError) in try PyPSAExport.files(system, year: period, time: time) }) {
        case .success(let written): files = written
        case .failure(let error):
            for problem in error.problems { printError(problem.description) }
            printError("\(error.problems.count) problem(s) found; nothing was written")
            throw ExitCode.badInput
        }
        do {
            try PyPSAExport.write(files, to: URL(fileURLWithPath: out))
        } catch {
            printError("error: \(error)")
            throw ExitCode.cannotWrite
        }
        print("wrote \(files.count) files to \(out)")
    }
}
