import Testing
import LinearProgramming
@testable import EnergyModel

/// The per-step capacity copies (docs/MODEL.md, "Sparse by construction") form a comb over the
/// storage blocks: a chain within each block, the blocks' first steps chained to one another.
@Suite struct CapacityCopyTests {
    /// Three blocks (representative days) of two steps, a buildable plant in b and an expandable
    /// corridor from a to b, demand different in every step.
    static func threeDays() -> (EnergySystem, TimeSlices) {
        let steps = (0..<6).map { TimeStep(hour: $0, weight: 1460, month: 1) }
        let time = TimeSlices(steps: steps, blocks: [0..<2, 2..<4, 4..<6])
        var peaker = Tiny.thermal("peaker", 0, cost: 60, region: "b")
        peaker.investment = Investment(capexUSDPerKW: 500, lifetimeYears: 25, maxCapacityMW: 200)
        let corridor = Corridor(id: "ab", from: "a", to: "b", capacityMW: 20, reverseCapacityMW: 20, lossFraction: 0.02,
                                investment: Investment(capexUSDPerKW: 300, lifetimeYears: 40, maxCapacityMW: 60))
        let system = Tiny.system(regions: ["a", "b"], generators: [Tiny.thermal("base", 300, cost: 20, region: "a"), peaker],
                                 corridors: [corridor],
                                 demand: [Tiny.demand("a", 2030, hours: [30, 40, 20, 50, 35, 25]),
                                          Tiny.demand("b", 2030, hours: [60, 95, 40, 120, 70, 85])])
        return (system, time)
    }

    /// The variable names in row `name`, with their coefficients.
    static func terms(of name: String, in program: LinearProgram) throws -> [String: Double] {
        let row = try #require(program.row(named: name), "no row \(name)")
        var terms: [String: Double] = [:]
        for e in program.entryRows.indices where program.entryRows[e] == row.index {
            terms[program.variableNames[program.entryVariables[e]]] = program.entryCoefficients[e]
        }
        return terms
    }

    /// `users`: the rows that use each copy (CAP for a plant; LINK forward and reverse for a corridor).
    @Test(arguments: [("K[peaker,2030]", 1), ("QL[ab,2030]", 2)])
    func copiesChainWithinABlockAndFromBlockToBlock(_ capacity: String, users: Int) throws {
        let (system, time) = Self.threeDays()
        let program = try EnergyLP.build(system, options: FormulationOptions(time: time, capacityCopies: true)).program
        // Step → the variable its copy is tied to: K for the first step, the step before within a
        // block, the first step of the block before for a block's first step.
        let parents = [0: capacity, 1: "\(capacity)_COPY[t0000]", 2: "\(capacity)_COPY[t0000]",
                       3: "\(capacity)_COPY[t0002]", 4: "\(capacity)_COPY[t0002]", 5: "\(capacity)_COPY[t0004]"]
        for (t, parent) in parents {
            let terms = try Self.terms(of: "\(capacity)_COPY_LINK[t000\(t)]", in: program)
            #expect(terms == ["\(capacity)_COPY[t000\(t)]": 1, parent: -1], "step \(t)")
        }
        // No copy column has more than three links (its own, the next step's and the next
        // block's) besides the rows that use it.
        for t in 0..<6 {
            let copy = try #require(program.variable(named: "\(capacity)_COPY[t000\(t)]"))
            #expect(program.entryVariables.filter { $0 == copy.index }.count <= 3 + users)
        }
    }

    @Test func theCombHasTheOptimumOfTheDirectForm() throws {
        let (system, time) = Self.threeDays()
        var objectives: [Double] = []
        var builds: [Double] = []
        for copies in [false, true] {
            let lp = try EnergyLP.build(system, options: FormulationOptions(time: time, capacityCopies: copies))
            for method in [SolverMethod.primalSimplex, .interiorPoint] {
                let result = try GLPKSolver(options: SolverOptions(method: method)).solve(lp.program)
                #expect(result.status == .optimal, "copies \(copies), \(method)")
                let solution = try #require(result.solution)
                objectives.append(lp.objectiveUSD(solution))
                builds.append(solution.values[try #require(lp.program.variable(named: "QL[ab,2030]")).index])
            }
        }
        // Both builds are used: the corridor grows beyond its 20 MW and the peaker covers the rest.
        #expect(builds[0] > 20 + 1e-6)
        for value in objectives.dropFirst() { #expect(close(value, objectives[0], 1e-7), "\(objectives)") }
    }
}
