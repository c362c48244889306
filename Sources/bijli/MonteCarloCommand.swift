import ArgumentParser
import EnergyModel
import Foundation
import Reporting
import Scenarios
import Workflows

/// `bijli montecarlo --plan RUN`: correlated shocks and forced outages sampled against a fixed
/// plan; expected unserved energy, loss-of-load hours and peak shortfall with confidence intervals.
struct MonteCarloCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "montecarlo",
        abstract: "Sample correlated shocks and forced outages against a finished plan; report unserved energy, LOLH and peak shortfall with confidence intervals.",
        discussion: """
            The shocks and outages are read from <inputs>/montecarlo.yaml (or --spec). Writes montecarlo.json (summary, \
            convergence, every sample) and samples.csv into a new folder under --out. The same seed gives the same numbers. \
            With --shard I/N, solves one block of the samples (each keeps its seed) and writes shard.json for `bijli merge` (docs/SCALING.md). \
            Exit codes: 0 done, 1 a sample did not solve, 2 bad input, 73 cannot write. See docs/SCENARIOS.md.
            """)

    @OptionGroup var caseOptions: CaseOptions

    @Option(help: "A finished run folder of `bijli run` (its results.json gives the capacities).")
    var plan: String

    @Option(help: "Number of samples.")
    var samples: Int = 50

    @Option(help: "The spec file; default <inputs>/montecarlo.yaml.")
    var spec: String?

    @Option(help: "Convergence criterion: the 95 % interval of expected unserved energy within ± this share of its mean.")
    var tolerance: Double = 0.1

    @Option(help: "Folder for the run: a new folder <out>/<run id>/.")
    var out: String

    func validate() throws {
        guard samples >= 2 else { throw ValidationError("--samples must be at least 2") }
        guard tolerance > 0 else { throw ValidationError("--tolerance must be positive") }
    }

    @OptionGroup var shardOptions: ShardOptions

    func run() throws {
        let planResults = try readPlan(plan)
        let workflow = caseOptions.workflow(caseOptions.request().matching(planResults))
        let specURL = spec.map { URL(fileURLWithPath: $0) }
        // The plan's own time steps; --seed is the seed of the samples here.
        if let shard = try shardOptions.resolved() {
            let record = try orExit { () throws(WorkflowError) in
                try workflow.monteCarlo(plan: planResults, planFile: planFile(plan), spec: specURL, samples: samples, seed: caseOptions.seed,
                                        tolerance: tolerance, shard: shard)
            }
            // Exits 0 with samples that did not solve (they are in the part): `bijli merge` exits 1.
            _ = try writeShard(record, under: out)
            return
        }
        let outcomes = try orExit { () throws(WorkflowError) in
            try workflow.monteCarlo(plan: planResults, planFile: planFile(plan), spec: specURL, samples: samples, seed: caseOptions.seed)
        }
        let summary = MonteCarlo.summarize(outcomes)
        let convergence = MonteCarlo.convergence(outcomes, tolerance: tolerance)
        let folder = try writeRunFolder(try orExit { () throws(WorkflowError) in
            try RunReports.monteCarloFiles(outcomes, samples: samples, seed: caseOptions.seed, tolerance: tolerance)
        }, under: out)
        print("period  metric               mean     95 % CI of the mean        P5       P50       P95")
        for s in summary {
            let line = String(format: "%6d  ", s.period) + s.metric.padding(toLength: 18, withPad: " ", startingAt: 0)
            guard let mean = s.mean, let low = s.confidenceLow, let high = s.confidenceHigh, let p5 = s.p5, let p50 = s.p50, let p95 = s.p95 else {
                print(line + " no sample solved")
                continue
            }
            print(line + String(format: " %10.2f  [%9.2f, %9.2f]  %9.2f %9.2f %9.2f", mean, low, high, p5, p50, p95)
                  + (s.unsolved > 0 ? "  (\(s.unsolved) unsolved left out)" : ""))
        }
        for o in outcomes where !o.status.isOptimal {
            printError("warning: sample \(o.sample), \(o.period): \(o.status); kept in samples.csv without figures, left out of the summary")
        }
        print(String(format: "convergence: 95 %% half-width of expected unserved energy = %.1f %% of the mean (criterion ≤ %.1f %%): ",
                     100 * convergence.relativeHalfWidth, 100 * tolerance) + (convergence.met ? "met" : "NOT met, add samples"))
        print("montecarlo  \(folder.path)")
        if outcomes.contains(where: { !$0.status.isOptimal }) { throw ExitCode.solverError }
    }
}

/// The results file of a plan folder, as messages name it.
func planFile(_ folder: String) -> String {
    URL(fileURLWithPath: folder).appendingPathComponent("results.json").path
}

/// Reads a finished run's results.json; exits 2 with the reason if it cannot.
func readPlan(_ folder: String) throws -> EnergyResults {
    let url = URL(fileURLWithPath: folder).appendingPathComponent("results.json")
    do {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(EnergyResults.self, from: Data(contentsOf: url))
    } catch {
        printError("error: \(url.path): cannot read the plan's results (\(ReadErrorText.describe(error))); pass a run folder written by `bijli run`")
        throw ExitCode.badInput
    }
}

