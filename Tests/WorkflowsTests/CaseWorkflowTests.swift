import EnergyModel
import Foundation
import LinearProgramming
import Testing
import Workflows

/// The run of a case as a library call: typed requests in, values or typed errors out.
@Suite struct CaseWorkflowTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("EnergyModelTests/Fixtures/tiny")
    static let source = RunRequest.Source.folders(model: fixture.appendingPathComponent("model"),
                                                  inputs: fixture.appendingPathComponent("inputs"))

    /// A disruption for the tests: demand 10 % higher in July (also used by SchedulingTests).
    static let surge = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/surge.yaml")

    let out = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-workflows-\(UUID().uuidString)")

    @Test(arguments: [("hourly", Resolution.hourly), ("repdays:12", .representativeDays(12)), ("repdays:288", .representativeDays(288))])
    func resolutionsParseAndPrintBack(_ text: String, _ expected: Resolution) {
        #expect(Resolution(parsing: text) == expected)
        #expect(expected.description == text)
    }

    @Test(arguments: ["", "Hourly", "repdays:", "repdays:0", "repdays:-12", "repdays:7", "repdays:12x", "days:12"])
    func malformedResolutionsAreRejected(_ text: String) {
        #expect(Resolution(parsing: text) == nil)
    }

    @Test func aRunOfTheTinyCaseWritesItsRunFolderWithProvenance() throws {
        let request = RunRequest(source: Self.source, tariffs: "none", resolution: .representativeDays(12), method: .simplex)
        let outcome = try CaseWorkflow(request).run(out: out, arguments: ["run", "--test"])
        #expect(outcome.optimization.result.status == .optimal)
        #expect(outcome.folder.deletingLastPathComponent().path == out.appendingPathComponent("tiny/base").path)
        for file in ["results.json", "solver.log", "time_aggregation.json", "hourly.csv", "run.json", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: outcome.folder.appendingPathComponent(file).path), "no \(file)")
        }
        let provenance = outcome.results.provenance
        #expect(provenance.options["resolution"] == "repdays:12")
        #expect(provenance.options["method"] == SolverMethod.primalSimplex.rawValue)
        #expect(provenance.options["tariff_file"] == "none (fuel_prices.csv alone)")
        #expect(provenance.bijliVersion == BijliVersion.current)
        #expect(provenance.inputHashes.keys.contains("model/model.yaml"))
        #expect(provenance.inputHashes.keys.contains("inputs/fuel_prices.csv"))
        let record = try String(contentsOf: outcome.folder.appendingPathComponent("run.json"), encoding: .utf8)
        #expect(record.contains("--test"))
    }

    @Test func aCaseThatDoesNotLoadIsATypedErrorWithEveryProblem() throws {
        let request = RunRequest(source: .folders(model: out.appendingPathComponent("none"), inputs: out.appendingPathComponent("none")))
        switch Result(catching: { () throws(WorkflowError) in try CaseWorkflow(request).loadSystem() }) {
        case .success: Issue.record("a missing case loaded")
        case .failure(let error):
            guard case .invalidCase(let issues) = error else { Issue.record("\(error)"); return }
            #expect(!issues.isEmpty)
            #expect(error.exitCode == ExitStatus.badInput)
            #expect(error.description.hasSuffix("\(issues.count) problem(s) found; nothing was run"))
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func anUnknownScenarioIsATypedError() throws {
        let request = RunRequest(source: Self.source, scenario: "no-such-scenario", tariffs: "none")
        #expect(throws: WorkflowError.self) { try CaseWorkflow(request).loadCase() }
    }

    @Test func autoChoosesTheInteriorPointAboveFiveThousandCells() throws {
        let workflow = CaseWorkflow(RunRequest(source: Self.source, tariffs: "none"))
        let system = try workflow.loadSystem()
        let cells = system.generators.count + 3 * system.storages.count + system.regions.count
        let small = TimeSlices(steps: Array(TimeSlices.hourly.steps.prefix(5_000 / cells)), blocks: [0..<(5_000 / cells)])
        #expect(workflow.solverMethod(for: system, time: small, periodCount: 1) == .primalSimplex)
        #expect(workflow.solverMethod(for: system, time: .hourly, periodCount: 1) == .interiorPoint)
        var simplex = workflow
        simplex.request.method = .simplex
        #expect(simplex.solverMethod(for: system, time: .hourly, periodCount: 1) == .primalSimplex)
    }

    @Test func aStressRequestTakesThePlansResolutionSeedAndRunDateUnlessGiven() throws {
        let request = RunRequest(source: Self.source, tariffs: "none", resolution: .representativeDays(12))
        let plan = try CaseWorkflow(request).run(out: out).results
        let matched = RunRequest(source: Self.source, seed: 9).matching(plan)
        #expect(matched.resolution == .representativeDays(12))
        #expect(matched.seed == 0)
        let explicit = RunRequest(source: Self.source, resolution: .hourly).matching(plan)
        #expect(explicit.resolution == .hourly)
    }

    /// The fixture with its inputs copied and one disruption, `surge`, added.
    func sourceWithSurge() throws -> RunRequest.Source {
        let inputs = out.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.fixture.appendingPathComponent("inputs"), to: inputs)
        try FileManager.default.createDirectory(at: inputs.appendingPathComponent("scenarios"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.surge, to: inputs.appendingPathComponent("scenarios/surge.yaml"))
        return .folders(model: Self.fixture.appendingPathComponent("model"), inputs: inputs)
    }

    @Test func aRobustPlanOverTheBaseAndOneDisruptionGivesItsReportAndBothStressMatrices() throws {
        let workflow = CaseWorkflow(RunRequest(source: try sourceWithSurge(), tariffs: "none", resolution: .representativeDays(12),
                                               method: .simplex))
        let outcome = try workflow.robust(.scenarios(["surge"], probabilities: nil), risk: .expected)
        #expect(outcome.report.scenarios.count == 2)
        #expect(outcome.report.probabilities == [0.5, 0.5])
        #expect(Set(outcome.files.keys) == ["robust.json", "stress-base.csv", "stress-robust.csv"])
        switch Result(catching: { () throws(WorkflowError) in
            try workflow.robust(.scenarios(["surge"], probabilities: [0.7, 0.7]), risk: .expected)
        }) {
        case .success: Issue.record("probabilities summing to 1.4 were accepted")
        case .failure(let error):
            guard case .probabilities(let count) = error else { Issue.record("\(error)"); return }
            #expect(count == 2 && error.exitCode == ExitStatus.badInput)
        }
    }

    @Test func theStressMatrixOfAPlanHoldsItsCapacitiesAndAMissingMonteCarloSpecIsATypedError() throws {
        let source = try sourceWithSurge()
        let request = RunRequest(source: source, tariffs: "none", resolution: .representativeDays(12), method: .simplex)
        let plan = try CaseWorkflow(request).run(out: out.appendingPathComponent("reports")).results
        let stress = CaseWorkflow(RunRequest(source: source, tariffs: "none", method: .simplex).matching(plan))
        let rows = try stress.stress(plan: plan, scenarios: ["surge"])
        // The base case first, then the disruption, each over the plan's periods.
        let years = plan.periods.map(\.period)
        #expect(rows.map(\.scenario) == years.map { _ in "base" } + years.map { _ in "surge" })
        #expect(rows.map(\.period) == years + years)
        switch Result(catching: { () throws(WorkflowError) in try stress.monteCarlo(plan: plan, spec: nil, samples: 2, seed: 1) }) {
        case .success: Issue.record("a Monte Carlo run without a spec succeeded")
        case .failure(let error):
            #expect(error.exitCode == ExitStatus.badInput)
            #expect(error.description.contains("montecarlo.yaml"))
        }
    }
}
