import Archive
import EnergyModel
import Foundation
import LinearProgramming
import Reporting
import Scenarios
import Workflows

/// The stages of one scheduled run, in order; each failure ends the run through the session.
struct ScheduledPipeline {
    let session: ScheduledSession
    let workflow: CaseWorkflow
    var schedule: ScheduleConfig { session.config }

    func run() throws(ScheduledRunError) -> ScheduledRunOutcome {
        // validate: the archive opens, the case loads, the scenarios read.
        let validated = try session.stage("validate") { () throws(StageFailure) -> Validated in
            let archive: RunArchive
            do {
                archive = try session.environment.openArchive(schedule.archive)
            } catch {
                throw StageFailure(ExitStatus.archiveFailed, "error: \(error)")
            }
            session.use(archive)
            let system = try step { () throws(WorkflowError) in try workflow.loadSystem() }
            session.describe(model: system.name, tariffFile: system.tariff?.name)
            guard !schedule.scenarios.isEmpty else { return Validated(system: system, library: nil, chosen: [], archive: archive) }
            let library = try step { () throws(WorkflowError) in try workflow.scenarioLibrary(for: system) }
            let chosen = try step { () throws(WorkflowError) in try workflow.select(schedule.scenarios, from: library) }
            return Validated(system: system, library: library, chosen: chosen, archive: archive)
        }
        let system = validated.system
        let folder = try reportFolder(model: system.name)
        let leftovers = folder.removeLeftovers()
        if !leftovers.isEmpty { session.event("cleaned", message: "removed what an interrupted run left: \(leftovers.joined(separator: ", "))") }

        // plan: the base plan in cost mode; anything but optimal fails the run.
        let years = workflow.years(of: system)
        let planned = try session.stage("plan") { () throws(StageFailure) -> Planned in
            try plan(system, years: years)
        }
        let results = planned.results

        // stress: the plan's capacities fixed, each disruption re-dispatched.
        let rows = try session.stage("stress") { () throws(StageFailure) -> [StressTest.Row] in
            guard let library = validated.library, !validated.chosen.isEmpty else { return [] }
            do {
                return try StressTest.run(system: system, plan: StressTest.capacities(of: results), library: library,
                                          scenarios: validated.chosen, options: planned.formulation,
                                          solver: workflow.solver(planned.method)) { session.progress.sweep($0) }
            } catch {
                throw StageFailure(ExitStatus.badInput, "error: \(error)")
            }
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
                            tariffFile: session.tariffFile, objectiveUSD: results.objectiveUSD, bijliVersion: BijliVersion.current),
            inputs: results.provenance.inputHashes, prices: ScheduledEntry.prices(of: system, periods: years),
            fuels: ScheduledEntry.fuels(of: results), metrics: ScheduledEntry.metrics(of: results, stress: rows))
        let archive = validated.archive
        let changes = try session.stage("changes") { () throws(StageFailure) -> ChangeReport in
            switch Result(catching: { () throws(ArchiveError) in try archive.lastSucceeded(model: system.name) }) {
            case .success(let previous): return ChangeReport.compare(previous: previous, current: entry)
            case .failure(let error): throw StageFailure(ExitStatus.archiveFailed, "error: \(error)")
            }
        }

        // report: every file of the run folder, built in memory.
        let files = try session.stage("report") { () throws(StageFailure) -> [String: Data] in
            try step { () throws(WorkflowError) in try reportFiles(planned, rows: rows, changes: changes) }
        }

        // write: the archive entry and the report commit together: the transaction inserts the
        // entry, the folder is moved into place, then the transaction commits. Signals wait.
        let written = try session.writingStage("write") { () throws(StageFailure) -> URL in
            entry.run.finishedAt = ScheduledSession.iso(session.environment.now())
            return try write(entry, files: files, to: folder, archive: archive)
        }
        let deferred = session.finish(report: written.path)
        return ScheduledRunOutcome(runID: session.runID, runDate: session.runDate, results: results, changes: changes,
                                   folder: written, archive: schedule.archive, deferredSignal: deferred)
    }

    private struct Validated {
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

    private func plan(_ system: EnergySystem, years: [Int]) throws(StageFailure) -> Planned {
        let (time, aggregation) = try step { () throws(WorkflowError) in try workflow.timeSlices(for: system, years: years) }
        let formulation = FormulationOptions(time: time, periodYears: years)
        let method = workflow.solverMethod(for: system, time: time, periodCount: years.count)
        let (optimization, buildSeconds) = try step { () throws(WorkflowError) in
            try workflow.optimize(system, options: formulation, mode: .cost, method: method)
        }
        guard optimization.result.status == .optimal else {
            throw StageFailure(ExitStatus.of(optimization.result.status),
                               "the base plan ended \(optimization.result.status), not optimal; no report is written")
        }
        let provenance = workflow.provenance(optimization, system: system, mode: .cost, method: method, buildSeconds: buildSeconds,
                                             extra: ["run_date": session.runDate])
        return Planned(formulation: formulation, method: method, aggregation: aggregation, optimization: optimization,
                       results: EnergyResults(optimization, provenance: provenance))
    }

    /// Records the entry and moves the report into place inside one archive transaction.
    private func write(_ entry: ArchiveEntry, files: [String: Data], to folder: RunFolder,
                       archive: RunArchive) throws(StageFailure) -> URL {
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
        if let folderError { throw StageFailure(ExitStatus.cannotWrite, "error: \(folderError)") }
        if case .failure(let error) = recorded {
            throw StageFailure(ExitStatus.archiveFailed,
                               "error: \(error)" + (written.map { " (the report \($0.path) was written but is not archived)" } ?? ""),
                               stage: "archive")
        }
        guard let written else { throw StageFailure(ExitStatus.cannotWrite, "") }
        return written
    }

    private func reportFolder(model: String) throws(ScheduledRunError) -> RunFolder {
        switch Result(catching: { () throws(RunFolderError) in try RunFolder.scenario(root: schedule.reports, model: model, scenario: "scheduled") }) {
        case .success(let folder): return folder
        case .failure(let error):
            throw session.fail(stage: "validate", code: ExitStatus.cannotWrite, message: error.description)
        }
    }

    private func reportFiles(_ planned: Planned, rows: [StressTest.Row], changes: ChangeReport) throws(WorkflowError) -> [String: Data] {
        let (optimization, results) = (planned.optimization, planned.results)
        var files = try RunReports.resultFiles(optimization, results: results, aggregation: planned.aggregation)
        do {
            files["changes.json"] = try changes.json()
        } catch {
            throw .encoding(String(describing: error))
        }
        if !rows.isEmpty { files.merge(try RunReports.stressFiles(rows)) { $1 } }
        let stress = rows.isEmpty ? [] : StressReportBuilder.build(rows).sections
        let runDate = session.runDate
        files.merge(try RunReports.files(optimization, results: results, aggregation: planned.aggregation, scenario: "scheduled",
                                         buildSeconds: results.provenance.buildSeconds, solveSeconds: results.provenance.solveSeconds,
                                         arguments: session.environment.arguments) { document in
            document.title = "Bijli scheduled run: \(optimization.lp.system.name), run date \(runDate)"
            document.sections.insert(changes.section(), at: min(1, document.sections.count))
            document.sections.append(contentsOf: stress)
            if let finding = changes.finding() { document.keyFindings.insert(finding, at: 0) }
            document.provenance.append(ProvenanceItem("Run date", runDate))
            document.provenance.append(ProvenanceItem("Compared with", changes.previousRunID ?? "none (first run)"))
        }) { current, _ in current }
        return files
    }
}
