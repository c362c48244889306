/// The time resolution a run asks for: every hour, or N representative days (`hourly`,
/// `repdays:N`, N a positive multiple of 12: the same number of days in every month).
/// The one parser of these spellings, for the CLI, schedule configurations and benchmarks.
public enum Resolution: Sendable, Hashable, CustomStringConvertible {
    /// All 8760 hours.
    case hourly
    /// `count` representative days (a positive multiple of 12).
    case representativeDays(Int)

    /// The rule a `repdays:N` value must follow, for error messages.
    public static let rule = "hourly or repdays:N with N a positive multiple of 12"

    /// Parses `hourly` or `repdays:N`; nil for anything else, or N not a positive multiple of 12.
    public init?(parsing text: String) {
        if text == "hourly" {
            self = .hourly
            return
        }
        guard text.hasPrefix("repdays:"), let count = Int(text.dropFirst(8)), count > 0, count % 12 == 0 else { return nil }
        self = .representativeDays(count)
    }

    /// `hourly` or `repdays:N`.
    public var description: String {
        switch self {
        case .hourly: "hourly"
        case .representativeDays(let count): "repdays:\(count)"
        }
    }

    /// The number of representative days, or nil for hourly.
    public var representativeDayCount: Int? {
        if case .representativeDays(let count) = self { return count }
        return nil
    }
}
