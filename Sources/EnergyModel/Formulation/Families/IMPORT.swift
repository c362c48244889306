import LinearProgramming

/// The **IMPORT** family: import-dependence cap.
struct IMPORTFamily: ConstraintFamily {
    static let traits = FamilyTraits(id: .IMPORT, meaning: "the import-dependence cap", stage: .operating, timeScope: .period, rowUnit: "GWh", rowScale: 1e-3,
                                     shadowPriceUnit: "USD/MWh", reportsBinding: true, policy: \Policies.importShareCap)

    static func sentence(_ indices: [String], shadowPrice: Double) -> String {
        "The import-dependence cap of \(indices[0]) binds: each MWh more from imported fuel would save \(BindingText.number(abs(shadowPrice))) USD."
    }

    static func pypsa(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping {
        policyNotExported(system, year: year, name: "import_share_cap")
    }

    static func build(_ builder: inout FormulationBuilder) {
        builder.addImportCap()
    }
}

extension FormulationBuilder {
    /// **IMPORT** — `Σ_{g on imported fuel} Σ_t w_t p ≤ φ_y · Σ_t w_t Σ_r D`.
    mutating func addImportCap() {
        guard let target = system.policies.importShareCap else { return }
        let importers = system.generators.indices.filter { isImported(system.generators[$0]) }
        for (y, period) in periods.enumerated() {
            guard let share = target.valuesByYear[period.year] else { continue }
            let groups = steps.indices.map { t in importers.map { Term(steps[t].weight, variables.generation[$0, y, t]) } }
            addSum(.IMPORT, [String(period.year)], year: period.year, groups: groups,
                   bounds: .atMost(share * weightedDemand(period: y)), scale: IMPORTFamily.traits.rowScale, slack: slack(target, sign: -1, period: y))  // GWh
        }
    }
}
