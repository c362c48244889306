import Foundation

/// CSV: one table per file, the unit in each header (`capacity (MW)`), numbers with 12 significant
/// digits, footnotes left out (they are in the other formats).
public enum CSVRenderer {
    /// One table as CSV text, ending with a line break.
    public static func table(_ table: ReportTable) -> String {
        var lines = [table.columns.map { field($0.unit.isEmpty ? $0.title : "\($0.title) (\($0.unit))") }.joined(separator: ",")]
        for row in table.rows {
            lines.append(row.map { cell in
                switch cell {
                case .text(let text): field(text)
                case .number(let value, _): NumberText.full(value)
                case .empty: ""
                }
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A field, quoted when it holds a comma, quote or line break (RFC 4180).
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// JSON: the document value itself, keys sorted, pretty-printed.
public enum JSONRenderer {
    /// The document as JSON bytes (deterministic: sorted keys, numbers rounded to 12 significant
    /// digits so that the last bits of a floating-point sum cannot change the file).
    public static func render(_ document: ReportDocument) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var data = try encoder.encode(document.rounded())
        data.append(0x0A)
        return data
    }
}

extension ReportDocument {
    /// The document with every number rounded to 12 significant digits (cells and chart data).
    func rounded() -> ReportDocument {
        func r(_ x: Double) -> Double { x.isFinite ? Double(NumberText.full(x)) ?? x : x }
        func series(_ s: [ChartSpec.Series]) -> [ChartSpec.Series] { s.map { .init(name: $0.name, values: $0.values.map(r)) } }
        var copy = self
        copy.sections = sections.map { section in
            var section = section
            section.blocks = section.blocks.map { block in
                switch block {
                case .table(var table):
                    table.rows = table.rows.map { $0.map { if case .number(let x, let d) = $0 { .number(r(x), decimals: d) } else { $0 } } }
                    return .table(table)
                case .figure(var figure):
                    figure.chart.x = figure.chart.x.map(r)
                    figure.chart.xBySeries = figure.chart.xBySeries.map { $0.map(r) }
                    figure.chart.series = series(figure.chart.series)
                    figure.chart.overlay = series(figure.chart.overlay)
                    return .figure(figure)
                default: return block
                }
            }
            return section
        }
        return copy
    }
}
