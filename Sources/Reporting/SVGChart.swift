import Foundation

/// Draws a ``ChartSpec`` as a standalone SVG (valid XML, no scripts, no external resources):
/// axes with round ticks, a legend, and the marks of its kind.
public enum SVGChart {
    static let width = 760.0, height = 380.0
    static let left = 70.0, right = 170.0, top = 20.0, bottom = 50.0
    static var plotWidth: Double { width - left - right }
    static var plotHeight: Double { height - top - bottom }

    /// The chart as an `<svg>` element; `id` keeps element ids unique within an HTML page.
    public static func render(_ chart: ChartSpec, id: String, title: String) -> String {
        var out = ["<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" "
                   + "width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-labelledby=\"\(escape(id))-title\" "
                   + "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">",
                   "<title id=\"\(escape(id))-title\">\(escape(title))</title>",
                   "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"\(CarrierStyle.paper)\"/>"]
        switch chart.kind {
        case .stackedBars: out += stackedBars(chart)
        case .lines, .durationCurve: out += lines(chart)
        case .heatMap: out += heatMap(chart)
        case .deltaBars: out += deltaBars(chart)
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: kinds

    static func stackedBars(_ chart: ChartSpec) -> [String] {
        let n = chart.categories.count
        var top = 0.0
        for i in 0..<n {
            top = max(top, chart.series.reduce(0.0) { $0 + max(0, $1.values[safe: i] ?? 0) })
            for line in chart.overlay { top = max(top, line.values[safe: i] ?? 0) }
        }
        let ticks = niceTicks(0, top)
        let yMax = ticks.last ?? 1
        var out = axes(yTicks: ticks, yMax: yMax, chart: chart)
        guard n > 0 else { return out }
        let slot = plotWidth / Double(n)
        let barWidth = n > 40 ? slot : slot * 0.7
        for i in 0..<n {
            var base = 0.0
            let x = left + Double(i) * slot + (slot - barWidth) / 2
            for (s, series) in chart.series.enumerated() {
                let v = max(0, series.values[safe: i] ?? 0)
                guard v > 0 else { continue }
                let y0 = yPosition(base, yMax), y1 = yPosition(base + v, yMax)
                out.append("<rect x=\"\(c(x))\" y=\"\(c(y1))\" width=\"\(c(barWidth))\" height=\"\(c(y0 - y1))\" fill=\"\(color(series.name, s))\"/>")
                base += v
            }
        }
        // Category labels: as many as fit side by side (about 6.2 px per character).
        let longest = Double(chart.categories.map(\.count).max() ?? 1)
        let every = max(1, Int((Double(n) * (longest * 6.2 + 12) / plotWidth).rounded(.up)))
        for i in stride(from: 0, to: n, by: every) {
            let x = left + (Double(i) + 0.5) * slot
            out.append("<text x=\"\(c(x))\" y=\"\(c(top0 + plotHeight + 16))\" text-anchor=\"middle\">\(escape(chart.categories[i]))</text>")
        }
        for line in chart.overlay where n <= 40 {
            // Few bars: a level mark across each bar rather than a line between them.
            for i in 0..<n {
                let x = left + Double(i) * slot + (slot - barWidth) / 2, y = yPosition(line.values[safe: i] ?? 0, yMax)
                out.append("<line x1=\"\(c(x - 4))\" y1=\"\(c(y))\" x2=\"\(c(x + barWidth + 4))\" y2=\"\(c(y))\" stroke=\"\(CarrierStyle.ink)\" stroke-width=\"2\"/>")
            }
        }
        for line in chart.overlay where n > 40 {
            let points = (0..<n).map { "\(c(left + (Double($0) + 0.5) * slot)),\(c(yPosition(line.values[safe: $0] ?? 0, yMax)))" }
            out.append("<polyline fill=\"none\" stroke=\"\(CarrierStyle.ink)\" stroke-width=\"1.5\" points=\"\(points.joined(separator: " "))\"/>")
        }
        out += legend(chart.series.map(\.name), overlay: chart.overlay.map(\.name))
        return out
    }

    static func lines(_ chart: ChartSpec) -> [String] {
        let xs = chart.series.indices.map { chart.xBySeries.indices.contains($0) ? chart.xBySeries[$0] : chart.x }
        let allX = xs.flatMap { $0 }, allY = chart.series.flatMap(\.values).filter(\.isFinite)
        // A tight chart (a sweep) spans its data; others start both axes at zero.
        let tight = chart.tight == true
        var xTicks = niceTicks(tight ? allX.min() ?? 0 : min(0, allX.min() ?? 0), allX.max() ?? 1)
        if chart.kind == .durationCurve, let last = allX.max(), last > (xTicks.first ?? 0) {
            // A duration curve ends at the last hour, not at the next round number.
            let first = xTicks.first ?? 0
            if (xTicks.last ?? 0) > last + 1e-9 { xTicks = xTicks.filter { $0 <= last - 0.08 * (last - first) } + [last] }
        }
        var yLow = tight ? allY.min() ?? 0 : min(0, allY.min() ?? 0), yHigh = allY.max() ?? 1
        if tight, yHigh - yLow <= 1e-9 * max(1, abs(yHigh)) {
            // A flat series (nothing changes across the sweep): a span around it, from 0 if it is not negative.
            (yLow, yHigh) = yLow >= 0 ? (0, max(1, 2 * yHigh)) : (yLow - 1, yHigh + 1)
        }
        let yTicks = niceTicks(yLow, yHigh)
        // Named x values (e.g. demand variants): one labelled tick per value.
        let named = !chart.categories.isEmpty && chart.categories.count == chart.x.count
        if named { xTicks = chart.x }
        let xMin = xTicks.first ?? 0, xMax = xTicks.last ?? 1
        let yMin = yTicks.first ?? 0, yMax = yTicks.last ?? 1
        var out = axes(yTicks: yTicks, yMax: yMax, yMin: yMin, chart: chart)
        for (k, tick) in xTicks.enumerated() {
            let x = left + (tick - xMin) / max(xMax - xMin, 1e-12) * plotWidth
            out.append("<line x1=\"\(c(x))\" y1=\"\(c(top0 + plotHeight))\" x2=\"\(c(x))\" y2=\"\(c(top0 + plotHeight + 4))\" stroke=\"\(CarrierStyle.axis)\"/>")
            out.append("<text x=\"\(c(x))\" y=\"\(c(top0 + plotHeight + 16))\" text-anchor=\"middle\">\(escape(named ? chart.categories[k] : tickText(tick)))</text>")
        }
        for (s, series) in chart.series.enumerated() {
            var pairs = zip(xs[s], series.values).filter { $0.1.isFinite }
            if pairs.count > 1200 {
                // Thin long series (hourly duration curves) to about 1200 points, keeping the last.
                let every = (pairs.count + 1199) / 1200
                pairs = pairs.enumerated().filter { $0.offset % every == 0 || $0.offset == pairs.count - 1 }.map(\.element)
            }
            let points = pairs.map { x, y in
                "\(c(left + (x - xMin) / max(xMax - xMin, 1e-12) * plotWidth)),\(c(yPosition(y, yMax, yMin)))"
            }
            guard !points.isEmpty else { continue }
            out.append("<polyline fill=\"none\" stroke=\"\(color(series.name, s))\" stroke-width=\"1.5\" points=\"\(points.joined(separator: " "))\"/>")
            if tight, pairs.count <= 40 {
                // Few points (a sensitivity sweep): a dot on each, so single points show.
                for (x, y) in pairs {
                    out.append("<circle cx=\"\(c(left + (x - xMin) / max(xMax - xMin, 1e-12) * plotWidth))\" cy=\"\(c(yPosition(y, yMax, yMin)))\" "
                               + "r=\"2.5\" fill=\"\(color(series.name, s))\"/>")
                }
            }
        }
        out += legend(chart.series.map(\.name), overlay: [], lines: true)
        return out
    }

    /// Horizontal bars from a zero line: a row per category (its label on the left, as wide as
    /// the longest label needs), a bar per series within the row, each labelled with its signed
    /// value; the x axis carries the unit (``ChartSpec/xTitle``).
    static func deltaBars(_ chart: ChartSpec) -> [String] {
        let rows = chart.categories.count
        let values = chart.series.flatMap(\.values).filter(\.isFinite)
        let ticks = niceTicks(min(0, values.min() ?? 0), max(0, values.max() ?? 1))
        let xMin = ticks.first ?? 0, xMax = ticks.last ?? 1
        // Room for the row labels (about 6.2 px a character), the rest for the bars.
        let labelWidth = min(260, max(60, Double(chart.categories.map(\.count).max() ?? 0) * 6.2 + 12))
        let x0 = labelWidth + 10, barsWidth = width - x0 - right
        func x(_ value: Double) -> Double { x0 + (value - xMin) / max(xMax - xMin, 1e-12) * barsWidth }
        var out: [String] = []
        for tick in ticks {
            out.append("<line x1=\"\(c(x(tick)))\" y1=\"\(c(top0))\" x2=\"\(c(x(tick)))\" y2=\"\(c(top0 + plotHeight))\" stroke=\"\(CarrierStyle.grid)\"/>")
            out.append("<text x=\"\(c(x(tick)))\" y=\"\(c(top0 + plotHeight + 16))\" text-anchor=\"middle\">\(escape(tickText(tick)))</text>")
        }
        out.append("<text x=\"\(c(x0 + barsWidth / 2))\" y=\"\(c(height - 8))\" text-anchor=\"middle\">\(escape(chart.xTitle))</text>")
        guard rows > 0 else { return out }
        let rowHeight = plotHeight / Double(rows)
        let barHeight = max(2, rowHeight * 0.8 / Double(max(1, chart.series.count)))
        for (r, label) in chart.categories.enumerated() {
            let y = top0 + Double(r) * rowHeight
            out.append("<text x=\"\(c(x0 - 6))\" y=\"\(c(y + rowHeight / 2 + 4))\" text-anchor=\"end\">\(escape(label))</text>")
            for (s, series) in chart.series.enumerated() {
                guard let value = series.values[safe: r], value.isFinite else { continue }
                let top = y + rowHeight * 0.1 + Double(s) * barHeight
                let a = x(min(0, value)), b = x(max(0, value))
                out.append("<rect x=\"\(c(a))\" y=\"\(c(top))\" width=\"\(c(max(0.5, b - a)))\" height=\"\(c(barHeight))\" fill=\"\(color(series.name, s))\"/>")
                if barHeight >= 8 {
                    let text = value > 0 ? "+" + tickText(value) : value < 0 ? tickText(value) : "0"
                    out.append("<text x=\"\(c(value < 0 ? a - 3 : b + 3))\" y=\"\(c(top + barHeight / 2 + 4))\" "
                               + "text-anchor=\"\(value < 0 ? "end" : "start")\" font-size=\"10\">\(escape(text))</text>")
                }
            }
        }
        out.append("<line x1=\"\(c(x(0)))\" y1=\"\(c(top0))\" x2=\"\(c(x(0)))\" y2=\"\(c(top0 + plotHeight))\" stroke=\"\(CarrierStyle.axis)\"/>")
        out += legend(chart.series.map(\.name), overlay: [])
        return out
    }

    static func heatMap(_ chart: ChartSpec) -> [String] {
        let rows = chart.series.count, columns = chart.categories.count
        let maxValue = chart.series.flatMap(\.values).filter(\.isFinite).max() ?? 0
        guard rows > 0, columns > 0 else {
            return ["<text x=\"\(c(left + plotWidth / 2))\" y=\"\(c(height - 8))\" text-anchor=\"middle\">\(escape(chart.xTitle))</text>"]
        }
        // Row names sit left of the cells: the cells start where the widest name ends (12 px to
        // spare), up to 40 % of the width; a longer name is cut with an ellipsis (the report's
        // table beside the chart gives it whole).
        let widest = (chart.series.map { labelWidth($0.name) }.max() ?? 0) + 12
        let cellsLeft = min(max(left, widest), width * 0.4)
        let cellWidth = (width - cellsLeft - right) / Double(columns), cellHeight = plotHeight / Double(rows)
        var out = ["<text x=\"\(c(cellsLeft + (width - cellsLeft - right) / 2))\" y=\"\(c(height - 8))\" text-anchor=\"middle\">\(escape(chart.xTitle))</text>"]
        for (r, series) in chart.series.enumerated() {
            let y = top0 + Double(r) * cellHeight
            var name = series.name
            while labelWidth(name) > cellsLeft - 12, name.count > 2 { name = String(name.dropLast(name.hasSuffix("…") ? 2 : 1)) + "…" }
            out.append("<text x=\"\(c(cellsLeft - 6))\" y=\"\(c(y + cellHeight / 2 + 4))\" text-anchor=\"end\">\(escape(name))</text>")
            for col in 0..<columns {
                let v = series.values[safe: col] ?? 0
                let share = maxValue > 0 ? max(0, min(1, v / maxValue)) : 0
                out.append("<rect x=\"\(c(cellsLeft + Double(col) * cellWidth))\" y=\"\(c(y))\" width=\"\(c(cellWidth))\" height=\"\(c(cellHeight))\" "
                           + "fill=\"\(shade(share))\" stroke=\"\(CarrierStyle.paper)\" stroke-width=\"0.5\"/>")
            }
        }
        let every = max(1, Int((Double(columns) / 12).rounded(.up)))
        for col in stride(from: 0, to: columns, by: every) {
            out.append("<text x=\"\(c(cellsLeft + (Double(col) + 0.5) * cellWidth))\" y=\"\(c(top0 + plotHeight + 16))\" text-anchor=\"middle\">\(escape(chart.categories[col]))</text>")
        }
        // Scale: five swatches from 0 to the largest value.
        let x0 = left + plotWidth + 20
        out.append("<text x=\"\(c(x0))\" y=\"\(c(top0 + 10))\">\(escape(chart.yTitle))</text>")
        for k in 0...4 {
            let share = Double(k) / 4
            let y = top0 + 20 + Double(k) * 20
            out.append("<rect x=\"\(c(x0))\" y=\"\(c(y))\" width=\"16\" height=\"16\" fill=\"\(shade(share))\" stroke=\"\(CarrierStyle.frame)\" stroke-width=\"0.5\"/>")
            out.append("<text x=\"\(c(x0 + 22))\" y=\"\(c(y + 12))\">\(escape(NumberText.format(share * maxValue, decimals: maxValue * share >= 100 ? 0 : 1)))</text>")
        }
        return out
    }

    // MARK: parts

    static let top0 = top

    static func axes(yTicks: [Double], yMax: Double, yMin: Double = 0, chart: ChartSpec) -> [String] {
        var out: [String] = []
        for tick in yTicks {
            let y = yPosition(tick, yMax, yMin)
            out.append("<line x1=\"\(c(left))\" y1=\"\(c(y))\" x2=\"\(c(left + plotWidth))\" y2=\"\(c(y))\" stroke=\"\(CarrierStyle.grid)\"/>")
            out.append("<text x=\"\(c(left - 6))\" y=\"\(c(y + 4))\" text-anchor=\"end\">\(escape(tickText(tick)))</text>")
        }
        out.append("<line x1=\"\(c(left))\" y1=\"\(c(top0))\" x2=\"\(c(left))\" y2=\"\(c(top0 + plotHeight))\" stroke=\"\(CarrierStyle.axis)\"/>")
        out.append("<line x1=\"\(c(left))\" y1=\"\(c(yPosition(max(yMin, 0), yMax, yMin)))\" x2=\"\(c(left + plotWidth))\" "
                   + "y2=\"\(c(yPosition(max(yMin, 0), yMax, yMin)))\" stroke=\"\(CarrierStyle.axis)\"/>")
        out.append("<text x=\"\(c(left + plotWidth / 2))\" y=\"\(c(height - 8))\" text-anchor=\"middle\">\(escape(chart.xTitle))</text>")
        out.append("<text x=\"14\" y=\"\(c(top0 + plotHeight / 2))\" text-anchor=\"middle\" "
                   + "transform=\"rotate(-90 14 \(c(top0 + plotHeight / 2)))\">\(escape(chart.yTitle))</text>")
        return out
    }

    /// The legend right of the plot: a swatch (or a line) and the label of each series, then the
    /// lines drawn over the bars; a label too long for the space is wrapped at spaces onto more
    /// lines (13 px apart) rather than cut at the edge of the picture.
    static func legend(_ names: [String], overlay: [String], lines: Bool = false) -> [String] {
        var out: [String] = []
        let x = left + plotWidth + 16
        var y = top0
        func label(_ name: String) {
            let lines = legendLines(CarrierStyle.legendName(name))
            for (k, line) in lines.enumerated() {
                out.append("<text x=\"\(c(x + 18))\" y=\"\(c(y + 10 + Double(k) * 13))\">\(escape(line))</text>")
            }
            y += 17 + Double(lines.count - 1) * 13
        }
        for (i, name) in names.enumerated().prefix(20) {
            if lines {
                out.append("<line x1=\"\(c(x))\" y1=\"\(c(y + 6))\" x2=\"\(c(x + 14))\" y2=\"\(c(y + 6))\" stroke=\"\(color(name, i))\" stroke-width=\"2\"/>")
            } else {
                out.append("<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"12\" height=\"12\" fill=\"\(color(name, i))\"/>")
            }
            label(name)
        }
        for name in overlay {
            out.append("<line x1=\"\(c(x))\" y1=\"\(c(y + 6))\" x2=\"\(c(x + 14))\" y2=\"\(c(y + 6))\" stroke=\"\(CarrierStyle.ink)\" stroke-width=\"1.5\"/>")
            label(name)
        }
        return out
    }

    /// The width a legend label has: from its start to the right edge, less a small margin.
    static var legendWidth: Double { width - (left + plotWidth + 16 + 18) - 4 }

    /// How much wider than Helvetica a browser's fallback font may set a label: a machine with
    /// neither Helvetica nor Arial (a plain Debian has DejaVu Sans) draws the SVG's text wider
    /// (headless Chromium with DejaVu Sans: 1.10 to 1.15 times on legend and disruption names,
    /// 1.25 on a run of narrow letters), so labels are laid out for 1.2 times their Helvetica width.
    static let fallbackFontSlack = 1.2

    /// The width a label at 11 px is laid out for: Helvetica's, with ``fallbackFontSlack``.
    static func labelWidth(_ text: String) -> Double { PDFChart.textWidth(text, size: 11) * fallbackFontSlack }

    /// A legend label in lines that fit ``legendWidth`` (Helvetica metrics at 11 px, with
    /// ``fallbackFontSlack``), broken at spaces; a single word wider than that keeps its own line.
    static func legendLines(_ text: String) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if current.isEmpty || labelWidth(candidate) <= legendWidth {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    static func yPosition(_ value: Double, _ yMax: Double, _ yMin: Double = 0) -> Double {
        top0 + plotHeight - (value - yMin) / max(yMax - yMin, 1e-12) * plotHeight
    }

    /// Round tick values covering `low...high` (about five steps of 1, 2 or 5 × 10^k).
    static func niceTicks(_ low: Double, _ high: Double) -> [Double] {
        let lo = low.isFinite ? low : 0, hi = high.isFinite ? max(high, lo + 1e-9) : lo + 1
        let raw = (hi - lo) / 5
        let power = Foundation.pow(10, Foundation.floor(Foundation.log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
        let start = Foundation.floor(lo / step) * step
        var ticks: [Double] = []
        var k = 0
        while ticks.last.map({ $0 < hi - 1e-9 * step }) ?? true, k < 50 {
            ticks.append(start + Double(k) * step)
            k += 1
        }
        return ticks
    }

    static func tickText(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude == 0 { return "0" }
        if magnitude >= 1 && value == value.rounded() { return NumberText.format(value, decimals: 0) }
        return NumberText.format(value, decimals: magnitude >= 1 ? 1 : 2)
    }

    /// A series' colour (``CarrierStyle``, the one palette of every chart).
    static func color(_ name: String, _ index: Int) -> String { CarrierStyle.color(name, index: index) }

    /// The heat-map shade of a share of the largest value (``CarrierStyle``).
    static func shade(_ share: Double) -> String { CarrierStyle.heat(share) }

    static func c(_ x: Double) -> String { NumberText.coordinate(x) }

    /// XML text and attribute escaping.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
