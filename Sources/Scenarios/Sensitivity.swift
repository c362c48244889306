import EnergyModel
import Foundation
import LinearProgramming

/// Sensitivity runs (`bijli sensitivity`): the plan re-optimised at each point of a grid of one
/// or two parameters, or at the low and high ends of several (a tornado). Each point is a what-if:
/// overlays of the scenario language (``SweepParameter``) laid on the case after any scenario.
public enum Sensitivity {
    /// One point: a value of each parameter and what that value changes.
    public struct Point: Sendable, Equatable {
        /// A short name, e.g. `fuel_price.rlng (2030 on) × 1.2`, or `base`.
        public var id: String
        /// The value of each parameter (in order of the parameters), empty for the base point.
        public var values: [String]
        /// The overlays of the point, as YAML flow mappings, in the order they are laid on.
        public var overlays: [String]
        /// Where each overlay comes from, for messages (`--vary '…' = 1.2`).
        public var origins: [String]
        /// The demand variant of the point, nil for the run's own.
        public var demandVariant: String?
        /// For a tornado: the parameter (index) this point moves, and whether to its high end.
        public var moved: Int?
        /// For a tornado: whether the point is the parameter's high end.
        public var high: Bool?

        /// Creates a point.
        public init(id: String, values: [String], overlays: [String], origins: [String], demandVariant: String? = nil,
                    moved: Int? = nil, high: Bool? = nil) {
            self.id = id
            self.values = values
            self.overlays = overlays
            self.origins = origins
            self.demandVariant = demandVariant
            self.moved = moved
            self.high = high
        }

        /// The point that changes nothing (the base).
        public static let unchanged = Point(id: "", values: [], overlays: [], origins: [])
    }

    /// Every combination of the parameters' values, the first parameter outermost.
    public static func grid(_ parameters: [SweepParameter]) -> [Point] {
        var points = [Point.unchanged]
        for parameter in parameters {
            points = points.flatMap { point in
                parameter.values.map { value in moved(point, by: parameter, to: value) }
            }
        }
        return points
    }

    /// The base point (no change), then each parameter at its low and its high value (exactly two
    /// values each), the others at the base.
    public static func tornado(_ parameters: [SweepParameter]) -> [Point] {
        var points = [Point(id: "base", values: [], overlays: [], origins: [])]
        for (k, parameter) in parameters.enumerated() {
            for (end, value) in parameter.values.enumerated() {
                var point = moved(.unchanged, by: parameter, to: value)
                point.moved = k
                point.high = end == 1
                points.append(point)
            }
        }
        return points
    }

    private static func moved(_ point: Point, by parameter: SweepParameter, to value: String) -> Point {
        var next = point
        next.values.append(value)
        next.id += (next.id.isEmpty ? "" : ", ") + "\(parameter.label) \(value)"
        if let overlay = parameter.overlay(for: value) {
            next.overlays.append(overlay)
            next.origins.append("\(parameter.flag) '\(parameter.text)' at \(value)")
        } else {
            next.demandVariant = value
        }
        return next
    }

    /// A measure of a point's plan, for the tornado chart (`--measure`).
    public struct Measure: Sendable, Equatable, CustomStringConvertible {
        /// What is measured.
        public enum Kind: String, Sendable, CaseIterable {
            /// The total discounted cost over the horizon, million USD.
            case cost
            /// Unserved energy of a period, GWh per year.
            case unserved
            /// Renewable share of a period, %.
            case renewableShare = "renewable_share"
            /// Imported-fuel bill of a period, million USD per year.
            case importBill = "import_bill"
            /// Capacity built in a period, MW.
            case built
        }

        /// What is measured.
        public var kind: Kind
        /// The period of a period measure, nil for the last period (ignored for cost).
        public var period: Int?

        /// Creates a measure.
        public init(_ kind: Kind, period: Int? = nil) {
            self.kind = kind
            self.period = period
        }

        /// `cost`, `unserved`, `renewable_share@2030`, ...; nil when not one of them.
        public init?(parsing text: String) {
            let parts = text.split(separator: "@", maxSplits: 1).map(String.init)
            guard let kind = Kind(rawValue: parts.first ?? "") else { return nil }
            self.kind = kind
            if parts.count == 2 {
                guard kind != .cost, let year = Int(parts[1]) else { return nil }
                period = year
            }
        }

        /// The unit of the measure's values.
        public var unit: String {
            switch kind {
            case .cost: "million USD"
            case .unserved: "GWh"
            case .renewableShare: "%"
            case .importBill: "million USD/yr"
            case .built: "MW"
            }
        }

        /// As `--measure` takes it, e.g. `renewable_share@2030`.
        public var argument: String { kind.rawValue + (period.map { "@\($0)" } ?? "") }

        /// In words, e.g. `renewable share 2030`.
        public var description: String {
            let name = kind == .cost ? "total discounted cost" : kind.rawValue.replacingOccurrences(of: "_", with: " ")
            return period.map { "\(name) \($0)" } ?? name
        }

        /// The measure of a plan; nil without a solution or without the period.
        public func value(of results: EnergyResults) -> Double? {
            if kind == .cost { return results.objectiveUSD.map { $0 / 1e6 } }
            guard let period = (period.flatMap { year in results.periods.first { $0.period == year } }) ?? (self.period == nil ? results.periods.last : nil)
            else { return nil }
            return switch kind {
            case .cost: nil
            case .unserved: period.unservedMWh / 1e3
            case .renewableShare: 100 * period.indicators.renewableShare
            case .importBill: period.indicators.fuelImportBillUSD / 1e6
            case .built: period.newCapacityMW.values.reduce(0, +)
            }
        }
    }

    /// Points per warm chain: each chain is solved in order by a worker of its own, the first point
    /// cold and each next one from the basis of the one before.
    public static let chainLength = 4

    /// Cost-optimises each case (the plan: builds and dispatch) on up to `workers` threads. The
    /// cases are cut into chains of ``chainLength`` in the order given; each chain gets a fresh
    /// solver worker, so a case of the same shape as the one before it in its chain (the same
    /// program with other bounds, right-hand sides or costs: a price, a demand, a capacity) starts
    /// from that one's basis. The chains are fixed by the order alone, never by the schedule or the
    /// thread count, so a degenerate point (the same cost, another plan) comes out the same in every
    /// run on every machine. Results in the order given.
    public static func solve<Solver: LinearSolver>(_ cases: [(id: String, system: EnergySystem)], options: FormulationOptions, solver: Solver,
                                                   workers: Int = ProcessorCount.active,
                                                   progress: @Sendable (StressTest.SweepProgress) -> Void = { _ in }) throws -> [EnergyResults] {
        let chains = stride(from: 0, to: cases.count, by: chainLength).map { Array($0..<min($0 + chainLength, cases.count)) }
        let outcomes = ParallelWork.map(chains, workers: workers, progress: { k, done in
            progress(StressTest.SweepProgress(id: cases[chains[k].last!].id, finished: min(cases.count, done * chainLength), total: cases.count))
        }) { chain in
            let optimizer = Optimizer(solver: solver.worker())
            return chain.map { k in Result { StressTest.results(try optimizer.optimize(cases[k].system, options: options, mode: .cost)) } }
        }
        return try outcomes.flatMap { $0 }.map { try $0.get() }
    }
}
