/// Synthesises the 8760-hour demand and availability series from ``ShapeTables``
/// (method and equations: docs/PROFILES.md). Deterministic: no random numbers.
public enum ProfileSynthesis {
    /// Choices of the method that are not data.
    public struct Options: Sendable, Equatable {
        /// Half-width (days) of the linear blend between two seasons' demand multipliers around the
        /// first day of a month where the season changes; 0 switches abruptly. Capped at half the
        /// shortest run of one season. Blending keeps every day's multipliers at mean 1, so
        /// monthly energies are unchanged.
        public var blendDays: Double
        /// Instants per hour averaged for the clear-sky shape (sunrise and sunset hours get their fraction).
        public var solarSamplesPerHour: Int

        /// Creates options.
        public init(blendDays: Double = 15, solarSamplesPerHour: Int = 12) {
            self.blendDays = blendDays
            self.solarSamplesPerHour = solarSamplesPerHour
        }
    }

    /// Both series sets from the tables.
    /// - Throws: ``ProfileSynthesisError`` when a month's capacity factor cannot be met within [0, 1]
    ///   (more energy than its daylight hours can hold), or when tables a shape needs are absent.
    public static func synthesise(_ tables: ShapeTables, options: Options = Options()) throws(ProfileSynthesisError) -> SynthesisedProfiles {
        let (demand, blend) = demandMW(tables, blendDays: options.blendDays)
        var availability: [String: [Double]] = [:]
        var clipped: [String: Int] = [:]
        var problems: [String] = []
        var clearSky: [Double]?
        for profile in tables.profiles {
            let raw: [Double]
            switch profile.shape {
            case .flat:
                raw = [Double](repeating: 1, count: EnergySystem.hoursPerYear)
            case .clearSky:
                guard let site = tables.clearSky else {
                    problems.append("profile '\(profile.id)' has shape 'clear_sky' but no clear-sky parameters were given")
                    continue
                }
                if clearSky == nil { clearSky = SolarGeometry.hourlyClearSky(site: site, samplesPerHour: options.solarSamplesPerHour) }
                raw = clearSky!
            case .diurnal:
                guard let multipliers = tables.diurnalMultipliers[profile.id], multipliers.count == 24 else {
                    problems.append("profile '\(profile.id)' has shape 'diurnal' but no 24 diurnal multipliers")
                    continue
                }
                raw = (0..<EnergySystem.hoursPerYear).map { multipliers[$0 % 24] }
            }
            switch monthlyFit(raw, capacityFactors: profile.monthlyCapacityFactor) {
            case .success(let fit):
                availability[profile.id] = fit.values
                clipped[profile.id] = fit.clippedHours
            case .failure(let failure):
                problems.append("profile '\(profile.id)': the capacity factor \(profile.monthlyCapacityFactor[failure.month - 1]) of month \(failure.month) "
                                + "cannot be reached with hourly values in [0, 1] (too few hours with a non-zero shape)")
            }
        }
        guard problems.isEmpty else { throw ProfileSynthesisError(problems: problems) }
        return SynthesisedProfiles(demandMW: demand, availabilityIDs: tables.profiles.map(\.id), availability: availability,
                                   clippedHours: clipped, blendDays: blend)
    }
}

/// Why profiles cannot be synthesised from valid tables.
public struct ProfileSynthesisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every problem, one sentence each.
    public var problems: [String]

    /// Creates the error.
    public init(problems: [String]) { self.problems = problems }

    /// One problem per line.
    public var description: String { problems.joined(separator: "\n") }
}

/// The synthesised 8760-hour series (hour 0 = 1 January 00:00–01:00 local time).
public struct SynthesisedProfiles: Sendable, Equatable {
    /// Hourly demand, MW: each month's energy spread over its days and hours. The same shape serves every region column.
    public var demandMW: [Double]
    /// Availability profile ids in table order (the columns of `profiles.csv`).
    public var availabilityIDs: [String]
    /// Hourly availability fractions in [0, 1] by profile id; each month's mean is its capacity factor.
    public var availability: [String: [Double]]
    /// Hours clipped at 1 (their excess moved to the month's other hours) by profile id.
    public var clippedHours: [String: Int]
    /// The blend half-width actually used, days.
    public var blendDays: Double

    /// Creates a result.
    public init(demandMW: [Double], availabilityIDs: [String], availability: [String: [Double]], clippedHours: [String: Int], blendDays: Double) {
        self.demandMW = demandMW
        self.availabilityIDs = availabilityIDs
        self.availability = availability
        self.clippedHours = clippedHours
        self.blendDays = blendDays
    }
}
