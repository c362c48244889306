import Foundation
import LinearProgramming

extension SolutionReader {
    /// Policy and supply constraints whose dual is not zero (relative tolerance 1e-9 of the
    /// objective scale), with the shadow price undiscounted to the period's year and a sentence.
    func bindingConstraints() -> [BindingConstraint] {
        var found: [BindingConstraint] = []
        for family in lp.familyRows where family.family.reportsBinding {
            let price = lp.shadowPrice(family, in: solution)
            let violation = family.slack.map { _ in lp.violation(family, in: solution) }
            guard abs(price) > 1e-9 || (violation ?? 0) > 1e-6 else { continue }
            found.append(describe(family, shadowPrice: price, violation: violation))
        }
        return found.sorted { abs($0.shadowPrice) > abs($1.shadowPrice) }
    }

    /// The family's sentence (``EquationID/sentence(_:shadowPrice:)``), and the missed amount of a soft target.
    private func describe(_ family: FamilyRow, shadowPrice: Double, violation: Double?) -> BindingConstraint {
        let unit = family.family.shadowPriceUnit
        var text = family.family.sentence(family.indices, shadowPrice: shadowPrice)
        if let violation, violation > 1e-6 {
            let amount = "\(BindingText.number(violation)) \(unit.components(separatedBy: "/").last ?? "")"
            // FUELMIN's slack is the surplus of a take-or-pay contract, not a missed target.
            text += family.family == .FUELMIN ? " Paid for and not burned: \(amount)." : " The soft target is missed by \(amount)."
        }
        return BindingConstraint(equation: family.family, indices: family.indices, shadowPrice: shadowPrice, unit: unit,
                                 violation: violation, sentence: text)
    }
}
