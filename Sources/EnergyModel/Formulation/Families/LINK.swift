import LinearProgramming

/// The **LINK** family: corridor flow limits.
struct LINKFamily: ConstraintFamily {
    static let traits = FamilyTraits(id: .LINK, meaning: "corridor flow limits", stage: .operating, timeScope: .step, rowUnit: "MW", rowScale: 1,
                                     shadowPriceUnit: "USD/MW", reportsBinding: false, policy: nil)

    static func sentence(_ indices: [String], shadowPrice: Double) -> String {
        BindingText.generic(traits.id, indices, shadowPrice: shadowPrice)
    }

    static func pypsa(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping {
        if system.corridors.isEmpty { return .absent }
        if !system.corridorFactors.isEmpty { return .refused(component: "corridors", reason: "hour-by-hour corridor factors are not exported") }
        return .exported(as: "links (p_nom, p_min_pu, efficiency)")
    }

    static func build(_ builder: inout FormulationBuilder) {
        builder.addCorridors()
    }
}

extension FormulationBuilder {
    /// **LINK** — `q[l,y,t] ≤ Q_l`, `q'[l,y,t] ≤ Q'_l`: corridor flows in each direction, as
    /// variable bounds (the capacity may differ by direction). Losses `λ_l` are taken on arrival
    /// in the energy balance. A disruption factor (``EnergySystem/corridorFactors``) scales both
    /// directions hour by hour.
    mutating func addCorridors() {
        for corridor in system.corridors {
            var forward: [[Variable]] = [], backward: [[Variable]] = []
            for period in periods {
                var f: [Variable] = [], b: [Variable] = []
                let factors = system.corridorFactors[corridor.id]?[period.year]
                for (t, step) in steps.enumerated() {
                    let suffix = "\(corridor.id),\(period.year),\(stepName(t))"
                    let factor = factors?[step.hour] ?? 1
                    f.append(lp.addVariable("q[\(suffix)]", bounds: .between(0, factor * corridor.capacityMW)))
                    b.append(lp.addVariable("qr[\(suffix)]", bounds: .between(0, factor * corridor.reverseCapacityMW)))
                }
                forward.append(f)
                backward.append(b)
            }
            variables.flowForward.append(id: corridor.id, forward)
            variables.flowBackward.append(id: corridor.id, backward)
        }
    }
}
