import LinearProgramming

/// The **CAP** family: generation ≤ availability × capacity.
struct CAPFamily: ConstraintFamily {
    static let traits = FamilyTraits(id: .CAP, meaning: "generation within available capacity", stage: .operating, timeScope: .step, rowUnit: "MW", rowScale: 1,
                                     shadowPriceUnit: "USD/MW", reportsBinding: false, policy: nil)

    static func sentence(_ indices: [String], shadowPrice: Double) -> String {
        BindingText.generic(traits.id, indices, shadowPrice: shadowPrice)
    }

    static func pypsa(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping {
        system.generators.isEmpty ? .absent : .exported(as: "p_max_pu of generators")
    }

    static func build(_ builder: inout FormulationBuilder) {
        builder.addGeneration()
    }
}

extension FormulationBuilder {
    /// The availability `a[g,y,t]` of a generator in a step (``Economics/availability(of:in:year:hour:)``,
    /// with its cut-off).
    func availability(_ generator: Generator, year: Int, step: TimeStep) -> Double {
        Economics.availability(of: generator, in: system, year: year, hour: step.hour)
    }

    /// **CAP** `p[g,y,t] ≤ a[g,y,t] · K[g,y]` and **MINGEN** `p[g,y,t] ≥ μ_g · a[g,y,t] · K[g,y]`.
    ///
    /// Where the capacity is fixed (existing fleet, stress mode) both are variable bounds; where
    /// it is a decision they are rows against the per-step capacity reference. Generation is
    /// charged `δ_y n_y · w_t · (vom + hr · price[f,y,m(t)])`.
    mutating func addGeneration() {
        for g in system.generators.indices {
            let generator = system.generators[g]
            for (kind, id) in [("availability", generator.availabilityProfile), ("minimum generation", generator.minimumGenerationProfile)] {
                if let id, system.profiles[id]?.count != EnergySystem.hoursPerYear {
                    problems.append("generator '\(generator.id)': \(kind) profile '\(id)' is missing or not 8760 values")
                }
            }
            var byPeriod: [[Variable]] = []
            var references: [[Variable]] = []
            for (y, period) in periods.enumerated() {
                let fixed = fixedCapacityMW[generator.id]![y]
                let reference = variables.capacity[g, y].map { capacityReferences($0, name: "K[\(generator.id),\(period.year)]") } ?? []
                references.append(reference)
                var series: [Variable] = []
                series.reserveCapacity(steps.count)
                for (t, step) in steps.enumerated() {
                    let a = availability(generator, year: period.year, step: step)
                    let cost = costWeights[y] * step.weight * marginalCost(generator, year: period.year, month: step.month)
                    let name = "p[\(generator.id),\(period.year),\(stepName(t))]"
                    if let fixed {
                        let upper = a * fixed
                        let lower = Economics.minimumGeneration(of: generator, in: system, availability: a, hour: step.hour) * fixed
                        series.append(lp.addVariable(name, bounds: .between(lower, upper), cost: cost))
                        continue
                    }
                    // With no availability the step's generation is simply 0: a bound, not a
                    // singleton row `p ≤ 0` (which leaves the interior point no interior).
                    let p = lp.addVariable(name, bounds: a > 0 ? .atLeast(0) : .fixed(0), cost: cost)
                    series.append(p)
                    guard a > 0 else { continue }
                    let indices = [generator.id, String(period.year), stepName(t)]
                    let cap = lp.addRow("CAP[\(indices.joined(separator: ","))]", [1 * p, -a * reference[t]], .atMost(0))
                    record(.CAP, indices, cap, year: period.year)
                    addMinimumGeneration(generator, p, minimum: Economics.minimumGeneration(of: generator, in: system, availability: a, hour: step.hour),
                                         capacity: reference[t], indices: indices, year: period.year)
                }
                byPeriod.append(series)
            }
            variables.generation.append(id: generator.id, byPeriod)
            capacityReference.append(references)
        }
    }
}
