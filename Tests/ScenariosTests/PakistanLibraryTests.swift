import EnergyModel
import Foundation
import Scenarios
import Testing

/// The Pakistan disruption library reads against the Pakistan model, every scenario cites an
/// event (a dossier key, or a dated public report), and every overlay selects something.
@Suite("Pakistan disruption library")
struct PakistanLibraryTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyScenarioLoadsAndApplies() throws {
        let system = try CaseLoader.load(model: Self.repository.appendingPathComponent("Models/pakistan"),
                                         inputs: Self.repository.appendingPathComponent("Inputs/pakistan"))
        let library = try ScenarioLibrary.load(folder: Self.repository.appendingPathComponent("Inputs/pakistan/scenarios"), system: system)
        #expect(library.scenarios.count >= 12)
        for scenario in library.scenarios {
            // A dossier key, or for an event the dossier does not cover the public report in
            // brackets with its date, e.g. "(WAPDA via Dawn, 31 May 2025)".
            let event = scenario.event ?? ""
            let dated = event.range(of: #"\([^()]*\b20[0-9]{2}\b[^()]*\)"#, options: .regularExpression) != nil
            #expect(event.contains("[S") || dated, "\(scenario.id) cites no event: a dossier key or a dated public report")
            let (disrupted, _) = try library.apply(scenario, to: system)
            #expect(disrupted != system, "\(scenario.id) changes nothing")
        }
    }
}
