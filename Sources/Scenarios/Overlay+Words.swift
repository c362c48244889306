import EnergyModel

extension Overlay {
    /// The overlay in words, for reports: what it changes, where, and how, e.g. `Fuel price (fuel
    /// rlng; periods 2030, 2035): × 1.3 (+30 %)`.
    public var sentence: String {
        let selection = selectionWords
        return subject + (selection.isEmpty ? "" : " (\(selection))") + ": " + change
    }

    var subject: String {
        switch target {
        case .availability: "Availability"
        case .capacity: "Existing capacity"
        case .fuelSupply: "Fuel supply limit"
        case .fuelPrice: "Fuel price"
        case .fuelOfftake: "Take-or-pay minimum"
        case .hydroBudget: "Hydro energy budget"
        case .demand: "Demand"
        case .corridorCapacity: "Corridor capacity"
        case .exchangeRate: "Exchange rate"
        case .policy: "Policy \(selector.policy ?? "")"
        case .committed: "Committed builds"
        case .renewableCarriers: "Carriers counted as renewable"
        }
    }

    var unit: String {
        switch target {
        case .availability: ""
        case .capacity, .demand, .corridorCapacity, .committed: " MW"
        case .fuelSupply, .fuelOfftake: " MMBtu a month"
        case .fuelPrice: " USD/MMBtu"
        case .hydroBudget: " GWh a month"
        case .exchangeRate: " PKR/USD"
        case .policy, .renewableCarriers: ""
        }
    }

    var change: String {
        switch operation {
        case .scale(let factor):
            let percent = (factor - 1) * 100
            return "× \(Self.number(factor))" + (factor == 1 ? "" : " (\(percent > 0 ? "+" : "−")\(Self.number(abs(percent))) %)")
        case .set(let value) where target == .renewableCarriers: return value == 1 ? "counted" : "not counted"
        case .set(let value): return "set to \(Self.number(value))\(unit)" + (penalty.map { " (soft, penalty \(Self.number($0)))" } ?? "")
        case .add(let amount): return "\(amount < 0 ? "−" : "+")\(Self.number(abs(amount)))\(unit)"
        case .moveTo(let year): return "moved to \(year), the first year it can be built"
        case .remove:
            switch target {
            case .fuelSupply: return "limit lifted"
            case .fuelOfftake: return "minimum lifted"
            case .corridorCapacity: return "cut"
            case .policy: return "off"
            case .renewableCarriers: return "not counted"
            case .committed: return selector.periods == nil ? "project cancelled (not built)" : "commitments dropped"
            case .capacity: return "taken out, with any building"
            default: return "taken away (0)"
            }
        }
    }

    var selectionWords: String {
        var parts: [String] = []
        func names(_ label: String, _ values: [String]?) {
            if let values { parts.append("\(label) \(values.joined(separator: ", "))") }
        }
        names("resource", selector.resources)
        names("technology", selector.technologies)
        names("carrier", selector.carriers)
        names("fuel", selector.fuels)
        names("region", selector.regions)
        names("corridor", selector.corridors)
        if let periods = selector.periods { parts.append("period\(periods.count == 1 ? "" : "s") \(periods.map(String.init).joined(separator: ", "))") }
        if let months = selector.months { parts.append("months \(Self.ranges(months.map { $0...$0 }))") }
        if let days = selector.days { parts.append("days \(Self.ranges(days))") }
        if let hours = selector.hours { parts.append("hours \(Self.ranges(hours))") }
        return parts.joined(separator: "; ")
    }

    /// Ranges merged where they touch, as `4–6, 9`.
    static func ranges(_ ranges: [ClosedRange<Int>]) -> String {
        var merged: [ClosedRange<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)" }.joined(separator: ", ")
    }

    /// A number as written in a scenario: up to 6 significant digits, no trailing zeros.
    static func number(_ value: Double) -> String {
        var text = String(format: "%.6g", value)
        if text.contains("."), !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}

extension ScenarioLibrary {
    /// What a scenario changes, in words: for each scenario applied (the composed ones first),
    /// its name and description, then each overlay's ``Overlay/sentence``.
    public func changes(of scenario: Scenario) -> [String] {
        let applied = scenario.compose.flatMap { expansion(of: $0, seen: [scenario.id]) }.compactMap { self.scenario($0) } + [scenario]
        return applied.flatMap { item in
            ["\(item.name)" + (item.description.isEmpty || item.description == item.name ? "" : ": \(item.description)")]
                + item.overlays.map { "  \($0.sentence)" }
        }
    }
}
