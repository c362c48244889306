/// GitHub-flavoured Markdown: pipe tables with the unit under each heading, figures as links to
/// `figures/<id>.svg` (written beside the report), the provenance as a closing table.
public enum MarkdownRenderer {
    /// The whole report.
    public static func render(_ document: ReportDocument) -> String {
        var out = ["# \(inline(document.title))", "", "_\(inline(document.subtitle))_", ""]
        if !document.keyFindings.isEmpty {
            out += ["## Key findings", ""]
            out += document.keyFindings.map { "- \(inline($0))" }
            out.append("")
        }
        var tableNumber = 0, figureNumber = 0
        for section in document.sections {
            out += ["## \(inline(section.title))", ""]
            for block in section.blocks {
                switch block {
                case .paragraph(let text):
                    out += [inline(text), ""]
                case .list(let items):
                    out += items.map { "- \(inline($0))" }
                    out.append("")
                case .table(let table):
                    tableNumber += 1
                    out += ["**Table \(tableNumber). \(inline(table.title))** (`\(table.name)`)", ""]
                    out += [self.table(table), ""]
                case .figure(let figure):
                    figureNumber += 1
                    out += ["![Figure \(figureNumber). \(inline(figure.title))](figures/\(figure.id).svg)", "",
                            "*Figure \(figureNumber). \(inline(figure.title)).* \(inline(figure.note))", ""]
                }
            }
        }
        out += ["## Provenance", "", "| item | value |", "| --- | --- |"]
        out += document.provenance.map { "| \(cell($0.label)) | \(cell($0.value)) |" }
        return out.joined(separator: "\n") + "\n"
    }

    /// One table: the header with units in parentheses, the rows, the footnotes as a list.
    public static func table(_ table: ReportTable) -> String {
        let headings = table.columns.map { $0.unit.isEmpty ? cell($0.title) : "\(cell($0.title)) (\(cell($0.unit)))" }
        var lines = ["| " + headings.joined(separator: " | ") + " |",
                     "| " + table.columns.map { $0.alignment == .right ? "---:" : "---" }.joined(separator: " | ") + " |"]
        for (index, row) in table.rows.enumerated() {
            // Subtotal and total rows in bold.
            let cells = row.map { c in table.isTotal(index) && !text(c).isEmpty && c != .empty ? "**\(cell(text(c)))**" : cell(text(c)) }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        if !table.footnotes.isEmpty {
            lines.append("")
            lines += table.footnotes.enumerated().map { "\($0.offset + 1). \(inline($0.element))" }
        }
        return lines.joined(separator: "\n")
    }

    /// A cell's text as shown (numbers rounded to their decimals).
    static func text(_ cell: ReportCell) -> String {
        switch cell {
        case .text(let text): text
        case .number(let value, let decimals): NumberText.format(value, decimals: decimals)
        case .empty: "–"
        }
    }

    /// Text inside a table cell: pipes escaped, line breaks as spaces.
    static func cell(_ text: String) -> String {
        inline(text).replacingOccurrences(of: "|", with: "\\|")
    }

    /// Running text: line breaks as spaces, Markdown's emphasis characters escaped.
    static func inline(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\n", "\r": out.append(" ")
            case "*", "_", "`", "<", ">", "[", "]", "\\": out.append("\\"); out.append(c)
            default: out.append(c)
            }
        }
        return out
    }
}
