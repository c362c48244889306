import EnergyModel

/// A named disruption: an ordered list of overlays laid on a case (docs/SCENARIOS.md). A
/// scenario may first apply other scenarios (`compose`), so compound events are built from
/// single ones.
public struct Scenario: Sendable, Equatable {
    /// The file name without `.yaml`, e.g. `lng-cargo-default`.
    public var id: String
    /// A readable name.
    public var name: String
    /// What happens, in words.
    public var description: String
    /// The historical event it is modelled on (with its source key), if any.
    public var event: String?
    /// Scenarios applied before this one's overlays, in order.
    public var compose: [String]
    /// The overlays, applied in order.
    public var overlays: [Overlay]
    /// Where the scenario's numbers come from.
    public var note: SourceNote

    /// Creates a scenario.
    public init(id: String, name: String, description: String = "", event: String? = nil, compose: [String] = [],
                overlays: [Overlay], note: SourceNote) {
        self.id = id
        self.name = name
        self.description = description
        self.event = event
        self.compose = compose
        self.overlays = overlays
        self.note = note
    }
}

/// One change to a case: an operation on a target, limited by a selector.
public struct Overlay: Sendable, Equatable {
    /// What is changed (the unit of `set` and `add` in brackets).
    public enum Target: String, Sendable, CaseIterable {
        /// Hourly availability of generators (fraction).
        case availability
        /// Capacity in service of generators and storage (MW, permanent).
        case capacity
        /// Monthly fuel-supply limit (MMBtu per month).
        case fuelSupply = "fuel_supply"
        /// Monthly fuel price (USD/MMBtu).
        case fuelPrice = "fuel_price"
        /// Monthly take-or-pay minimum off-take of a fuel (MMBtu per month, FUELMIN).
        case fuelOfftake = "fuel_offtake"
        /// Monthly hydro energy budget (GWh per month).
        case hydroBudget = "hydro_budget"
        /// Hourly demand (MW).
        case demand
        /// Hourly corridor capacity, both directions (MW).
        case corridorCapacity = "corridor_capacity"
        /// The exchange rate (PKR/USD).
        case exchangeRate = "exchange_rate"
        /// A policy target (its own unit).
        case policy
        /// Committed builds of a project (MW per period): moved, cancelled or resized.
        case committed
        /// Which carriers count towards the renewable share (the target's definition): `set: 1`
        /// counts the selected carriers, `set: 0` or `remove` stops counting them.
        case renewableCarriers = "renewable_carriers"
    }

    /// What is done to each selected value.
    public enum Operation: Sendable, Equatable {
        /// Multiply by a factor ≥ 0.
        case scale(Double)
        /// Replace by a value.
        case set(Double)
        /// Add an amount (negative to take away).
        case add(Double)
        /// Take away entirely (availability and capacity 0, a supply limit or policy lifted, a corridor cut).
        case remove
        /// Move committed builds to another period year (the project cannot be built before it).
        case moveTo(Int)
    }

    /// Which values an overlay touches; a field that is `nil` does not restrict.
    public struct Selector: Sendable, Equatable {
        /// Resource ids.
        public var resources: [String]?
        /// Technologies.
        public var technologies: [String]?
        /// Carriers.
        public var carriers: [String]?
        /// Fuel ids.
        public var fuels: [String]?
        /// Region ids.
        public var regions: [String]?
        /// Corridor ids.
        public var corridors: [String]?
        /// Policy name (`renewable_share`, `reserve_margin`, `co2_cap_t`, `import_share_cap`, `fx_budget_usd`).
        public var policy: String?
        /// Period years.
        public var periods: [Int]?
        /// Months 1...12.
        public var months: [Int]?
        /// Days of the year 1...365 (ranges).
        public var days: [ClosedRange<Int>]?
        /// Hours of the day 0...23 (ranges; `17-22` is 17:00 to 22:59).
        public var hours: [ClosedRange<Int>]?

        /// A selector that selects everything.
        public init(resources: [String]? = nil, technologies: [String]? = nil, carriers: [String]? = nil, fuels: [String]? = nil,
                    regions: [String]? = nil, corridors: [String]? = nil, policy: String? = nil, periods: [Int]? = nil,
                    months: [Int]? = nil, days: [ClosedRange<Int>]? = nil, hours: [ClosedRange<Int>]? = nil) {
            self.resources = resources
            self.technologies = technologies
            self.carriers = carriers
            self.fuels = fuels
            self.regions = regions
            self.corridors = corridors
            self.policy = policy
            self.periods = periods
            self.months = months
            self.days = days
            self.hours = hours
        }
    }

    /// The target.
    public var target: Target
    /// The operation.
    public var operation: Operation
    /// The selection.
    public var selector: Selector
    /// For `set` on a policy that is off: the penalty that makes it soft (nil: hard).
    public var penalty: Double?
    /// Where it is written (`file:line:column`), for messages.
    public var location: String

    /// Creates an overlay.
    public init(target: Target, operation: Operation, selector: Selector = Selector(), penalty: Double? = nil, location: String = "") {
        self.target = target
        self.operation = operation
        self.selector = selector
        self.penalty = penalty
        self.location = location
    }
}
