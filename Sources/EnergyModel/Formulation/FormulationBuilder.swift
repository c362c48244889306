import LinearProgramming

/// Builds the LP of MODEL.md from a validated system: the constraint families of
/// ``ConstraintFamilies/ordered`` in turn, one per file (`Families/EB.swift` ...), each adding its
/// variables, rows and objective terms.
struct FormulationBuilder {
    let system: EnergySystem
    var options: FormulationOptions
    let periods: [Period]
    let steps: [TimeStep]
    /// `δ_y · n_y` per modelled period.
    let periodWeights: [Double]
    /// `δ_y · n_y · costScale`: what one USD in a year of period y weighs in the objective.
    var costWeights: [Double] { periodWeights.map { $0 * options.costScale } }
    let regionIndex: [String: Int]
    let fuelIndex: [String: Int]
    /// Demand `[r][y][hour of year]`, MW.
    let demand: [[[Double]]]

    var lp: LinearProgram
    var variables = VariableMap()
    var familyRows: [FamilyRow] = []
    var energyBalance: [[[Row]]] = []
    /// Fixed capacity per resource and period, MW (`nil`: a decision).
    var fixedCapacityMW: [String: [Double?]] = [:]
    var problems: [String] = []
    /// Per-step capacity references for CAP/MINGEN rows: `[g][y]` → one variable per step
    /// (copies) or the same capacity variable in every step.
    var capacityReference: [[[Variable]]] = []
    var storageCapacityReference: [[[Variable]]] = []

    init(system: EnergySystem, options: FormulationOptions) throws(FormulationError) {
        self.system = system
        var options = options
        // A case's own unit of the objective (settings.objective_unit_usd) wins over the default.
        if let unit = system.settings.objectiveUnitUSD { options.costScale = 1 / unit }
        self.options = options
        var problems: [String] = []
        let chosen = options.periodYears.map(Set.init)
        periods = system.periods.filter { chosen?.contains($0.year) ?? true }
        if let years = options.periodYears {
            for year in years where !system.periods.contains(where: { $0.year == year }) {
                problems.append("period \(year) is not in the model (periods: \(system.periods.map { String($0.year) }.joined(separator: ", ")))")
            }
        }
        if periods.isEmpty { problems.append("no period to model") }
        steps = options.time.steps
        if steps.isEmpty { problems.append("the time slices have no steps") }
        for step in steps where !(0..<EnergySystem.hoursPerYear).contains(step.hour) || !(1...12).contains(step.month) || !(step.weight > 0) {
            problems.append("time step at hour \(step.hour) is invalid (hour 0...8759, month 1...12, weight > 0)")
            break
        }
        periodWeights = periods.map { Economics.periodWeight($0, settings: system.settings) }
        regionIndex = Dictionary(system.regions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        fuelIndex = Dictionary(system.fuels.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })

        var demand: [[[Double]]] = []
        for region in system.regions {
            var byPeriod: [[Double]] = []
            for period in periods {
                if let series = system.demand.first(where: { $0.region == region.id && $0.year == period.year }),
                   series.hourlyMW.count == EnergySystem.hoursPerYear {
                    byPeriod.append(series.hourlyMW)
                } else {
                    problems.append("no 8760-hour demand for region '\(region.id)' in \(period.year)")
                    byPeriod.append([Double](repeating: 0, count: EnergySystem.hoursPerYear))
                }
            }
            demand.append(byPeriod)
        }
        self.demand = demand
        lp = LinearProgram(name: system.name.isEmpty ? "bijli" : system.name)
        self.problems = problems
        if !problems.isEmpty { throw FormulationError(problems) }
    }

    /// Runs every family of the registry, in its order, and returns the program.
    mutating func build() throws(FormulationError) -> EnergyLP {
        for family in ConstraintFamilies.ordered { family.build(&self) }
        if !problems.isEmpty { throw FormulationError(problems) }
        return EnergyLP(program: lp, system: system, options: options, periods: periods, periodWeights: periodWeights,
                        variables: variables, familyRows: familyRows, energyBalance: energyBalance,
                        fixedCapacityMW: fixedCapacityMW)
    }

    // MARK: Shared helpers

    /// `t0042`: a step index for names.
    func stepName(_ t: Int) -> String {
        "t" + String(repeating: "0", count: max(0, 4 - String(t).count)) + String(t)
    }

    /// `m07`: a month for names.
    func monthName(_ m: Int) -> String { m < 10 ? "m0\(m)" : "m\(m)" }

    /// The fuel price of a generator in a period and month, USD/MMBtu (0 without fuel).
    mutating func fuelPrice(_ generator: Generator, year: Int, month: Int) -> Double {
        guard let fuelID = generator.fuel, let f = fuelIndex[fuelID] else { return 0 }
        if let price = system.fuels[f].priceUSDPerMMBtu[year, month] { return price }
        let message = "no price for fuel '\(fuelID)' in \(year) month \(month)"
        if !problems.contains(message) { problems.append(message) }
        return 0
    }

