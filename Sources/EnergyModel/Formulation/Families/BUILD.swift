import LinearProgramming

/// The **BUILD** family: capacity accounting, resource potential and committed builds.
struct BUILDFamily: ConstraintFamily {
    static let traits = FamilyTraits(id: .BUILD, meaning: "capacity accounting, potentials and committed builds", stage: .planning, timeScope: .period, rowUnit: "MW", rowScale: 1,
                                     shadowPriceUnit: "USD/MW", reportsBinding: false, policy: nil)

    static func sentence(_ indices: [String], shadowPrice: Double) -> String {
        BindingText.generic(traits.id, indices, shadowPrice: shadowPrice)
    }

    static func pypsa(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping {
        let buildable = system.generators.contains { $0.investment != nil } || system.storages.contains { $0.investment != nil }
        return buildable ? .exported(as: "p_nom_extendable, p_nom_min (committed), p_nom_max and capital_cost (annuity + fixed O&M) of generators and storage units") : .absent
    }

    static func build(_ builder: inout FormulationBuilder) {
        builder.addCapacity()
    }
}

extension FormulationBuilder {
    /// Capacity in service that is fixed (existing fleet after retirement, or stress-mode
    /// capacity), MW, or `nil` when the resource can be built.
    func fixedCapacity(id: String, existingMW: Double, retirementYear: Int?, investment: Investment?, year: Int) -> Double? {
        if let fixed = options.fixedCapacityMW[id, year] { return fixed }
        if investment != nil && !options.fixedCapacityMW.contains(resource: id) { return nil }
        return existing(existingMW, retirementYear: retirementYear, year: year)
    }

    /// Existing capacity still in service in `year` (``Economics/existing(_:retirementYear:year:)``).
    func existing(_ capacityMW: Double, retirementYear: Int?, year: Int) -> Double {
        Economics.existing(capacityMW, retirementYear: retirementYear, year: year)
    }

    /// Annualised capital cost per MW-year (``Economics/annuityPerMW(_:rate:)``).
    func annuityPerMW(_ investment: Investment) -> Double {
        Economics.annuityPerMW(investment, rate: system.settings.discountRate)
    }

    /// **BUILD** — capacity accounting `K[g,y] − Σ_{y' ≤ y alive} x[g,y'] = existing(g,y)`,
    /// `K[g,y] ≤ Kmax` (resource potential), `x[g,y] ≥ committed[g,y]`. A build made in y' is alive
    /// in y when `y' ≤ y < y' + life`; it is charged its annuity and fixed O&M (discounted,
    /// `δ_y n_y`) in every period in which it is alive. The fixed O&M of capacity that is not a
    /// decision (existing, or fixed in stress mode) goes into the objective constant.
    mutating func addCapacity() {
        for g in system.generators.indices {
            let generator = system.generators[g]
            let (k, x) = addCapacityVariables(
                kind: "K", buildKind: "x", id: generator.id, existingMW: generator.existingCapacityMW,
                retirementYear: generator.retirementYear, investment: generator.investment,
                fixedOMPerMWYear: generator.fixedOMUSDPerKWYear * 1000)
            variables.capacity.append(id: generator.id, k)
            variables.build.append(id: generator.id, x)
        }
        for s in system.storages.indices {
            let storage = system.storages[s]
            let (k, x) = addCapacityVariables(
                kind: "P", buildKind: "xs", id: storage.id, existingMW: storage.existingPowerMW,
                retirementYear: storage.retirementYear, investment: storage.investment,
                fixedOMPerMWYear: storage.fixedOMUSDPerKWYear * 1000)
            variables.storageCapacity.append(id: storage.id, k)
            variables.storageBuild.append(id: storage.id, x)
        }
    }

