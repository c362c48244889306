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

    /// Cost-optimises each case (the plan: builds and dispatch) on up to `workers` threads, each
    /// with its own solver worker: a case of the same shape as one the worker solved before (the
    /// same program with other bounds, right-hand sides or costs: a price, a demand, a capacity)
    /// starts from that one's basis. Results in the order given.
    public static func solve<Solver: LinearSolver>(_ cases: [(id: String, system: EnergySystem)], options: FormulationOptions, solver: Solver,
                                                   workers: Int = ProcessorCount.active,
                                                   progress: @Sendable (StressTest.SweepProgress) -> Void = { _ in }) throws -> [EnergyResults] {
        let outcomes = ParallelWork.map(cases, workers: workers, state: { Optimizer(solver: solver.worker()) }, progress: { k, done in
            progress(StressTest.SweepProgress(id: cases[k].id, finished: done, total: cases.count))
        }) { optimizer, item in
            Result { StressTest.results(try optimizer.optimize(item.system, options: options, mode: .cost)) }
        }
        return try outcomes.map { try $0.get() }
    }
}
