import LinearProgramming

/// The **MINGEN** family: generation ≥ minimum fraction × availability × capacity.
struct MINGENFamily: ConstraintFamily {
    static let traits = FamilyTraits(id: .MINGEN, meaning: "minimum generation", stage: .operating, timeScope: .step, rowUnit: "MW", rowScale: 1,
                                     shadowPriceUnit: "USD/MW", reportsBinding: false, policy: nil)

    static func sentence(_ indices: [String], shadowPrice: Double) -> String {
        BindingText.generic(traits.id, indices, shadowPrice: shadowPrice)
    }

    static func pypsa(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping {
        system.generators.contains { $0.minimumGenerationFraction > 0 || $0.minimumGenerationProfile != nil } ? .exported(as: "p_min_pu of generators") : .absent
    }

    static func build(_ builder: inout FormulationBuilder) {
        // Its rows are added by CAP, each right after its CAP row (`addMinimumGeneration`): the
        // row order of every LP file depends on it.
        _ = builder
    }
}

extension FormulationBuilder {
    /// **MINGEN** — `p[g,y,t] ≥ μ_g · a[g,y,t] · K[g,y]` for a generator with a minimum fraction
    /// `μ_g > 0` (or `min(m_t, a) · K` with a minimum-generation profile: `minimum`, from
    /// ``Economics/minimumGeneration(of:in:availability:hour:)``) whose capacity is a decision
    /// (with a fixed capacity it is the lower bound of `p`, set by CAP). Called by CAP step by
    /// step, so that each MINGEN row follows its CAP row.
    mutating func addMinimumGeneration(_ generator: Generator, _ p: Variable, minimum mu: Double, capacity: Variable,
                                       indices: [String], year: Int) {
        guard mu > 0 else { return }
        let row = lp.addRow("MINGEN[\(indices.joined(separator: ","))]", [1 * p, -mu * capacity], .atLeast(0))
        record(.MINGEN, indices, row, year: year)
    }
}
