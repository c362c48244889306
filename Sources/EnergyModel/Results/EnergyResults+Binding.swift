import Foundation
import LinearProgramming

extension SolutionReader {
    /// Policy and supply constraints whose dual is not zero (relative tolerance 1e-9 of the
    /// objective scale), with the shadow price undiscounted to the period's year and a sentence.
    func bindingConstraints() -> [BindingConstraint] {
        let families: Set<EquationID> = [.HYDRO, .FUEL, .RESERVE, .RESHARE, .CO2, .IMPORT, .FXBILL]
        var found: [BindingConstraint] = []
        for family in lp.familyRows where families.contains(family.family) {
            let price = lp.shadowPrice(family, in: solution)
            let violation = family.slack.map { _ in lp.violation(family, in: solution) }
            guard abs(price) > 1e-9 || (violation ?? 0) > 1e-6 else { continue }
            found.append(describe(family, shadowPrice: price, violation: violation))
        }
        return found.sorted { abs($0.shadowPrice) > abs($1.shadowPrice) }
    }

    private func monthWord(_ code: String) -> String {
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        guard code.hasPrefix("m"), let m = Int(code.dropFirst()), (1...12).contains(m) else { return code }
        return names[m - 1]
    }

    private func number(_ x: Double) -> String {
        let magnitude = abs(x)
        return magnitude >= 100 ? String(format: "%.0f", x) : magnitude >= 1 ? String(format: "%.2f", x) : String(format: "%.4g", x)
    }

    private func describe(_ family: FamilyRow, shadowPrice: Double, violation: Double?) -> BindingConstraint {
        let i = family.indices
        let gain = abs(shadowPrice)
        let (unit, sentence): (String, String)
        switch family.family {
        case .HYDRO:
            unit = "USD/MWh"
            sentence = "The water budget of \(i[0]) in \(monthWord(i[2])) \(i[1]) binds: one more MWh of inflow saves \(number(gain)) USD."
        case .FUEL:
            unit = "USD/MMBtu"
            let cargo = i[0].lowercased().contains("lng")
                ? " (about \(number(gain * 3.4)) million USD per LNG cargo of 3.4 million MMBtu)" : ""
            sentence = "The \(i[0]) supply limit of \(monthWord(i[2])) \(i[1]) binds: one more MMBtu saves \(number(gain)) USD\(cargo)."
        case .RESERVE:
            unit = "USD/MW-year"
            sentence = "The reserve margin of \(i[0]) binds: one MW less of required firm capacity saves \(number(gain)) USD per year."
        case .RESHARE:
            unit = "USD/MWh"
            sentence = "The renewable-share target of \(i[0]) binds: it costs \(number(gain)) USD per MWh of renewable generation it forces (the implied subsidy)."
        case .CO2:
            unit = "USD/t"
            sentence = "The CO2 cap of \(i[0]) binds: the implied carbon price is \(number(gain)) USD/t."
        case .IMPORT:
            unit = "USD/MWh"
            sentence = "The import-dependence cap of \(i[0]) binds: each MWh more from imported fuel would save \(number(gain)) USD."
        case .FXBILL:
            unit = "USD/USD"
            sentence = "The foreign-exchange budget of \(i[0]) binds: each extra dollar of fuel imports would save \(number(gain)) USD of system cost."
        default:
            unit = ""
            sentence = "\(family.family.rawValue)[\(i.joined(separator: ","))] binds (shadow price \(number(shadowPrice)))."
        }
        var text = sentence
        if let violation, violation > 1e-6 {
            text += " The soft target is missed by \(number(violation)) \(unit.components(separatedBy: "/").last ?? "")."
        }
        return BindingConstraint(equation: family.family, indices: i, shadowPrice: shadowPrice, unit: unit,
                                 violation: violation, sentence: text)
    }
}
