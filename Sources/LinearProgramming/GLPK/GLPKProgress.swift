/// One progress line of GLPK's simplex or interior point, parsed.
///
/// Simplex (`spxprim.c`/`spydual.c`, GLPK 5.0): `*   123: obj =  1.234e+05 inf =  0.000e+00 (0) 2`:
/// a mark (` ` searching a feasible point, `*` feasible, `#` the dual simplex's phase 2 on its
/// working bounds), the iteration, the objective, the sum of primal infeasibilities, then counts.
/// Interior point: `  12: obj =   9.15e+03; rpi =  1.5e-12; rdi =  2.5e-16; gap =  9.4e-07`.
struct GLPKProgressLine: Equatable {
    /// 1 or 2 for a simplex line, `nil` for an interior-point line.
    var phase: Int?
    var iteration: Int
    var objective: Double
    /// Simplex: the sum of infeasibilities (`inf`).
    var infeasibility: Double?
    /// Interior point: `rpi`, `rdi`, `gap`.
    var residuals: InteriorResiduals?

    /// The line parsed, or `nil` when it is not a progress line.
    static func parse(_ line: Substring) -> GLPKProgressLine? {
        var rest = line[...]
        var mark: Character = " "
        if let first = rest.first, first == "*" || first == "#" {
            mark = first
            rest = rest.dropFirst()
        }
        rest = rest.drop { $0 == " " }
        guard let colon = rest.firstIndex(of: ":"), let iteration = Int(rest[..<colon]) else { return nil }
        let body = rest[rest.index(after: colon)...]
        guard let objective = value(after: "obj =", in: body) else { return nil }
        if body.contains("rpi =") {
            guard let rpi = value(after: "rpi =", in: body), let rdi = value(after: "rdi =", in: body),
                  let gap = value(after: "gap =", in: body) else { return nil }
            return GLPKProgressLine(phase: nil, iteration: iteration, objective: objective, infeasibility: nil,
                                    residuals: InteriorResiduals(primal: rpi, dual: rdi, gap: gap))
        }
        guard let inf = value(after: "inf =", in: body) else { return nil }
        return GLPKProgressLine(phase: mark == " " ? 1 : 2, iteration: iteration, objective: objective,
                                infeasibility: inf, residuals: nil)
    }

    /// The number that follows `key` (spaces skipped; ends at a space or `;`).
    private static func value(after key: String, in text: Substring) -> Double? {
        guard let range = text.range(of: key) else { return nil }
        let number = text[range.upperBound...].drop { $0 == " " }.prefix { $0 != " " && $0 != ";" }
        return Double(number)
    }
}

/// Turns GLPK's output and the steps of a solve into ``SolverProgress`` events for the observer
/// of ``SolverOptions/progress``. Lives on the solving thread for one solve.
final class GLPKProgressReporter {
    private let observer: SolverProgressObserver
    private let clock: ContinuousClock
    private let start: ContinuousClock.Instant
    private var stage: SolveStep.Kind = .simplex
    private var method: SolverMethod = .primalSimplex

    init(observer: SolverProgressObserver, clock: ContinuousClock, start: ContinuousClock.Instant) {
        self.observer = observer
        self.clock = clock
        self.start = start
    }

    private var elapsed: Double { (clock.now - start).seconds }

    /// A step begins: later lines belong to it.
    func begin(_ stage: SolveStep.Kind, _ method: SolverMethod, why: String) {
        self.stage = stage
        self.method = method
        observer(SolverProgress(stage: stage, event: .started, method: method, elapsedSeconds: elapsed, message: why))
    }

    /// A step ended.
    func end(_ step: SolveStep) {
        observer(SolverProgress(stage: step.kind, event: .finished, method: step.method, iteration: step.iterations,
                                 elapsedSeconds: elapsed, message: step.summary))
    }

    /// One line of GLPK's output.
    func consume(_ line: Substring) {
        guard observer.isActive else { return }
        if line.hasPrefix("Preprocessing") {
            observer(SolverProgress(stage: stage, event: .presolve, method: method, elapsedSeconds: elapsed))
        } else if let parsed = GLPKProgressLine.parse(line) {
            observer(SolverProgress(
                stage: stage, event: .iteration, method: method, phase: parsed.phase, iteration: parsed.iteration,
                objective: parsed.objective, primalInfeasibility: parsed.residuals?.primal ?? parsed.infeasibility,
                dualInfeasibility: parsed.residuals?.dual, gap: parsed.residuals?.gap, elapsedSeconds: elapsed))
        }
    }
}
