import EnergyModel

extension Overlay.Selector {
    /// Whether a generator is selected (every given field must match).
    func matches(_ generator: Generator) -> Bool {
        (resources?.contains(generator.id) ?? true) && (technologies?.contains(generator.technology) ?? true)
            && (carriers?.contains(generator.carrier) ?? true) && (fuels.map { generator.fuel.map($0.contains) ?? false } ?? true)
            && (regions?.contains(generator.region) ?? true)
    }

    /// Whether a storage unit is selected (it has no carrier or fuel, so selecting either excludes it).
    func matches(_ storage: StorageUnit) -> Bool {
        carriers == nil && fuels == nil && (resources?.contains(storage.id) ?? true)
            && (technologies?.contains(storage.technology) ?? true) && (regions?.contains(storage.region) ?? true)
    }

    /// The selected period years among `years`.
    func years(among years: [Int]) -> [Int] { periods.map { selected in years.filter(selected.contains) } ?? years }

    /// The selected months (all twelve if none are given).
    var monthList: [Int] { months ?? Array(1...12) }

    /// The selected hours of the year (0...8759).
    var hourMask: [Bool] {
        (0..<EnergySystem.hoursPerYear).map { hour in
            let day = hour / 24 + 1, hourOfDay = hour % 24
            return (months?.contains(TimeSlices.month(ofHour: hour)) ?? true) && (days?.contains { $0.contains(day) } ?? true)
                && (hours?.contains { $0.contains(hourOfDay) } ?? true)
        }
    }
}

extension Overlay.Operation {
    /// The operation on one value; never below 0.
    func apply(to value: Double) -> Double {
        switch self {
        case .scale(let factor): value * factor
        case .set(let new): new
        case .add(let amount): max(0, value + amount)
        case .remove, .moveTo: 0
        }
    }
}

extension Scenario {
    /// Lays the overlays on a system, in order (after those of the composed scenarios, which the
    /// caller resolves: see ``ScenarioLibrary/apply(_:to:fixedCapacityMW:)``). Capacities fixed
    /// by a plan (stress mode) are changed by capacity overlays too.
    /// - Throws: ``ScenarioError`` for an overlay that selects nothing, or a scale or add on a
    ///   value that does not exist (a fuel without a supply limit).
    func applyOwnOverlays(to system: inout EnergySystem, fixedCapacityMW: inout CapacityPlan) throws(ScenarioError) {
        var issues: [CaseIssue] = []
        for overlay in overlays {
            let changed = overlay.apply(to: &system, fixedCapacityMW: &fixedCapacityMW, issues: &issues)
            if changed == 0, !issues.contains(where: { $0.message.hasPrefix(overlay.location) }) {
                issues.append(CaseIssue(file: overlay.location, message: "this \(overlay.target.rawValue) overlay selects nothing",
                                        suggestion: "check its 'select' (names, periods, months, days, hours) against the case"))
            }
        }
        guard issues.isEmpty else { throw ScenarioError(issues: issues) }
    }
}

extension Overlay {
    /// Applies the overlay; returns how many values it changed.
    func apply(to system: inout EnergySystem, fixedCapacityMW: inout CapacityPlan, issues: inout [CaseIssue]) -> Int {
        let years = selector.years(among: system.periods.map(\.year))
        switch target {
        case .availability: return applyAvailability(&system, years: years)
        case .capacity: return applyCapacity(&system, fixed: &fixedCapacityMW)
        case .fuelSupply, .fuelPrice, .fuelOfftake: return applyFuel(&system, years: years, issues: &issues)
        case .hydroBudget: return applyHydro(&system, years: years)
        case .demand: return applyDemand(&system, years: years)
        case .corridorCapacity: return applyCorridors(&system, years: years)
        case .exchangeRate:
            system.settings.exchangeRatePKRPerUSD = operation.apply(to: system.settings.exchangeRatePKRPerUSD)
            return 1
        case .policy: return applyPolicy(&system, years: years)
        case .committed: return applyCommitted(&system, years: years, issues: &issues)
        case .renewableCarriers: return applyRenewableCarriers(&system)
        }
    }

    /// Counts the selected carriers towards the renewable share (`set: 1`) or stops counting them
    /// (`set: 0`, `remove`); returns how many carriers were selected, changed or not.
    private func applyRenewableCarriers(_ system: inout EnergySystem) -> Int {
        let selected = selector.carriers ?? []
        let counts = operation == .set(1)
        system.policies.renewableCarriers.removeAll { selected.contains($0) }
        if counts { system.policies.renewableCarriers += selected }
        return selected.count
    }

