import Archive
import Foundation
import Reporting

/// "What changed" between a scheduled run and the previous succeeded one (docs/SCHEDULING.md):
/// input files by hash, fuel prices, indicator deltas, and a first-order attribution of each
/// period's annual cost change to each price change, with the residual.
///
/// Attribution, per period p and fuel f: `Σₘ use₀(f, p, m) × (price₁(f, p, m) − price₀(f, p, m))`,
/// where `use₀` is the previous plan's fuel burn in month m (MMBtu) and prices are USD/MMBtu.
/// The residual is the cost change less the attributed sum: the re-optimisation (dispatch and
/// builds answering the new prices) and every non-price change (demand, capacity ...). It is
/// exact first order: with an unchanged plan the residual is zero.
public struct ChangeReport: Sendable, Equatable, Codable {
    /// The previous run compared against, `nil` for the first run.
    public var previousRunID: String?
    /// The previous run's date.
    public var previousRunDate: String?
    /// Input files added, removed or changed.
    public var inputs: [InputChange]
    /// Fuel prices that moved.
    public var prices: [PriceChange]
    /// Base-plan indicators, every period, old and new.
    public var indicators: [IndicatorDelta]
    /// The cost attribution per period.
    public var attribution: [CostAttribution]

    enum CodingKeys: String, CodingKey {
        case previousRunID = "previous_run_id", previousRunDate = "previous_run_date", inputs, prices, indicators, attribution
    }

    /// One input file's change.
    public struct InputChange: Sendable, Equatable, Codable {
        /// The file, keyed as in results.json (`inputs/...`, `model/...`).
        public var path: String
        /// `added`, `removed` or `changed`.
        public var change: String
        /// SHA-256 before, if any.
        public var old: String?
        /// SHA-256 now, if any.
        public var new: String?
    }

    /// One fuel price's change in one period.
    public struct PriceChange: Sendable, Equatable, Codable {
        /// The fuel.
        public var fuel: String
        /// The period.
        public var period: Int
        /// USD/MMBtu before (`nil`: the fuel had no price).
        public var old: Double?
        /// USD/MMBtu now (`nil`: the fuel has no price now).
        public var new: Double?
        /// The change in percent, when both exist and the old price is not zero.
        public var percent: Double? {
            guard let old, let new, old != 0 else { return nil }
            return 100 * (new - old) / old
        }
    }

    /// One indicator's values before and now.
    public struct IndicatorDelta: Sendable, Equatable, Codable {
        /// The metric name.
        public var name: String
        /// The period.
        public var period: Int
        /// The previous run's value.
        public var old: Double?
        /// This run's value.
        public var new: Double?
        /// new − old, when both exist.
        public var delta: Double? { old.flatMap { o in new.map { $0 - o } } }
    }

    /// The annual cost change of one period and its parts.
    public struct CostAttribution: Sendable, Equatable, Codable {
        /// The period.
        public var period: Int
        /// Annual cost before, USD.
        public var oldCostUSD: Double
        /// Annual cost now, USD.
        public var newCostUSD: Double
        /// Fuel → previous use × Δprice, USD (every priced fuel the previous plan burnt).
        public var byFuelUSD: [String: Double]
        /// The change not explained by the price terms, USD.
        public var residualUSD: Double

        enum CodingKeys: String, CodingKey {
            case period, oldCostUSD = "old_cost_usd", newCostUSD = "new_cost_usd", byFuelUSD = "by_fuel_usd", residualUSD = "residual_usd"
        }
        /// newCostUSD − oldCostUSD.
        public var changeUSD: Double { newCostUSD - oldCostUSD }
    }

    /// Compares this run with the previous one (`nil` for a first run: every file counts as added).
    public static func compare(previous: ArchiveEntry?, current: ArchiveEntry) -> ChangeReport {
        let old = previous?.inputs ?? [:]
        var inputs: [InputChange] = []
        for path in Set(old.keys).union(current.inputs.keys).sorted() {
            switch (old[path], current.inputs[path]) {
            case (nil, let new?): inputs.append(InputChange(path: path, change: "added", old: nil, new: new))
            case (let was?, nil): inputs.append(InputChange(path: path, change: "removed", old: was, new: nil))
            case (let was?, let new?) where was != new: inputs.append(InputChange(path: path, change: "changed", old: was, new: new))
            default: break
            }
        }
        var prices: [PriceChange] = []
        let keys = Set((previous?.prices ?? []).map { PriceKey(fuel: $0.fuel, period: $0.period) })
            .union(current.prices.map { PriceKey(fuel: $0.fuel, period: $0.period) })
        for key in keys.sorted() {
            let was = previous?.price(key.fuel, period: key.period), now = current.price(key.fuel, period: key.period)
            if previous != nil, was != now { prices.append(PriceChange(fuel: key.fuel, period: key.period, old: was, new: now)) }
        }
        let periods = Set(current.metrics.filter { $0.scenario == "base" }.map(\.period)).sorted()
        var indicators: [IndicatorDelta] = []
        for name in ScheduledEntry.baseMetrics {
            for period in periods {
                indicators.append(IndicatorDelta(name: name, period: period, old: previous?.metric(name, period: period),
                                                 new: current.metric(name, period: period)))
            }
        }
        var attribution: [CostAttribution] = []
        if let previous {
            for period in periods {
                guard let was = previous.metric("annual_cost_usd", period: period),
                      let now = current.metric("annual_cost_usd", period: period) else { continue }
                var byFuel: [String: Double] = [:]
                for use in previous.fuels where use.period == period {
                    guard let p0 = previous.price(use.fuel, period: period, month: use.month),
                          let p1 = current.price(use.fuel, period: period, month: use.month) else { continue }
                    byFuel[use.fuel, default: 0] += use.useMMBtu * (p1 - p0)
                }
                let explained = byFuel.keys.sorted().reduce(0.0) { $0 + byFuel[$1]! }
                attribution.append(CostAttribution(period: period, oldCostUSD: was, newCostUSD: now, byFuelUSD: byFuel,
                                                   residualUSD: (now - was) - explained))
            }
        }
        return ChangeReport(previousRunID: previous?.run.runID, previousRunDate: previous?.run.runDate, inputs: inputs,
                            prices: prices, indicators: indicators, attribution: attribution)
    }

    private struct PriceKey: Hashable, Comparable {
        var fuel: String
        var period: Int
        static func < (a: PriceKey, b: PriceKey) -> Bool { (a.fuel, a.period) < (b.fuel, b.period) }
    }

    /// Pretty-printed JSON with sorted keys (`changes.json` of the run folder).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
