import Archive
import ArgumentParser
import EnergyModel
import Foundation
import LinearProgramming
import Reporting
import Scenarios
import Scheduling

/// The stages of one scheduled run, in order; each failure ends the run through the session.
struct ScheduledPipeline {
    let session: ScheduledSession
    var schedule: ScheduleConfig { session.config }

    func run() throws {
        let progress = session.progress
        // validate: the archive opens, the case loads, the scenarios read.
        let validated = try session.stage("validate") { () throws -> Validated in
            let archive: RunArchive
            switch Result(catching: { () throws(ArchiveError) in try RunArchive(path: schedule.archive.path) }) {
            case .success(let value): archive = value
            case .failure(let error):
                printError("error: \(error)")
                throw ExitCode(ScheduledSession.archiveFailed)
            }
            session.archive = archive
            let options = try makeCaseOptions()
            let system = try options.loadSystem(progress)
            session.model = system.name
            session.tariffFile = system.tariff?.name
            guard !schedule.scenarios.isEmpty else {
                return Validated(caseOptions: options, system: system, library: nil, chosen: [], archive: archive)
            }
            let library = try options.scenarioLibrary(for: system)
            let chosen: [Scenario]
            switch Result(catching: { () throws(ScenarioError) in try library.select(schedule.scenarios) }) {
            case .success(let value): chosen = value
            case .failure(let error):
                printError(error.description)
                throw ExitCode.badInput
            }
            return Validated(caseOptions: options, system: system, library: library, chosen: chosen, archive: archive)
        }
        let (caseOptions, system, library, chosen, archive) = (validated.caseOptions, validated.system, validated.library,
                                                                validated.chosen, validated.archive)
        let folder = try reportFolder(model: system.name)
        let leftovers = folder.removeLeftovers()
        if !leftovers.isEmpty { session.event("cleaned", message: "removed what an interrupted run left: \(leftovers.joined(separator: ", "))") }

        // plan: the base plan in cost mode; anything but optimal fails the run.
        let years = caseOptions.years ?? system.periods.map { $0.year }
        let planned = try session.stage("plan") { () throws -> Planned in
            let (time, aggregation) = try caseOptions.timeSlices(for: system, years: years, progress)
            let formulation = FormulationOptions(time: time, periodYears: years)
            let method = caseOptions.solverMethod(for: system, time: time, periodCount: years.count)
            let (optimization, buildSeconds) = try caseOptions.optimize(system, options: formulation, mode: .cost, method: method, progress)
            guard optimization.result.status == .optimal else {
                printError("the base plan ended \(optimization.result.status), not optimal; no report is written")
                throw ExitCode(optimization.result.status)
            }
            let provenance = caseOptions.provenance(optimization, system: system, mode: .cost, method: method, buildSeconds: buildSeconds,
                                                    extra: ["run_date": session.runDate])
            return Planned(formulation: formulation, method: method, aggregation: aggregation, optimization: optimization,
                           results: EnergyResults(optimization, provenance: provenance))
        }
        let (formulation, method, aggregation, optimization, results) = (planned.formulation, planned.method, planned.aggregation,
                                                                         planned.optimization, planned.results)

        // stress: the plan's capacities fixed, each disruption re-dispatched.
        let rows = try session.stage("stress") { () throws -> [StressTest.Row] in
            guard let library, !chosen.isEmpty else { return [] }
            let solver = GLPKSolver(options: SolverOptions(method: method, timeLimitSeconds: schedule.timeLimitSeconds))
            return try StressTest.run(system: system, plan: StressTest.capacities(of: results), library: library, scenarios: chosen,
                                      options: formulation, solver: solver) { progress.sweep($0) }
        }
        let unsolved = rows.filter { !$0.status.isOptimal }
        if !unsolved.isEmpty {
            session.event("warning", stage: "stress", message: "\(unsolved.count) stress case(s) did not solve: "
                          + unsolved.map { "\($0.scenario) \($0.period) \($0.status)" }.joined(separator: ", "))
        }

        // changes: against the last succeeded run of the archive.
        var entry = ArchiveEntry(
            run: ArchiveRun(runID: session.runID, model: system.name, startedAt: ScheduledSession.iso(session.startedAt),
                            finishedAt: "", runDate: session.runDate, status: ArchiveRun.succeeded, exitCode: 0,
                            tariffFile: session.tariffFile, objectiveUSD: results.objectiveUSD, bijliVersion: Bijli.version),
            inputs: results.provenance.inputHashes, prices: ScheduledEntry.prices(of: system, periods: years),
            fuels: ScheduledEntry.fuels(of: results), metrics: ScheduledEntry.metrics(of: results, stress: rows))
        let changes = try session.stage("changes") { () throws -> ChangeReport in
            switch Result(catching: { () throws(ArchiveError) in try archive.lastSucceeded(model: system.name) }) {
            case .success(let previous): return ChangeReport.compare(previous: previous, current: entry)
            case .failure(let error):
                printError("error: \(error)")
                throw ExitCode(ScheduledSession.archiveFailed)
            }
        }

        // report: every file of the run folder, built in memory.
        let files = try session.stage("report") {
            try reportFiles(optimization, results: results, aggregation: aggregation, rows: rows, changes: changes)
        }

        // write: the archive entry and the report commit together: the transaction inserts the
        // entry, the folder is moved into place, then the transaction commits. Signals wait.
        try session.writingStage("write") {
            entry.run.finishedAt = ScheduledSession.iso(Date())
            var written: URL?
            var folderError: RunFolderError?
            let recorded = Result { () throws(ArchiveError) in
                try archive.record(entry) {
                    switch Result(catching: { () throws(RunFolderError) in
                        try folder.write(files, runID: session.runID) { session.holdIfAsked("rename") }
                    }) {
                    case .success(let url):
                        written = url
                        return url.path
                    case .failure(let error):
                        folderError = error
                        throw error
                    }
                }
            }
            if let folderError {
                printError("error: \(folderError)")
                throw ExitCode.cannotWrite
            }
            if case .failure(let error) = recorded {
                printError("error: \(error)" + (written.map { " (the report \($0.path) was written but is not archived)" } ?? ""))
                throw session.fail(stage: "archive", code: ScheduledSession.archiveFailed, message: ErrorCapture.shared.take())
            }
            guard let written else { throw ExitCode.cannotWrite }
            print(summary(results, changes: changes, folder: written))
            session.finish(report: written.path)
        }
    }

