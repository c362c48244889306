import Testing
@testable import EnergyModel

/// The one place that assembles the series representative days are chosen on.
struct RepresentativeDaySeriesTests {
    @Test func profilesAndTheYearsDemandPerRegion() throws {
        let system = try TinyCase.load()
        let year = try #require(system.periods.first?.year)
        let series = system.representativeDaySeries(year: year)
        let regions = system.regions.map(\.id)
        #expect(Set(series.keys) == Set(system.profiles.keys).union(regions.map { "demand.\($0)" }))
        for region in regions {
            let demand = try #require(system.demand.first { $0.region == region && $0.year == year })
            #expect(series["demand.\(region)"] == demand.hourlyMW)
        }
        // Another period's demand differs; no year gives the profiles alone.
        if let later = system.periods.dropFirst().first?.year, let region = regions.first {
            #expect(system.representativeDaySeries(year: later)["demand.\(region)"] != series["demand.\(region)"])
        }
        #expect(Set(system.representativeDaySeries(year: nil).keys) == Set(system.profiles.keys))
    }
}
