import LinearProgramming

/// Whether a family belongs to planning (capacity decisions and the targets that drive them) or
/// to operation (what every dispatch of a fixed fleet must respect). Stress mode keeps only the
/// operating families' policy targets.
public enum FamilyStage: String, Sendable, Hashable, CaseIterable {
    /// Capacity decisions and targets that exist to steer them (BUILD, RESERVE, RESHARE).
    case planning
    /// Limits of dispatch with a given fleet.
    case operating
}

/// The time span one row of a family covers.
public enum FamilyTimeScope: String, Sendable, Hashable, CaseIterable {
    /// One row per time step.
    case step
    /// One row per modelled month of a period.
    case month
    /// One row per period.
    case period
    /// One row for the whole horizon.
    case horizon
}

/// How the PyPSA export treats a family for one case and period.
public enum PyPSAMapping: Sendable, Equatable {
    /// The case has no rows of this family in the period: nothing to export.
    case absent
    /// Exported as the named PyPSA components and attributes.
    case exported(as: String)
    /// Not expressible in PyPSA's CSV folder: the export refuses the case.
    case refused(component: String, reason: String)
}

/// What a constraint family declares about itself; every field is required (no defaults).
struct FamilyTraits: Sendable {
    /// Its equation ID (row-name prefix).
    let id: EquationID
    /// What its rows say, in a few words (e.g. `monthly hydro budgets`), for messages.
    let meaning: String
    /// Planning or operating (stress mode drops the policy targets of planning families).
    let stage: FamilyStage
    /// The span of one row.
    let timeScope: FamilyTimeScope
    /// The unit of a row as written, after `rowScale` (e.g. `GWh` for MWh rows scaled by 1e-3).
    let rowUnit: String
    /// The factor the family's rows are multiplied by (1e-3: MWh written in GWh).
    let rowScale: Double
    /// The unit of its shadow price, undiscounted (e.g. `USD/MWh`).
    let shadowPriceUnit: String
    /// Whether a binding row of the family is reported (``BindingConstraint``).
    let reportsBinding: Bool
    /// The policy target that switches the family on, if it is a policy (`nil` otherwise).
    let policy: (WritableKeyPath<Policies, PolicyTarget?> & Sendable)?
}

/// A constraint family of MODEL.md: everything the model knows about it, in one file
/// (`Families/<ID>.swift`). No requirement has a default implementation, so a family that forgets
/// a part does not compile; ``ConstraintFamilies`` lists them in build order.
protocol ConstraintFamily: Sendable {
    /// Its ID, stage, time scope, units, scale, reporting and policy target.
    static var traits: FamilyTraits { get }
    /// The sentence of a binding row (indices as in its row name; the shadow price undiscounted).
    static func sentence(_ indices: [String], shadowPrice: Double) -> String
    /// How the PyPSA export treats the family for a case, period year and time slices.
    static func pypsa(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping
    /// Adds the family's variables and rows to the program under construction.
    static func build(_ builder: inout FormulationBuilder)
}

/// The registry of constraint families.
enum ConstraintFamilies {
    /// Every family in build order. The order fixes the column and row order of the LP file:
    /// changing it changes every golden file.
    static let ordered: [any ConstraintFamily.Type] = [
        BUILDFamily.self,
        LINKXFamily.self,      // adds nothing for corridors that cannot be expanded
        CAPFamily.self,
        MINGENFamily.self,     // its rows are added with CAP's, step by step
        STOFamily.self,
        LINKFamily.self,
        KVLFamily.self,        // rows only for lines in cycles (lines.csv)
        EBFamily.self,         // adds unserved energy first (UnservedEnergy.swift)
        HYDROFamily.self,
        FUELFamily.self,
        FUELMINFamily.self,
        RESERVEFamily.self,
        RESHAREFamily.self,
        CO2Family.self,
        IMPORTFamily.self,
        FXBILLFamily.self,
    ]

