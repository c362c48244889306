/// How the reserve margin (**RESERVE**) is divided: by season (each against its own peak, with
/// seasonal capacity credits) and by zone (regions or groups of regions, each against its own
/// peak, with an import credit on the corridors into it). The default, no seasons and no zones, is
/// one system-wide row per period against the annual peak with each resource's single
/// `capacity_credit` (docs/MODEL.md, RESERVE).
public struct ReserveStructure: Sendable, Equatable {
    /// The seasons of the reserve margin; empty: one requirement for the whole year.
    public var seasons: [ReserveSeason]
    /// The reserve zones; empty: one system-wide requirement.
    public var zones: [ReserveZone]
    /// The share of a corridor's rating that counts towards the reserve of the zone it feeds
    /// (corridor id → fraction in [0, 1]); a corridor between two zones that is not listed counts
    /// at 1 (its full rating, less its losses).
    public var corridorCredits: [String: Double]

    /// Creates a structure (the default: system-wide, one season).
    public init(seasons: [ReserveSeason] = [], zones: [ReserveZone] = [], corridorCredits: [String: Double] = [:]) {
        self.seasons = seasons
        self.zones = zones
        self.corridorCredits = corridorCredits
    }

    /// Whether this is the single system-wide, whole-year form.
    public var isDefault: Bool { seasons.isEmpty && zones.isEmpty }

    /// The reserve credit of a corridor (``corridorCredits``, default 1).
    public func credit(ofCorridor id: String) -> Double { corridorCredits[id] ?? 1 }
}

/// A season of the reserve margin: the months whose peak it must cover, and the capacity credits
/// of the resources in those months.
public struct ReserveSeason: Sendable, Equatable {
    /// Identifier used in row names, e.g. `summer`.
    public var id: String
    /// Calendar months 1...12 of the season.
    public var months: [Int]
    /// Capacity credit in this season by resource id (generator or storage); a resource not
    /// listed keeps its single `capacity_credit`.
    public var credits: [String: Double]

    /// Creates a season.
    public init(id: String, months: [Int], credits: [String: Double] = [:]) {
        self.id = id
        self.months = months
        self.credits = credits
    }
}

/// A reserve zone: regions whose coincident peak its own capacity, plus imports over the corridors
/// from other zones, must cover.
public struct ReserveZone: Sendable, Equatable {
    /// Identifier used in row names, e.g. `karachi`.
    public var id: String
    /// The region ids of the zone.
    public var regions: [String]
    /// The zone's own margin by period year, replacing `policies.reserve_margin`'s value in the
    /// years it gives (periods the policy has no value for stay without a row).
    public var marginByYear: [Int: Double]

    /// Creates a zone.
    public init(id: String, regions: [String], marginByYear: [Int: Double] = [:]) {
        self.id = id
        self.regions = regions
        self.marginByYear = marginByYear
    }
}
