import Foundation

/// The economic rules of MODEL.md, each written once. The formulation, the results, the PyPSA
/// export and the scenarios all call these; none repeats them.
public enum Economics {
    /// The default cut-off of availabilities (``Settings/availabilityCutoff``): values below it
    /// are taken as 0, since a coefficient such as 1e-16 (the sine of a clear-sky shape at sunset)
    /// ruins the conditioning of the interior point's Newton system.
    public static let minimumAvailability = 1e-3

    /// The availability (or minimum-generation share) below which a value is 0 whatever the
    /// case's cut-off: floating-point noise such as the 1.2e-16 of `sin(π)` at sunset. Such a
    /// coefficient is below what GLPK can hold (the program's check refuses non-zeros under
    /// 1e-15) and below HiGHS's own `small_matrix_value` (1e-9), which drops it for PyPSA; on a
    /// capacity of 1 GW it is 1 W.
    public static let negligibleShare = 1e-9

    /// An availability with a case's cut-off applied: values below `cutoff` (and below
    /// ``negligibleShare`` in every case) become 0.
    @inline(__always)
    public static func cutOff(_ availability: Double, below cutoff: Double) -> Double {
        availability < max(cutoff, negligibleShare) ? 0 : availability
    }

    /// The availability `a[g,y,t]` of a generator in an hour of a period year: the period's
    /// disruption override (``EnergySystem/availabilityOverrides``) if there is one, else its
    /// hourly profile, or `1 − FOR`, with the case's cut-off (``Settings/availabilityCutoff``) applied.
    public static func availability(of generator: Generator, in system: EnergySystem, year: Int, hour: Int) -> Double {
        var a = 1 - generator.forcedOutageRate
        if let id = generator.availabilityProfile, let profile = system.profiles[id], profile.count == EnergySystem.hoursPerYear {
            a = profile[hour]
        }
        if let override = system.availabilityOverrides[generator.id]?[year] { a = override[hour] }
        return cutOff(a, below: system.settings.availabilityCutoff)
    }

    /// The minimum generation of a generator in an hour as a fraction of its capacity (MINGEN):
    /// `μ · a` with its minimum fraction, or `min(m_t, a)` with a minimum-generation profile, where
    /// `a` is ``availability(of:in:year:hour:)`` (so the minimum never exceeds what is available);
    /// 0 below ``negligibleShare``.
    public static func minimumGeneration(of generator: Generator, in system: EnergySystem, availability a: Double, hour: Int) -> Double {
        if let id = generator.minimumGenerationProfile, let profile = system.profiles[id], profile.count == EnergySystem.hoursPerYear {
            return cutOff(min(profile[hour], a), below: 0)
        }
        return cutOff(generator.minimumGenerationFraction * a, below: 0)
    }

    /// The segments `k` of unserved energy (MODEL.md, EB): the shallow ``Settings/sheddingSegments``
    /// in order, then the rest of demand, `1 − Σ share_k`, at VoLL. Without tiers this is one
    /// segment, all demand at VoLL (share exactly 1), so the program is the single-VoLL one.
    public static func unservedSegments(_ settings: Settings) -> [SheddingSegment] {
        let shallow = settings.sheddingSegments
        let rest = shallow.isEmpty ? 1 : 1 - shallow.reduce(0) { $0 + $1.shareOfDemand }
        return shallow + [SheddingSegment(shareOfDemand: rest, costUSDPerMWh: settings.vollUSDPerMWh)]
    }

    /// The capital recovery factor `i / (1 − (1 + i)^−life)` (`1 / life` when `i = 0`).
    public static func capitalRecoveryFactor(rate i: Double, lifetimeYears: Double) -> Double {
        guard i > 0 else { return 1 / lifetimeYears }
        return i / (1.0 - Foundation.pow(1.0 + i, -lifetimeYears))
    }

    /// Annualised capital cost per MW-year of a build: `capex · 1000 · CRF(i, life)`, USD.
    public static func annuityPerMW(_ investment: Investment, rate i: Double) -> Double {
        let capexPerMW: Double = investment.capexUSDPerKW * 1000.0
        // Written as `capex / life` without discounting, so that the value is the one the LP has
        // always carried (a product with `1 / life` may differ in the last bit).
        guard i > 0 else { return capexPerMW / investment.lifetimeYears }
        return capexPerMW * capitalRecoveryFactor(rate: i, lifetimeYears: investment.lifetimeYears)
    }

    /// The discount weight `δ_y · n_y` of a period: `(1 + i)^−(year − base year) · years represented`,
    /// what one USD in a year of the period weighs in the total discounted cost.
    public static func periodWeight(_ period: Period, settings: Settings) -> Double {
        let exponent = Double(period.year - settings.baseYear)
        let discount: Double = Foundation.pow(1.0 + settings.discountRate, -exponent)
        return discount * period.yearsRepresented
    }

    /// Whether a build variable exists in a period year: the year is at or after the first
    /// build year (if any), or a build is committed in it.
    public static func buildAllowed(_ investment: Investment, year: Int) -> Bool {
        let allowed = investment.firstBuildYear.map { year >= $0 } ?? true
        return allowed || (investment.committedMW[year] ?? 0) > 0
    }

    /// Whether a build made in `buildYear` is still in service in `year`: `build ≤ year < build + life`.
    public static func isAlive(builtIn buildYear: Int, lifetimeYears: Double, in year: Int) -> Bool {
        buildYear <= year && Double(year) < Double(buildYear) + lifetimeYears
    }

    /// Existing capacity still in service in `year` (0 from the retirement year on), MW.
    public static func existing(_ capacityMW: Double, retirementYear: Int?, year: Int) -> Double {
        if let retirementYear, year >= retirementYear { return 0 }
        return capacityMW
    }
}
