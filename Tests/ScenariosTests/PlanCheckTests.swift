import EnergyModel
import Foundation
import LinearProgramming
import Scenarios
import Testing

/// Issue 19: a plan that does not match the case was used anyway (a resource left out became a
/// decision again, "different numbers without a word"); huge or negative capacities reached the
/// solver. Each is refused, naming the plan file and the resource.
@Suite("Plans checked against the case")
struct PlanCheckTests {
    private func issues(_ plan: CapacityPlan, years: [Int] = [2030]) -> [CaseIssue] {
        do {
            try StressTest.checkPlan(plan, years: years, system: ScenarioTests.system(), file: "run/results.json")
            return []
        } catch {
            return error.issues
        }
    }

    @Test func aMatchingPlanPasses() {
        #expect(issues(["plant": [2030: 100]]).isEmpty)
    }

    @Test func aMissingResourceIsRefused() {
        var system = ScenarioTests.system()
        system.generators.append(Generator(id: "peaker", region: "r", technology: "ocgt", carrier: "gas", existingCapacityMW: 10, variableOMUSDPerMWh: 50))
        #expect(throws: ScenarioError.self) { try StressTest.checkPlan(["plant": [2030: 100]], years: [2030], system: system, file: "p.json") }
        do { try StressTest.checkPlan(["plant": [2030: 100]], years: [2030], system: system, file: "p.json") } catch {
            #expect(error.issues.map(\.description) == ["p.json: the plan has no capacity for resource 'peaker' in 2030; "
                + "give a plan written by `bijli run` for this case (a resource left out would be re-planned)"])
        }
    }

    /// A corridor that can be expanded (LINKX) is part of the plan: left out it would be re-planned.
    @Test func anExpandableCorridorIsPartOfThePlan() throws {
        var system = ScenarioTests.system()
        system.regions.append(Region(id: "s"))
        system.corridors = [Corridor(id: "link", from: "r", to: "s", capacityMW: 50,
                                     investment: Investment(capexUSDPerKW: 100, lifetimeYears: 40))]
        do {
            try StressTest.checkPlan(["plant": [2030: 100]], years: [2030], system: system, file: "p.json")
            Issue.record("a plan without the corridor passed")
        } catch {
            #expect(error.issues.map(\.message) == ["the plan has no capacity for resource 'link' in 2030"])
        }
        #expect(throws: Never.self) { try StressTest.checkPlan(["plant": [2030: 100], "link": [2030: 80]], years: [2030], system: system) }
    }

    @Test func extraResourcesYearsAndBadCapacitiesAreRefused() {
        let found = issues(["plant": [2030: 100, 2040: 1], "ghost": [2030: 5]]).map(\.message)
        #expect(found.contains { $0.contains("resource 'ghost', which the case does not have") })
        #expect(found.contains { $0.contains("year 2040 is not a period") })
        for bad in [-500, 1e308, .nan, .infinity] {
            let messages = issues(["plant": [2030: bad]])
            #expect(messages.count == 1 && messages[0].file == "run/results.json", "\(bad): \(messages)")
            #expect(messages.first?.message.contains("resource 'plant' in 2030") == true)
        }
    }

    @Test func stressAndMonteCarloCheckTheirPlans() throws {
        let library = try ScenarioTests.library(["same": ScenarioTests.header + "  - {target: demand, scale: 1}\n"]).get()
        #expect(throws: ScenarioError.self) {
            _ = try StressTest.run(system: ScenarioTests.system(), plan: ["plant": [2030: -500]], library: library, scenarios: [],
                                   options: FormulationOptions(time: .hourly), solver: GLPKSolver())
        }
        let spec = try MonteCarloTests.spec(MonteCarloTests.header + "shocks:\n  - {id: d, target: demand, sd: 0.1}\n").get()
        #expect(throws: ScenarioError.self) {
            _ = try MonteCarlo.run(system: ScenarioTests.system(), plan: ["plant": [2030: 1e308]], spec: spec, samples: 1, seed: 1,
                                   options: FormulationOptions(time: .hourly), solver: GLPKSolver())
        }
    }

    @Test func hugeScenarioValuesAreRefusedWithTheirPlace() throws {
        for (overlay, text) in [("{target: demand, scale: 1e308}", "'scale' is 1e+308"),
                                ("{target: capacity, set: 1e300}", "'set' is 1e+300"), ("{target: capacity, set: 1e10}", "capacity: 'set' is 10000000000.0"),
                                ("{target: fuel_price, add: 2e4}", "fuel_price: 'add' is 20000.0"),
                                ("{target: availability, add: 2}", "availability: 'add' is 2.0")] {
            guard case .failure(let error) = try ScenarioTests.library(["big": ScenarioTests.header + "  - \(overlay)\n"]) else {
                Issue.record("\(overlay) was accepted"); continue
            }
            #expect(error.issues.contains { $0.file.hasSuffix("big.yaml") && $0.line == 5 && $0.message.contains(text) }, "\(error.issues)")
        }
    }
}