    private struct Validated {
        var caseOptions: CaseOptions
        var system: EnergySystem
        var library: ScenarioLibrary?
        var chosen: [Scenario]
        var archive: RunArchive
    }

    private struct Planned {
        var formulation: FormulationOptions
        var method: SolverMethod
        var aggregation: AggregationReport?
        var optimization: Optimization
        var results: EnergyResults
    }

    private func makeCaseOptions() throws -> CaseOptions {
        var arguments = ["--model", schedule.model.path, "--inputs", schedule.inputs.path, "--resolution", schedule.resolution,
                         "--seed", String(schedule.seed), "--time-limit", String(schedule.timeLimitSeconds),
                         "--run-date", session.runDate]
        if let tariffs = schedule.tariffs { arguments += ["--tariffs", tariffs.path] }
        if let periods = schedule.periods { arguments += ["--periods", periods.map(String.init).joined(separator: ",")] }
        if session.progress.quiet { arguments.append("--quiet") }
        do {
            return try CaseOptions.parse(arguments)
        } catch {
            printError("error: \(CaseOptions.message(for: error))")
            throw ExitCode.badInput
        }
    }

    private func reportFolder(model: String) throws -> RunFolder {
        switch Result(catching: { () throws(RunFolderError) in try RunFolder.scenario(root: schedule.reports, model: model, scenario: "scheduled") }) {
        case .success(let folder): return folder
        case .failure(let error):
            throw session.fail(stage: "validate", code: ExitCode.cannotWrite.rawValue, message: error.description)
        }
    }

    private func reportFiles(_ optimization: Optimization, results: EnergyResults, aggregation: AggregationReport?,
                             rows: [StressTest.Row], changes: ChangeReport) throws -> [String: Data] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var files = results.csvTables()
        files["results.json"] = try results.json()
        files["solver.log"] = Data(optimization.result.log.utf8)
        if let aggregation { files["time_aggregation.json"] = try encoder.encode(aggregation) }
        files["changes.json"] = try changes.json()
        if !rows.isEmpty {
            files["stress.json"] = try encoder.encode(rows)
            files["stress.csv"] = Data(StressTest.csv(rows).utf8)
        }
        let stress = rows.isEmpty ? [] : StressReportBuilder.build(rows).sections
        files.merge(try RunReports.files(optimization, results: results, aggregation: aggregation, scenario: "scheduled",
                                         buildSeconds: results.provenance.buildSeconds, solveSeconds: results.provenance.solveSeconds) { document in
            document.title = "Bijli scheduled run: \(optimization.lp.system.name), run date \(session.runDate)"
            document.sections.insert(changes.section(), at: min(1, document.sections.count))
            document.sections.append(contentsOf: stress)
            if let finding = changes.finding() { document.keyFindings.insert(finding, at: 0) }
            document.provenance.append(ProvenanceItem("Run date", session.runDate))
            document.provenance.append(ProvenanceItem("Compared with", changes.previousRunID ?? "none (first run)"))
        }) { current, _ in current }
        return files
    }

    private func summary(_ results: EnergyResults, changes: ChangeReport, folder: URL) -> String {
        var lines = ["run         \(session.runID) (run date \(session.runDate))",
                     "objective   \(results.objectiveUSD.map { String(format: "%.6g USD", $0) } ?? "none")"]
        if let finding = changes.finding() { lines.append("changed     \(finding)") }
        lines.append("changes     \(changes.inputs.count) input file(s), \(changes.prices.count) price(s) vs \(changes.previousRunID ?? "none")")
        lines.append("report      \(folder.path)/report.html")
        lines.append("archive     \(schedule.archive.path)")
        return lines.joined(separator: "\n")
    }
}
