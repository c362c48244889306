/// One self-contained HTML file: inline CSS (screen and print), inline SVG charts, no scripts and
/// no network. The markup is well-formed XML (XHTML syntax), so XML tools can read it too.
public enum HTMLRenderer {
    /// The whole report.
    public static func render(_ document: ReportDocument) -> String {
        var out = ["<!DOCTYPE html>", "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">", "<head>",
                   "<meta charset=\"utf-8\"/>", "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>",
                   "<title>\(escape(document.title))</title>", "<style>", style, "</style>", "</head>", "<body>", "<main>",
                   "<header>", "<h1>\(escape(document.title))</h1>", "<p class=\"subtitle\">\(escape(document.subtitle))</p>", "</header>"]
        if !document.keyFindings.isEmpty {
            out += ["<section id=\"key-findings\" class=\"findings\">", "<h2>Key findings</h2>", "<ul>"]
            out += document.keyFindings.map { "<li>\(escape($0))</li>" }
            out += ["</ul>", "</section>"]
        }
        var tableNumber = 0, figureNumber = 0
        for section in document.sections {
            out += ["<section id=\"\(escape(section.id))\">", "<h2>\(escape(section.title))</h2>"]
            for block in section.blocks {
                switch block {
                case .paragraph(let text):
                    out.append("<p>\(escape(text))</p>")
                case .list(let items):
                    out.append("<ul>")
                    out += items.map { "<li>\(escape($0))</li>" }
                    out.append("</ul>")
                case .table(let table):
                    tableNumber += 1
                    out.append(self.table(table, number: tableNumber))
                case .figure(let figure):
                    figureNumber += 1
                    out += ["<figure id=\"figure-\(escape(figure.id))\">",
                            SVGChart.render(figure.chart, id: figure.id, title: figure.title).trimmingTrailingNewline,
                            "<figcaption><strong>Figure \(figureNumber). \(escape(figure.title)).</strong> \(escape(figure.note))</figcaption>",
                            "</figure>"]
                }
            }
            out.append("</section>")
        }
        out += ["<footer id=\"provenance\">", "<h2>Provenance</h2>", "<table class=\"provenance\">", "<tbody>"]
        out += document.provenance.map { "<tr><th scope=\"row\">\(escape($0.label))</th><td>\(escape($0.value))</td></tr>" }
        out += ["</tbody>", "</table>", "</footer>", "</main>", "</body>", "</html>"]
        return out.joined(separator: "\n") + "\n"
    }

    /// One table with its caption, units under the headings and footnotes in the table foot.
    public static func table(_ table: ReportTable, number: Int) -> String {
        var out = ["<table id=\"table-\(escape(table.name))\">",
                   "<caption>Table \(number). \(escape(table.title)) <code>\(escape(table.name))</code></caption>", "<thead>", "<tr>"]
        out += table.columns.map { column in
            let unit = column.unit.isEmpty ? "" : "<br/><span class=\"unit\">\(escape(column.unit))</span>"
            return "<th scope=\"col\" class=\"\(column.alignment.rawValue)\">\(escape(column.title))\(unit)</th>"
        }
        out += ["</tr>", "</thead>", "<tbody>"]
        for (index, row) in table.rows.enumerated() {
            let cells = zip(table.columns, row).map { column, cell in
                "<td class=\"\(column.alignment.rawValue)\">\(escape(MarkdownRenderer.text(cell)))</td>"
            }
            out.append((table.isTotal(index) ? "<tr class=\"total\">" : "<tr>") + cells.joined() + "</tr>")
        }
        out.append("</tbody>")
        if !table.footnotes.isEmpty {
            out += ["<tfoot>"]
            out += table.footnotes.enumerated().map {
                "<tr><td colspan=\"\(table.columns.count)\">\($0.offset + 1). \(escape($0.element))</td></tr>"
            }
            out.append("</tfoot>")
        }
        out.append("</table>")
        return out.joined(separator: "\n")
    }

    static let style = """
    body { font-family: Georgia, 'Times New Roman', serif; color: #1a1a1a; background: #ffffff; margin: 0; }
    main { max-width: 64rem; margin: 0 auto; padding: 1.5rem; }
    h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }
    h2 { font-size: 1.3rem; border-bottom: 1px solid #cccccc; padding-bottom: 0.2rem; margin-top: 2rem; }
    .subtitle { color: #555555; margin-top: 0; }
    .findings { background: #f4f7fb; border-left: 4px solid #2f6db5; padding: 0.2rem 1rem; }
    table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; font-family: Helvetica, Arial, sans-serif; }
    caption { text-align: left; font-weight: bold; padding-bottom: 0.4rem; font-family: Georgia, serif; }
    caption code { font-weight: normal; color: #666666; font-size: 0.8rem; }
    thead th { border-top: 2px solid #1a1a1a; border-bottom: 1px solid #1a1a1a; padding: 0.3rem 0.6rem; vertical-align: bottom; }
    tbody tr:last-child td { border-bottom: 2px solid #1a1a1a; }
    td { padding: 0.2rem 0.6rem; vertical-align: top; }
    tr.total td { font-weight: bold; border-top: 1px solid #999999; }
    .right { text-align: right; font-variant-numeric: tabular-nums; }
    .left { text-align: left; }
    .unit { font-weight: normal; color: #555555; font-size: 0.8rem; }
    tfoot td { font-size: 0.8rem; color: #444444; border: none; }
    figure { margin: 1.5rem 0; }
    figure svg { max-width: 100%; height: auto; }
    figcaption { font-size: 0.9rem; color: #333333; }
    table.provenance th { text-align: left; padding-right: 1rem; font-weight: normal; color: #555555; }
    table.provenance td { word-break: break-all; }
    @media print {
      main { max-width: none; padding: 0; }
      h2 { break-after: avoid; }
      table, figure { break-inside: avoid; }
      .findings { background: none; }
      a { color: inherit; text-decoration: none; }
    }
    """

    /// XML text and attribute escaping.
    static func escape(_ text: String) -> String { SVGChart.escape(text) }
}

extension String {
    var trimmingTrailingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
