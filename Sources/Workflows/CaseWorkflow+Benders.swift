import Decomposition
import EnergyModel
import Foundation
import LinearProgramming

extension CaseWorkflow {
    /// The decomposition of a run (`--method benders`): the blocks of the case's program by period,
    /// GLPK for the master and the subproblems, the request's gap and time limit, one line of
    /// progress per iteration.
    /// - Throws: ``WorkflowError/decomposition(_:)`` for a mode whose rows span periods (deficit,
    ///   renewables, weighted) or a program the blocks do not fit.
    func bendersSolver(_ system: EnergySystem, options: FormulationOptions, mode: ObjectiveMode) throws -> BlockedBendersSolver {
        switch mode {
        case .cost, .pareto: break
        default:
            throw WorkflowError.decomposition("--method benders decomposes the cost and pareto modes; the \(mode.name) mode adds a row "
                                              + "over all periods, which no period's subproblem can hold (use --method auto)")
        }
        let blocks: BlockStructure
        do {
            blocks = try EnergyLP.build(system, options: options).bendersBlocks(by: .period)
        } catch let error as DecompositionError {
            throw WorkflowError.decomposition(error.description)
        }
        return decomposing(blocks)
    }

    /// The decomposition of a program with this block structure: the request's gap and time
    /// limit, GLPK for the master and the subproblems, one line of progress per iteration.
    func decomposing(_ blocks: BlockStructure) -> BlockedBendersSolver {
        let progress = self.progress
        let benders = BendersOptions(gap: request.gap, timeLimitSeconds: request.timeLimitSeconds)
        let names = blocks.blockCount <= 12 ? " (\(blocks.blockNames.joined(separator: ", ")))" : ""
        progress.say("  benders: \(blocks.blockCount) blocks\(names), \(blocks.masterColumnCount) master columns, gap \(request.gap)")
        return BlockedBendersSolver(blocks: blocks, options: benders) { step in
            progress.say(String(format: "  benders iteration %d: lower %.8g, upper %.8g, gap %.1e, %.0f s",
                                step.iteration, step.lowerBound, step.upperBound, step.gap, step.elapsedSeconds))
        }
    }
}
