import EnergyModel
import Foundation
import Testing

/// The plan type: MW by resource and period year, in a deterministic order, written as before.
@Suite("Capacity plans")
struct CapacityPlanTests {
    @Test func subscriptIterationAndMerge() {
        var plan: CapacityPlan = ["wind": [2035: 20, 2030: 10], "coal": [2030: 500]]
        #expect(plan["wind", 2030] == 10 && plan["wind", 2040] == nil && plan["solar", 2030] == nil)
        #expect(plan.map { "\($0.resource) \($0.year) \($0.mw)" } == ["coal 2030 500.0", "wind 2030 10.0", "wind 2035 20.0"])
        #expect(plan.resources == ["coal", "wind"] && plan.years(of: "wind") == [2030, 2035])
        let merged = plan.merging(["wind": [2030: 15], "solar": [2030: 5]])
        #expect(merged.entries.map(\.mw) == [500, 5, 15, 20])
        plan["coal", 2030] = nil
        #expect(!plan.contains(resource: "coal") && !plan.isEmpty)
        plan.transformCapacities(of: "wind") { $0 * 2 }
        #expect(plan == ["wind": [2030: 20, 2035: 40]])
        #expect(CapacityPlan().isEmpty && CapacityPlan(["x": [:]]).isEmpty)
    }

    /// The JSON is that of the year-keyed tables it replaces (robust.json stays byte-identical).
    @Test func encodesAsYearKeyedTables() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let plan: CapacityPlan = ["wind": [2035: 20.5, 2030: 10], "coal": [2030: 500]]
        let table: [String: [String: Double]] = ["wind": ["2035": 20.5, "2030": 10], "coal": ["2030": 500]]
        #expect(try encoder.encode(plan) == encoder.encode(table))
        #expect(try JSONDecoder().decode(CapacityPlan.self, from: encoder.encode(plan)) == plan)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CapacityPlan.self, from: Data(#"{"wind": {"later": 1}}"#.utf8)) }
    }
}
