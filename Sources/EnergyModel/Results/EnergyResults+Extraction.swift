import Foundation
import LinearProgramming

extension EnergyResults {
    /// Reads the results of an optimisation. Without a solution, `periods` and prices are empty
    /// and the status says why.
    public init(_ run: Optimization, provenance: Provenance) {
        let lp = run.lp
        status = run.result.status.code
        objectiveMode = run.mode.name
        objectiveUSD = run.costUSD
        objectiveConstantUSD = lp.usd(lp.program.objectiveConstant)
        resolution = lp.options.time.resolution.description
        stages = run.stages
        solver = SolverSummary(run)
        frontier = run.frontier
        self.provenance = provenance
        guard let solution = run.result.solution else {
            periods = []
            marginalPrice = []
            bindingConstraints = []
            addSummaries(run)
            return
        }
        let reader = SolutionReader(lp: lp, solution: solution)
        periods = lp.periods.indices.map { reader.periodResults($0) }
        // The peak shortfall stated is the least of any equally cheap dispatch (unique), not the
        // answer's own, which depends on which optimum the solver returned.
        for (y, least) in (run.leastPeakShortfallMW ?? []).enumerated() where y < periods.count {
            periods[y].indicators.peakShortfallMW = least
        }
        marginalPrice = reader.marginalPrices()
        bindingConstraints = reader.bindingConstraints()
        addSummaries(run)
    }
}

/// Computes results from one solution of an ``EnergyLP``.
struct SolutionReader {
    let lp: EnergyLP
    let solution: Solution
    var system: EnergySystem { lp.system }
    var steps: [TimeStep] { lp.options.time.steps }

    func value(_ v: Variable) -> Double { solution.values[v.index] }

    /// Capacity of a generator in a period, MW.
    func capacity(generator g: Int, period y: Int) -> Double {
        if let k = lp.variables.capacity[g, y] { return value(k) }
        return lp.fixedCapacityMW[system.generators[g].id]![y]!
    }

    /// Power capacity of a storage unit in a period, MW.
    func capacity(storage s: Int, period y: Int) -> Double {
        if let k = lp.variables.storageCapacity[s, y] { return value(k) }
        return lp.fixedCapacityMW[system.storages[s].id]![y]!
    }

    /// Σ_t w_t x_t over a period's steps.
    func energy(_ series: StepSeries) -> Double {
        var total = 0.0
        for (t, v) in series.enumerated() { total += steps[t].weight * value(v) }
        return total
    }

    /// Unserved energy of each segment of the demand (shallowest first), summed over the regions,
    /// MWh per year of period y.
    func unservedBySegment(_ y: Int) -> [Double] {
        lp.variables.unserved.segments.map { segment in system.regions.indices.reduce(0) { $0 + energy(segment.series($1, period: y)) } }
    }

    func fuel(of generator: Generator) -> Fuel? {
        generator.fuel.flatMap { id in system.fuels.first { $0.id == id } }
    }

    /// The reserve margin achieved with reserve seasons: the smallest over the seasons of the
    /// firm capacity with the season's credits over the season's system-wide peak, less 1.
    func seasonalReserveMargin(_ capacityMW: [String: Double], _ demandSeries: [[Double]]) -> Double {
        var margins: [Double] = []
        for season in system.reserve.seasons {
            let months = Set(season.months)
            var peak = 0.0
            for hour in 0..<EnergySystem.hoursPerYear where months.contains(TimeSlices.month(ofHour: hour)) {
                peak = max(peak, demandSeries.reduce(0.0) { $0 + ($1.isEmpty ? 0 : $1[hour]) })
            }
            var firm = 0.0
            for generator in system.generators { firm += (season.credits[generator.id] ?? generator.capacityCredit) * capacityMW[generator.id]! }
            for storage in system.storages { firm += (season.credits[storage.id] ?? storage.capacityCredit) * capacityMW[storage.id]! }
            if peak > 0 { margins.append(firm / peak - 1) }
        }
        return margins.min() ?? 0
    }

