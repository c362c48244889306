import LinearProgramming

/// The **RESERVE** family: firm capacity ≥ (1 + margin) × peak, system-wide or by reserve zone,
/// over the year or by season (``ReserveStructure``).
struct RESERVEFamily: ConstraintFamily {
    static let traits = FamilyTraits(id: .RESERVE, meaning: "the reserve margin", stage: .planning, timeScope: .period, rowUnit: "MW", rowScale: 1,
                                     shadowPriceUnit: "USD/MW-year", reportsBinding: true, policy: \Policies.reserveMargin)

    static func sentence(_ indices: [String], shadowPrice: Double) -> String {
        let scope = indices.count > 1 ? " (\(indices.dropFirst().joined(separator: ", ")))" : ""
        return "The reserve margin of \(indices[0])\(scope) binds: one MW less of required firm capacity saves \(BindingText.number(abs(shadowPrice))) USD per year."
    }

    static func pypsa(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping {
        policyNotExported(system, year: year, name: "reserve_margin")
    }

    static func build(_ builder: inout FormulationBuilder) {
        builder.addReserveMargin()
    }
}

extension FormulationBuilder {
    /// **RESERVE** — without seasons or zones, one row per period:
    /// `Σ_g κ_g K[g,y] + Σ_s κ_s P[s,y] ≥ (1 + ρ_y) · peak_y`, peak over the 8760 hours of the
    /// period's demand. Fixed capacities move to the right-hand side.
    ///
    /// With seasons and/or zones (``EnergySystem/reserve``), one row per period, zone z and season σ:
    /// `Σ_{g∈z} κ_{g,σ} K_g + Σ_{s∈z} κ_{s,σ} P_s + Σ_{l into z} (1−λ_l) T_{l,σ} − Σ_{l out of z} T_{l,σ}
    /// ≥ (1 + ρ_{z,y}) · peak_{z,σ,y}`, the peak the coincident peak of the zone's regions over the
    /// hours of the season's months. `T ≥ 0` is the firm capacity one zone lends another over a
    /// corridor between them, per direction, at most `κ_l` times the corridor's rating that way
    /// (a bound, or rows `RESERVE_T` against `QL` for a corridor that can be expanded): what one
    /// zone counts as imported, the other loses, so no MW is counted twice.
    mutating func addReserveMargin() {
        guard let target = system.policies.reserveMargin else { return }
        let reserve = system.reserve
        if reserve.isDefault {
            addSystemReserveMargin(target)
            return
        }
        let allMonths = Set(1...12)
        let seasons: [(id: String?, months: Set<Int>, credits: [String: Double])] = reserve.seasons.isEmpty
            ? [(nil, allMonths, [:])] : reserve.seasons.map { ($0.id, Set($0.months), $0.credits) }
        let zones: [(id: String?, regions: Set<String>, margins: [Int: Double])] = reserve.zones.isEmpty
            ? [(nil, Set(system.regions.map(\.id)), [:])] : reserve.zones.map { ($0.id, Set($0.regions), $0.marginByYear) }
        let zoneOf = Dictionary(zones.enumerated().flatMap { z, zone in zone.regions.map { ($0, z) } }, uniquingKeysWith: { a, _ in a })
        // Corridors between two zones lend firm capacity; a corridor inside a zone adds nothing.
        let links = system.corridors.filter { zoneOf[$0.from] != nil && zoneOf[$0.to] != nil && zoneOf[$0.from] != zoneOf[$0.to] }
        for (y, period) in periods.enumerated() {
            guard let systemMargin = target.valuesByYear[period.year] else { continue }
            let year = String(period.year)
            // Transfers per season and corridor: (forward, reverse).
            var transfers: [[(Variable, Variable)]] = []
            for season in seasons {
                transfers.append(links.map { reserveTransfers($0, period: y, suffix: [year] + (season.id.map { [$0] } ?? [])) })
            }
            for zone in zones {
                let margin = zone.margins[period.year] ?? systemMargin
                let regionIndices = system.regions.indices.filter { zone.regions.contains(system.regions[$0].id) }
                for (k, season) in seasons.enumerated() {
                    var rhs = (1 + margin) * peakDemand(period: y, regions: regionIndices, months: season.months)
                    var terms: [Term] = []
                    for (g, generator) in system.generators.enumerated() where zone.regions.contains(generator.region) {
                        let credit = season.credits[generator.id] ?? generator.capacityCredit
                        if let v = variables.capacity[g, y] { terms.append(Term(credit, v)) } else {
                            rhs -= credit * fixedCapacityMW[generator.id]![y]!
                        }
                    }
                    for (s, storage) in system.storages.enumerated() where zone.regions.contains(storage.region) {
                        let credit = season.credits[storage.id] ?? storage.capacityCredit
                        if let v = variables.storageCapacity[s, y] { terms.append(Term(credit, v)) } else {
                            rhs -= credit * fixedCapacityMW[storage.id]![y]!
                        }
                    }
                    for (l, corridor) in links.enumerated() {
                        let (forward, reverse) = transfers[k][l]
                        if zone.regions.contains(corridor.to) {
                            terms += [Term(1 - corridor.lossFraction, forward), Term(-1, reverse)]
                        } else if zone.regions.contains(corridor.from) {
                            terms += [Term(-1, forward), Term(1 - corridor.lossFraction, reverse)]
                        }
                    }
                    let indices = [year] + (zone.id.map { [$0] } ?? []) + (season.id.map { [$0] } ?? [])
                    addSum(.RESERVE, indices, year: period.year, groups: [terms], bounds: .atLeast(rhs),
                           slack: slack(target, sign: 1, period: y))
                }
            }
        }
    }

