import Foundation
import Testing
@testable import EnergyModel

/// `Inputs/<model>/snapshots.csv` (a case's own weighted steps, e.g. a PyPSA import) and regions
/// without demand (a PyPSA bus without load).
@Suite struct SnapshotsTests {
    static let snapshots = "# source: test\n# tag: ASSUMPTION\nhour,weight\n0,2\n5,1.5\n4000,3\n"

    func loaded(_ edit: (TinyCase.Variant) throws -> Void) throws -> EnergySystem {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-snapshots-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TinyCase.folder, to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let variant = TinyCase.Variant(root: root)
        try edit(variant)
        return try CaseLoader.load(model: variant.model, inputs: variant.inputs)
    }

    @Test func snapshotsBecomeOneCyclicBlockOfWeightedSteps() throws {
        #expect(try TinyCase.load().snapshots == nil)
        let system = try loaded { try $0.write("inputs/snapshots.csv", Self.snapshots) }
        let time = try #require(system.snapshots)
        #expect(time.steps == [TimeStep(hour: 0, weight: 2, month: 1), TimeStep(hour: 5, weight: 1.5, month: 1),
                               TimeStep(hour: 4000, weight: 3, month: 6)])
        #expect(time.blocks == [0..<3])
        #expect(system.sources.contains { $0.file == "snapshots.csv" && $0.key == "*" })
    }

    @Test func badSnapshotsAreReported() throws {
        let issues = try TinyCase.issues { try $0.write("inputs/snapshots.csv", "# source: test\n# tag: ASSUMPTION\nhour,weight\n3,1\n2,1\n9000,1\n7,0\n") }
        #expect(has(issues, file: "snapshots.csv", "hour 2 does not follow 3", line: 5))
        #expect(has(issues, file: "snapshots.csv", "hour 9000 is outside 0...8759", line: 6))
        #expect(has(issues, file: "snapshots.csv", "'weight' must be positive", line: 7))
        let untagged = try TinyCase.issues { try $0.write("inputs/snapshots.csv", "hour,weight\n0,1\n") }
        #expect(has(untagged, file: "snapshots.csv", "no '# tag:' line"))
    }

    @Test func aRegionMayHaveNoDemand() throws {
        let system = try loaded { variant in
            try variant.replace("inputs/demand.csv", "south,2030,5256,,illustrative", "south,2030,0,,illustrative")
        }
        let south = try #require(system.demand.first { $0.region == "south" && $0.year == 2030 })
        #expect(south.hourlyMW.count == 8760 && south.hourlyMW.allSatisfy { $0 == 0 })
        let north = try #require(system.demand.first { $0.region == "north" && $0.year == 2030 })
        #expect(abs(north.hourlyMW.reduce(0, +) - 10_512_000) < 1e-3)
    }

    @Test func aShapeSummingToZeroIsAnErrorOnlyWhereThereIsDemand() throws {
        var zeros = "# source: illustrative test fixture\n# tag: ASSUMPTION\nhour,north,south\n"
        for h in 0..<8760 { zeros += "\(h),1,0\n" }
        let issues = try TinyCase.issues { try $0.write("inputs/demand_profile.csv", zeros) }
        #expect(has(issues, file: "demand_profile.csv", "demand shape of 'south' sums to 0", line: 3))
        #expect(issues.filter { $0.message.contains("sums to 0") }.count == 1)
        let fine = try TinyCase.issues { variant in
            try variant.write("inputs/demand_profile.csv", zeros)
            try variant.replace("inputs/demand.csv", "south,2025,4380,800,", "south,2025,0,,")
            try variant.replace("inputs/demand.csv", "south,2030,5256,,", "south,2030,0,,")
        }
        #expect(fine.isEmpty, "\(fine)")
    }
}
