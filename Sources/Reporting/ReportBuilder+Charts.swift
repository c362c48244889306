import EnergyModel
import Foundation

extension ReportBuilder {
    /// The period the hourly charts show: the one with the most unserved energy, else the last.
    static func focusPeriod(_ r: EnergyResults) -> Int? {
        let shortest = r.periods.max { ($0.unservedMWh, -$0.period) < ($1.unservedMWh, -$1.period) }
        if let shortest, hasShortfall(shortest) { return shortest.period }
        return r.periods.last?.period
    }

    /// Unserved energy above solver noise (one millionth of demand).
    static func hasShortfall(_ period: PeriodResults) -> Bool {
        period.unservedMWh > 1e-6 * max(period.demandMWh, 1)
    }

    /// One system-wide step: rows of all regions summed.
    struct SystemStep {
        var step: Int, hourOfYear: Int, month: Int, weight: Double
        var demand = 0.0, unserved = 0.0
        var generation: [Double]
    }

    static func systemSteps(_ hourly: HourlyResults, period: Int) -> [SystemStep] {
        var steps: [Int: SystemStep] = [:]
        for row in hourly.rows where row.period == period {
            var s = steps[row.step] ?? SystemStep(step: row.step, hourOfYear: row.hourOfYear, month: row.month, weight: row.weightHours,
                                                  generation: [Double](repeating: 0, count: hourly.carriers.count))
            s.demand += row.demandMW
            s.unserved += row.unservedMW
            for (i, mw) in row.generationMW.enumerated() where i < s.generation.count { s.generation[i] += mw }
            steps[row.step] = s
        }
        return steps.keys.sorted().map { steps[$0]! }
    }

    // MARK: dispatch

    static func dispatch(_ input: RunReportInput) -> ReportSection? {
        guard let hourly = input.hourly, let period = focusPeriod(input.results) else { return nil }
        let steps = systemSteps(hourly, period: period)
        guard !steps.isEmpty else { return nil }
        let window = min(168, steps.count)
        // Windows start on day boundaries (multiples of 24 steps).
        let starts = Array(stride(from: 0, through: steps.count - window, by: 24))
        func load(_ start: Int) -> Double { steps[start..<(start + window)].reduce(0.0) { $0 + $1.demand } }
        let loads = starts.map(load)
        guard let peak = starts.indices.max(by: { (loads[$0], -$0) < (loads[$1], -$1) }),
              let low = starts.indices.min(by: { (loads[$0], $0) < (loads[$1], $1) }) else { return nil }
        let chosen = input.results.resolution == "hourly"
            ? "The week is a real calendar week of the modelled year."
            : "The steps are \(window / 24) consecutive representative days in calendar order (each standing for several days of its month): not a chronological week."
        var blocks: [ReportBlock] = [.paragraph(text:
            "Dispatch of \(period) (the period with the most unserved energy, or the last one), system-wide, for the seven days "
            + "with the highest and the lowest demand. \(chosen) Storage charging is a load and is not drawn; the demand line excludes it.")]
        let windows = peak == low || loads[peak] - loads[low] <= 1e-9 * max(abs(loads[peak]), 1)
            ? [("dispatch-peak", "Dispatch in a seven-day window (every window has the same demand)", starts[peak])]
            : [("dispatch-peak", "Dispatch in the peak-demand week", starts[peak]), ("dispatch-low", "Dispatch in the lowest-demand week", starts[low])]
        for (id, title, start) in windows {
            let slice = Array(steps[start..<(start + window)])
            let used = hourly.carriers.indices.filter { c in slice.contains { $0.generation[c] > 1e-6 } }
            var series = used.map { c in ChartSpec.Series(name: hourly.carriers[c], values: slice.map { $0.generation[c] / 1e3 }) }
            if slice.contains(where: { $0.unserved > 1e-6 }) {
                series.append(.init(name: "unserved", values: slice.map { $0.unserved / 1e3 }))
            }
            blocks.append(.figure(ReportFigure(
                id: id, title: "\(title), \(period)",
                note: "From \(stepLabel(slice.first!.hourOfYear)) to \(stepLabel(slice.last!.hourOfYear)); GW by carrier, unserved demand on top (dark indigo), demand as a line.",
                chart: ChartSpec(kind: .stackedBars, xTitle: input.results.resolution == "hourly" ? "Hour" : "Representative hour",
                                 yTitle: "Power (GW)", categories: slice.map { stepLabel($0.hourOfYear) }, series: series,
                                 overlay: [.init(name: "demand", values: slice.map { $0.demand / 1e3 })]))))
        }
        return ReportSection(id: "dispatch", title: "Dispatch", blocks: blocks)
    }

