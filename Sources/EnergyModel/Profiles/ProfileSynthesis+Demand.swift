extension ProfileSynthesis {
    /// First hour of each calendar month in the 365-day year (13 entries, the last is 8760).
    static let monthStartHours: [Int] = {
        var starts = [0]
        for days in TimeSlices.daysPerMonth { starts.append(starts.last! + 24 * days) }
        return starts
    }()

    /// Hourly demand (MW) of the twelve months: hour h of day d in month m is
    /// `1000·E_m / (24·N_m) · M_d(h)`, with `M_d` the season's 24-h multipliers (mean 1), blended
    /// linearly over `blendDays` either side of a season change. Each month is then rescaled so
    /// its hours sum to `1000·E_m` MWh exactly (the blend already does, up to rounding).
    /// Returns the series and the blend half-width used.
    public static func demandMW(_ tables: ShapeTables, blendDays: Double) -> ([Double], Double) {
        precondition(tables.monthlyDemand.count == 12, "twelve months of demand are needed")
        let seasons = tables.monthlyDemand.map(\.season)
        let startDay = monthStartHours.map { $0 / 24 }
        // Season changes: (first day of the new season, season before, season after).
        var changes: [(day: Int, before: String, after: String)] = []
        for month in 0..<12 where seasons[month] != seasons[(month + 11) % 12] {
            changes.append((startDay[month], seasons[(month + 11) % 12], seasons[month]))
        }
        var width = max(0, blendDays)
        if changes.count > 1 {
            let gaps = changes.indices.map { index -> Int in
                let next = changes[(index + 1) % changes.count].day
                return (next - changes[index].day + 365) % 365
            }
            width = min(width, Double(gaps.min()!) / 2)
        }
        var hourly = [Double](repeating: 0, count: EnergySystem.hoursPerYear)
        for month in 0..<12 {
            let days = TimeSlices.daysPerMonth[month]
            let energyMWh: Double = tables.monthlyDemand[month].energyGWh * 1000
            let perHour: Double = energyMWh / Double(24 * days)
            for day in startDay[month]..<startDay[month] + days {
                let multipliers = dayMultipliers(day: day, own: seasons[month], changes: changes, width: width, tables: tables)
                for hour in 0..<24 { hourly[day * 24 + hour] = perHour * multipliers[hour] }
            }
            let range = monthStartHours[month]..<monthStartHours[month + 1]
            let sum: Double = hourly[range].reduce(0, +)
            for hour in range { hourly[hour] *= energyMWh / sum }
        }
        return (hourly, width)
    }

    /// The 24 multipliers of one day: its season's, or near a season change the blend
    /// `(1 − w)·M_before + w·M_after` with `w = ½ + ½·δ/W`, δ the signed distance (days) of the
    /// day's midpoint from the change and W the half-width.
    static func dayMultipliers(day: Int, own: String, changes: [(day: Int, before: String, after: String)], width: Double,
                               tables: ShapeTables) -> [Double] {
        let ownSet = tables.seasonMultipliers[own]!
        guard width > 0 else { return ownSet }
        let midpoint: Double = Double(day) + 0.5
        var nearest: (delta: Double, before: String, after: String)?
        for change in changes {
            var delta: Double = midpoint - Double(change.day)
            if delta > 182.5 { delta -= 365 }
            if delta <= -182.5 { delta += 365 }
            if abs(delta) < abs(nearest?.delta ?? Double.infinity) { nearest = (delta, change.before, change.after) }
        }
        guard let nearest, abs(nearest.delta) < width else { return ownSet }
        let weight: Double = 0.5 + 0.5 * nearest.delta / width
        let before = tables.seasonMultipliers[nearest.before]!, after = tables.seasonMultipliers[nearest.after]!
        return (0..<24).map { (hour: Int) -> Double in (1 - weight) * before[hour] + weight * after[hour] }
    }
}
