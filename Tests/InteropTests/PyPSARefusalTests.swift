import EnergyModel
import Foundation
import Interop
import Testing

/// What Bijli cannot express is refused, naming file, component and attribute (docs/PYPSA.md).
@Suite struct PyPSARefusalTests {
    /// Converts a fixture after `edit` changed its copy; returns the problems (empty if it converts).
    func problems(_ fixture: String, _ edit: (URL) throws -> Void) throws -> [PyPSAError.Problem] {
        try PyPSAFixtures.problems(fixture, edit)
    }

    func write(_ folder: URL, _ file: String, _ text: String) throws {
        try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
    }

    @Test func anUnsupportedAttributeIsRefusedByName() throws {
        let found = try problems("merit_order") { folder in
            try write(folder, "generators.csv", """
                name,bus,p_nom,marginal_cost,capital_cost,ramp_limit_up
                coal,town,100.0,30.0,1000.0,
                gas,town,80.0,60.0,0.0,0.5
                oil,town,100.0,120.0,0.0,

                """)
        }
        #expect(found.count == 1)
        let problem = try #require(found.first)
        #expect(problem.file == "generators.csv")
        #expect(problem.component == "generator 'gas'")
        #expect(problem.attribute == "ramp_limit_up")
        #expect(problem.description == "generators.csv: generator 'gas': attribute 'ramp_limit_up': value '0.5' is not supported (PyPSA's default is blank): Bijli has no ramping constraints")
    }

    @Test func aDefaultValueOfAnUnsupportedAttributeIsAccepted() throws {
        // PyPSA writes a column when any row differs; rows at the default are fine.
        let found = try problems("merit_order") { folder in
            try write(folder, "generators.csv", """
                name,bus,p_nom,marginal_cost,capital_cost,committable,min_up_time
                coal,town,100.0,30.0,1000.0,False,0
                gas,town,80.0,60.0,0.0,False,0
                oil,town,100.0,120.0,0.0,False,0

                """)
        }
        #expect(found.isEmpty)
    }

    @Test func unsupportedComponentsAreRefusedAndUnknownColumnsIgnored() throws {
        let found = try problems("merit_order") { folder in
            try write(folder, "shunt_impedances.csv", "name,bus,g\nshunt,town,0.1\n")
            try write(folder, "loads.csv", "name,bus,my_column\ndemand,town,1\n")
        }
        #expect(found.map(\.file) == ["shunt_impedances.csv"])
        #expect(found.first?.message.contains("shunt impedances are not supported") == true)
        // PyPSA carries columns it does not know and ignores them; so does Bijli, saying so.
        let scratch = try PyPSAFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let folder = try PyPSAFixtures.copy("merit_order", into: scratch)
        try write(folder, "loads.csv", "name,bus,my_column\ndemand,town,1\n")
        try write(folder, "line_types.csv", "name,f_nom,r_per_length\nAl/St 240/40 2-bundle 220.0,50,0.06\n")
        try write(folder, "readme.txt", "exported by hand\n")
        let notes = try PyPSAImport.convert(folder: folder).notes
        #expect(notes.contains("loads.csv: ignored 'my_column' (not a pypsa 1.4.0 attribute): no effect on the optimum of a transport model"), "\(notes)")
        #expect(notes.contains { $0.hasPrefix("line_types.csv: ignored") })
        #expect(notes.contains { $0.hasPrefix("ignored file(s) 'readme.txt'") })
    }

    @Test func aTimeVaryingMarginalCostIsRefused() throws {
        let found = try problems("merit_order") { folder in
            try write(folder, "generators-marginal_cost.csv", ",gas\n0,60\n1,61\n2,62\n3,63\n")
        }
        #expect(found.map(\.description) == ["generators-marginal_cost.csv: generator 'gas': attribute 'marginal_cost': time-varying values are not supported: Bijli reads it as a constant only, or not at all"])
    }

