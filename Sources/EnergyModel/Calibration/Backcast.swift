import Foundation

/// A back-cast: the existing fleet dispatched against one observed year, its generation shares
/// compared with the observed shares by fuel group (docs/CALIBRATION.md).
public enum Backcast {
    /// The system as a dispatch-only case: nothing can be built (investments, committed builds
    /// and candidates without existing capacity are dropped) and every policy is off; the
    /// renewable and clean carrier lists stay, for the indicators.
    public static func dispatchOnly(_ system: EnergySystem) -> EnergySystem {
        var result = system
        result.generators = system.generators.filter { $0.existingCapacityMW > 0 }.map { generator in
            var copy = generator
            copy.investment = nil
            return copy
        }
        result.storages = system.storages.filter { $0.existingPowerMW > 0 }.map { storage in
            var copy = storage
            copy.investment = nil
            return copy
        }
        let kept = Set(result.generators.map(\.id))
        result.hydroBudgets = system.hydroBudgets.filter { kept.contains($0.generator) }
        result.policies = Policies(renewableCarriers: system.policies.renewableCarriers, cleanCarriers: system.policies.cleanCarriers)
        return result
    }

    /// One observed fuel group: the carriers it covers and its observed generation.
    public struct Observation: Sendable, Equatable {
        /// Group name, e.g. `Hydel`.
        public var group: String
        /// Model carriers that make up the group.
        public var carriers: [String]
        /// Observed generation, GWh.
        public var observedGWh: Double
        /// Observed share of total generation, percent.
        public var observedSharePercent: Double
        /// Where the figures come from.
        public var note: SourceNote

        /// Creates an observation.
        public init(group: String, carriers: [String], observedGWh: Double, observedSharePercent: Double, note: SourceNote) {
            self.group = group
            self.carriers = carriers
            self.observedGWh = observedGWh
            self.observedSharePercent = observedSharePercent
            self.note = note
        }
    }

    /// One line of the comparison.
    public struct Row: Sendable, Equatable {
        /// Group name (`Total` for the last line).
        public var group: String
        /// Model generation, GWh.
        public var modelGWh: Double
        /// Observed generation, GWh.
        public var observedGWh: Double
        /// Model share of total model generation, percent.
        public var modelSharePercent: Double
        /// Observed share, percent.
        public var observedSharePercent: Double
        /// Model minus observed: percentage points for a group, percent of the observed total for `Total`.
        public var difference: Double
        /// Whether the difference is within the target (±3 pp for groups, ±2 % for the total).
        public var withinTarget: Bool
    }

    /// Targets of issue 4: every group within ±3 percentage points, the total within ±2 %.
    public static let shareTolerancePoints = 3.0
    /// Target for total generation, percent of the observed total.
    public static let totalTolerancePercent = 2.0

    /// Compares model generation by carrier (MWh) with the observed groups. Carriers in no group
    /// form a line `(not observed)`, so no model generation disappears from the table.
    public static func compare(generationByCarrierMWh: [String: Double], observations: [Observation]) -> [Row] {
        // Sums in carrier order, so identical runs print identical figures.
        let sorted = generationByCarrierMWh.sorted { $0.key < $1.key }
        let modelTotal: Double = sorted.reduce(0.0) { $0 + $1.value } / 1000
        let observedTotal: Double = observations.reduce(0) { $0 + $1.observedGWh }
        var rows: [Row] = []
        var covered: Set<String> = []
        for observation in observations {
            let gwh: Double = observation.carriers.reduce(0) { $0 + (generationByCarrierMWh[$1] ?? 0) } / 1000
            covered.formUnion(observation.carriers)
            let share: Double = modelTotal > 0 ? 100 * gwh / modelTotal : 0
            let difference: Double = share - observation.observedSharePercent
            rows.append(Row(group: observation.group, modelGWh: gwh, observedGWh: observation.observedGWh, modelSharePercent: share,
                            observedSharePercent: observation.observedSharePercent, difference: difference,
                            withinTarget: abs(difference) <= shareTolerancePoints))
        }
        let rest: Double = sorted.filter { !covered.contains($0.key) }.reduce(0.0) { $0 + $1.value } / 1000
        // Solver noise (an interior point leaves ~1e-6 MWh on idle storage) is not a line of its own.
        if rest > 1e-6 * max(modelTotal, 1) {
            let share: Double = modelTotal > 0 ? 100 * rest / modelTotal : 0
            rows.append(Row(group: "(not observed)", modelGWh: rest, observedGWh: 0, modelSharePercent: share, observedSharePercent: 0,
                            difference: share, withinTarget: share <= shareTolerancePoints))
        }
        let totalDifference: Double = observedTotal > 0 ? 100 * (modelTotal - observedTotal) / observedTotal : 0
        rows.append(Row(group: "Total", modelGWh: modelTotal, observedGWh: observedTotal, modelSharePercent: 100,
                        observedSharePercent: observations.reduce(0) { $0 + $1.observedSharePercent },
                        difference: totalDifference, withinTarget: abs(totalDifference) <= totalTolerancePercent))
        return rows
    }

    /// The comparison as an aligned text table (for the terminal and docs/CALIBRATION.md).
    public static func table(_ rows: [Row]) -> String {
        let width = max(14, rows.map(\.group.count).max() ?? 0)
        func pad(_ text: String, _ count: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, count - text.count))
            return left ? text + fill : fill + text
        }
        var lines = [pad("group", width, left: true) + pad("model GWh", 12) + pad("observed GWh", 14) + pad("model %", 9)
                     + pad("obs. %", 9) + pad("diff", 11) + "  target"]
        for row in rows {
            let isTotal = row.group == "Total"
            let difference = String(format: "%+.2f", row.difference) + (isTotal ? " % " : " pp")
            let target = isTotal ? "±\(Int(totalTolerancePercent)) %" : "±\(Int(shareTolerancePoints)) pp"
            lines.append(pad(row.group, width, left: true) + pad(String(format: "%.0f", row.modelGWh), 12)
                         + pad(String(format: "%.0f", row.observedGWh), 14) + pad(String(format: "%.2f", row.modelSharePercent), 9)
                         + pad(String(format: "%.2f", row.observedSharePercent), 9) + pad(difference, 11)
                         + "  " + (row.withinTarget ? "within " : "OUTSIDE ") + target)
        }
        return lines.joined(separator: "\n")
    }
}
