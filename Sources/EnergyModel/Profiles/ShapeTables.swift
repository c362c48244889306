/// The small, sourced shape tables that `bijli profiles` turns into the 8760-hour demand and
/// availability series (docs/FORMATS.md, "Shape tables"; method in docs/PROFILES.md).
///
/// Read them with ``read(from:files:)``; synthesise with ``ProfileSynthesis/synthesise(_:options:)``.
public struct ShapeTables: Sendable, Equatable {
    /// One calendar month of demand.
    public struct MonthlyDemand: Sendable, Equatable {
        /// Calendar month, 1...12.
        public var month: Int
        /// The calendar year the month's data comes from (for provenance only).
        public var year: Int
        /// Energy of the month, GWh.
        public var energyGWh: Double
        /// The season (a column of the hourly demand shape table) whose 24-h multipliers shape the month.
        public var season: String

        /// Creates a month of demand.
        public init(month: Int, year: Int, energyGWh: Double, season: String) {
            self.month = month
            self.year = year
            self.energyGWh = energyGWh
            self.season = season
        }
    }

    /// How a month's capacity factor is spread over its hours.
    public enum HourlyShape: String, Sendable, Equatable, CaseIterable {
        /// The same value in every hour of the month (run-of-river hydro, bagasse).
        case flat
        /// Clear-sky solar irradiance from the sun's position, normalised to the month's capacity factor.
        case clearSky = "clear_sky"
        /// 24-hour multipliers (mean 1) from the diurnal table's column named after the profile.
        case diurnal
    }

    /// One availability profile: a capacity factor per month and the hourly shape within the month.
    public struct AvailabilityProfile: Sendable, Equatable {
        /// Profile id (the column name in `profiles.csv`).
        public var id: String
        /// How each month is spread over its hours.
        public var shape: HourlyShape
        /// Capacity factor of each calendar month (index 0 = January), fractions in [0, 1].
        public var monthlyCapacityFactor: [Double]

        /// Creates a profile.
        public init(id: String, shape: HourlyShape, monthlyCapacityFactor: [Double]) {
            self.id = id
            self.shape = shape
            self.monthlyCapacityFactor = monthlyCapacityFactor
        }
    }

    /// Parameters of the clear-sky solar shape.
    public struct ClearSky: Sendable, Equatable {
        /// Site latitude, degrees north (negative south).
        public var latitudeDeg: Double
        /// Site longitude, degrees east; with the UTC offset it sets local solar time.
        public var longitudeDeg: Double
        /// The clock of the hour column: local standard time = UTC + this many hours (PKT: 5).
        public var utcOffsetHours: Double
        /// Clear-sky transmittance τ of the beam model `τ^(AM^k)` (Meinel: 0.7).
        public var transmittance: Double
        /// Exponent k of the air mass in the beam model (Meinel: 0.678).
        public var airMassExponent: Double

        /// Creates clear-sky parameters.
        public init(latitudeDeg: Double, longitudeDeg: Double, utcOffsetHours: Double, transmittance: Double = 0.7,
                    airMassExponent: Double = 0.678) {
            self.latitudeDeg = latitudeDeg
            self.longitudeDeg = longitudeDeg
            self.utcOffsetHours = utcOffsetHours
            self.transmittance = transmittance
            self.airMassExponent = airMassExponent
        }
    }

    /// Demand of the twelve calendar months, January first.
    public var monthlyDemand: [MonthlyDemand]
    /// 24-hour demand multipliers by season (hour 0 = 00:00–01:00 local time), each normalised to mean 1.
    public var seasonMultipliers: [String: [Double]]
    /// Availability profiles, in the order of their first row in the capacity-factor table.
    public var profiles: [AvailabilityProfile]
    /// Clear-sky parameters (needed when a profile has the `clear_sky` shape).
    public var clearSky: ClearSky?
    /// 24-hour multipliers by profile id, each normalised to mean 1 (for `diurnal` profiles).
    public var diurnalMultipliers: [String: [Double]]
    /// The tag and source of every number read, sorted by file and key.
    public var sources: [SourceNote]

    /// Creates shape tables from values (the multipliers are used as given: pass means of 1).
    public init(monthlyDemand: [MonthlyDemand], seasonMultipliers: [String: [Double]], profiles: [AvailabilityProfile],
                clearSky: ClearSky? = nil, diurnalMultipliers: [String: [Double]] = [:], sources: [SourceNote] = []) {
        self.monthlyDemand = monthlyDemand
        self.seasonMultipliers = seasonMultipliers
        self.profiles = profiles
        self.clearSky = clearSky
        self.diurnalMultipliers = diurnalMultipliers
        self.sources = sources
    }

    /// The annual demand, GWh (sum of the months).
    public var annualEnergyGWh: Double { monthlyDemand.reduce(0) { $0 + $1.energyGWh } }
}

/// The file names of the shape tables in a shapes folder.
public struct ShapeTableFiles: Sendable, Equatable {
    /// Monthly demand energy by calendar month (`month,year,energy_gwh,season,source,tag`).
    public var monthlyDemand: String
    /// 24-hour demand multipliers, one column per season (`hour,<season>,...`).
    public var hourlyDemandShape: String
    /// Monthly capacity factors (`profile,month,capacity_factor,shape,source,tag`).
    public var capacityFactors: String
    /// Clear-sky solar parameters (`parameter,value,source,tag`); required if a profile is `clear_sky`.
    public var clearSky: String
    /// 24-hour multipliers of `diurnal` profiles (`hour,<profile>,...`); required if a profile is `diurnal`.
    public var diurnal: String

    /// Creates a set of file names.
    public init(monthlyDemand: String, hourlyDemandShape: String, capacityFactors: String, clearSky: String, diurnal: String) {
        self.monthlyDemand = monthlyDemand
        self.hourlyDemandShape = hourlyDemandShape
        self.capacityFactors = capacityFactors
        self.clearSky = clearSky
        self.diurnal = diurnal
    }

    /// The names used in `Inputs/pakistan/shapes/`.
    public static let pakistan = ShapeTableFiles(
        monthlyDemand: "pk_monthly_demand_FY2024-25.csv", hourlyDemandShape: "pk_hourly_demand_shape_ASSUMPTION.csv",
        capacityFactors: "pk_monthly_capacity_factors.csv", clearSky: "pk_solar_clear_sky_ASSUMPTION.csv",
        diurnal: "pk_wind_diurnal_ASSUMPTION.csv")

    /// Every name, in reading order.
    public var all: [String] { [monthlyDemand, hourlyDemandShape, capacityFactors, clearSky, diurnal] }
}
