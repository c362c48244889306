import LinearProgramming

/// Variables of one kind keyed by (resource, period, step): `p`, `u`, `c`, `d`, `e`, `q`, `q'`.
///
/// Stored flat (`[resource][period][step]` in one array) behind a typed key API: `store[r, y, t]`
/// by position (the order of the system's arrays and of ``EnergyLP/periods``), or
/// `store[id: "tarbela", period: y, step: t]` by resource ID. Iterating it gives one
/// ``ResourceSteps`` per resource, so `store[r][y]` is the series of a resource in a period.
public struct StepVariables: Sendable, RandomAccessCollection {
    /// Resource IDs in order.
    public private(set) var ids: [String] = []
    /// Periods per resource.
    public private(set) var periodCount = 0
    /// Steps per period.
    public private(set) var stepCount = 0
    private var positions: [String: Int] = [:]
    private var storage: [Variable] = []

    /// An empty store.
    public init() {}

    /// Adds the variables of one resource, `[period][step]` (every resource has the same shape).
    mutating func append(id: String, _ byPeriod: [[Variable]]) {
        if ids.isEmpty {
            periodCount = byPeriod.count
            stepCount = byPeriod.first?.count ?? 0
        }
        precondition(byPeriod.count == periodCount && byPeriod.allSatisfy { $0.count == stepCount },
                     "variables of '\(id)' do not have the shape of the others")
        positions[id] = positions[id] ?? ids.count
        ids.append(id)
        storage.reserveCapacity(storage.count + periodCount * stepCount)
        for series in byPeriod { storage.append(contentsOf: series) }
    }

    /// The variable of resource `r` in period `y`, step `t`.
    public subscript(r: Int, y: Int, t: Int) -> Variable {
        precondition(y >= 0 && y < periodCount && t >= 0 && t < stepCount, "period \(y) or step \(t) out of range")
        return storage[(r * periodCount + y) * stepCount + t]
    }

    /// The variable of a resource by ID, or `nil` for an unknown ID.
    public subscript(id id: String, period y: Int, step t: Int) -> Variable? {
        positions[id].map { self[$0, y, t] }
    }

    /// The series of resource `r` in period `y` (indices `0..<stepCount`).
    public func series(_ r: Int, period y: Int) -> StepSeries {
        StepSeries(storage: storage, offset: (r * periodCount + y) * stepCount, count: stepCount)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ids.count }

    /// The variables of resource `r`, by period.
    public subscript(r: Int) -> ResourceSteps { ResourceSteps(store: self, resource: r) }
}

/// The variables of one resource in a ``StepVariables``, by period.
public struct ResourceSteps: Sendable, RandomAccessCollection {
    let store: StepVariables
    let resource: Int
    public var startIndex: Int { 0 }
    public var endIndex: Int { store.periodCount }
    /// The series of period `y`.
    public subscript(y: Int) -> StepSeries { store.series(resource, period: y) }
}

/// The variables of one resource in one period, by step (indices `0..<count`).
public struct StepSeries: Sendable, RandomAccessCollection {
    let storage: [Variable]
    let offset: Int
    public let count: Int
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    /// The variable of step `t`.
    public subscript(t: Int) -> Variable {
        precondition(t >= 0 && t < count, "step \(t) out of range")
        return storage[offset + t]
    }
}

/// Variables of one kind keyed by (resource, period), each present or not: `K`, `x`, `P`, `xs`
/// (`nil` where the capacity is fixed or no build is allowed).
public struct PeriodVariables: Sendable, RandomAccessCollection {
    /// Resource IDs in order.
    public private(set) var ids: [String] = []
    private var positions: [String: Int] = [:]
    private var byResource: [[Variable?]] = []

    /// An empty store.
    public init() {}

    /// Adds the variables of one resource, by period.
    mutating func append(id: String, _ byPeriod: [Variable?]) {
        positions[id] = positions[id] ?? ids.count
        ids.append(id)
        byResource.append(byPeriod)
    }

    /// The variable of resource `r` in period `y`, if it is a decision.
    public subscript(r: Int, y: Int) -> Variable? { byResource[r][y] }

    /// The variable of a resource by ID in period `y` (`nil` for an unknown ID or no variable).
    public subscript(id id: String, period y: Int) -> Variable? {
        positions[id].flatMap { byResource[$0][y] }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { byResource.count }

    /// The variables of resource `r`, by period.
    public subscript(r: Int) -> [Variable?] { byResource[r] }
}

/// Unserved energy `u[r,y,t,k]` by region, period, step and segment `k` of the demand (MODEL.md,
/// EB; ``Economics/unservedSegments(_:)``): one ``StepVariables`` per segment, keyed by region. With
/// one segment (no tiers) it is `u[r,y,t]`. Whatever reads unserved energy reads the sum over the
/// segments through this type, so a tiered case and a single-VoLL case are read alike.
public struct UnservedVariables: Sendable {
    /// The variables of each segment, shallowest first (the last is shed at VoLL).
    public private(set) var segments: [StepVariables] = []

    /// No variables.
    public init() {}

    /// Adds the variables of one region, `[segment][period][step]`.
    mutating func append(id: String, _ bySegment: [[[Variable]]]) {
        if segments.isEmpty { segments = bySegment.map { _ in StepVariables() } }
        precondition(bySegment.count == segments.count, "unserved energy of '\(id)' does not have the segments of the others")
        for (k, byPeriod) in bySegment.enumerated() { segments[k].append(id: id, byPeriod) }
    }

    /// The regions, in order.
    public var ids: [String] { segments.first?.ids ?? [] }

    /// The variables of `u[r,y,t] = Σ_k u[r,y,t,k]`, one per segment.
    public subscript(r: Int, y: Int, t: Int) -> [Variable] { segments.map { $0[r, y, t] } }

    /// `coefficient · u[r,y,t]` as terms (one per segment).
    public func terms(_ r: Int, _ y: Int, _ t: Int, coefficient: Double = 1) -> [Term] {
        segments.map { Term(coefficient, $0[r, y, t]) }
    }

    /// The value of `u[r,y,t]` in a solution's values (MW).
    public func value(_ r: Int, _ y: Int, _ t: Int, in values: [Double]) -> Double {
        segments.reduce(0) { $0 + values[$1[r, y, t].index] }
    }
}
