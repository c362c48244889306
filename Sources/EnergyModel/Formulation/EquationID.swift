import LinearProgramming

/// The constraint families of MODEL.md. Each ID prefixes its LP row names (`EB[north,2030,t0123]`)
/// and names the file of its family (`Families/EB.swift`, registered in ``ConstraintFamilies``).
public enum EquationID: String, Sendable, Hashable, CaseIterable, Codable {
    /// Energy balance per region and step.
    case EB
    /// Generation ≤ availability × capacity.
    case CAP
    /// Generation ≥ minimum fraction × availability × capacity.
    case MINGEN
    /// Monthly energy budget of reservoir hydro.
    case HYDRO
    /// Monthly fuel supply limit.
    case FUEL
    /// Monthly minimum off-take of a fuel (take-or-pay): burned plus paid-for surplus ≥ the minimum.
    case FUELMIN
    /// Storage balance and limits.
    case STO
    /// Corridor flow limits.
    case LINK
    /// Corridor expansion: capacity accounting of corridors that can be built.
    case LINKX
    /// Kirchhoff's voltage law around the cycles of AC lines and transformers.
    case KVL
    /// Capacity accounting, resource potential and committed builds.
    case BUILD
    /// Firm capacity ≥ (1 + margin) × peak.
    case RESERVE
    /// Renewable share of served demand.
    case RESHARE
    /// Emission cap.
    case CO2
    /// Import-dependence cap.
    case IMPORT
    /// Foreign-exchange budget for fuel imports.
    case FXBILL
}

/// A row of a constraint family with its indices, for duals and binding-constraint reports.
public struct FamilyRow: Sendable, Equatable {
    /// The family.
    public var family: EquationID
    /// Its indices in order, e.g. `["tarbela", "2030", "m07"]`.
    public var indices: [String]
    /// The row in the program.
    public var row: Row
    /// The period year the row belongs to.
    public var year: Int
    /// The slack variable of a soft policy, if any (in scaled units).
    public var slack: Variable?
    /// The factor the row was multiplied by (e.g. 1e-3: MWh rows written in GWh), so that the
    /// shadow price per original unit is `dual · scale / costScale`.
    public var scale: Double = 1
}
