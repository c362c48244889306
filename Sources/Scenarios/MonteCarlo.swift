import EnergyModel
import Foundation
import LinearProgramming
import Statistics

/// Monte Carlo stress: a finished plan held fixed, each sample draws correlated shocks and
/// forced outages (``MonteCarloSpec``), dispatch is re-optimised; the findings are the
/// distributions of unserved energy, loss-of-load hours and peak shortfall.
public enum MonteCarlo {
    /// One sample's outcome in one period.
    public struct Outcome: Sendable, Codable, Equatable {
        /// Sample number, from 0.
        public var sample: Int
        /// Period year.
        public var period: Int
        /// Unserved energy, GWh per year. The measures are nil when the sample has no solution
        /// in this period (infeasible, a limit, a solver failure): the sample stays in the
        /// outcomes with its status, and is left out of the summaries (which say how many).
        public var unservedGWh: Double?
        /// Hours with unserved energy (weighted): loss-of-load hours.
        public var lossOfLoadHours: Double?
        /// Largest unserved power in an hour, MW.
        public var peakShortfallMW: Double?
        /// Solver status.
        public var status: SolveStatus.Code

        /// Creates an outcome.
        public init(sample: Int, period: Int, unservedGWh: Double?, lossOfLoadHours: Double?, peakShortfallMW: Double?, status: SolveStatus.Code) {
            self.sample = sample
            self.period = period
            self.unservedGWh = unservedGWh
            self.lossOfLoadHours = lossOfLoadHours
            self.peakShortfallMW = peakShortfallMW
            self.status = status
        }

        enum CodingKeys: String, CodingKey {
            case sample, period, unservedGWh = "unserved_gwh", lossOfLoadHours = "loss_of_load_hours"
            case peakShortfallMW = "peak_shortfall_mw", status
        }

