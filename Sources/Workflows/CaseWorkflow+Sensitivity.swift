import EnergyModel
import Foundation
import LinearProgramming
import Reporting
import Scenarios

/// What a sensitivity run gives: the points and plans, and the run folder written.
public struct SensitivityOutcome: Sendable {
    /// The run (parameters, points, the plan at each point).
    public var run: SensitivityRun
    /// The report written.
    public var document: ReportDocument
    /// The run folder, `<out>/<model>/sensitivity/<run id>`.
    public var folder: URL
    /// Solves that started from an earlier point's basis, and all solves.
    public var warmSolves: Int, solves: Int
}

/// The points of a sensitivity run and the plans of the points solved (a shard's or all).
private struct SensitivitySweep {
    var system: EnergySystem
    var years: [Int]
    var parameters: [SweepParameter]
    var points: [Sensitivity.Point]
    var members: Range<Int>
    var results: [EnergyResults]
}

extension CaseWorkflow {
    /// The run folder of sensitivity runs under a model (`<out>/<model>/sensitivity/`).
    public static let sensitivityFolder = "sensitivity"

    /// A sensitivity run (`bijli sensitivity`): `vary` (one or two parameters: every combination
    /// of their values) or `tornado` (parameters with a low and a high value each, and the base);
    /// each point's overlays laid on the case after the request's scenario and overlays, the plan
    /// re-optimised (cost objective) on the time steps of the case without the point's changes,
    /// the points solved in parallel in fixed warm chains (``Sensitivity/solve(_:options:solver:workers:progress:)``).
    /// Every point's overlays are checked before the first solve. Writes a new folder
    /// `<out>/<model>/sensitivity/<run id>` (`sensitivity.json`, the report, `tables/`, `figures/`,
    /// `run.json`); `base/latest` is not touched.
    /// - Throws: ``WorkflowError/scenario(_:)`` for a bad parameter or overlay (nothing is solved or written).
    public func sensitivity(vary: [String], tornado: [String], measure: Sensitivity.Measure = .init(.cost), out: URL,
                            arguments: [String] = []) throws(WorkflowError) -> SensitivityOutcome {
        let sweep = try sensitivitySweep(vary: vary, tornado: tornado, measure: measure, shard: nil)
        let stages = sweep.results.flatMap(\.stages)
        let run = SensitivityRun(model: sweep.system.name, scenario: request.scenarioName, parameters: sweep.parameters, points: sweep.points,
                                 results: sweep.results, tornado: !tornado.isEmpty, measure: measure)
        let (files, document) = try Self.sensitivityFolder(run, stageSeconds: stages.map(\.seconds), arguments: arguments)
        let parent = try RunReports.folder(out, model: sweep.system.name, scenario: Self.sensitivityFolder).parent
        let folder = try RunReports.write(files, under: parent)
        return SensitivityOutcome(run: run, document: document, folder: folder,
                                  warmSolves: stages.filter { $0.warmStarted == true }.count, solves: stages.count)
    }

    /// One shard of a sensitivity run (`bijli sensitivity --shard I/N`): the plans of its points,
    /// whole warm chains of ``Sensitivity/chainLength`` (``Shard/members(of:inChainsOf:)``), each
    /// solved exactly as in the whole run, and what the run is, for `bijli merge` (docs/SCALING.md).
    /// Every point is still checked before the first solve.
    public func sensitivity(vary: [String], tornado: [String], measure: Sensitivity.Measure = .init(.cost),
                            shard: Shard) throws(WorkflowError) -> ShardRecord {
        let sweep = try sensitivitySweep(vary: vary, tornado: tornado, measure: measure, shard: shard)
        var record = ShardRecord(sweep: .sensitivity, shard: shard, members: sweep.points.count, chain: Sensitivity.chainLength, planSHA256: nil,
                                 inputHashes: inputHashes(sweep.system), seed: request.seed, settings: sweepSettings(sweep.system, years: sweep.years))
        record.memberIDs = sweep.points.map(SensitivityReportBuilder.name)
        record.model = sweep.system.name
        (record.vary, record.tornado, record.measure) = (vary, tornado, measure.argument)
        record.results = sweep.results
        record.stageSeconds = sweep.results.flatMap(\.stages).map(\.seconds)
        return record
    }

