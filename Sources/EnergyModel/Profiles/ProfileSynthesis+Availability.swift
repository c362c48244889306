extension ProfileSynthesis {
    /// A fitted availability series.
    struct Fit {
        var values: [Double]
        var clippedHours: Int
    }

    /// Scales a raw hourly shape month by month so each month's mean equals its capacity factor:
    /// `p_t = CF_m · N_m · r_t / Σ_{t∈m} r_t`. Hours above 1 are clipped to 1 and their excess is
    /// spread over the month's other hours in proportion to `r_t` (repeated until none exceeds 1),
    /// which keeps the monthly mean exact. Fails with the month (1...12) whose target cannot be
    /// met (capacity factor above the share of hours with `r_t > 0`).
    static func monthlyFit(_ raw: [Double], capacityFactors: [Double]) -> Result<Fit, MonthFailure> {
        precondition(raw.count == EnergySystem.hoursPerYear && capacityFactors.count == 12, "8760 hours and 12 months are needed")
        var values = [Double](repeating: 0, count: raw.count)
        var clipped = 0
        for month in 0..<12 {
            let range = monthStartHours[month]..<monthStartHours[month + 1]
            guard let fitted = fitToMean(Array(raw[range]), mean: capacityFactors[month]) else { return .failure(MonthFailure(month: month + 1)) }
            values.replaceSubrange(range, with: fitted.values)
            clipped += fitted.clippedHours
        }
        return .success(Fit(values: values, clippedHours: clipped))
    }

    /// The month that could not be fitted.
    struct MonthFailure: Error {
        var month: Int
    }

    /// Scales `raw` (non-negative) to the mean `mean` with values in [0, 1] (clip and redistribute); nil if impossible.
    static func fitToMean(_ raw: [Double], mean: Double) -> Fit? {
        let target: Double = mean * Double(raw.count)
        guard target > 0 else { return Fit(values: [Double](repeating: 0, count: raw.count), clippedHours: 0) }
        let total: Double = raw.reduce(0, +)
        guard total > 0 else { return nil }
        var values = raw.map { (value: Double) -> Double in value * target / total }
        var atOne = [Bool](repeating: false, count: raw.count)
        for _ in 0..<raw.count {
            var excess: Double = 0
            for index in values.indices where !atOne[index] && values[index] > 1 {
                excess += values[index] - 1
                values[index] = 1
                atOne[index] = true
            }
            guard excess > 0 else { break }
            let free: Double = raw.indices.reduce(0) { (sum: Double, index: Int) -> Double in atOne[index] ? sum : sum + raw[index] }
            guard free > 0 else { return nil }
            for index in values.indices where !atOne[index] { values[index] += excess * raw[index] / free }
        }
        if values.contains(where: { $0 > 1 + 1e-12 }) { return nil }
        return Fit(values: values.map { min($0, 1) }, clippedHours: atOne.filter { $0 }.count)
    }
}