        /// Encodes every key, a measure without a value as null (not left out).
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(sample, forKey: .sample)
            try c.encode(period, forKey: .period)
            try c.encode(unservedGWh, forKey: .unservedGWh)
            try c.encode(lossOfLoadHours, forKey: .lossOfLoadHours)
            try c.encode(peakShortfallMW, forKey: .peakShortfallMW)
            try c.encode(status, forKey: .status)
        }
    }

    /// Summary of one metric in one period over the samples.
    public struct Summary: Sendable, Codable, Equatable {
        /// Period year.
        public var period: Int
        /// `unserved_gwh`, `loss_of_load_hours` or `peak_shortfall_mw`.
        public var metric: String
        /// Sample mean (the expected value); nil (as are the figures below) when no sample solved.
        public var mean: Double?
        /// Sample standard deviation.
        public var standardDeviation: Double?
        /// 95 % confidence interval of the mean (normal approximation: mean ± 1.96 s/√n, the lower
        /// end cut at 0 since every metric is non-negative).
        public var confidenceLow: Double?
        /// Upper end of the interval.
        public var confidenceHigh: Double?
        /// 5th, 50th and 95th percentiles of the samples.
        public var p5: Double?, p50: Double?, p95: Double?
        /// Samples without a solution in this period (left out of the figures above).
        public var unsolved: Int

        enum CodingKeys: String, CodingKey {
            case period, metric, mean, standardDeviation = "standard_deviation", confidenceLow = "ci95_low"
            case confidenceHigh = "ci95_high", p5, p50, p95, unsolved
        }

        /// Encodes every key, a figure without a value as null.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(period, forKey: .period)
            try c.encode(metric, forKey: .metric)
            try c.encode(mean, forKey: .mean)
            try c.encode(standardDeviation, forKey: .standardDeviation)
            try c.encode(confidenceLow, forKey: .confidenceLow)
            try c.encode(confidenceHigh, forKey: .confidenceHigh)
            try c.encode(p5, forKey: .p5)
            try c.encode(p50, forKey: .p50)
            try c.encode(p95, forKey: .p95)
            try c.encode(unsolved, forKey: .unsolved)
        }
    }

    /// The seed of sample `k`: SplitMix64 of the run's seed advanced `k + 1` times, so a
    /// sample's draws do not depend on which thread solves it or how many samples there are.
    static func sampleSeed(_ seed: UInt64, _ k: Int) -> UInt64 {
        var mixer = SplitMix64(seed: seed)
        var value: UInt64 = 0
        for _ in 0...k { value = mixer.next() }
        return value
    }

    /// The system of sample `k`: shocks laid as scale overlays, outages as availability.
    /// - Returns: the system and the sampled factors by shock id.
    public static func sample(_ k: Int, seed: UInt64, spec: MonteCarloSpec, system: EnergySystem,
                              fixedCapacityMW: CapacityPlan) throws -> (EnergySystem, CapacityPlan, [String: Double]) {
        var generator = Xoshiro256StarStar(seed: sampleSeed(seed, k))
        var result = system
        var fixed = fixedCapacityMW
        var factors: [String: Double] = [:]
        if !spec.shocks.isEmpty {
            let normal = try MultivariateNormal(mean: Array(repeating: 0, count: spec.shocks.count),
                                                standardDeviations: Array(repeating: 1, count: spec.shocks.count), correlation: spec.correlation)
            let z = normal.sample(using: &generator)
            var issues: [CaseIssue] = []
            for (shock, value) in zip(spec.shocks, z) {
                let factor = max(0, 1 + shock.standardDeviation * value)
                factors[shock.id] = factor
                var overlay = shock.overlay
                overlay.operation = .scale(factor)
                _ = overlay.apply(to: &result, fixedCapacityMW: &fixed, issues: &issues)
            }
            if !issues.isEmpty { throw ScenarioError(issues: issues) }
        }
        for outage in spec.outages {
            guard let g = result.generators.first(where: { $0.id == outage.resource }) else { continue }
            for period in result.periods {
                let up = unitsAvailable(outage, using: &generator)
                var availability = result.availability(of: g, year: period.year)
                // The sampled outages replace the average derating 1 − FOR of a resource without a profile.
                let derating = g.availabilityProfile == nil && result.availabilityOverrides[g.id]?[period.year] == nil ? 1 - g.forcedOutageRate : 1
                for hour in availability.indices {
                    availability[hour] = min(1, availability[hour] / max(derating, 1e-12) * up[hour])
                }
                result.availabilityOverrides[g.id, default: [:]][period.year] = availability
            }
        }
        return (result, fixed, factors)
    }

    /// The share of a resource's units in service in each hour: each unit a two-state Markov
    /// chain (fails with probability 1/MTTF per hour, repaired with 1/MTTR), MTTF chosen so the
    /// long-run share down is the forced-outage rate; units start in the long-run state.
    static func unitsAvailable(_ outage: MonteCarloSpec.Outage, using generator: inout Xoshiro256StarStar) -> [Double] {
        let q = outage.forcedOutageRate
        var share = [Double](repeating: 0, count: EnergySystem.hoursPerYear)
        guard q > 0 else { return [Double](repeating: 1, count: EnergySystem.hoursPerYear) }
        let repair: Double = 1 / outage.repairHours
        let failure: Double = q / (outage.repairHours * (1 - q))
        for _ in 0..<outage.units {
            var isUp = generator.nextUniform() >= q
            for hour in share.indices {
                if isUp { share[hour] += 1 }
                isUp = isUp ? generator.nextUniform() >= failure : generator.nextUniform() < repair
            }
        }
        return share.map { $0 / Double(outage.units) }
    }

    /// Draws and solves `samples` samples (in parallel, each with its own seed) against a fixed plan.
    /// With `members`, only those samples (a shard's, ``Shard/members(of:)``): sample k has the
    /// same seed and draws whatever the range, so the shards together give the whole sweep.
    ///
    /// Samples are drawn and solved in batches of `batch`, and only their outcomes are kept: a
    /// sampled system holds hourly availabilities of each outage resource (about 1 MB a sample on
    /// the Pakistan case), so memory stays that of one batch however many samples there are.
    public static func run<Solver: LinearSolver>(system: EnergySystem, plan: CapacityPlan, planFile: String = "plan", spec: MonteCarloSpec, samples: Int, seed: UInt64,
                           options: FormulationOptions, solver: Solver, workers: Int = ProcessorCount.active, members: Range<Int>? = nil,
                           batch: Int = 64, progress: @Sendable (StressTest.SweepProgress) -> Void = { _ in }) throws -> [Outcome] {
        let years = options.periodYears ?? system.periods.map(\.year)
        try StressTest.checkPlan(plan, years: years, system: system, file: planFile)
        let chosen = (members ?? 0..<samples).clamped(to: 0..<samples)
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(chosen.count * years.count)
        for first in stride(from: chosen.lowerBound, to: chosen.upperBound, by: max(1, batch)) {
            let ks = first..<min(first + max(1, batch), chosen.upperBound)
            var cases: [(id: String, system: EnergySystem, options: FormulationOptions)] = []
            for k in ks {
                let (sampled, fixed, _) = try sample(k, seed: seed, spec: spec, system: system, fixedCapacityMW: plan)
                var sampleOptions = options
                sampleOptions.fixedCapacityMW = fixed
                cases.append((String(k), StressTest.operational(sampled), sampleOptions))
            }
            // Progress over the whole run: pieces (sample-periods) of earlier batches counted in.
            let done = (first - chosen.lowerBound) * years.count, total = chosen.count * years.count
            let results = try StressTest.solveAll(cases, solver: solver, workers: workers) {
                progress(StressTest.SweepProgress(id: $0.id, finished: done + $0.finished, total: total))
            }
            outcomes += zip(ks, results).flatMap { k, result in
                years.map { year in
                    // A sample without a solution in a period keeps its line, with its status.
                    guard let period = result.periods.first(where: { $0.period == year }) else {
                        return Outcome(sample: k, period: year, unservedGWh: nil, lossOfLoadHours: nil, peakShortfallMW: nil, status: result.status)
                    }
                    return Outcome(sample: k, period: period.period, unservedGWh: period.unservedMWh / 1000, lossOfLoadHours: period.indicators.shortageHours,
                                   peakShortfallMW: period.indicators.peakShortfallMW, status: result.status)
                }
            }
        }
        return outcomes
    }

    /// `samples.csv`: one line per sample and period, a measure without a value (an unsolved
    /// sample) empty.
    public static func csv(_ outcomes: [Outcome]) -> String {
        let number = StressTest.csvNumber
        var csv = "sample,period,unserved_gwh,loss_of_load_hours,peak_shortfall_mw,status\n"
        for o in outcomes {
            csv += "\(o.sample),\(o.period),\(number(o.unservedGWh)),\(number(o.lossOfLoadHours)),\(number(o.peakShortfallMW)),\(o.status)\n"
        }
        return csv
    }

    /// Mean, deviation, 95 % interval of the mean and percentiles of each metric per period,
    /// over the samples solved in that period (samples without a solution are counted in
    /// ``Summary/unsolved``, not averaged in).
    public static func summarize(_ outcomes: [Outcome]) -> [Summary] {
        let periods = Array(Set(outcomes.map(\.period))).sorted()
        let metrics: [(String, (Outcome) -> Double?)] = [("unserved_gwh", \.unservedGWh), ("loss_of_load_hours", \.lossOfLoadHours),
                                                         ("peak_shortfall_mw", \.peakShortfallMW)]
        var result: [Summary] = []
        for period in periods {
            let rows = outcomes.filter { $0.period == period }
            for (name, value) in metrics {
                let values = rows.compactMap(value).sorted()
                let unsolved = rows.count - values.count
                guard !values.isEmpty else {
                    result.append(Summary(period: period, metric: name, mean: nil, standardDeviation: nil, confidenceLow: nil,
                                          confidenceHigh: nil, p5: nil, p50: nil, p95: nil, unsolved: unsolved))
                    continue
                }
                let n = Double(values.count)
                let mean: Double = values.reduce(0, +) / n
                let variance: Double = values.count > 1 ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) : 0
                let sd = variance.squareRoot()
                let half: Double = 1.96 * sd / n.squareRoot()
                // The metrics are non-negative: the interval's lower end is cut at 0.
                result.append(Summary(period: period, metric: name, mean: mean, standardDeviation: sd, confidenceLow: max(0, mean - half),
                                      confidenceHigh: mean + half, p5: percentile(values, 0.05), p50: percentile(values, 0.5),
                                      p95: percentile(values, 0.95), unsolved: unsolved))
            }
        }
        return result
    }

    /// Linear-interpolation percentile of sorted values.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position = p * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = min(sorted.count - 1, low + 1)
        return sorted[low] + (position - Double(low)) * (sorted[high] - sorted[low])
    }

    /// The convergence criterion: the 95 % interval's half-width of expected unserved energy
    /// (summed over periods) relative to its mean; met when ≤ `tolerance`, or when the mean and the
    /// half-width are both below 1 MWh (no shortage in any sample).
    public static func convergence(_ outcomes: [Outcome], tolerance: Double) -> (relativeHalfWidth: Double, met: Bool) {
        var totals: [Int: Double] = [:]
        // Only samples solved in every period count (an unsolved one has no total).
        let unsolved = Set(outcomes.filter { $0.unservedGWh == nil }.map(\.sample))
        for outcome in outcomes where !unsolved.contains(outcome.sample) { totals[outcome.sample, default: 0] += outcome.unservedGWh ?? 0 }
        // In sample order: a dictionary's order changes from process to process (hash seeding), and
        // so would the sums' last bits, and montecarlo.json with them.
        let values = totals.keys.sorted().map { totals[$0]! }
        let n = Double(values.count)
        guard n > 1 else { return (.infinity, false) }
        let mean: Double = values.reduce(0, +) / n
        let sd: Double = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
        let half: Double = 1.96 * sd / n.squareRoot()
        // Below 1 MWh a year the mean is solver noise (an interior point leaves ~1e-6): no shortage.
        let negligible = 1e-3
        if mean < negligible { return (0, half < negligible) }
        return (half / mean, half / mean <= tolerance)
    }
}