    /// The files of a sensitivity run from its shards' records, in shard order (`bijli merge`):
    /// the points again from the recorded parameters, the plans of every shard.
    static func sensitivityFiles(_ records: [ShardRecord], arguments: [String]) throws(WorkflowError) -> [String: Data] {
        let first = records[0]
        let years = (first.settings["periods"] ?? "").split(separator: ",").compactMap { Int($0) }
        let measure = first.measure.flatMap(Sensitivity.Measure.init(parsing:)) ?? .init(.cost)
        let (vary, tornado) = (first.vary ?? [], first.tornado ?? [])
        let parameters = try sweepParameters(vary: vary, tornado: tornado, measure: measure, years: years)
        let points = tornado.isEmpty ? Sensitivity.grid(parameters) : Sensitivity.tornado(parameters)
        let results = records.flatMap { $0.results ?? [] }
        guard points.count == results.count, points.map(SensitivityReportBuilder.name) == first.memberIDs else {
            throw .shards("the parts hold \(results.count) plans for the \(points.count) points of their parameters; write them again with this Bijli\nnothing was written")
        }
        let run = SensitivityRun(model: first.model ?? "", scenario: first.settings["scenario"], parameters: parameters, points: points,
                                 results: results, tornado: !tornado.isEmpty, measure: measure)
        return try sensitivityFolder(run, stageSeconds: records.flatMap { $0.stageSeconds ?? [] }, arguments: arguments).files
    }

    /// The folder of a sensitivity run: `sensitivity.json`, the report, `tables/`, `figures/` and
    /// `run.json` (recording `arguments` and the solves' seconds), with the report document.
    static func sensitivityFolder(_ run: SensitivityRun, stageSeconds: [Double], arguments: [String]) throws(WorkflowError) -> (files: [String: Data], document: ReportDocument) {
        let document = SensitivityReportBuilder.build(run)
        let files = try RunReports.encoding {
            var files = try ReportFiles.files(for: document)
            files["sensitivity.json"] = try SensitivityReportBuilder.json(run)
            let formatter = ISO8601DateFormatter()
            files["run.json"] = try RunRecord(date: formatter.string(from: Date()), model: run.model, scenario: Self.sensitivityFolder,
                                              bijliVersion: BijliVersion.current, gitCommit: RunReports.gitCommit(), buildSeconds: 0,
                                              solveSeconds: stageSeconds.reduce(0, +), arguments: arguments, stageSeconds: stageSeconds).json()
            return files
        }
        return (files, document)
    }

