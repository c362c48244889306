import LinearProgramming

/// The **KVL** family: Kirchhoff's voltage law of the linearised (DC) power flow, in the cycle
/// form PyPSA uses: around every cycle of a basis of the line graph, the reactance-weighted
/// flows sum to zero.
struct KVLFamily: ConstraintFamily {
    static let traits = FamilyTraits(id: .KVL, meaning: "Kirchhoff's voltage law around cycles of lines", stage: .operating, timeScope: .step,
                                     rowUnit: "MW", rowScale: 1, shadowPriceUnit: "USD/MW", reportsBinding: false, policy: nil)

    static func sentence(_ indices: [String], shadowPrice: Double) -> String {
        BindingText.generic(traits.id, indices, shadowPrice: shadowPrice)
    }

    static func pypsa(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping {
        guard system.corridors.contains(where: { $0.line != nil }) else { return .absent }
        return .exported(as: "lines and transformers (x, s_nom, s_max_pu; extendable with s_nom_min, s_nom_max and capital_cost)")
    }

    static func build(_ builder: inout FormulationBuilder) {
        builder.addKirchhoffVoltageLaw()
    }
}

/// A cycle basis of the graph of AC lines and transformers.
public enum LineCycles {
    /// One cycle: the corridor (an index into ``EnergySystem/corridors``) that closes it, and
    /// every corridor on it with its orientation (+1 when the cycle runs `from → to`).
    public struct Cycle: Sendable, Equatable {
        /// The corridor outside the spanning forest that closes the cycle (names the KVL rows).
        public var closing: Int
        /// Corridors on the cycle and their orientation, the closing one first.
        public var members: [(corridor: Int, sign: Double)]

        public static func == (a: Cycle, b: Cycle) -> Bool {
            a.closing == b.closing && a.members.map(\.corridor) == b.members.map(\.corridor) && a.members.map(\.sign) == b.members.map(\.sign)
        }
    }

    /// The fundamental cycle basis of the lines of `system`: a breadth-first spanning forest over
    /// the regions (in their order, lines in file order), and one cycle per line outside it,
    /// closed through the forest. Every connected sub-network gets its own cycles; two parallel
    /// lines form a cycle of two. A radial network has none. The number of cycles is
    /// `lines − regions touched + sub-networks`, and any basis spans the same cycle space, so the
    /// feasible flows (and PyPSA's optimum) do not depend on this choice; the order is fixed so
    /// that LP files are deterministic.
    public static func basis(_ system: EnergySystem) -> [Cycle] {
        let lines = system.corridors.indices.filter { system.corridors[$0].line != nil }
        guard !lines.isEmpty else { return [] }
        var adjacent: [String: [(corridor: Int, other: String, sign: Double)]] = [:]
        for c in lines {
            let corridor = system.corridors[c]
            adjacent[corridor.from, default: []].append((c, corridor.to, 1))
            adjacent[corridor.to, default: []].append((c, corridor.from, -1))
        }
        // parent[r] = (corridor to the parent, sign of running parent → r along it), depth[r].
        var parent: [String: (corridor: Int, sign: Double, node: String)] = [:]
        var depth: [String: Int] = [:]
        var tree = Set<Int>()
        for root in system.regions.map(\.id) where depth[root] == nil && adjacent[root] != nil {
            depth[root] = 0
            var queue = [root], head = 0
            while head < queue.count {
                let node = queue[head]
                head += 1
                for edge in adjacent[node] ?? [] where depth[edge.other] == nil {
                    depth[edge.other] = depth[node]! + 1
                    parent[edge.other] = (edge.corridor, edge.sign, node)
                    tree.insert(edge.corridor)
                    queue.append(edge.other)
                }
            }
        }
        var cycles: [Cycle] = []
        for c in lines where !tree.contains(c) {
            let corridor = system.corridors[c]
            // u → v along the closing line, then v back to u through the forest: up from v to
            // the common ancestor (against each tree edge's parent → child sense), down to u.
            var up: [(Int, Double)] = [], down: [(Int, Double)] = []
            var a = corridor.to, b = corridor.from
            while a != b {
                if depth[a]! >= depth[b]! {
                    let p = parent[a]!
                    up.append((p.corridor, -p.sign))
                    a = p.node
                } else {
                    let p = parent[b]!
                    down.append((p.corridor, p.sign))
                    b = p.node
                }
            }
            cycles.append(Cycle(closing: c, members: [(c, 1)] + up + down.reversed()))
        }
        return cycles
    }
}

extension FormulationBuilder {
    /// **KVL** — for each cycle `c` of ``LineCycles/basis(_:)``, period y and step t:
    /// `Σ_{l∈c} C_lc · x_l / x̂_c · (q[l,y,t] − qr[l,y,t]) = 0`, with `C_lc = ±1` the line's
    /// orientation on the cycle, `x_l` its reactance (``LineFlow/reactancePU``) and `x̂_c` the
    /// largest reactance on the cycle (dividing by it leaves the row's solutions unchanged and
    /// its coefficients in (0, 1]). A line of zero reactance drops out of the sum, as in PyPSA.
    /// The thermal limits `|f| ≤ s_max_pu · s_nom` are LINK's (bounds, or rows with `S` when
    /// the line can be expanded; its reactance stays fixed, PyPSA's linear behaviour).
    mutating func addKirchhoffVoltageLaw() {
        let cycles = LineCycles.basis(system)
        for cycle in cycles {
            let reactances = cycle.members.map { system.corridors[$0.corridor].line!.reactancePU }
            guard let largest = reactances.max(), largest > 0 else { continue }
            let closing = system.corridors[cycle.closing].id
            for (y, period) in periods.enumerated() {
                for t in steps.indices {
                    var terms: [Term] = []
                    for (member, x) in zip(cycle.members, reactances) where x > 0 {
                        let weight = member.sign * x / largest
                        terms.append(weight * variables.flowForward[member.corridor, y, t])
                        terms.append(-weight * variables.flowBackward[member.corridor, y, t])
                    }
                    let row = lp.addRow("KVL[\(closing),\(period.year),\(stepName(t))]", terms, .fixed(0))
                    record(.KVL, [closing, String(period.year), stepName(t)], row, year: period.year)
                }
            }
        }
    }
}