    @Test func storageWithNegativeInflowInitialStateOrLevelIsRefused() throws {
        let found = try problems("cyclic_storage") { folder in
            try write(folder, "storage_units.csv", """
                name,bus,p_nom_extendable,capital_cost,max_hours,efficiency_store,efficiency_dispatch,standing_loss,cyclic_state_of_charge,state_of_charge_initial,marginal_cost
                battery,island,True,50.0,3.0,0.95,0.9,0.01,False,-2,1.0

                """)
            try write(folder, "storage_units-inflow.csv", ",battery\n0,0\n1,-5\n2,0\n3,0\n4,0\n5,0\n")
            try write(folder, "storage_units-state_of_charge_set.csv", ",battery\n0,\n1,nan\n2,-3\n3,\n4,\n5,\n")
        }
        #expect(found.contains { $0.file == "storage_units-state_of_charge_set.csv" && $0.attribute == "state_of_charge_set" && $0.message.contains("'-3'") })
        #expect(found.contains { $0.attribute == "state_of_charge_initial" && $0.component == "storage unit 'battery'" && $0.message.contains("-2.0") })
        #expect(found.contains { $0.attribute == "inflow" && $0.message.contains("negative inflow -5.0") })
        #expect(!found.contains { $0.attribute == "cyclic_state_of_charge" })
    }

    /// PyPSA counts a non-cyclic storage unit's initial minus final state of charge, times its
    /// carrier's emissions, in a CO2 limit; a cyclic unit's change is 0, so it is read.
    @Test func anEmittingCarrierIsRefusedOnlyOnStorageThatIsNotCyclic() throws {
        func storage(cyclic: Bool) -> (URL) throws -> Void {
            { folder in
                try write(folder, "carriers.csv", "name,co2_emissions\nhydrogen,0.2\n")
                try write(folder, "storage_units.csv", """
                    name,bus,carrier,p_nom_extendable,capital_cost,max_hours,efficiency_store,efficiency_dispatch,cyclic_state_of_charge
                    battery,island,hydrogen,True,50.0,3.0,0.95,0.9,\(cyclic ? "True" : "False")

                    """)
            }
        }
        #expect(try problems("cyclic_storage", storage(cyclic: true)).isEmpty)
        let found = try problems("cyclic_storage", storage(cyclic: false))
        #expect(found.map(\.attribute) == ["carrier"])
        #expect(found.first?.message.contains("not cyclic") == true)
    }

    /// A store's energy is read as free between 0 and e_nom, unpriced: limits on it, a price on
    /// its withdrawal and a changing standing loss are refused by name.
    @Test func storesWithEnergyLimitsOrPricesAreRefused() throws {
        let found = try problems("merit_order") { folder in
            try write(folder, "stores.csv", """
                name,bus,e_nom,e_max_pu,e_min_pu,marginal_cost,e_cyclic,e_initial
                tank,town,100,0.9,0.1,2,False,-5

                """)
            try write(folder, "stores-standing_loss.csv", ",tank\n0,0.01\n1,0.02\n2,0.01\n3,0.01\n")
        }
        #expect(Set(found.map(\.attribute)) == ["e_max_pu", "e_min_pu", "marginal_cost", "e_initial", "standing_loss"], "\(found)")
        #expect(found.allSatisfy { $0.component == "store 'tank'" })
        #expect(found.first { $0.attribute == "e_max_pu" }?.message.contains("free between 0 and e_nom") == true)
    }

    @Test func aLossyLinkThatFlowsBackwardsIsRefused() throws {
        let found = try problems("two_buses_link") { folder in
            try write(folder, "links.csv", "name,bus0,bus1,p_nom,efficiency,p_min_pu\nhvdc,north,south,90.0,0.95,-1\n")
        }
        #expect(found.map(\.attribute) == ["p_min_pu"])
    }

    /// PyPSA charges a link's marginal cost on p0, so a backward flow earns it; Bijli charges a
    /// corridor's flow cost both ways. A one-way link with a cost is read; a two-way one refused.
    @Test func aPricedLinkThatFlowsBackwardsIsRefused() throws {
        let oneWay = try problems("two_buses_link") { folder in
            try write(folder, "links.csv", "name,bus0,bus1,p_nom,efficiency,marginal_cost\nhvdc,north,south,90.0,0.95,3\n")
        }
        #expect(oneWay.isEmpty, "\(oneWay)")
        let twoWay = try problems("two_buses_link") { folder in
            try write(folder, "links.csv", "name,bus0,bus1,p_nom,p_min_pu,marginal_cost\nhvdc,north,south,90.0,-1,3\n")
        }
        #expect(twoWay.map(\.attribute) == ["marginal_cost"])
        #expect(twoWay.first?.message.contains("Split it into two one-way links") == true)
    }