    /// The points of a sensitivity run, each checked, and the plans of `shard`'s points (all without a shard).
    private func sensitivitySweep(vary: [String], tornado: [String], measure: Sensitivity.Measure,
                                  shard: Shard?) throws(WorkflowError) -> SensitivitySweep {
        let base = try loadSystem()
        let years = self.years(of: base)
        let parameters = try Self.sweepParameters(vary: vary, tornado: tornado, measure: measure, years: years)
        let isTornado = !tornado.isEmpty
        let points = isTornado ? Sensitivity.tornado(parameters) : Sensitivity.grid(parameters)

        // The case of each demand variant the points use, then each point's what-if, all checked before solving.
        var systems: [String?: EnergySystem] = [nil: base]
        for variant in Set(points.compactMap(\.demandVariant)).sorted() {
            var request = self.request
            request.demandVariant = variant
            do {
                systems[variant] = try CaseWorkflow(request, progress: SilentProgress()).loadSystem()
            } catch {
                // Name the parameter, then what the loader says (e.g. the variants demand.csv has).
                let parameter = parameters.first { $0.kind == .demandVariant }
                let issues = if case .invalidCase(let issues) = error { issues } else { [CaseIssue(file: "demand.csv", message: error.description)] }
                throw .scenario(ScenarioError(issues: [CaseIssue(file: "\(parameter?.flag ?? "--vary") '\(parameter?.text ?? "")'",
                                                                 message: "demand variant '\(variant)' does not load",
                                                                 suggestion: "give variants of demand.csv's 'variant' column")] + issues))
            }
        }
        let library = try whatIfLibrary(for: base)
        progress.say("laying \(points.count) points on the case")
        var cases: [(id: String, system: EnergySystem)] = []
        var pointIssues: [CaseIssue] = []
        for point in points {
            let system = systems[point.demandVariant] ?? base
            do throws(ScenarioError) {
                cases.append((point.id.isEmpty ? "base" : point.id, try whatIf(point, on: system, library: library)))
            } catch {
                for var issue in error.issues {
                    // A point's overlay is generated from its parameter: a line and column in it
                    // would point nowhere the analyst wrote, and the same problem at every value
                    // of the parameter is said once.
                    if point.origins.contains(where: issue.file.hasPrefix) { (issue.line, issue.column) = (nil, nil) }
                    if !pointIssues.contains(where: { $0.message == issue.message && $0.suggestion == issue.suggestion }) { pointIssues.append(issue) }
                }
            }
        }
        guard pointIssues.isEmpty else { throw .scenario(ScenarioError(issues: pointIssues)) }

        // One set of time steps for every point (the case with the run's own scenario), so that
        // every point is the same program with other numbers.
        let reference: EnergySystem
        switch Result(catching: { () throws(ScenarioError) in try whatIf(.unchanged, on: base, library: library) }) {
        case .success(let system): reference = system
        case .failure(let error): throw .scenario(error)
        }
        let (time, _) = try timeSlices(for: reference, years: request.periods)
        let method = solverMethod(for: base, time: time, periodCount: years.count)
        // A shard solves whole chains of points (Sensitivity.chainLength), each from the same state as in the whole run.
        let members = shard?.members(of: points.count, inChainsOf: Sensitivity.chainLength) ?? 0..<points.count
        progress.say("solving \(members.count) of \(points.count) plans (\(time.resolution), \(method.rawValue))")
        let progress = self.progress
        let results: [EnergyResults]
        do {
            results = try Sensitivity.solve(Array(cases[members]), options: FormulationOptions(time: time, periodYears: request.periods), solver: solver(method)) {
                progress.sweep($0)
            }
        } catch {
            throw WorkflowError(solving: error)
        }
        return SensitivitySweep(system: base, years: years, parameters: parameters, points: points, members: members, results: results)
    }

    /// The parameters of `--vary` (one or two) or `--tornado` (each with two values), checked
    /// against the case's period `years`; every problem at once, each naming its flag and text.
    static func sweepParameters(vary: [String], tornado: [String], measure: Sensitivity.Measure,
                                years: [Int]) throws(WorkflowError) -> [SweepParameter] {
        // Every problem at once.
        var parameters: [SweepParameter] = []
        var issues: [CaseIssue] = []
        for (flag, texts) in [("--vary", vary), ("--tornado", tornado)] {
            for text in texts {
                do throws(ScenarioError) {
                    let parameter = try SweepParameter.parse(text, flag: flag, years: years)
                    if flag == "--tornado", parameter.values.count != 2 {
                        issues.append(CaseIssue(file: "--tornado '\(text)'", message: "a tornado parameter takes two values, its low and high, found \(parameter.values.count)",
                                                suggestion: "write LOW:HIGH, e.g. 'fuel_price.rlng*=0.8:1.2@2030'"))
                    }
                    parameters.append(parameter)
                } catch {
                    issues += error.issues
                }
            }
        }
        if !vary.isEmpty, !tornado.isEmpty || vary.count > 2 {
            issues.append(CaseIssue(file: "--vary", message: tornado.isEmpty ? "\(vary.count) parameters; a sweep varies one or two" : "--vary and --tornado together",
                                    suggestion: tornado.isEmpty ? "use --tornado for several parameters' low and high ends" : "run them as two commands"))
        }
        if vary.isEmpty, tornado.isEmpty {
            issues.append(CaseIssue(file: "--vary", message: "nothing to vary", suggestion: "give --vary once or twice, or --tornado (docs/SCENARIOS.md, Sensitivity)"))
        }
        if !tornado.isEmpty, measure.kind != .cost, let year = measure.period, !years.contains(year) {
            issues.append(CaseIssue(file: "--measure", message: "\(year) is not a period of the run",
                                    suggestion: "periods: \(years.map(String.init).joined(separator: ", "))"))
        }
        guard issues.isEmpty else { throw .scenario(ScenarioError(issues: issues)) }
        return parameters
    }

