import LinearProgramming

/// The **MINGEN** family: generation ≥ minimum fraction × availability × capacity.
struct MINGENFamily: ConstraintFamily {
    static let traits = FamilyTraits(id: .MINGEN, meaning: "minimum generation", stage: .operating, timeScope: .step, rowUnit: "MW", rowScale: 1,
                                     shadowPriceUnit: "USD/MW", reportsBinding: false, policy: nil)

    static func sentence(_ indices: [String], shadowPrice: Double) -> String {
        BindingText.generic(traits.id, indices, shadowPrice: shadowPrice)
    }

    static func pypsa(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping {
        system.generators.contains { $0.minimumGenerationFraction > 0 } ? .exported(as: "p_min_pu of generators") : .absent
    }

    static func build(_ builder: inout FormulationBuilder) {
        // Its rows are added by CAP, each right after its CAP row (`addMinimumGeneration`): the
        // row order of every LP file depends on it.
        _ = builder
    }
}

extension FormulationBuilder {
    /// **MINGEN** — `p[g,y,t] ≥ μ_g · a[g,y,t] · K[g,y]` for a generator with a minimum fraction
    /// `μ_g > 0` whose capacity is a decision (with a fixed capacity it is the lower bound of `p`,
    /// set by CAP). Called by CAP step by step, so that each MINGEN row follows its CAP row.
    mutating func addMinimumGeneration(_ generator: Generator, _ p: Variable, availability a: Double, capacity: Variable,
                                       indices: [String], year: Int) {
        guard generator.minimumGenerationFraction > 0 else { return }
        let mu = generator.minimumGenerationFraction * a
        let row = lp.addRow("MINGEN[\(indices.joined(separator: ","))]", [1 * p, -mu * capacity], .atLeast(0))
        record(.MINGEN, indices, row, year: year)
    }
}
