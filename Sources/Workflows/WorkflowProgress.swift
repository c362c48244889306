import LinearProgramming
import Scenarios

/// Where a workflow says what it is doing (loading, choosing days, each stage's solve, each case
/// of a sweep). Injected: the CLI prints to standard error, tests collect or ignore.
public protocol WorkflowProgress: Sendable {
    /// One progress line.
    func say(_ message: String)
    /// One finished case of a sweep.
    func sweep(_ step: StressTest.SweepProgress)
    /// A warning: something went wrong that does not stop the run (shown even when progress is not).
    func warn(_ message: String)
    /// What the solver of a single run is doing (``SolverProgress``), from the solving thread.
    func solver(_ event: SolverProgress)
}

extension WorkflowProgress {
    /// One line naming the case just solved.
    public func sweep(_ step: StressTest.SweepProgress) {
        say("\(step.finished)/\(step.total) \(step.id) solved")
    }

    /// The warning as a progress line.
    public func warn(_ message: String) { say(message) }

    /// Solver events are not shown unless a progress says how.
    public func solver(_ event: SolverProgress) {}
}

/// Progress that goes nowhere.
public struct SilentProgress: WorkflowProgress {
    /// Creates it.
    public init() {}
    /// Ignores the line.
    public func say(_ message: String) {}
    /// Ignores the step.
    public func sweep(_ step: StressTest.SweepProgress) {}
    /// Ignores the warning.
    public func warn(_ message: String) {}
    /// Ignores the event.
    public func solver(_ event: SolverProgress) {}
}
