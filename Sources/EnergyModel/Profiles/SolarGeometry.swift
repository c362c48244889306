import Foundation

/// The sun's position and a clear-sky irradiance model, enough to shape an hourly solar profile.
///
/// Declination and the equation of time follow Spencer (1971), *Fourier series representation of
/// the position of the sun*; the air mass Kasten and Young (1989); the beam attenuation Meinel and
/// Meinel (1976), `τ^(AM^k)`. The result is a relative horizontal irradiance (no absolute level):
/// profiles are normalised to a capacity factor afterwards.
public enum SolarGeometry {
    /// The fractional year Γ (radians) of a moment: `2π (n − 1 + (utcHour − 12)/24) / 365`, day of year `n` 1...365.
    public static func dayAngle(dayOfYear: Int, utcHour: Double) -> Double {
        let days: Double = Double(dayOfYear - 1) + (utcHour - 12) / 24
        return 2 * Double.pi * days / 365
    }

    /// Solar declination δ (radians) at fractional year Γ (Spencer 1971).
    public static func declination(dayAngle g: Double) -> Double {
        let first: Double = 0.006918 - 0.399912 * cos(g) + 0.070257 * sin(g)
        let second: Double = -0.006758 * cos(2 * g) + 0.000907 * sin(2 * g)
        let third: Double = -0.002697 * cos(3 * g) + 0.00148 * sin(3 * g)
        return first + second + third
    }

    /// Equation of time (minutes, apparent minus mean solar time) at fractional year Γ (Spencer 1971).
    public static func equationOfTimeMinutes(dayAngle g: Double) -> Double {
        let terms: Double = 0.000075 + 0.001868 * cos(g) - 0.032077 * sin(g) - 0.014615 * cos(2 * g) - 0.040849 * sin(2 * g)
        return 229.18 * terms
    }

    /// Solar elevation (radians; negative below the horizon) at a local clock time.
    /// - Parameters:
    ///   - dayOfYear: 1...365 (day of the modelled year).
    ///   - clockHour: local standard (clock) time in hours since midnight, e.g. 12.5 for 12:30.
    ///   - site: latitude, longitude and the clock's UTC offset.
    public static func elevation(dayOfYear: Int, clockHour: Double, site: ShapeTables.ClearSky) -> Double {
        let utcHour: Double = clockHour - site.utcOffsetHours
        let g = dayAngle(dayOfYear: dayOfYear, utcHour: utcHour)
        let solarTime: Double = utcHour + site.longitudeDeg / 15 + equationOfTimeMinutes(dayAngle: g) / 60
        let hourAngle: Double = (solarTime - 12) * 15 * Double.pi / 180
        let latitude: Double = site.latitudeDeg * Double.pi / 180
        let delta = declination(dayAngle: g)
        let sine: Double = sin(latitude) * sin(delta) + cos(latitude) * cos(delta) * cos(hourAngle)
        return asin(max(-1, min(1, sine)))
    }

    /// Relative optical air mass at a solar elevation above the horizon (Kasten and Young 1989):
    /// `1 / (sin e + 0.50572 (e° + 6.07995)^−1.6364)`.
    public static func airMass(elevation: Double) -> Double {
        let degrees: Double = elevation * 180 / Double.pi
        return 1 / (sin(elevation) + 0.50572 * pow(degrees + 6.07995, -1.6364))
    }

    /// Relative clear-sky irradiance on a horizontal plane: `sin e · τ^(AM^k)` above the horizon, 0 below.
    public static func clearSkyIrradiance(elevation: Double, site: ShapeTables.ClearSky) -> Double {
        guard elevation > 0 else { return 0 }
        let beam: Double = pow(site.transmittance, pow(airMass(elevation: elevation), site.airMassExponent))
        return sin(elevation) * beam
    }

    /// The mean relative irradiance over each of the 8760 clock hours of a 365-day year
    /// (hour 0 = 1 January 00:00–01:00 local time), averaged over `samplesPerHour` equally spaced
    /// instants at the midpoints of sub-intervals, so sunrise and sunset hours get their fraction.
    public static func hourlyClearSky(site: ShapeTables.ClearSky, samplesPerHour: Int = 12) -> [Double] {
        precondition(samplesPerHour > 0, "samplesPerHour must be positive")
        var values = [Double](repeating: 0, count: EnergySystem.hoursPerYear)
        for hour in 0..<EnergySystem.hoursPerYear {
            let day = hour / 24 + 1
            var sum: Double = 0
            for sample in 0..<samplesPerHour {
                let clock: Double = Double(hour % 24) + (Double(sample) + 0.5) / Double(samplesPerHour)
                sum += clearSkyIrradiance(elevation: elevation(dayOfYear: day, clockHour: clock, site: site), site: site)
            }
            values[hour] = sum / Double(samplesPerHour)
        }
        return values
    }
}