    private func applyAvailability(_ system: inout EnergySystem, years: [Int]) -> Int {
        let mask = selector.hourMask
        guard mask.contains(true) else { return 0 }
        var changed = 0
        for generator in system.generators where selector.matches(generator) {
            for year in years {
                var values = system.availability(of: generator, year: year)
                for hour in values.indices where mask[hour] { values[hour] = min(1, operation.apply(to: values[hour])) }
                system.availabilityOverrides[generator.id, default: [:]][year] = values
                changed += 1
            }
        }
        return changed
    }

    private func applyCapacity(_ system: inout EnergySystem, fixed: inout CapacityPlan) -> Int {
        var changed = 0
        for g in system.generators.indices where selector.matches(system.generators[g]) {
            system.generators[g].existingCapacityMW = operation.apply(to: system.generators[g].existingCapacityMW)
            if operation == .remove { system.generators[g].investment = nil }
            fixed.transformCapacities(of: system.generators[g].id, operation.apply(to:))
            changed += 1
        }
        for s in system.storages.indices where selector.matches(system.storages[s]) {
            system.storages[s].existingPowerMW = operation.apply(to: system.storages[s].existingPowerMW)
            if operation == .remove { system.storages[s].investment = nil }
            fixed.transformCapacities(of: system.storages[s].id, operation.apply(to:))
            changed += 1
        }
        return changed
    }

    /// Committed builds of the selected generators and storage that can be built: `move_to` moves
    /// those of the selected periods to another period and makes it the first build year (a
    /// delay, or an earlier date); `remove` cancels those of the selected periods, and with no
    /// `periods` selected the project altogether (it can no longer be built); `scale`, `set` and
    /// `add` resize them (`set` also commits a build in a selected period without one).
    private func applyCommitted(_ system: inout EnergySystem, years: [Int], issues: inout [CaseIssue]) -> Int {
        var changed = 0
        // `set` commits a build in a selected period that has none; the others change existing commitments.
        let commitsNew: Bool = if case .set = operation { true } else { false }
        func change(_ id: String, _ investment: inout Investment?, existing: Double) {
            guard var plan = investment else { return }
            let selected = years.filter { plan.committedMW[$0] != nil || commitsNew }
            guard !selected.isEmpty else { return }
            switch operation {
            case .moveTo(let year):
                let moved = selected.reduce(0.0) { $0 + (plan.committedMW[$1] ?? 0) }
                for y in selected { plan.committedMW[y] = nil }
                plan.committedMW[year, default: 0] += moved
                plan.firstBuildYear = year
            case .remove:
                if selector.periods == nil {
                    investment = nil
                    changed += 1
                    return
                }
                for y in selected { plan.committedMW[y] = nil }
            default:
                for y in selected { plan.committedMW[y] = operation.apply(to: plan.committedMW[y] ?? 0) }
                if let first = selected.min(), let firstBuild = plan.firstBuildYear, first < firstBuild { plan.firstBuildYear = first }
            }
            if let maximum = plan.maxCapacityMW, existing + plan.committedMW.values.reduce(0, +) > maximum {
                issues.append(CaseIssue(file: location, message: "'\(id)': existing + committed builds (\(existing + plan.committedMW.values.reduce(0, +)) MW) would exceed its max_capacity_mw \(maximum)",
                                        suggestion: "commit less, or raise max_capacity_mw in the model"))
            }
            investment = plan
            changed += 1
        }
        for g in system.generators.indices where selector.matches(system.generators[g]) {
            change(system.generators[g].id, &system.generators[g].investment, existing: system.generators[g].existingCapacityMW)
        }
        for s in system.storages.indices where selector.matches(system.storages[s]) {
            change(system.storages[s].id, &system.storages[s].investment, existing: system.storages[s].existingPowerMW)
        }
        return changed
    }

