import EnergyModel
import Foundation

/// One parameter of a sensitivity run (`bijli sensitivity --vary`, `--tornado`): the values it
/// takes and, for each value, the overlay of the scenario language that sets it
/// (docs/SCENARIOS.md, Sensitivity). A sweep point is nothing but overlays (and, for
/// `demand_variant`, the demand variant), so it composes with `--scenario` and `--overlay`.
///
/// Written as `TARGET[.NAMES]OP VALUES[@PERIODS]`, e.g. `fuel_price.rlng*=0.8:1.6:0.2@2030`:
///
/// - `TARGET`: an overlay target; `NAMES` (comma-separated) fill its main selector: the fuel of
///   `fuel_price`/`fuel_supply`, the resource of `capacity`/`availability`/`hydro_budget`, the
///   region of `demand`, the corridor of `corridor_capacity`, the policy of `policy`;
/// - `OP`: `*=` scale, `=` set, `+=` add;
/// - `VALUES`: `FROM:TO:STEP`, `LOW:HIGH` (the two ends) or a list `V1,V2,...`;
/// - `@PERIODS`: `@2030` (2030 and every later period) or `@2030-2035`.
///
/// Or a whole overlay with `$` where the value goes: `{target: demand, select: {region: south},
/// scale: $}=0.9:1.1:0.1`; or `demand_variant=low,medium,high`.
public struct SweepParameter: Sendable, Equatable {
    /// What a value changes.
    public enum Kind: Sendable, Equatable {
        /// An overlay: the YAML flow mapping with `$` where the value goes.
        case overlay(template: String)
        /// The demand variant of `demand.csv` (a value is a variant's name).
        case demandVariant
    }

    /// The parameter as written.
    public var text: String
    /// The flag it was given with (`--vary`, `--tornado`), for messages.
    public var flag: String = "--vary"
    /// A short name for tables and axes, e.g. `fuel_price.rlng (2030 on) ×`.
    public var label: String
    /// What a value changes.
    public var kind: Kind
    /// The values, as written in overlays and tables (`0.8`, `1`, `low`).
    public var values: [String]
    /// The values as numbers, nil for names (demand variants).
    public var numbers: [Double]? { kind == .demandVariant ? nil : values.map { Double($0) ?? .nan } }

    /// The overlay (a YAML flow mapping) that sets `value`; nil for a demand variant.
    public func overlay(for value: String) -> String? {
        guard case .overlay(let template) = kind else { return nil }
        return template.replacingOccurrences(of: "$", with: value)
    }

    /// The most points one parameter may have.
    public static let maximumValues = 100

    /// The main selector key of each target in the short form (nil: no names allowed).
    static func nameKey(of target: Overlay.Target) -> String? {
        switch target {
        case .fuelPrice, .fuelSupply, .fuelOfftake: "fuel"
        case .capacity, .availability, .hydroBudget, .committed: "resource"
        case .demand: "region"
        case .corridorCapacity: "corridor"
        case .policy: "policy"
        case .renewableCarriers: "carrier"
        case .exchangeRate: nil
        }
    }

