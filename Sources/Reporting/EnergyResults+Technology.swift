import EnergyModel

extension EnergyResults {
    /// Values by resource (capacity, builds) summed by technology (from the results' system
    /// summary; a resource it does not list counts under its own id). Zeros are kept.
    public func byTechnology(_ values: [String: Double]) -> [String: Double] {
        let technology = Dictionary((system?.resources ?? []).map { ($0.id, $0.technology) }, uniquingKeysWith: { first, _ in first })
        var totals: [String: Double] = [:]
        for id in values.keys.sorted() { totals[technology[id] ?? id, default: 0] += values[id]! }
        return totals
    }

    /// Capacity built in a period by technology, MW (nil: the period is not in the results).
    public func builtByTechnology(_ year: Int) -> [String: Double]? {
        periods.first { $0.period == year }.map { byTechnology($0.newCapacityMW) }
    }

    /// Capacity in service in a period by technology, MW (nil: the period is not in the results).
    public func capacityByTechnology(_ year: Int) -> [String: Double]? {
        periods.first { $0.period == year }.map { byTechnology($0.capacityMW) }
    }
}