    /// `3 Mar 14h` for an hour of the (365-day) year.
    static func stepLabel(_ hourOfYear: Int) -> String {
        var day = hourOfYear / 24
        let abbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        for (m, days) in TimeSlices.daysPerMonth.enumerated() {
            if day < days { return "\(day + 1) \(abbreviations[m]) \(String(format: "%02dh", hourOfYear % 24))" }
            day -= days
        }
        return "hour \(hourOfYear)"
    }

    // MARK: unserved heat map

    static func heatMap(_ input: RunReportInput) -> ReportFigure? {
        guard let hourly = input.hourly, let period = focusPeriod(input.results),
              input.results.periods.contains(where: { $0.period == period && hasShortfall($0) }) else { return nil }
        var energy = [[Double]](repeating: [Double](repeating: 0, count: 24), count: 12)
        var hours = energy
        for step in systemSteps(hourly, period: period) where (1...12).contains(step.month) {
            energy[step.month - 1][step.hourOfYear % 24] += step.weight * step.unserved
            hours[step.month - 1][step.hourOfYear % 24] += step.weight
        }
        let abbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let series = (0..<12).map { m in
            ChartSpec.Series(name: abbreviations[m], values: (0..<24).map { h in hours[m][h] > 0 ? energy[m][h] / hours[m][h] : 0 })
        }
        return ReportFigure(
            id: "unserved-heatmap", title: "Unserved demand by month and hour of day, \(period)",
            note: "Mean unserved power (MW) over the hours each cell stands for, all regions"
                + (input.results.resolution == "hourly" ? "." : "; with representative days each cell averages the chosen days of its month."),
            chart: ChartSpec(kind: .heatMap, xTitle: "Hour of day", yTitle: "MW", categories: (0..<24).map { String(format: "%02d", $0) },
                             series: series))
    }

    // MARK: price duration curve

    static func durationCurve(_ input: RunReportInput) -> ReportFigure? {
        guard let hourly = input.hourly, let period = focusPeriod(input.results) else { return nil }
        let regions = input.results.system?.regionOrder ?? Set(hourly.rows.map(\.region)).sorted()
        var series: [ChartSpec.Series] = [], xs: [[Double]] = []
        for region in regions {
            let rows = hourly.rows.filter { $0.period == period && $0.region == region }
                .sorted { ($0.priceUSDPerMWh, -$0.step) > ($1.priceUSDPerMWh, -$1.step) }
            guard !rows.isEmpty else { continue }
            var x: [Double] = [], y: [Double] = []
            var hours = 0.0
            for row in rows {
                // Each step is a flat segment as long as its weight; equal prices share one segment.
                if let last = y.last, last == row.priceUSDPerMWh {
                    hours += row.weightHours
                    x[x.count - 1] = hours
                    continue
                }
                x.append(hours)
                y.append(row.priceUSDPerMWh)
                hours += row.weightHours
                x.append(hours)
                y.append(row.priceUSDPerMWh)
            }
            series.append(.init(name: regionName(region, input.results), values: y))
            xs.append(x)
        }
        guard !series.isEmpty else { return nil }
        return ReportFigure(
            id: "price-duration", title: "Marginal-price duration curve, \(period)",
            note: "Each region's hourly marginal price sorted from highest to lowest against the hours of the year it holds"
                + (input.results.resolution == "hourly" ? "." : " (each representative hour counts for its weight)."),
            chart: ChartSpec(kind: .durationCurve, xTitle: "Hours of the year", yTitle: "USD/MWh", xBySeries: xs, series: series))
    }
}
