/// One report, independent of its format: a title, key findings, sections of paragraphs, tables
/// and figures, and a provenance footer. Every renderer (Markdown, HTML, LaTeX, CSV, JSON) reads
/// only this value, so the formats say the same thing (docs/REPORTS.md).
public struct ReportDocument: Sendable, Equatable, Codable {
    /// The title.
    public var title: String
    /// A line under the title (model, scenario, mode, resolution).
    public var subtitle: String
    /// Key findings in plain language, computed from the run.
    public var keyFindings: [String]
    /// The sections, in order.
    public var sections: [ReportSection]
    /// The provenance footer: label → value, in order.
    public var provenance: [ProvenanceItem]

    enum CodingKeys: String, CodingKey {
        case title, subtitle, keyFindings = "key_findings", sections, provenance
    }

    /// Creates a document.
    public init(title: String, subtitle: String, keyFindings: [String], sections: [ReportSection], provenance: [ProvenanceItem]) {
        self.title = title
        self.subtitle = subtitle
        self.keyFindings = keyFindings
        self.sections = sections
        self.provenance = provenance
    }

    /// Every table of the document, in order.
    public var tables: [ReportTable] {
        sections.flatMap { $0.blocks.compactMap { if case .table(let t) = $0 { t } else { nil } } }
    }

    /// Every figure of the document, in order.
    public var figures: [ReportFigure] {
        sections.flatMap { $0.blocks.compactMap { if case .figure(let f) = $0 { f } else { nil } } }
    }

    /// The table with this name, if any.
    public func table(named name: String) -> ReportTable? { tables.first { $0.name == name } }
}

/// A labelled line of the provenance footer.
public struct ProvenanceItem: Sendable, Equatable, Codable {
    /// What it is, e.g. `GLPK version`.
    public var label: String
    /// Its value.
    public var value: String

    /// Creates an item.
    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}

/// A titled section.
public struct ReportSection: Sendable, Equatable, Codable {
    /// A stable id (anchors, file names).
    public var id: String
    /// The heading.
    public var title: String
    /// The content.
    public var blocks: [ReportBlock]

    /// Creates a section.
    public init(id: String, title: String, blocks: [ReportBlock]) {
        self.id = id
        self.title = title
        self.blocks = blocks
    }
}

/// One piece of a section.
public enum ReportBlock: Sendable, Equatable, Codable {
    /// A paragraph of plain text.
    case paragraph(text: String)
    /// A bulleted list.
    case list(items: [String])
    /// A table.
    case table(ReportTable)
    /// A figure.
    case figure(ReportFigure)
}

/// A table with units per column and footnotes; its `name` is what `bijli table NAME` takes.
public struct ReportTable: Sendable, Equatable, Codable {
    /// How a column's cells are aligned.
    public enum Alignment: String, Sendable, Equatable, Codable {
        /// Text.
        case left
        /// Numbers.
        case right
    }

    /// A column heading with its unit.
    public struct Column: Sendable, Equatable, Codable {
        /// The heading.
        public var title: String
        /// The unit, e.g. `MW`, `%`; empty for none.
        public var unit: String
        /// Alignment.
        public var alignment: Alignment
        /// The period whose values the column holds (`bijli table --period` keeps it or drops it);
        /// nil (absent from JSON) for a column of every period or none.
        public var period: Int?

        /// Creates a column.
        public init(_ title: String, unit: String = "", alignment: Alignment = .right, period: Int? = nil) {
            self.title = title
            self.unit = unit
            self.alignment = alignment
            self.period = period
        }
    }

    /// A stable name, e.g. `capacity` (docs/REPORTS.md lists them).
    public var name: String
    /// The caption.
    public var title: String
    /// The columns.
    public var columns: [Column]
    /// The rows; each has one cell per column.
    public var rows: [[ReportCell]]
    /// Footnotes under the table.
    public var footnotes: [String]
    /// Indices of the rows that are subtotals or a total (set apart by a rule in LaTeX, bold in
    /// Markdown and HTML); nil (absent from JSON) when there are none.
    public var totalRows: [Int]?
    /// Indices of the last row of a group without a subtotal (a carrier with one resource), which
    /// LaTeX sets apart by a little space as it does a subtotal; for the renderers only (not in JSON).
    public var groupEnds: [Int]? = nil

    enum CodingKeys: String, CodingKey {
        case name, title, columns, rows, footnotes, totalRows = "total_rows"
    }

    /// Creates a table; every row must have one cell per column.
    public init(name: String, title: String, columns: [Column], rows: [[ReportCell]], footnotes: [String] = [], totalRows: [Int]? = nil) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "table \(name): every row needs \(columns.count) cells")
        self.name = name
        self.title = title
        self.columns = columns
        self.rows = rows
        self.footnotes = footnotes
        self.totalRows = totalRows
    }

    /// Whether row `index` is a subtotal or total.
    public func isTotal(_ index: Int) -> Bool { totalRows?.contains(index) ?? false }
}

/// One cell: text, or a number with the decimals to show (CSV and JSON keep 12 significant digits).
public enum ReportCell: Sendable, Equatable, Codable {
    /// Text.
    case text(String)
    /// A number and the decimals shown in Markdown, HTML and LaTeX.
    case number(Double, decimals: Int)
    /// No value.
    case empty
}