    /// Marginal cost `vom + hr · price`, USD/MWh.
    mutating func marginalCost(_ generator: Generator, year: Int, month: Int) -> Double {
        generator.variableOMUSDPerMWh + generator.heatRateMMBtuPerMWh * fuelPrice(generator, year: year, month: month)
    }

    /// Whether a generator burns an imported fuel.
    func isImported(_ generator: Generator) -> Bool {
        guard let fuelID = generator.fuel, let f = fuelIndex[fuelID] else { return false }
        return system.fuels[f].imported
    }

    /// CO2 per MWh generated, t/MWh.
    func emissionFactor(_ generator: Generator) -> Double {
        guard let fuelID = generator.fuel, let f = fuelIndex[fuelID] else { return 0 }
        return generator.heatRateMMBtuPerMWh * system.fuels[f].co2TonnesPerMMBtu
    }

    /// Records a family row.
    mutating func record(_ family: EquationID, _ indices: [String], _ row: Row, year: Int, slack: Variable? = nil) {
        familyRows.append(FamilyRow(family: family, indices: indices, row: row, year: year, slack: slack))
    }

    /// Steps per block of a two-level chained sum (a day of hourly steps).
    static let chainBlock = 24

    /// Chains groups of terms into running totals `S_k = S_{k−1} + group_k` (equality rows named
    /// `<name>_SUM...`) and returns the terms equal to the whole sum: the last total plus the last group.
    mutating func chain(_ groups: [[Term]], name: String, bounds: Bounds) -> [Term] {
        guard groups.count > 1 else { return groups.first ?? [] }
        var previous: Variable?
        for (k, group) in groups.dropLast().enumerated() {
            let total = lp.addVariable("\(name),k\(k)]", bounds: bounds)
            var terms = [1 * total] + group.map { Term(-$0.coefficient, $0.variable) }
            if let previous { terms.append(-1 * previous) }
            lp.addRow("\(name),k\(k)]".replacingOccurrences(of: "_S[", with: "_SUM["), terms, .fixed(0))
            previous = total
        }
        return [1 * previous!] + groups.last!
    }

    /// Adds `Σ_k terms_k ∈ bounds` as one family row, either directly or as a running total
    /// chained over the groups (a few terms per row), with an optional priced slack
    /// (`slackSign` +1 for ≥ targets, −1 for ≤ caps). Both forms have the same optimum, and the
    /// family row's dual is the same: the chain rows are equalities that only carry it along.
    @discardableResult
    mutating func addSum(_ family: EquationID, _ indices: [String], year: Int, groups: [[Term]], bounds: Bounds,
                         scale: Double = 1, slack: (sign: Double, cost: Double)? = nil) -> Row {
        let label = family.rawValue + "[" + indices.joined(separator: ",") + "]"
        let nonEmpty = groups.filter { !$0.isEmpty }.map { $0.map { Term(scale * $0.coefficient, $0.variable) } }
        let bounds = Bounds(lower: scale * bounds.lower, upper: scale * bounds.upper)
        let termCount = nonEmpty.reduce(0) { $0 + $1.count }
        var slackVariable: Variable?
        if let slack {
            // The slack is in scaled units: its price per scaled unit is the penalty / scale.
            slackVariable = lp.addVariable(family.rawValue + "_SLACK[" + indices.joined(separator: ",") + "]", cost: slack.cost / scale)
        }
        var finalTerms: [Term]
        if nonEmpty.count > 1 && options.chains(termCount: termCount) {
            let base = family.rawValue + "_S[" + indices.joined(separator: ",")
            // Running totals of non-negative terms are non-negative: saying so keeps free
            // columns (which GLPK's interior point handles badly) out of the program.
            let totalBounds: Bounds = nonEmpty.allSatisfy { $0.allSatisfy { lp.variableLower[$0.variable.index] >= 0 && $0.coefficient >= 0 } }
                ? .atLeast(0) : .free
            var top = nonEmpty
            if top.count > 2 * Self.chainBlock {
                // Two levels: a total per block of steps (a day, for hourly steps), then a chain
                // over the block totals. A single chain over 8760 steps is too ill-conditioned
                // for the interior point once several such chains meet (storage, budgets).
                top = stride(from: 0, to: nonEmpty.count, by: Self.chainBlock).map { start in
                    let block = Array(nonEmpty[start..<min(start + Self.chainBlock, nonEmpty.count)])
                    let name = "\(base),b\(start / Self.chainBlock)"
                    let total = lp.addVariable(name + "]", bounds: totalBounds)
                    lp.addRow(name.replacingOccurrences(of: "_S[", with: "_SUM[") + "]",
                              [1 * total] + chain(block, name: name, bounds: totalBounds).map { Term(-$0.coefficient, $0.variable) },
                              .fixed(0))
                    return [1 * total]
                }
            }
            finalTerms = chain(top, name: base, bounds: totalBounds)
        } else {
            finalTerms = nonEmpty.flatMap { $0 }
        }
        if let slackVariable, let slack { finalTerms.append(Term(slack.sign, slackVariable)) }
        let row = lp.addRow(label, finalTerms, bounds)
        familyRows.append(FamilyRow(family: family, indices: indices, row: row, year: year, slack: slackVariable, scale: scale))
        return row
    }
}

import Foundation
