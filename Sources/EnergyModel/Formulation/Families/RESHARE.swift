import LinearProgramming

/// The **RESHARE** family: renewable share of served demand.
struct RESHAREFamily: ConstraintFamily {
    static let traits = FamilyTraits(id: .RESHARE, meaning: "the renewable share", stage: .planning, timeScope: .period, rowUnit: "GWh", rowScale: 1e-3,
                                     shadowPriceUnit: "USD/MWh", reportsBinding: true, policy: \Policies.renewableShare)

    static func sentence(_ indices: [String], shadowPrice: Double) -> String {
        "The renewable-share target of \(indices[0]) binds: it costs \(BindingText.number(abs(shadowPrice))) USD per MWh of renewable generation it forces (the implied subsidy)."
    }

    static func pypsa(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping {
        policyNotExported(system, year: year, name: "renewable_share")
    }

    static func build(_ builder: inout FormulationBuilder) {
        builder.addRenewableShare()
    }
}

extension FormulationBuilder {
    /// **RESHARE** — `Σ_{g renewable} Σ_t w_t p ≥ θ_y · Σ_r Σ_t w_t (D − u)`, written as
    /// `Σ_t w_t (Σ_{g renewable} p + θ_y Σ_r u) ≥ θ_y Σ_t w_t Σ_r D`. Which carriers count is data.
    mutating func addRenewableShare() {
        guard let target = system.policies.renewableShare else { return }
        let carriers = Set(system.policies.renewableCarriers)
        let renewable = system.generators.indices.filter { carriers.contains(system.generators[$0].carrier) }
        for (y, period) in periods.enumerated() {
            guard let share = target.valuesByYear[period.year] else { continue }
            let groups = steps.indices.map { t in
                renewable.map { Term(steps[t].weight, variables.generation[$0, y, t]) }
                    + system.regions.indices.flatMap { variables.unserved.terms($0, y, t, coefficient: share * steps[t].weight) }
            }
            addSum(.RESHARE, [String(period.year)], year: period.year, groups: groups,
                   bounds: .atLeast(share * weightedDemand(period: y)), scale: RESHAREFamily.traits.rowScale, slack: slack(target, sign: 1, period: y))  // GWh
        }
    }
}