/// A figure: a chart specification, a caption, and a note on what the data is.
public struct ReportFigure: Sendable, Equatable, Codable {
    /// A stable id (file name `figures/<id>.svg`).
    public var id: String
    /// The caption.
    public var title: String
    /// What the data is (e.g. "representative days, not a chronological week").
    public var note: String
    /// The chart.
    public var chart: ChartSpec

    /// Creates a figure.
    public init(id: String, title: String, note: String, chart: ChartSpec) {
        self.id = id
        self.title = title
        self.note = note
        self.chart = chart
    }
}

/// What to draw; the SVG writer turns it into a picture.
public struct ChartSpec: Sendable, Equatable, Codable {
    /// The kind of chart.
    public enum Kind: String, Sendable, Equatable, Codable {
        /// Bars of stacked series, one bar per category (`categories`).
        case stackedBars = "stacked_bars"
        /// Lines over x values (`x`).
        case lines
        /// A grid of values (`grid`, rows × columns) shaded from white to dark.
        case heatMap = "heat_map"
        /// Lines over the cumulative hours (`x`) of values sorted from highest to lowest.
        case durationCurve = "duration_curve"
        /// Horizontal bars of changes from a reference (a tornado; differences between runs): one
        /// row per category, one bar per series in each row, from a zero line, each labelled with
        /// its signed value.
        case deltaBars = "delta_bars"
    }

    /// One named series.
    public struct Series: Sendable, Equatable, Codable {
        /// Its name in the legend.
        public var name: String
        /// One value per category or x value.
        public var values: [Double]

        /// Creates a series.
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// The kind.
    public var kind: Kind
    /// Title of the x axis, with its unit.
    public var xTitle: String
    /// Title of the y axis (or the shading, for a heat map), with its unit.
    public var yTitle: String
    /// Category labels (stacked bars; heat-map columns; delta-bar rows; for lines, labels of the
    /// x values when there is one per x value, e.g. demand variants).
    public var categories: [String]
    /// x values (lines, duration curves), shared by every series unless `xBySeries` is given.
    public var x: [Double]
    /// Per-series x values (duration curves with different steps); empty to use `x`.
    public var xBySeries: [[Double]]
    /// The series (stacked bars, lines); for a heat map one series per row, named by its label.
    public var series: [Series]
    /// Lines drawn over stacked bars (e.g. demand), one value per category.
    public var overlay: [Series]
    /// Lines only: the axes span the data (a sweep's values, dots on each point) instead of
    /// starting at zero; nil (absent from JSON) for the usual charts.
    public var tight: Bool?

    enum CodingKeys: String, CodingKey {
        case kind, xTitle = "x_title", yTitle = "y_title", categories, x, xBySeries = "x_by_series", series, overlay, tight
    }

    /// Creates a chart specification.
    public init(kind: Kind, xTitle: String, yTitle: String, categories: [String] = [], x: [Double] = [],
                xBySeries: [[Double]] = [], series: [Series], overlay: [Series] = [], tight: Bool? = nil) {
        self.kind = kind
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.categories = categories
        self.x = x
        self.xBySeries = xBySeries
        self.series = series
        self.overlay = overlay
        self.tight = tight
    }
}

extension ReportBlock {
    private enum Key: String, CodingKey { case paragraph, list, table, figure }

    /// Encodes as an object with one key: `paragraph`, `list`, `table` or `figure`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .paragraph(let text): try container.encode(text, forKey: .paragraph)
        case .list(let items): try container.encode(items, forKey: .list)
        case .table(let table): try container.encode(table, forKey: .table)
        case .figure(let figure): try container.encode(figure, forKey: .figure)
        }
    }

    /// Decodes what ``encode(to:)`` writes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        if let text = try container.decodeIfPresent(String.self, forKey: .paragraph) {
            self = .paragraph(text: text)
        } else if let items = try container.decodeIfPresent([String].self, forKey: .list) {
            self = .list(items: items)
        } else if let table = try container.decodeIfPresent(ReportTable.self, forKey: .table) {
            self = .table(table)
        } else {
            self = .figure(try container.decode(ReportFigure.self, forKey: .figure))
        }
    }
}

extension ReportCell {
    private enum Key: String, CodingKey { case text, value, decimals }

    /// Encodes text as `{"text": ...}`, a number as `{"value": x, "decimals": n}`, empty as `null`.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .text(let text):
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(text, forKey: .text)
        case .number(let value, let decimals):
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(value, forKey: .value)
            try container.encode(decimals, forKey: .decimals)
        case .empty:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        }
    }

    /// Decodes what ``encode(to:)`` writes.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), single.decodeNil() {
            self = .empty
            return
        }
        let container = try decoder.container(keyedBy: Key.self)
        if let text = try container.decodeIfPresent(String.self, forKey: .text) {
            self = .text(text)
        } else {
            self = .number(try container.decode(Double.self, forKey: .value), decimals: try container.decode(Int.self, forKey: .decimals))
        }
    }
}