    @Test func committableGeneratorsAreRefusedWithUnitCommitmentNamed() throws {
        let found = try problems("merit_order") { folder in
            try write(folder, "generators.csv", "name,bus,p_nom,marginal_cost,committable,min_up_time\ncoal,town,100,30,True,3\ngas,town,80,60,False,0\n")
        }
        #expect(found.map(\.description) == [
            "generators.csv: generator 'coal': attribute 'committable': value 'True' is not supported (PyPSA's default is False): unit commitment is not modelled (Bijli solves a linear program)",
            "generators.csv: generator 'coal': attribute 'min_up_time': value '3' is not supported (PyPSA's default is 0): unit commitment is not modelled",
        ])
    }

    @Test func aMinimumAboveTheAvailabilityIsRefused() throws {
        let found = try problems("merit_order") { folder in
            try write(folder, "generators-p_max_pu.csv", ",coal\n0,1\n1,0.4\n2,1\n3,1\n")
            try write(folder, "generators-p_min_pu.csv", ",coal\n0,0.2\n1,0.5\n2,0.5\n3,0.2\n")
        }
        #expect(found.map(\.description) == ["generators-p_min_pu.csv: generator 'coal': attribute 'p_min_pu': must be in [0, p_max_pu] (PyPSA's problem is infeasible otherwise, and Bijli's minimum generation is ≥ 0); at snapshot '1' it is 0.5 with p_max_pu 0.4"])
    }

    @Test func multiPeriodNetworksAndOtherConstraintsAreRefused() throws {
        let found = try problems("co2_limit") { folder in
            try write(folder, "network.csv", "name,_multi_invest,pypsa_version,srid\nco2_limit,1,1.4.0,4326\n")
            try write(folder, "global_constraints.csv", "name,type,sense,constant\nlimit,transmission_volume_expansion_limit,<=,10\n")
        }
        #expect(found.contains { $0.attribute == "_multi_invest" })
        #expect(found.contains { $0.attribute == "type" && $0.component == "global constraint 'limit'" })
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let found = try problems("merit_order") { folder in
            try write(folder, "generators.csv", "name,bus,p_nom,committable,marginal_cost_quadratic\ncoal,nowhere,100,True,0.1\n")
        }
        #expect(Set(found.map(\.attribute)) == ["bus", "committable", "marginal_cost_quadratic"])
    }
}

/// A network exported after PyPSA solved it carries results; they are skipped, not refused.
@Suite struct PyPSASolvedExportTests {
    @Test func resultsOfAnEarlierSolveAreSkipped() throws {
        let scratch = try PyPSAFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let folder = try PyPSAFixtures.copy("cyclic_storage", into: scratch)
        func write(_ file: String, _ text: String) throws { try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8) }
        // As pypsa 1.4.0 writes them after n.optimize().
        try write("network.csv", "name,_linearized_uc,_multi_invest,_objective,_objective_constant,pypsa_version,srid\ncyclic_storage,0,0,13713.07,0.0,1.4.0,4326\n")
        try write("buses.csv", "name,control,generator,sub_network\nisland,Slack,solar,0\n")
        try write("storage_units.csv", """
            name,bus,p_nom_extendable,marginal_cost,capital_cost,cyclic_state_of_charge,max_hours,efficiency_store,efficiency_dispatch,standing_loss,p_nom_opt
            battery,island,True,1.0,50.0,True,3.0,0.95,0.9,0.01,60.0

            """)
        try write("generators-p.csv", ",solar,diesel\n0,0,40\n1,72,0\n2,120,0\n3,96,0\n4,12,0\n5,0,0\n")
        try write("buses-marginal_price.csv", ",island\n0,100\n1,0\n2,0\n3,0\n4,100\n5,100\n")
        try write("sub_networks.csv", "name,carrier,slack_bus\n0,AC,island\n")
        let expected = try PyPSAFixtures.expected("cyclic_storage")
        let (system, _) = try PyPSAImport.load(folder: folder)
        let solved = try SolvedCase(system)
        #expect(abs(solved.objectiveUSD - expected.total_cost) <= 1e-6 * expected.total_cost)
    }
}
