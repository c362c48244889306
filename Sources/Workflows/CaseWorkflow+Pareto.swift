import EnergyModel
import Foundation
import LinearProgramming
import Reporting
import Scenarios

extension CaseWorkflow {
    /// The Pareto points of `members` (indices of `targets`), solved in fixed warm chains of
    /// ``Sensitivity/chainLength`` targets: each chain on a fresh worker, its first point cold and
    /// each next one from the basis of the one before (programs of one shape). The chains are
    /// fixed by the targets' order alone, so a shard of whole chains (`bijli run --shard I/N`)
    /// solves its points exactly as the whole run does. One optimisation: the answer is the last
    /// point solved to optimality (else the last point), the frontier and the stages are every
    /// point's, the mode names every target.
    /// - Throws: as ``Optimizer/optimize(_:options:mode:)``.
    func paretoChains(_ system: EnergySystem, options: FormulationOptions, targets: [Double], members: Range<Int>,
                      method: SolverMethod) throws -> Optimization {
        let length = Sensitivity.chainLength
        let chains = stride(from: members.lowerBound, to: members.upperBound, by: length).map { $0..<min($0 + length, members.upperBound) }
        let parts = try chains.map { chain in
            try Optimizer(solver: solver(method, observed: true).worker())
                .optimize(system, options: options, mode: .pareto(renewableTargets: Array(targets[chain])))
        }
        guard var answer = Self.paretoAnswer(parts, isOptimal: { $0.result.status == .optimal }) else {
            throw FormulationError(["pareto mode needs at least one renewable-share target"])
        }
        answer.mode = .pareto(renewableTargets: targets)
        answer.frontier = ParetoPoint.flagDominated(parts.flatMap(\.frontier))
        answer.stages = parts.flatMap(\.stages)
        return answer
    }

    /// The answer of a Pareto run among its parts in target order (chains, or shards): the last
    /// whose answer solved to optimality, else the last (an infeasible high target does not make
    /// the run a failure).
    static func paretoAnswer<Part>(_ parts: [Part], isOptimal: (Part) -> Bool) -> Part? {
        parts.last(where: isOptimal) ?? parts.last
    }

    /// One shard of a Pareto run (`bijli run --objective pareto[:T1,...] --shard I/N`): the points
    /// of its whole chains of targets (``Shard/members(of:inChainsOf:)``), each solved as in the
    /// whole run, and its answer point's plan and files, for `bijli merge` (docs/SCALING.md).
    /// - Throws: ``WorkflowError/shards(_:)`` unless the objective is pareto and the method not benders.
    public func pareto(shard: Shard) throws(WorkflowError) -> ShardRecord {
        guard case .pareto(let targets) = request.objective else {
            throw .shards("--shard splits the points of --objective pareto[:T1,...]; a \(request.objective.name) run is one optimisation, run it without --shard")
        }
        guard request.method != .benders else {
            throw .shards("--shard with --method benders: a decomposed Pareto run is not sharded; use --method simplex, interior or auto")
        }
        let system = try loadCase()
        let years = request.periods
        let (time, aggregation) = try timeSlices(for: system, years: years)
        let options = FormulationOptions(time: time, periodYears: years)
        let method = solverMethod(for: system, time: time, periodCount: years?.count ?? system.periods.count)
        var record = ShardRecord(sweep: .pareto, shard: shard, members: targets.count, chain: Sensitivity.chainLength, planSHA256: nil,
                                 inputHashes: inputHashes(system), seed: request.seed, settings: sweepSettings(system, years: self.years(of: system)))
        record.memberIDs = targets.map { String($0) }
        record.model = system.name
        let members = Range(uncheckedBounds: (record.range[0], record.range[1]))
        record.frontier = []
        record.stages = []
        guard !members.isEmpty else { return record }
        progress.say("solving Pareto points \(members.lowerBound)..<\(members.upperBound) of \(targets.count) (\(time.resolution), \(method.rawValue))")
        let optimization: Optimization
        do {
            optimization = try paretoChains(system, options: options, targets: targets, members: members, method: method)
        } catch {
            throw WorkflowError(solving: error)
        }
        let provenance = provenance(optimization, system: system, mode: request.objective, method: method, buildSeconds: 0)
        // Dominance depends on every point: flagged again by the merge.
        record.frontier = optimization.frontier.map { var point = $0; point.dominated = false; return point }
        record.stages = optimization.stages
        record.stageSeconds = optimization.stages.map(\.seconds)
        record.answer = EnergyResults(optimization, provenance: provenance)
        record.answerFiles = try answerFiles(optimization, system: system, aggregation: aggregation, method: method).files
            .mapValues { String(decoding: $0, as: UTF8.self) }
        return record
    }

    /// The folder of a Pareto run from its shards' records, in shard order (`bijli merge`): the
    /// answer of the last shard whose answer solved (else the last shard with points), with every
    /// shard's points (dominance flagged over all of them) and stages.
    static func paretoFiles(_ records: [ShardRecord], arguments: [String]) throws(WorkflowError) -> [String: Data] {
        guard let chosen = paretoAnswer(records.filter { $0.answer != nil }, isOptimal: { $0.answer?.status == .optimal }),
              var results = chosen.answer, let text = chosen.answerFiles else {
            throw .shards("no part holds a Pareto point; write the shards again\nnothing was written")
        }
        results.frontier = ParetoPoint.flagDominated(records.flatMap { $0.frontier ?? [] })
        results.stages = records.flatMap { $0.stages ?? [] }
        // The answer point's stage is its final result (Stage(name:result:)): its gap is the result's.
        let points = records.flatMap { $0.frontier ?? [] }
        let answerPoint = paretoAnswer(Array(points.indices), isOptimal: { points[$0].status.isOptimal })
        results.solver?.count(results.stages, resultGap: answerPoint.flatMap { results.stages.indices.contains($0) ? results.stages[$0].relativeGap : nil })
        let answerFiles = text.mapValues { Data($0.utf8) }
        var aggregation: AggregationReport?
        if let data = answerFiles["time_aggregation.json"] {
            do {
                aggregation = try JSONDecoder().decode(AggregationReport.self, from: data)
            } catch {
                throw .shards("\(chosen.label): its time_aggregation.json cannot be read (\(error)); write the shard again\nnothing was written")
            }
        }
        let seconds = records.flatMap { $0.stageSeconds ?? [] }
        return try RunReports.runFolder(results, answerFiles: answerFiles, aggregation: aggregation,
                                        scenario: chosen.settings["scenario"] ?? RunReports.scenario, model: chosen.model ?? "",
                                        buildSeconds: 0, solveSeconds: seconds.reduce(0, +), stageSeconds: seconds, arguments: arguments)
    }
}