    func periodResults(_ y: Int) -> PeriodResults {
        let period = lp.periods[y]
        var capacityMW: [String: Double] = [:], newMW: [String: Double] = [:], generationMWh: [String: Double] = [:]
        var byCarrier: [String: Double] = [:]
        var co2 = 0.0, importBill = 0.0, importGeneration = 0.0, operatingCost = 0.0, fixedCost = 0.0, firm = 0.0
        for (g, generator) in system.generators.enumerated() {
            let k = capacity(generator: g, period: y)
            capacityMW[generator.id] = k
            if let x = lp.variables.build[g, y] { newMW[generator.id] = value(x) }
            let series = lp.variables.generation.series(g, period: y)
            let e = energy(series)
            generationMWh[generator.id] = e
            byCarrier[generator.carrier, default: 0] += e
            firm += generator.capacityCredit * k
            fixedCost += generator.fixedOMUSDPerKWYear * 1000 * k + annuities(generator.investment, builds: lp.variables.build[g], period: y)
            let fuel = fuel(of: generator)
            for (t, step) in steps.enumerated() {
                let mwh = step.weight * value(series[t])
                let price = fuel?.priceUSDPerMMBtu[period.year, step.month] ?? 0
                operatingCost += mwh * (generator.variableOMUSDPerMWh + generator.heatRateMMBtuPerMWh * price)
                co2 += mwh * generator.heatRateMMBtuPerMWh * (fuel?.co2TonnesPerMMBtu ?? 0)
                if fuel?.imported == true { importBill += mwh * generator.heatRateMMBtuPerMWh * price }
            }
            if fuel?.imported == true { importGeneration += e }
        }
        for (s, storage) in system.storages.enumerated() {
            let k = capacity(storage: s, period: y)
            capacityMW[storage.id] = k
            if let x = lp.variables.storageBuild[s, y] { newMW[storage.id] = value(x) }
            let discharged = energy(lp.variables.discharge.series(s, period: y))
            generationMWh[storage.id] = discharged
            byCarrier["storage", default: 0] += discharged
            firm += storage.capacityCredit * k
            operatingCost += discharged * storage.variableOMUSDPerMWh
            fixedCost += storage.fixedOMUSDPerKWYear * 1000 * k + annuities(storage.investment, builds: lp.variables.storageBuild[s], period: y)
        }

        let corridors = corridorCapacities(y)
        fixedCost += corridors.fixedCost
        operatingCost += corridorFlowCost(y)
        if let surplus = takeOrPaySurplus(y) {
            operatingCost += surplus.usd
            importBill += surplus.importedUSD
        }

        var demandMWh = 0.0, unservedMWh = 0.0, shortageHours = 0.0, peakShortfall = 0.0, peakDemand = 0.0
        var unservedByRegion: [String: Double] = [:]
        for (r, region) in system.regions.enumerated() {
            unservedByRegion[region.id] = lp.variables.unserved.segments.reduce(0) { $0 + energy($1.series(r, period: y)) }
            unservedMWh += unservedByRegion[region.id]!
        }
        let demandSeries = system.regions.map { region in
            system.demand.first { $0.region == region.id && $0.year == period.year }?.hourlyMW ?? []
        }
        var unservedByMonth = [Double](repeating: 0, count: 12)
        for (t, step) in steps.enumerated() {
            var shed = 0.0
            for r in system.regions.indices {
                demandMWh += step.weight * (demandSeries[r].isEmpty ? 0 : demandSeries[r][step.hour])
                shed += lp.variables.unserved.value(r, y, t, in: solution.values)
            }
            unservedByMonth[step.month - 1] += step.weight * shed
            if shed > Indicators.shortageThresholdMW { shortageHours += step.weight }
            peakShortfall = max(peakShortfall, shed)
        }
        for hour in 0..<EnergySystem.hoursPerYear {
            peakDemand = max(peakDemand, demandSeries.reduce(0.0) { $0 + ($1.isEmpty ? 0 : $1[hour]) })
        }

        let generation = system.generators.reduce(0.0) { $0 + generationMWh[$1.id]! }
        let served = demandMWh - unservedMWh
        let renewable = Set(system.policies.renewableCarriers), clean = Set(system.policies.cleanCarriers)
        // Sums over carriers in carrier order: a dictionary's order changes between processes, and
        // so would the last bits of a sum, and identical runs must give identical files.
        let carriers = byCarrier.sorted { $0.key < $1.key }
        let renewableMWh = carriers.filter { renewable.contains($0.key) }.reduce(0.0) { $0 + $1.value }
        let cleanMWh = carriers.filter { clean.contains($0.key) }.reduce(0.0) { $0 + $1.value }
        let shares = carriers.filter { $0.key != "storage" }.map { generation > 0 ? $0.value / generation : 0 }
        let rate = system.settings.exchangeRatePKRPerUSD
        let averageCost = served > 0 ? (operatingCost + fixedCost) / served : 0
        var indicators = Indicators(
            renewableShare: served > 0 ? renewableMWh / served : 0,
            cleanShare: served > 0 ? cleanMWh / served : 0,
            importDependence: generation > 0 ? importGeneration / generation : 0,
            hhi: shares.reduce(0) { $0 + $1 * $1 },
            shannon: shares.reduce(0) { $0 - ($1 > 0 ? $1 * Foundation.log($1) : 0) },
            co2T: co2, co2IntensityTPerMWh: generation > 0 ? co2 / generation : 0,
            fuelImportBillUSD: importBill, fuelImportBillPKR: importBill * rate,
            averageCostUSDPerMWh: averageCost, averageCostPKRPerKWh: averageCost * rate / 1000,
            reserveMargin: system.reserve.seasons.isEmpty ? (peakDemand > 0 ? firm / peakDemand - 1 : 0)
                : seasonalReserveMargin(capacityMW, demandSeries),
            unservedShare: demandMWh > 0 ? unservedMWh / demandMWh : 0,
            shortageHours: shortageHours, peakShortfallMW: peakShortfall)
        let payments = capacityPayments(y)
        if let payments, served > 0 {
            // The payments stand in for the fixed O&M of the capacity they pay for (MODEL.md, cost of supply).
            let cost = (operatingCost + fixedCost - payments.coveredFixedOM + payments.paid) / served
            indicators.costOfSupplyUSDPerMWh = cost
            indicators.costOfSupplyPKRPerKWh = cost * rate / 1000
        }
        var results = PeriodResults(period: period.year, capacityMW: capacityMW, newCapacityMW: newMW, generationMWh: generationMWh,
                                    generationByCarrierMWh: byCarrier, demandMWh: demandMWh, unservedMWh: unservedMWh,
                                    unservedByRegionMWh: unservedByRegion, indicators: indicators)
        if lp.variables.unserved.segments.count > 1 { results.unservedBySegmentMWh = unservedBySegment(y) }
        if shortageHours > 0 { results.unservedByMonthMWh = unservedByMonth }
        if let payments {
            results.capacityPaymentsUSD = payments.paid
            results.fixedOMInPaymentsUSD = payments.coveredFixedOM
        }
        if !corridors.capacity.isEmpty {
            results.corridorCapacityMW = corridors.capacity
            results.newCorridorCapacityMW = corridors.built
        }
        return results
    }

