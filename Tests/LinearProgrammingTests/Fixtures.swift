import LinearProgramming

/// Small programs with answers derived by hand or taken from the GLPK manual.
enum Fixtures {
    /// The GLPK reference manual's example (section 1.3):
    /// maximise 10x1 + 6x2 + 4x3 s.t. x1+x2+x3 ≤ 100, 10x1+4x2+5x3 ≤ 600, 2x1+2x2+6x3 ≤ 300, x ≥ 0.
    /// Optimum z = 2200/3 at x = (100/3, 200/3, 0); row duals (10/3, 2/3, 0).
    static func glpkManual(constant: Double = 0) -> LinearProgram {
        var lp = LinearProgram(name: "sample", sense: .maximize, objectiveConstant: constant)
        let x1 = lp.addVariable("x1", cost: 10)
        let x2 = lp.addVariable("x2", cost: 6)
        let x3 = lp.addVariable("x3", cost: 4)
        lp.addRow("p", [1 * x1, 1 * x2, 1 * x3], .atMost(100))
        lp.addRow("q", [10 * x1, 4 * x2, 5 * x3], .atMost(600))
        lp.addRow("r", [2 * x1, 2 * x2, 6 * x3], .atMost(300))
        return lp
    }

    /// x + y ≥ 10 and x + y ≤ 5: infeasible.
    static func infeasible() -> LinearProgram {
        var lp = LinearProgram(name: "infeasible")
        let x = lp.addVariable("x", cost: 1)
        let y = lp.addVariable("y", cost: 1)
        lp.addRow("low", [1 * x, 1 * y], .atLeast(10))
        lp.addRow("high", [1 * x, 1 * y], .atMost(5))
        return lp
    }

    /// maximise x + y s.t. x − y ≤ 1, x, y ≥ 0: unbounded along y.
    static func unbounded() -> LinearProgram {
        var lp = LinearProgram(name: "unbounded", sense: .maximize)
        let x = lp.addVariable("x", cost: 1)
        let y = lp.addVariable("y", cost: 1)
        lp.addRow("c", [1 * x, -1 * y], .atMost(1))
        return lp
    }

    /// A small economic dispatch: `hours` hours, three generators (cheap, mid, peaker) with
    /// capacities 50, 40, 100 MW and costs 10, 30, 80 per MWh, demand 60 + 30·(h mod 6) / 5,
    /// ramp limits on the mid unit, and unserved energy at 1000. Used for warm starts and batches.
    static func dispatch(hours: Int = 24, cheapCapacity: Double = 50) -> (LinearProgram, cheap: [Variable], demand: [Row]) {
        var lp = LinearProgram(name: "dispatch")
        var cheap: [Variable] = []
        var demand: [Row] = []
        var previousMid: Variable?
        for h in 0..<hours {
            let load: Double = 60.0 + 30.0 * Double(h % 6) / 5.0
            let a = lp.addVariable("p[cheap,\(h)]", bounds: .between(0, cheapCapacity), cost: 10)
            let b = lp.addVariable("p[mid,\(h)]", bounds: .between(0, 40), cost: 30)
            let c = lp.addVariable("p[peak,\(h)]", bounds: .between(0, 100), cost: 80)
            let u = lp.addVariable("u[\(h)]", cost: 1000)
            demand.append(lp.addRow("EB[\(h)]", [1 * a, 1 * b, 1 * c, 1 * u], .fixed(load)))
            if let previousMid {
                lp.addRow("RAMP[\(h)]", [1 * b, -1 * previousMid], .between(-10, 10))
            }
            previousMid = b
            cheap.append(a)
        }
        return (lp, cheap, demand)
    }
}

/// `|a − b| ≤ tolerance · max(1, |a|, |b|)`.
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}