    private func applyFuel(_ system: inout EnergySystem, years: [Int], issues: inout [CaseIssue]) -> Int {
        var changed = 0
        var missing: [String] = []
        for f in system.fuels.indices where selector.fuels?.contains(system.fuels[f].id) ?? true {
            let path: WritableKeyPath<Fuel, MonthlyValues> = switch target {
            case .fuelSupply: \.supplyLimitMMBtu
            case .fuelOfftake: \.minimumOfftakeMMBtu
            default: \.priceUSDPerMMBtu
            }
            var values = system.fuels[f][keyPath: path]
            for year in years {
                for month in selector.monthList {
                    guard let current = values[year, month] else {
                        if case .set(let value) = operation {
                            values.values[year, default: [:]][month] = value
                            changed += 1
                        } else if operation != .remove {
                            missing.append("\(system.fuels[f].id) \(year)-\(month)")
                        }
                        continue
                    }
                    values.values[year]![month] = operation == .remove ? nil : operation.apply(to: current)
                    changed += 1
                }
            }
            system.fuels[f][keyPath: path] = values
            if target == .fuelOfftake {
                // A contract cannot oblige more than can be delivered (as in fuel_offtake.csv).
                let over = values.values.sorted(by: { $0.key < $1.key }).flatMap { year, months in
                    months.sorted(by: { $0.key < $1.key }).compactMap { month, minimum -> String? in
                        guard let limit = system.fuels[f].supplyLimitMMBtu[year, month], minimum > limit else { return nil }
                        return "\(year)-\(month) (\(Self.number(minimum)) > \(Self.number(limit)) MMBtu)"
                    }
                }
                if !over.isEmpty {
                    issues.append(CaseIssue(file: location, message: "the take-or-pay minimum of \(system.fuels[f].id) would exceed its supply limit in \(over.prefix(4).joined(separator: ", "))\(over.count > 4 ? ", ..." : "")",
                                            suggestion: "lower the minimum, or raise the supply limit with a fuel_supply overlay first"))
                }
            } else if target == .fuelSupply {
                // Cargoes the seller does not deliver are not paid for: a take-or-pay minimum
                // never exceeds what the disruption leaves to deliver.
                for (year, months) in system.fuels[f].minimumOfftakeMMBtu.values {
                    for (month, minimum) in months {
                        if let limit = values[year, month], limit < minimum { system.fuels[f].minimumOfftakeMMBtu.values[year]![month] = limit }
                    }
                }
            }
        }
        if !missing.isEmpty {
            let what = switch target {
            case .fuelSupply: "supply limit"
            case .fuelOfftake: "take-or-pay minimum"
            default: "price"
            }
            issues.append(CaseIssue(file: location, message: "no \(what) to change for \(missing.prefix(4).joined(separator: ", "))\(missing.count > 4 ? ", ..." : "")",
                                    suggestion: target == .fuelPrice ? "give the price in fuel_prices.csv" : "use 'set' to impose one where there is none"))
        }
        return changed
    }

    private func applyHydro(_ system: inout EnergySystem, years: [Int]) -> Int {
        var changed = 0
        let selected = Set(system.generators.filter(selector.matches).map(\.id))
        let months = selector.monthList
        for b in system.hydroBudgets.indices {
            let budget = system.hydroBudgets[b]
            guard selected.contains(budget.generator), years.contains(budget.year), months.contains(budget.month) else { continue }
            // set and add are in GWh per month; budgets are stored in MWh.
            let gwh = operation.apply(to: budget.energyMWh / 1000)
            system.hydroBudgets[b].energyMWh = gwh * 1000
            changed += 1
        }
        return changed
    }

    private func applyDemand(_ system: inout EnergySystem, years: [Int]) -> Int {
        let mask = selector.hourMask
        guard mask.contains(true) else { return 0 }
        var changed = 0
        for d in system.demand.indices where years.contains(system.demand[d].year) && (selector.regions?.contains(system.demand[d].region) ?? true) {
            for hour in system.demand[d].hourlyMW.indices where mask[hour] {
                system.demand[d].hourlyMW[hour] = operation.apply(to: system.demand[d].hourlyMW[hour])
            }
            changed += 1
        }
        return changed
    }

    private func applyCorridors(_ system: inout EnergySystem, years: [Int]) -> Int {
        let mask = selector.hourMask
        guard mask.contains(true) else { return 0 }
        var changed = 0
        for corridor in system.corridors where selector.corridors?.contains(corridor.id) ?? true {
            for year in years {
                var factors = system.corridorFactors[corridor.id]?[year] ?? Array(repeating: 1, count: EnergySystem.hoursPerYear)
                for hour in factors.indices where mask[hour] { factors[hour] = operation.apply(to: factors[hour]) }
                system.corridorFactors[corridor.id, default: [:]][year] = factors
                changed += 1
            }
        }
        return changed
    }

    private func applyPolicy(_ system: inout EnergySystem, years: [Int]) -> Int {
        let path: WritableKeyPath<Policies, PolicyTarget?> = switch selector.policy ?? "" {
        case "renewable_share": \.renewableShare
        case "reserve_margin": \.reserveMargin
        case "co2_cap_t": \.co2CapTonnes
        case "import_share_cap": \.importShareCap
        default: \.fxBudgetUSD
        }
        var target = system.policies[keyPath: path] ?? PolicyTarget([:], penalty: penalty)
        var changed = 0
        for year in years {
            switch operation {
            case .remove:
                if target.valuesByYear.removeValue(forKey: year) != nil { changed += 1 }
            case .set(let value):
                target.valuesByYear[year] = value
                changed += 1
            default:
                if let value = target.valuesByYear[year] { target.valuesByYear[year] = operation.apply(to: value); changed += 1 }
            }
        }
        if case .set = operation, let penalty { target.penalty = penalty }
        system.policies[keyPath: path] = target.valuesByYear.isEmpty ? nil : target
        return changed
    }
}
