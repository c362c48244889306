import EnergyModel
import Foundation
import Scenarios
import Testing

/// The Pakistan disruption library reads against the Pakistan model, every scenario cites an
/// event, and every overlay selects something.
@Suite("Pakistan disruption library")
struct PakistanLibraryTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyScenarioLoadsAndApplies() throws {
        let system = try CaseLoader.load(model: Self.repository.appendingPathComponent("Models/pakistan"),
                                         inputs: Self.repository.appendingPathComponent("Inputs/pakistan"))
        let library = try ScenarioLibrary.load(folder: Self.repository.appendingPathComponent("Inputs/pakistan/scenarios"), system: system)
        #expect(library.scenarios.count >= 12)
        for scenario in library.scenarios {
            #expect(scenario.event?.contains("[S") == true, "\(scenario.id) cites no dossier event")
            let (disrupted, _) = try library.apply(scenario, to: system)
            #expect(disrupted != system, "\(scenario.id) changes nothing")
        }
    }
}
