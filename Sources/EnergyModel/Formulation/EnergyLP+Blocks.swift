import Decomposition
import LinearProgramming

extension EnergyLP {
    /// How an energy program is cut into Benders blocks.
    public enum BendersBlocking: String, Sendable, Hashable, CaseIterable {
        /// One block per modelled period: the dispatch of that period's steps.
        case period
    }

    /// The block structure of this program for ``Decomposition/BendersSolver``: the planning
    /// decisions in the master, the dispatch of each period in its own block.
    ///
    /// Read from the keyed variable stores, not from names:
    ///
    /// - **master**: capacity in service and builds (`K[g,y]`, `x[g,y]`, `P[s,y]`, `xs[s,y]`) of
    ///   every period, with the rows that hold only them: **BUILD** (capacity accounting) and
    ///   **RESERVE** (planning stage, per period), and the slack of a soft reserve margin; an
    ///   expandable corridor's capacity and builds (LINKX, `corridorCapacity`, `corridorBuild`) and
    ///   the reserve transfers between zones are master columns too.
    /// - **block y**: every step variable of period y (`p`, `u`, `c`, `d`, `e`, `q`, `q'`), and what
    ///   is linked to them through rows: per-step capacity copies, running totals of chained sums,
    ///   storage spill, soft-policy slacks. Their rows go with them: **EB**, **CAP**, **MINGEN**,
    ///   **STO**, **LINK** (step scope), **HYDRO**, **FUEL** (month scope), **RESHARE**, **CO2**,
    ///   **IMPORT**, **FXBILL** (period scope). Rows that hold a capacity (CAP, MINGEN, STO_C/D/E,
    ///   or the first link of a capacity copy chain) keep it as a master term, moved to the
    ///   right-hand side of the block's subproblem.
    ///
    /// RESHARE is a planning-stage family but its rows sum a period's dispatch, so they sit in
    /// the period's block: a hard renewable-share target the capacities cannot meet makes that
    /// block infeasible, and the decomposition answers with feasibility cuts.
    ///
    /// - Throws: ``DecompositionError/rowSpansBlocks(row:blocks:)`` when a row reaches two periods
    ///   (a family of horizon scope, or a row an objective mode added across periods, such as the
    ///   deficit mode's total unserved energy).
    public func bendersBlocks(by blocking: BendersBlocking = .period) throws(DecompositionError) -> BlockStructure {
        switch blocking {
        case .period:
            var partial = [BlockStructure.Assignment?](repeating: nil, count: program.variableCount)
            for store in [variables.capacity, variables.build, variables.storageCapacity, variables.storageBuild,
                          variables.corridorCapacity, variables.corridorBuild] {
                for r in store.indices {
                    for case let v? in store[r] { partial[v.index] = .master }
                }
            }
            for store in [variables.generation, variables.charge, variables.discharge, variables.stateOfCharge,
                          variables.flowForward, variables.flowBackward] + variables.unserved.segments {
                for r in store.indices {
                    for y in 0..<store.periodCount {
                        for v in store[r][y] { partial[v.index] = .block(y) }
                    }
                }
            }
            // The registry's time scope: only horizon-wide families may reach across periods.
            if let row = familyRows.first(where: { $0.family.timeScope == .horizon }) {
                throw .rowSpansBlocks(row: program.rowNames[row.row.index], blocks: periods.map { String($0.year) })
            }
            return try BlockStructure.completing(partial, blockNames: periods.map { String($0.year) }, of: program)
        }
    }
}
