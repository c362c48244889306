/// One modelled time step: an hour of the year standing for `weight` hours.
public struct TimeStep: Sendable, Equatable {
    /// Index into the 8760-value hourly series (0 = 1 January 00:00–01:00).
    public var hour: Int
    /// Hours this step stands for (w_t); the weights of a period sum to 8760.
    public var weight: Double
    /// Calendar month 1...12 of the step, for monthly budgets (HYDRO, FUEL).
    public var month: Int
    /// How long the step lasts for storage, hours (PyPSA's `stores` weighting): a state of charge
    /// moves by `hours` times the step's power and loses `1 − (1 − σ)^hours`. 1 except in a case's
    /// own `snapshots.csv`; representative days are strung hours.
    public var hours: Double

    /// Creates a step.
    public init(hour: Int, weight: Double, month: Int, hours: Double = 1) {
        self.hour = hour
        self.weight = weight
        self.month = month
        self.hours = hours
    }
}

/// The time steps of every period, and the blocks within which storage is cyclic.
public struct TimeSlices: Sendable, Equatable {
    /// How the year was sampled.
    public enum Resolution: Sendable, Equatable, CustomStringConvertible {
        /// All 8760 hours, weight 1, one cyclic block.
        case hourly
        /// Representative days, each a cyclic block of 24 hours weighted by the days it stands for.
        case representativeDays(count: Int, seed: UInt64)
        /// Steps given explicitly (tests and special studies).
        case custom

        /// `hourly`, `repdays:N`, `custom`.
        public var description: String {
            switch self {
            case .hourly: "hourly"
            case .representativeDays(let count, _): "repdays:\(count)"
            case .custom: "custom"
            }
        }
    }

    /// The steps, in order.
    public var steps: [TimeStep]
    /// Ranges of `steps` within which storage is cyclic (the last step links to the first).
    public var blocks: [Range<Int>]
    /// How the steps were chosen.
    public var resolution: Resolution

    /// Creates slices from explicit steps and blocks.
    public init(steps: [TimeStep], blocks: [Range<Int>], resolution: Resolution = .custom) {
        self.steps = steps
        self.blocks = blocks
        self.resolution = resolution
    }

    /// Days in each month of the modelled (365-day) year.
    public static let daysPerMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

    /// The calendar month (1...12) of an hour of the year.
    public static func month(ofHour hour: Int) -> Int {
        var day = hour / 24
        for (index, days) in daysPerMonth.enumerated() {
            if day < days { return index + 1 }
            day -= days
        }
        return 12
    }

    /// All 8760 hours with weight 1, storage cyclic over the year.
    public static var hourly: TimeSlices {
        let steps = (0..<EnergySystem.hoursPerYear).map { TimeStep(hour: $0, weight: 1, month: month(ofHour: $0)) }
        return TimeSlices(steps: steps, blocks: [0..<steps.count], resolution: .hourly)
    }

    /// The sum of the weights (8760 for a full year).
    public var totalWeight: Double { steps.reduce(0) { $0 + $1.weight } }
}