    /// The single system-wide row of a period (the form without seasons or zones).
    private mutating func addSystemReserveMargin(_ target: PolicyTarget) {
        for (y, period) in periods.enumerated() {
            guard let margin = target.valuesByYear[period.year] else { continue }
            var rhs = (1 + margin) * peakDemand(period: y)
            var terms: [Term] = []
            for (g, generator) in system.generators.enumerated() {
                if let k = variables.capacity[g, y] { terms.append(Term(generator.capacityCredit, k)) } else {
                    rhs -= generator.capacityCredit * fixedCapacityMW[generator.id]![y]!
                }
            }
            for (s, storage) in system.storages.enumerated() {
                if let k = variables.storageCapacity[s, y] { terms.append(Term(storage.capacityCredit, k)) } else {
                    rhs -= storage.capacityCredit * fixedCapacityMW[storage.id]![y]!
                }
            }
            addSum(.RESERVE, [String(period.year)], year: period.year, groups: [terms], bounds: .atLeast(rhs),
                   slack: slack(target, sign: 1, period: y))
        }
    }

    /// The reserve transfers `T` over a corridor in a period (and season): forward (from → to) and
    /// reverse, each at most `κ_l` times the corridor's rating that way; for a corridor that can be
    /// expanded, rows against its capacity in service `QL` (the reverse as LINK's:
    /// `Q'_l + ρ_l (QL − Q_l)`).
    private mutating func reserveTransfers(_ corridor: Corridor, period y: Int, suffix: [String]) -> (Variable, Variable) {
        let credit = system.reserve.credit(ofCorridor: corridor.id)
        let name = ([corridor.id] + suffix).joined(separator: ",")
        guard let capacity = variables.corridorCapacity[id: corridor.id, period: y] else {
            let fixed = fixedCapacityMW[corridor.id]?[y] ?? corridor.capacityMW
            return (lp.addVariable("RT[\(name)]", bounds: .between(0, credit * fixed)),
                    lp.addVariable("RTR[\(name)]", bounds: .between(0, credit * corridor.reverseCapacity(forward: fixed))))
        }
        let forward = lp.addVariable("RT[\(name)]", bounds: .atLeast(0))
        let reverse = lp.addVariable("RTR[\(name)]", bounds: .atLeast(0))
        lp.addRow("RESERVE_T[\(name)]", [1 * forward] + (credit != 0 ? [-credit * capacity] : []), .atMost(0))
        let share = credit * corridor.reverseFraction
        lp.addRow("RESERVE_T[\(name),reverse]", [1 * reverse] + (share != 0 ? [-share * capacity] : []),
                  .atMost(credit * (corridor.reverseCapacityMW - corridor.reverseFraction * corridor.capacityMW)))
        return (forward, reverse)
    }

    /// Coincident peak of the given regions' demand over the hours of the given months, MW.
    func peakDemand(period y: Int, regions: [Int], months: Set<Int>) -> Double {
        var peak = 0.0
        for hour in 0..<EnergySystem.hoursPerYear where months.contains(TimeSlices.month(ofHour: hour)) {
            var total = 0.0
            for r in regions { total += demand[r][y][hour] }
            peak = max(peak, total)
        }
        return peak
    }
}