    /// The family of an equation ID (an exhaustive switch: a new ID without a family does not compile).
    static func family(_ id: EquationID) -> any ConstraintFamily.Type {
        switch id {
        case .EB: EBFamily.self
        case .CAP: CAPFamily.self
        case .MINGEN: MINGENFamily.self
        case .HYDRO: HYDROFamily.self
        case .FUEL: FUELFamily.self
        case .FUELMIN: FUELMINFamily.self
        case .STO: STOFamily.self
        case .LINK: LINKFamily.self
        case .LINKX: LINKXFamily.self
        case .KVL: KVLFamily.self
        case .BUILD: BUILDFamily.self
        case .RESERVE: RESERVEFamily.self
        case .RESHARE: RESHAREFamily.self
        case .CO2: CO2Family.self
        case .IMPORT: IMPORTFamily.self
        case .FXBILL: FXBILLFamily.self
        }
    }
}

extension EquationID {
    /// The equation IDs in build order (``ConstraintFamilies/ordered``).
    public static var buildOrder: [EquationID] { ConstraintFamilies.ordered.map { $0.traits.id } }
    /// What its rows say, in a few words, for messages.
    public var meaning: String { ConstraintFamilies.family(self).traits.meaning }
    /// Planning or operating.
    public var stage: FamilyStage { ConstraintFamilies.family(self).traits.stage }
    /// The span of one row.
    public var timeScope: FamilyTimeScope { ConstraintFamilies.family(self).traits.timeScope }
    /// The unit of a row as written.
    public var rowUnit: String { ConstraintFamilies.family(self).traits.rowUnit }
    /// The factor rows are multiplied by.
    public var rowScale: Double { ConstraintFamilies.family(self).traits.rowScale }
    /// The unit of the shadow price.
    public var shadowPriceUnit: String { ConstraintFamilies.family(self).traits.shadowPriceUnit }
    /// Whether a binding row is reported.
    public var reportsBinding: Bool { ConstraintFamilies.family(self).traits.reportsBinding }
    /// The policy target that switches the family on, if it is a policy.
    public var policy: WritableKeyPath<Policies, PolicyTarget?>? { ConstraintFamilies.family(self).traits.policy }
    /// The sentence of a binding row.
    public func sentence(_ indices: [String], shadowPrice: Double) -> String {
        ConstraintFamilies.family(self).sentence(indices, shadowPrice: shadowPrice)
    }
    /// How the PyPSA export treats the family for a case, period year and time slices.
    public func pypsaMapping(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping {
        ConstraintFamilies.family(self).pypsa(system, year: year, time: time)
    }
}

extension ConstraintFamily {
    /// The mapping of a policy target other than a hard CO2 cap: absent when the target has no
    /// value for the year, else refused (only a hard CO2 cap becomes a PyPSA global constraint).
    static func policyNotExported(_ system: EnergySystem, year: Int, name: String) -> PyPSAMapping {
        guard let policy = traits.policy, system.policies[keyPath: policy]?.valuesByYear[year] != nil else { return .absent }
        return .refused(component: "policies", reason: "'\(name)' is not exported (only a hard CO2 cap becomes a PyPSA global constraint)")
    }
}

/// Words and numbers of binding-constraint sentences.
enum BindingText {
    /// `m07` → `July` (other codes unchanged).
    static func month(_ code: String) -> String {
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        guard code.hasPrefix("m"), let m = Int(code.dropFirst()), (1...12).contains(m) else { return code }
        return names[m - 1]
    }

    /// A number with as many digits as its size calls for.
    static func number(_ x: Double) -> String {
        let magnitude = abs(x)
        return magnitude >= 100 ? String(format: "%.0f", x) : magnitude >= 1 ? String(format: "%.2f", x) : String(format: "%.4g", x)
    }

    /// The sentence of a family that is not reported as binding (diagnostics only).
    static func generic(_ id: EquationID, _ indices: [String], shadowPrice: Double) -> String {
        "\(id.rawValue)[\(indices.joined(separator: ","))] binds (shadow price \(number(shadowPrice)))."
    }
}

import Foundation
