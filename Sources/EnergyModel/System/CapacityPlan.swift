/// Capacities in service held fixed by a plan: MW by resource id and period year.
///
/// A finished plan's capacities, as stress runs, Monte Carlo samples and robust plans pass them
/// to ``FormulationOptions/fixedCapacityMW``. Iteration is in a deterministic order (resource
/// ids sorted, then years ascending), so whatever is written from a plan is the same every run.
/// Encodes as `{"resource": {"year": MW}}`, year keys as text, as `results.json` and
/// `robust.json` write them.
public struct CapacityPlan: Sendable, Hashable, Codable, Sequence, ExpressibleByDictionaryLiteral {
    /// One fixed capacity: a resource in a period year.
    public struct Entry: Sendable, Hashable {
        /// The resource id.
        public var resource: String
        /// The period year.
        public var year: Int
        /// The capacity in service, MW.
        public var mw: Double
    }

    /// MW by resource id, then period year. A resource is present only with at least one year.
    private var capacities: [String: [Int: Double]]

    /// An empty plan: nothing fixed.
    public init() {
        capacities = [:]
    }

    /// A plan from capacities by resource id and period year.
    public init(_ capacities: [String: [Int: Double]]) {
        self.capacities = capacities.filter { !$0.value.isEmpty }
    }

    /// A plan from a literal such as `["plant": [2030: 100]]`; a resource given twice is a
    /// programmer error.
    public init(dictionaryLiteral elements: (String, [Int: Double])...) {
        self.init(Dictionary(uniqueKeysWithValues: elements))
    }

    /// The capacity of a resource in a period year, MW, or `nil` when the plan does not fix it.
    /// Setting `nil` removes it.
    public subscript(resource: String, year: Int) -> Double? {
        get { capacities[resource]?[year] }
        set {
            capacities[resource, default: [:]][year] = newValue
            if capacities[resource]?.isEmpty == true { capacities[resource] = nil }
        }
    }

    /// Whether the plan fixes nothing.
    public var isEmpty: Bool { capacities.isEmpty }

    /// Whether the plan fixes a resource's capacity in at least one year.
    public func contains(resource: String) -> Bool { capacities[resource] != nil }

    /// The resource ids the plan fixes, sorted.
    public var resources: [String] { capacities.keys.sorted() }

    /// The years in which the plan fixes a resource, ascending.
    public func years(of resource: String) -> [Int] { capacities[resource]?.keys.sorted() ?? [] }

    /// Every fixed capacity: resources sorted, then years ascending.
    public var entries: [Entry] {
        capacities.sorted { $0.key < $1.key }.flatMap { resource, byYear in
            byYear.sorted { $0.key < $1.key }.map { Entry(resource: resource, year: $0.key, mw: $0.value) }
        }
    }

    /// Iterates ``entries``, in their deterministic order.
    public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }

    /// This plan with another laid over it: where both fix a resource in a year, `other` wins.
    public func merging(_ other: CapacityPlan) -> CapacityPlan {
        var result = self
        result.merge(other)
        return result
    }

    /// Lays another plan over this one: where both fix a resource in a year, `other` wins.
    public mutating func merge(_ other: CapacityPlan) {
        for entry in other { self[entry.resource, entry.year] = entry.mw }
    }

    /// Changes every fixed capacity of a resource (no effect when the plan does not fix it).
    public mutating func transformCapacities(of resource: String, _ transform: (Double) -> Double) {
        capacities[resource] = capacities[resource]?.mapValues(transform)
    }

    /// Reads `{"resource": {"year": MW}}`; a year that is not an integer is an error.
    public init(from decoder: any Decoder) throws {
        let text = try [String: [String: Double]](from: decoder)
        var capacities: [String: [Int: Double]] = [:]
        for (resource, byYear) in text {
            for (year, mw) in byYear {
                guard let year = Int(year) else {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                            debugDescription: "'\(year)' of '\(resource)' is not a period year"))
                }
                capacities[resource, default: [:]][year] = mw
            }
        }
        self.init(capacities)
    }

    /// Writes `{"resource": {"year": MW}}`, as the year-keyed tables this type replaces.
    public func encode(to encoder: any Encoder) throws {
        let text = capacities.mapValues { byYear in
            Dictionary(uniqueKeysWithValues: byYear.map { (String($0.key), $0.value) })
        }
        try text.encode(to: encoder)
    }
}