    /// Capacity `kind[id,y]` and build `buildKind[id,y]` variables of one resource, with its
    /// accounting rows `family[id,y]` (BUILD, or LINKX for corridors).
    mutating func addCapacityVariables(kind: String, buildKind: String, id: String, existingMW: Double,
                                       retirementYear: Int?, investment: Investment?,
                                       fixedOMPerMWYear: Double, family: EquationID = .BUILD) -> ([Variable?], [Variable?]) {
        var capacity: [Variable?] = []
        var builds: [Variable?] = []
        var fixed: [Double?] = []
        for (y, period) in periods.enumerated() {
            if let value = fixedCapacity(id: id, existingMW: existingMW, retirementYear: retirementYear,
                                         investment: investment, year: period.year) {
                fixed.append(value)
                lp.objectiveConstant += costWeights[y] * fixedOMPerMWYear * value
                capacity.append(nil)
                builds.append(nil)
                continue
            }
            let investment = investment!
            fixed.append(nil)
            // The existing part's fixed O&M is a constant; builds carry their own.
            let existingMW = existing(existingMW, retirementYear: retirementYear, year: period.year)
            lp.objectiveConstant += costWeights[y] * fixedOMPerMWYear * existingMW
            let committed = investment.committedMW[period.year] ?? 0
            var build: Variable?
            if Economics.buildAllowed(investment, year: period.year) {
                var cost = 0.0
                for (later, laterPeriod) in periods.enumerated().dropFirst(y)
                where Economics.isAlive(builtIn: period.year, lifetimeYears: investment.lifetimeYears, in: laterPeriod.year) {
                    cost += costWeights[later] * (annuityPerMW(investment) + fixedOMPerMWYear)
                }
                build = lp.addVariable("\(buildKind)[\(id),\(period.year)]", bounds: .atLeast(committed), cost: cost)
            }
            builds.append(build)
            let k = lp.addVariable("\(kind)[\(id),\(period.year)]",
                                   bounds: investment.maxCapacityMW.map { .between(0, $0) } ?? .atLeast(0))
            var terms = [1 * k]
            for (earlier, earlierPeriod) in periods.enumerated().prefix(y + 1)
            where Economics.isAlive(builtIn: earlierPeriod.year, lifetimeYears: investment.lifetimeYears, in: period.year) {
                if let x = builds[earlier] { terms.append(-1 * x) }
            }
            let row = lp.addRow("\(family.rawValue)[\(id),\(period.year)]", terms, .fixed(existingMW))
            record(family, [id, String(period.year)], row, year: period.year)
            capacity.append(k)
        }
        fixedCapacityMW[id] = fixed
        return (capacity, builds)
    }

    /// The per-step references to a capacity variable: per-step copies linked by equalities
    /// (`K_t − K_{t−1} = 0`, sparse columns for the interior point), or the variable itself.
    /// The copies form a comb: within a storage block (a representative day) each step's copy
    /// links to the step before; the first step of a block links to the first step of the block
    /// before (of the first block, to `K`). Blocks are otherwise joined only by the period's rows;
    /// a chain running from the last hour of one day into the next joined their balances hour by
    /// hour, and GLPK's Cholesky factor of the Pakistan plan was half as large again
    /// (docs/BENCHMARKS.md). With one block (hourly) the comb is the plain chain.
    mutating func capacityReferences(_ k: Variable, name: String) -> [Variable] {
        guard options.copiesCapacity(stepCount: steps.count) else {
            return [Variable](repeating: k, count: steps.count)
        }
        let blockStarts = Set(options.time.blocks.map(\.lowerBound))
        var copies: [Variable] = []
        copies.reserveCapacity(steps.count)
        var previous = k, blockHead = k
        for t in steps.indices {
            if blockStarts.contains(t) { previous = blockHead }
            let copy = lp.addVariable("\(name)_COPY[\(stepName(t))]", bounds: .atLeast(0))
            lp.addRow("\(name)_COPY_LINK[\(stepName(t))]", [1 * copy, -1 * previous], .fixed(0))
            if blockStarts.contains(t) { blockHead = copy }
            copies.append(copy)
            previous = copy
        }
        return copies
    }
}

import Foundation