    /// Forward capacity in service and built of the corridors that can be expanded (**LINKX**),
    /// MW, and their annual fixed cost (fixed O&M of the capacity in service, annuities of the
    /// builds alive), USD. Empty when no corridor can be expanded.
    func corridorCapacities(_ y: Int) -> (capacity: [String: Double], built: [String: Double], fixedCost: Double, capital: Double) {
        var capacity: [String: Double] = [:], built: [String: Double] = [:]
        var fixedCost = 0.0, capital = 0.0
        for corridor in system.corridors where corridor.investment != nil {
            let k = lp.variables.corridorCapacity[id: corridor.id, period: y].map(value) ?? lp.fixedCapacityMW[corridor.id]![y]!
            capacity[corridor.id] = k
            if let x = lp.variables.corridorBuild[id: corridor.id, period: y] { built[corridor.id] = value(x) }
            let position = lp.variables.corridorBuild.ids.firstIndex(of: corridor.id)
            let annuity = position.map { annuities(corridor.investment, builds: lp.variables.corridorBuild[$0], period: y) } ?? 0
            fixedCost += corridor.fixedOMUSDPerKWYear * 1000 * k + annuity
            capital += annuity
        }
        for corridor in system.corridors where corridor.investment == nil {
            fixedCost += corridor.fixedOMUSDPerKWYear * 1000 * corridor.capacityMW
        }
        return (capacity, built, fixedCost, capital)
    }

    /// The flow costs of the corridors in a period (``Corridor/flowCostUSDPerMWh`` on what is sent
    /// either way), USD per year.
    func corridorFlowCost(_ y: Int) -> Double {
        var total = 0.0
        for (l, corridor) in system.corridors.enumerated() where corridor.flowCostUSDPerMWh != 0 {
            let sent = energy(lp.variables.flowForward.series(l, period: y)) + energy(lp.variables.flowBackward.series(l, period: y))
            total += sent * corridor.flowCostUSDPerMWh
        }
        return total
    }

    /// Annuities (USD per year) of the builds alive in a period.
    func annuities(_ investment: Investment?, builds: [Variable?], period y: Int) -> Double {
        guard let investment else { return 0 }
        let perMW = Economics.annuityPerMW(investment, rate: system.settings.discountRate)
        var total = 0.0
        for (earlier, build) in builds.enumerated().prefix(y + 1) {
            guard let build else { continue }
            if Economics.isAlive(builtIn: lp.periods[earlier].year, lifetimeYears: investment.lifetimeYears, in: lp.periods[y].year) {
                total += perMW * value(build)
            }
        }
        return total
    }

    /// The marginal price of each region and step, USD/MWh (see ``EnergyLP/marginalPrice``).
    func price(region r: Int, period y: Int, step t: Int) -> Double {
        lp.marginalPrice(region: r, period: y, step: t, in: solution)
    }

    func marginalPrices() -> [MarginalPriceSummary] {
        var summaries: [MarginalPriceSummary] = []
        for (r, region) in system.regions.enumerated() {
            for (y, period) in lp.periods.enumerated() {
                let demand = system.demand.first { $0.region == region.id && $0.year == period.year }?.hourlyMW
                var weighted = 0.0, weights = 0.0, low = Double.infinity, high = -Double.infinity
                for (t, step) in steps.enumerated() {
                    let p = price(region: r, period: y, step: t)
                    let w = step.weight * (demand?[step.hour] ?? 1)
                    weighted += w * p
                    weights += w
                    low = min(low, p)
                    high = max(high, p)
                }
                summaries.append(MarginalPriceSummary(region: region.id, period: period.year,
                                                      meanUSDPerMWh: weights > 0 ? weighted / weights : 0,
                                                      minUSDPerMWh: low, maxUSDPerMWh: high))
            }
        }
        return summaries
    }
}
