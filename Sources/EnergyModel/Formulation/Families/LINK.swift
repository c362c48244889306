import LinearProgramming

/// The **LINK** family: corridor flow limits.
struct LINKFamily: ConstraintFamily {
    static let traits = FamilyTraits(id: .LINK, meaning: "corridor flow limits", stage: .operating, timeScope: .step, rowUnit: "MW", rowScale: 1,
                                     shadowPriceUnit: "USD/MW", reportsBinding: false, policy: nil)

    static func sentence(_ indices: [String], shadowPrice: Double) -> String {
        BindingText.generic(traits.id, indices, shadowPrice: shadowPrice)
    }

    static func pypsa(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping {
        if system.corridors.allSatisfy({ $0.line != nil }) { return .absent }
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
    /// in the energy balance. A disruption factor `φ_t` (``EnergySystem/corridorFactors``) scales
    /// both directions hour by hour, and so does a line's `s_max_pu` (``EnergySystem/ratingShare(of:hour:)``). A corridor that can be expanded (**LINKX**) has rows instead:
    /// `q[l,y,t] − φ_t QL[l,y] ≤ 0` and `q'[l,y,t] − φ_t ρ_l QL[l,y] ≤ φ_t (Q'_l − ρ_l Q_l)`; with
    /// its capacity fixed by a plan, bounds at that capacity (``Corridor/reverseCapacity(forward:)``).
    /// A corridor's flow cost `c_l` (``Corridor/flowCostUSDPerMWh``) is charged on `q` and `q'`.
    mutating func addCorridors() {
        for corridor in system.corridors {
            var forward: [[Variable]] = [], backward: [[Variable]] = []
            for (y, period) in periods.enumerated() {
                var f: [Variable] = [], b: [Variable] = []
                let factors = system.corridorFactors[corridor.id]?[period.year]
                let expandable = variables.corridorCapacity[id: corridor.id, period: y]
                let fixed = fixedCapacityMW[corridor.id]?[y] ?? corridor.capacityMW
                let reference = expandable.map { capacityReferences($0, name: "QL[\(corridor.id),\(period.year)]") }
                // A flow cost is charged on what is sent, either way: `δ_y n_y · w_t · c_l`.
                let flowCost = corridor.flowCostUSDPerMWh
                for (t, step) in steps.enumerated() {
                    let suffix = "\(corridor.id),\(period.year),\(stepName(t))"
                    let cost = flowCost == 0 ? 0 : costWeights[y] * step.weight * flowCost
                    // A line's s_max_pu scales its rating like a disruption's factor (1 for other corridors).
                    let factor = (factors?[step.hour] ?? 1) * system.ratingShare(of: corridor, hour: step.hour)
                    guard let reference else {
                        f.append(lp.addVariable("q[\(suffix)]", bounds: .between(0, factor * fixed), cost: cost))
                        b.append(lp.addVariable("qr[\(suffix)]", bounds: .between(0, factor * corridor.reverseCapacity(forward: fixed)), cost: cost))
                        continue
                    }
                    let q = lp.addVariable("q[\(suffix)]", bounds: .atLeast(0), cost: cost)
                    let qr = lp.addVariable("qr[\(suffix)]", bounds: .atLeast(0), cost: cost)
                    let reverseShare = factor * corridor.reverseFraction
                    let rowForward = lp.addRow("LINK[\(suffix)]", [1 * q] + (factor != 0 ? [-factor * reference[t]] : []), .atMost(0))
                    let rowReverse = lp.addRow("LINK[\(suffix),reverse]", [1 * qr] + (reverseShare != 0 ? [-reverseShare * reference[t]] : []),
                                               .atMost(factor * (corridor.reverseCapacityMW - corridor.reverseFraction * corridor.capacityMW)))
                    record(.LINK, [corridor.id, String(period.year), stepName(t)], rowForward, year: period.year)
                    record(.LINK, [corridor.id, String(period.year), stepName(t), "reverse"], rowReverse, year: period.year)
                    f.append(q)
                    b.append(qr)
                }
                forward.append(f)
                backward.append(b)
            }
            variables.flowForward.append(id: corridor.id, forward)
            variables.flowBackward.append(id: corridor.id, backward)
        }
    }
}
