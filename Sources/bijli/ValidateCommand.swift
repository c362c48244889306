import ArgumentParser
import EnergyModel
import Foundation
import Workflows

/// `bijli validate --model DIR --inputs DIR`: load a case and report every problem.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a case (model and inputs folders) and print every problem as file:line:column: message.",
        discussion: "Exit codes: 0 valid (a one-line summary is printed), 2 problems found (listed on standard error), 64 usage. File formats: docs/FORMATS.md.")

    @Option(help: "The model folder, e.g. Models/pakistan (model.yaml, generators.csv, storage.csv).")
    var model: String

    @Option(help: "The inputs folder, e.g. Inputs/pakistan (settings.yaml, periods.csv, demand.csv, ...).")
    var inputs: String

    @Option(help: "Demand variant of demand.csv to check as chosen (default: demand_variant in settings.yaml).")
    var demandVariant: String?

    @Option(help: "A tariff file to check and apply, a folder of them, or 'none'; default: the newest file of <inputs>/tariffs/ effective on the run date.")
    var tariffs: String?

    @Option(help: "The date to check for, YYYY-MM-DD (default: today, UTC): picks the tariff file effective on it.")
    var runDate: String?

    func validate() throws {
        try CaseOptions.check(runDate: runDate)
    }

    func run() throws {
        let modelURL = URL(fileURLWithPath: model), inputsURL = URL(fileURLWithPath: inputs)
        let tariffOptions = TariffSelection(tariffs: tariffs, runDate: runDate.flatMap(CalendarDate.init(iso:)), inputs: inputsURL)
        let choice = tariffOptions.choice
        let result: Result<EnergySystem, CaseLoadError> = {
            do throws(CaseLoadError) {
                return .success(try CaseLoader.load(model: modelURL, inputs: inputsURL, demandVariant: demandVariant, tariffs: choice))
            } catch {
                return .failure(error)
            }
        }()
        switch result {
        case .success(let system):
            print("valid: \(system.name): \(system.regions.count) regions, \(system.generators.count) generators, "
                  + "\(system.storages.count) storage, \(system.periods.count) periods, \(EnergySystem.hoursPerYear) hours")
            print(tariffOptions.summary(of: system))
        case .failure(let error):
            for issue in error.issues { printError(issue.description) }
            printError(error.issues.count == 1 ? "1 problem found" : "\(error.issues.count) problems found")
            throw ExitCode.badInput
        }
    }
}