    /// Reads a parameter; `flag` (`--vary`, `--tornado`) and the text name it in messages, and
    /// `years` are the case's period years (for `@PERIODS`).
    /// - Throws: ``ScenarioError`` saying what is wrong and how to write it. The overlays a value
    ///   makes are checked against the case later, as every `--overlay` is.
    public static func parse(_ text: String, flag: String, years: [Int]) throws(ScenarioError) -> SweepParameter {
        let origin = "\(flag) '\(text)'"
        func fail(_ message: String, _ suggestion: String) -> ScenarioError {
            ScenarioError(issues: [CaseIssue(file: origin, message: message, suggestion: suggestion)])
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let form = "write TARGET.NAME*=FROM:TO:STEP[@YEAR], e.g. 'fuel_price.rlng*=0.8:1.6:0.2@2030' (docs/SCENARIOS.md, Sensitivity)"
        if trimmed.hasPrefix("{") {
            // A whole overlay: the text up to its closing brace, then '=' and the values.
            var depth = 0
            var end: String.Index?
            for index in trimmed.indices {
                if trimmed[index] == "{" { depth += 1 }
                if trimmed[index] == "}" { depth -= 1; if depth == 0 { end = index; break } }
            }
            guard let end else { throw fail("the overlay has no closing '}'", "close the braces, then '=VALUES'") }
            let template = String(trimmed[...end])
            let rest = trimmed[trimmed.index(after: end)...].trimmingCharacters(in: .whitespaces)
            guard rest.hasPrefix("=") else { throw fail("'=VALUES' must follow the overlay", "e.g. '{target: demand, scale: $}=0.9:1.1:0.1'") }
            guard template.filter({ $0 == "$" }).count == 1 else {
                throw fail("the overlay must hold one '$' where each value goes", "e.g. '{target: demand, scale: $}=0.9:1.1:0.1'")
            }
            let values = try numbers(String(rest.dropFirst()), fail: fail)
            let short = template.count > 48 ? String(template.prefix(47)) + "…" : template
            return SweepParameter(text: text, flag: flag, label: short, kind: .overlay(template: template), values: values)
        }
        guard let equals = trimmed.firstIndex(of: "=") else { throw fail("no '=' between the parameter and its values", form) }
        var head = String(trimmed[..<equals])
        let tail = String(trimmed[trimmed.index(after: equals)...])
        if head == "demand_variant" {
            let names = tail.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !names.isEmpty, !names.contains(where: \.isEmpty) else {
                throw fail("no demand variants after '='", "list them, e.g. 'demand_variant=low,medium,high'")
            }
            guard Set(names).count == names.count else { throw fail("a demand variant is listed twice", "list each once") }
            return SweepParameter(text: text, flag: flag, label: "demand variant", kind: .demandVariant, values: names)
        }
        var operation = "set"
        if head.hasSuffix("*") { operation = "scale"; head.removeLast() } else if head.hasSuffix("+") { operation = "add"; head.removeLast() }
        let parts = head.split(separator: ".", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let targetName = parts.first ?? ""
        guard let target = Overlay.Target(rawValue: targetName) else {
            throw fail("unknown target '\(targetName)'",
                       Suggestion.advice(for: targetName, among: Overlay.Target.allCases.map(\.rawValue) + ["demand_variant"]) + "; " + form)
        }
        var valuePart = tail
        var periodPart: String?
        if let at = tail.lastIndex(of: "@") {
            valuePart = String(tail[..<at])
            periodPart = String(tail[tail.index(after: at)...]).trimmingCharacters(in: .whitespaces)
        }
        let values = try numbers(valuePart, fail: fail)
        var select: [String] = []
        if parts.count == 2 {
            guard let key = nameKey(of: target) else { throw fail("\(target.rawValue) takes no name", "write '\(target.rawValue)\(operation == "scale" ? "*" : "")=VALUES'") }
            let names = parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !names.isEmpty, !names.contains(where: \.isEmpty) else { throw fail("an empty name after '\(target.rawValue).'", form) }
            select.append("\(key): [\(names.joined(separator: ", "))]")
        } else if target == .policy {
            throw fail("a policy parameter must name the policy", "e.g. 'policy.renewable_share=0.3:0.5:0.1@2030'")
        }
        var label = head
        if let periodPart {
            guard target.selectorKeys.contains("periods") else {
                throw fail("\(target.rawValue) takes no periods", "leave out '@\(periodPart)' (docs/SCENARIOS.md lists each target's selectors)")
            }
            let bounds = periodPart.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (bounds.count == 1 || bounds.count == 2), let from = bounds.first ?? nil, let to = bounds.count == 2 ? bounds[1] : Int.max, from <= to else {
                throw fail("'@\(periodPart)' is not a period or range of periods", "write '@2030' (2030 and later) or '@2030-2035'")
            }
            let chosen = years.filter { (from...to).contains($0) }
            guard !chosen.isEmpty else {
                throw fail("no period of the case in '@\(periodPart)'", "the case's periods are \(years.map(String.init).joined(separator: ", "))")
            }
            select.append("periods: [\(chosen.map(String.init).joined(separator: ", "))]")
            label += bounds.count == 1 ? " (\(from) on)" : from == to ? " (\(from))" : " (\(from)–\(to))"
        }
        label += operation == "set" ? " =" : operation == "scale" ? " ×" : " +"
        let selectText = select.isEmpty ? "" : ", select: {\(select.joined(separator: ", "))}"
        let template = "{target: \(target.rawValue)\(selectText), \(operation): $}"
        return SweepParameter(text: text, flag: flag, label: label, kind: .overlay(template: template), values: values)
    }

    /// `FROM:TO:STEP`, `LOW:HIGH` or `V1,V2,...` as value texts (12 significant digits, so
    /// `0.8:1.6:0.2` gives 1.4, not 1.4000000000000001).
    static func numbers(_ text: String, fail: (String, String) -> ScenarioError) throws(ScenarioError) -> [String] {
        let form = "write FROM:TO:STEP (e.g. 0.8:1.6:0.2), LOW:HIGH, or a list V1,V2,..."
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var result: [Double] = []
        if trimmed.contains(":") {
            let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0?.isFinite == true }) else {
                throw fail("'\(trimmed)' is not a range of numbers", form)
            }
            let from = parts[0]!, to = parts[1]!
            if parts.count == 2 {
                result = [from, to]
            } else {
                let step = parts[2]!
                guard step > 0, from <= to else { throw fail("the range '\(trimmed)' needs FROM ≤ TO and a step above 0", form) }
                let count = Int(((to - from) / step + 1e-9).rounded(.down)) + 1
                guard count <= maximumValues else { throw fail("the range '\(trimmed)' has \(count) values, more than \(maximumValues)", "take a larger step") }
                result = (0..<count).map { from + Double($0) * step }
            }
        } else {
            let items = trimmed.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !items.isEmpty, items.allSatisfy({ $0?.isFinite == true }) else { throw fail("'\(trimmed)' is not a list of numbers", form) }
            result = items.map { $0! }
        }
        guard result.count <= maximumValues else { throw fail("\(result.count) values, more than \(maximumValues)", "give fewer values") }
        let texts = result.map { String(format: "%.12g", $0 == 0 ? 0 : $0) }
        guard Set(texts).count == texts.count else { throw fail("a value is given twice in '\(trimmed)'", "give each value once") }
        return texts
    }
}