    /// The scenarios a what-if may compose: the inputs' own (when the request names one of them,
    /// or the inputs have any), plus the request's scenario file.
    func whatIfLibrary(for system: EnergySystem) throws(WorkflowError) -> ScenarioLibrary {
        let folder = request.inputsURL.appendingPathComponent("scenarios")
        let hasOwn = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).contains { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        let needsOwn = request.scenario != nil && request.scenarioFile == nil
        var library = !needsOwn && !hasOwn ? ScenarioLibrary(scenarios: []) : try scenarioLibrary(for: system)
        if let file = request.scenarioFile {
            switch Result(catching: { () throws(ScenarioError) in try library.adding(file, system: system) }) {
            case .success(let added): library = added
            case .failure(let error): throw .scenario(error)
            }
        }
        return library
    }

    /// The overlays of the request's `--what-if`s: each the short form of a sensitivity parameter
    /// (``SweepParameter``) with exactly one value, e.g. `fuel_price.rlng*=1.3@2030`.
    func whatIfOverlays(years: [Int]) throws(ScenarioError) -> [(overlay: String, origin: String)] {
        var result: [(overlay: String, origin: String)] = []
        for text in request.whatIfs {
            let parameter = try SweepParameter.parse(text, flag: "--what-if", years: years)
            guard parameter.values.count == 1, let overlay = parameter.overlay(for: parameter.values[0]) else {
                throw ScenarioError(issues: [CaseIssue(file: "--what-if '\(text)'", message: parameter.values.count == 1
                                                           ? "a demand variant is not a what-if overlay" : "a what-if takes one value, found \(parameter.values.count)",
                                                       suggestion: parameter.values.count == 1 ? "use --demand-variant" : "write one value, e.g. 'fuel_price.rlng*=1.3@2030'; for several use bijli sensitivity --vary")])
            }
            result.append((overlay, "--what-if '\(text)'"))
        }
        return result
    }

    /// The system of a point: the request's scenario, its overlays, then the point's.
    func whatIf(_ point: Sensitivity.Point, on system: EnergySystem, library: ScenarioLibrary) throws(ScenarioError) -> EnergySystem {
        let scenario = request.scenarioFile.map { $0.deletingPathExtension().lastPathComponent } ?? request.scenario
        let whatIfs = try whatIfOverlays(years: system.periods.map(\.year))
        let overlays = request.overlays + whatIfs.map(\.overlay) + point.overlays
        guard scenario != nil || !overlays.isEmpty else { return system }
        var library = library
        var id = scenario ?? ""
        if !overlays.isEmpty {
            let origins = request.overlays.map { "--overlay '\($0.trimmingCharacters(in: .whitespacesAndNewlines))'" } + whatIfs.map(\.origin) + point.origins
            (library, id) = try library.whatIf(base: scenario, overlays: overlays, origins: origins, system: system)
        }
        return try library.apply(try library.select([id])[0], to: system).0
    }
}
