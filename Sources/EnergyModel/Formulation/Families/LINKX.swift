import LinearProgramming

/// The **LINKX** family: expansion of corridors (the capacity accounting of corridors that can be
/// built; their flow limits are LINK rows).
struct LINKXFamily: ConstraintFamily {
    static let traits = FamilyTraits(id: .LINKX, meaning: "corridor capacity accounting, maxima and committed corridor builds", stage: .planning,
                                     timeScope: .period, rowUnit: "MW", rowScale: 1, shadowPriceUnit: "USD/MW", reportsBinding: false, policy: nil)

    static func sentence(_ indices: [String], shadowPrice: Double) -> String {
        BindingText.generic(traits.id, indices, shadowPrice: shadowPrice)
    }

    static func pypsa(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping {
        let expandable = system.corridors.filter { $0.investment != nil }
        guard !expandable.isEmpty else { return .absent }
        if let lossy = expandable.first(where: { $0.lossFraction > 0 && $0.reverseFraction > 0 }) {
            return .refused(component: "corridor '\(lossy.id)'", reason: "a lossy corridor whose expansion also adds reverse capacity: "
                            + "one PyPSA link cannot carry both (a lossy link that flows backwards gains energy in PyPSA)")
        }
        return .exported(as: "links with p_nom_extendable, p_nom_min (committed), p_nom_max, p_min_pu (−reverse fraction) and capital_cost (annuity + fixed O&M)")
    }

    static func build(_ builder: inout FormulationBuilder) {
        builder.addCorridorCapacity()
    }
}

extension FormulationBuilder {
    /// **LINKX** — for a corridor that can be expanded, forward capacity in service
    /// `QL[l,y] − Σ_{y' ≤ y alive} xl[l,y'] = Q_l`, `QL[l,y] ≤ QLmax`, `xl[l,y] ≥ committed[l,y]`,
    /// builds charged their annuity and fixed O&M in every period they are alive, exactly as
    /// **BUILD** does for generators. Each MW built adds `ρ_l` MW of reverse capacity (the
    /// corridor's reverse fraction). The flow limits that use `QL` are **LINK** rows. With the
    /// capacity held fixed (a plan), `QL` is a number and LINK keeps variable bounds. A corridor
    /// that cannot be expanded adds its fixed O&M to the objective constant.
    mutating func addCorridorCapacity() {
        for corridor in system.corridors {
            guard let investment = corridor.investment else {
                // A fixed corridor's fixed O&M is a constant of the objective.
                for y in periods.indices where corridor.fixedOMUSDPerKWYear > 0 {
                    lp.objectiveConstant += costWeights[y] * corridor.fixedOMUSDPerKWYear * 1000 * corridor.capacityMW
                }
                continue
            }
            let (k, x) = addCapacityVariables(
                kind: "QL", buildKind: "xl", id: corridor.id, existingMW: corridor.capacityMW, retirementYear: nil,
                investment: investment, fixedOMPerMWYear: corridor.fixedOMUSDPerKWYear * 1000, family: .LINKX)
            variables.corridorCapacity.append(id: corridor.id, k)
            variables.corridorBuild.append(id: corridor.id, x)
        }
    }
}
