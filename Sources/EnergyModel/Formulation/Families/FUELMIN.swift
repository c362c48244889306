import LinearProgramming

/// The **FUELMIN** family: monthly minimum off-take of a fuel (take-or-pay contracts).
///
/// A take-or-pay contract obliges the buyer to pay for its volume whether or not it is burned.
/// The row says that the fuel burned plus the surplus paid for without being burned covers the
/// contract volume; the surplus costs the month's price of the fuel, like the fuel burned. So the
/// first MMBtu up to the volume are paid for either way: burning them costs nothing extra (the
/// row's dual is the fuel's price while surplus is left), and a plan that burns less leaves its
/// cost in the objective instead of saving it. A contract that lets cargoes be deferred or
/// resold is a lower minimum (docs/MODEL.md).
struct FUELMINFamily: ConstraintFamily {
    static let traits = FamilyTraits(id: .FUELMIN, meaning: "take-or-pay minimum off-take of a fuel", stage: .operating, timeScope: .month, rowUnit: "thousand MMBtu", rowScale: 1e-3,
                                     shadowPriceUnit: "USD/MMBtu", reportsBinding: true, policy: nil)

    static func sentence(_ indices: [String], shadowPrice: Double) -> String {
        "The take-or-pay minimum of \(indices[0]) in \(BindingText.month(indices[2])) \(indices[1]) binds: the contract volume is paid for "
            + "whether burned or not, so one more MMBtu burned within it costs \(BindingText.number(abs(shadowPrice))) USD less than its price."
    }

    static func pypsa(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping {
        system.fuels.contains(where: { !$0.minimumOfftakeMMBtu.isEmpty })
            ? .refused(component: "fuels", reason: "take-or-pay minimum off-take (FUELMIN) has no PyPSA equivalent") : .absent
    }

    static func build(_ builder: inout FormulationBuilder) {
        builder.addFuelMinimums()
    }
}

extension FormulationBuilder {
    /// **FUELMIN** — `Σ_{g: fuel f} Σ_{t∈m} w_t · hr_g · p[g,y,t] + s[f,y,m] ≥ Fmin[f,y,m]`, the
    /// surplus `s ≥ 0` (MMBtu paid for, not burned) charged `δ_y n_y · price[f,y,m]`, for every
    /// fuel, period and month with a minimum.
    mutating func addFuelMinimums() {
        for fuel in system.fuels where !fuel.minimumOfftakeMMBtu.isEmpty {
            for (y, period) in periods.enumerated() {
                for (month, monthSteps) in stepsByMonth {
                    guard let minimum = fuel.minimumOfftakeMMBtu[period.year, month], minimum > 0 else { continue }
                    let price = fuel.priceUSDPerMMBtu[period.year, month] ?? 0
                    addSum(.FUELMIN, [fuel.id, String(period.year), monthName(month)], year: period.year,
                           groups: fuelBurn(fuel, period: y, steps: monthSteps),
                           bounds: .atLeast(minimum), scale: FUELMINFamily.traits.rowScale, slack: (sign: 1, cost: costWeights[y] * price))
                }
            }
        }
    }
}
