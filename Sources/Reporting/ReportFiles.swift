import Foundation

/// The files of a rendered report, by path relative to the run folder: `report.md`,
/// `report.html`, `report.tex`, `report.json`, `figures/<id>.svg|.pdf` and `tables/<name>.md|.tex|.csv`.
public enum ReportFiles {
    /// Every file of a document (deterministic bytes).
    public static func files(for document: ReportDocument) throws -> [String: Data] {
        var files: [String: Data] = [
            "report.md": Data(MarkdownRenderer.render(document).utf8),
            "report.html": Data(HTMLRenderer.render(document).utf8),
            "report.tex": Data(LaTeXRenderer.render(document).utf8),
            "report.json": try JSONRenderer.render(document),
        ]
        for figure in document.figures {
            let svg = SVGChart.render(figure.chart, id: figure.id, title: figure.title)
            files["figures/\(figure.id).svg"] = Data(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg).utf8)
            files["figures/\(figure.id).pdf"] = PDFChart.render(svg: svg)
        }
        for table in document.tables {
            files["tables/\(table.name).md"] = Data((MarkdownRenderer.table(table) + "\n").utf8)
            files["tables/\(table.name).tex"] = Data(LaTeXRenderer.table(table).utf8)
            files["tables/\(table.name).csv"] = Data(CSVRenderer.table(table).utf8)
        }
        return files
    }

    /// One table in a format: `md`, `latex` (or `tex`), `csv`; `nil` for an unknown format.
    public static func render(_ table: ReportTable, format: String) -> String? {
        switch format {
        case "md", "markdown": MarkdownRenderer.table(table) + "\n"
        case "latex", "tex": LaTeXRenderer.table(table)
        case "csv": CSVRenderer.table(table)
        default: nil
        }
    }
}
