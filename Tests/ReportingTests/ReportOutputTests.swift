import Foundation
import Testing
@testable import Reporting
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The outputs are usable by the tools that read them: XML parsers, pdflatex, a browser.
@Suite struct ReportOutputTests {
    /// A parse error, or nil when the text is well-formed XML.
    static func xmlError(_ text: String) -> String? {
        let parser = XMLParser(data: Data(text.utf8))
        return parser.parse() ? nil : (parser.parserError.map { String(describing: $0) } ?? "unknown error")
    }

    static func documents() throws -> [ReportDocument] {
        [ReportFixtures.smallDocument, ReportBuilder.build(try ReportFixtures.shortfallRun()),
         SensitivityReportBuilder.build(try ReportFixtures.sensitivitySweep()), SensitivityReportBuilder.build(try ReportFixtures.sensitivityTornado())]
    }

    @Test func htmlAndSVGAreWellFormedXML() throws {
        for document in try Self.documents() {
            let html = HTMLRenderer.render(document)
            #expect(Self.xmlError(html) == nil, "HTML: \(Self.xmlError(html) ?? "")")
            for figure in document.figures {
                let svg = SVGChart.render(figure.chart, id: figure.id, title: figure.title)
                #expect(Self.xmlError(svg) == nil, "\(figure.id): \(Self.xmlError(svg) ?? "")")
            }
        }
        // A broken document is caught (the check can fail).
        #expect(Self.xmlError("<p>a & b</p>") != nil)
    }

    @Test func htmlIsSelfContained() throws {
        let html = HTMLRenderer.render(ReportBuilder.build(try ReportFixtures.shortfallRun()))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=") && !html.contains("<link"))
        #expect(html.contains("<svg") && html.contains("@media print"))
    }

    static func executable(_ name: String) -> URL? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    static func run(_ tool: URL, _ arguments: [String], in folder: URL) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(.enabled(if: executable("pdflatex") != nil, "pdflatex is not on PATH (Debian: texlive-latex-base, texlive-latex-recommended)"))
    func latexCompilesStandaloneAndAsInputSnippets() throws {
        let pdflatex = try #require(Self.executable("pdflatex"))
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var names: [String] = []
        for (index, document) in try Self.documents().enumerated() {
            // The report with its figures (figures/<id>.pdf) as `bijli run` writes them.
            let name = "report\(index)"
            for (path, data) in try ReportFiles.files(for: document) where path.hasPrefix("figures/") || path == "report.tex" {
                let url = folder.appendingPathComponent(path == "report.tex" ? "\(name).tex" : path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            #expect(document.figures.isEmpty || LaTeXRenderer.render(document).contains("\\includegraphics[width=\\linewidth]{figures/"))
            names.append(name)
            // A paper that \input's every table snippet (longtables: outside any float).
            var paper = ["\\documentclass{article}", "\\usepackage[T1]{fontenc}", "\\usepackage[utf8]{inputenc}",
                         "\\usepackage{booktabs,longtable,array}", "\\begin{document}"]
            for table in document.tables {
                try LaTeXRenderer.table(table).write(to: folder.appendingPathComponent("t\(index)-\(table.name).tex"), atomically: true, encoding: .utf8)
                paper += ["{\\small", "\\input{t\(index)-\(table.name).tex}", "}", "\\clearpage"]
            }
            paper.append("\\end{document}")
            try paper.joined(separator: "\n")
                .write(to: folder.appendingPathComponent("paper\(index).tex"), atomically: true, encoding: .utf8)
            names.append("paper\(index)")
        }
        for name in names {
            let (status, log) = try Self.run(pdflatex, ["-interaction=nonstopmode", "-halt-on-error", "\(name).tex"], in: folder)
            let errors = log.split(separator: "\n").filter { $0.hasPrefix("!") }
            #expect(status == 0, "\(name).tex does not compile: \(errors.prefix(5).joined(separator: " | "))")
            #expect(!log.contains("File `figures/") && !log.contains("not found"), "\(name).tex: a figure is missing")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(name).pdf").path))
        }
    }

    static var chromium: URL? { ["chromium", "chromium-headless-shell", "chromium-browser"].lazy.compactMap(executable).first }

    /// A script the test adds to a page: after layout, every `<text>` of an inline SVG whose box
    /// reaches outside its SVG's box (where the browser clips it) is listed, as JSON, in
    /// `<pre id="bijli-clipped">`, which `--dump-dom` then shows. Half a pixel of tolerance.
    static let clippingProbe = """
        <script>
        (function () {
          var out = [];
          document.querySelectorAll('svg').forEach(function (svg, i) {
            var box = svg.getBoundingClientRect();
            svg.querySelectorAll('text').forEach(function (text) {
              var r = text.getBoundingClientRect();
              if (r.width === 0 && r.height === 0) { return; }
              if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
                out.push((svg.id || svg.getAttribute('aria-label') || ('svg ' + i)) + ': ' + text.textContent);
              }
            });
          });
          var pre = document.createElement('pre');
          pre.id = 'bijli-clipped';
          pre.textContent = JSON.stringify(out);
          document.body.appendChild(pre);
        })();
        </script>
        """

    /// Opens a page in headless Chromium: its exit status, the dumped DOM with the browser's log,
    /// and the labels the probe found clipped (`nil` when the probe's output is missing).
    static func open(_ html: String, named name: String, in folder: URL, browser: URL) throws -> (Int32, String, [String]?) {
        let page = folder.appendingPathComponent(name)
        let probed = html.replacingOccurrences(of: "</body>", with: clippingProbe + "</body>")
        try probed.write(to: page, atomically: true, encoding: .utf8)
        let (status, output) = try run(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                                                 "--window-size=1280,1600",
                                                 "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                                                 "--dump-dom", page.absoluteString], in: folder)
        guard let start = output.range(of: "<pre id=\"bijli-clipped\">"),
              let end = output.range(of: "</pre>", range: start.upperBound..<output.endIndex) else { return (status, output, nil) }
        let json = String(output[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        return (status, output, try? JSONDecoder().decode([String].self, from: Data(json.utf8)))
    }

    @Test(.enabled(if: chromium != nil, "Chromium is not on PATH (Debian: chromium or chromium-headless-shell)"))
    func htmlOpensInHeadlessChromiumWithoutConsoleErrorsOrClippedLabels() throws {
        let browser = try #require(Self.chromium)
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The probe finds a label that runs past its chart's edge (so the check can fail).
        let clipped = """
            <!DOCTYPE html><html><body><svg id="probe" width="100" height="50" viewBox="0 0 100 50">\
            <text x="10" y="20">fits</text><text x="60" y="40">runs past the edge</text></svg></body></html>
            """
        let (_, _, found) = try Self.open(clipped, named: "probe.html", in: folder, browser: browser)
        #expect(found == ["probe: runs past the edge"])
        // The run report, the stress report (also with names too long for the heat map's margin),
        // the sensitivity reports and the small document of every block and chart kind.
        let stress = try StressReportTests.rows()
        let longNames = stress.map { row in
            var row = row
            if row.scenario != "base" { row.name += " with a long-winded description of what was disrupted, and where" }
            return row
        }
        // The Pakistan model's region names in a price-duration legend (cut at the right edge
        // when laid out for Helvetica and drawn in DejaVu Sans, as on a plain Debian).
        let regions = ["North (NTDC north of the Matiari-Lahore corridor: Punjab, KP, Islamabad)",
                       "South (NTDC Sindh and Balochistan grid; Makran/Gwadar island not modelled)", "Karachi (K-Electric)"]
        let curve = ChartSpec(kind: .durationCurve, xTitle: "Hours", yTitle: "USD/MWh", xBySeries: Array(repeating: [0, 10, 10, 8760], count: 3),
                              series: regions.map { .init(name: $0, values: [900, 900, 40, 40]) })
        let legend = ReportDocument(title: "Regions", subtitle: "", keyFindings: [], sections: [
            ReportSection(id: "prices", title: "Prices", blocks: [.figure(ReportFigure(id: "price-duration", title: "Price duration", note: "", chart: curve))]),
        ], provenance: [])
        for (index, document) in try (Self.documents() + [StressReportBuilder.build(stress), StressReportBuilder.build(longNames), legend]).enumerated() {
            let (status, output, clipped) = try Self.open(HTMLRenderer.render(document), named: "report\(index).html", in: folder, browser: browser)
            #expect(status == 0, "\(document.title)")
            #expect(output.contains("<svg") && output.contains(document.sections.first?.title ?? "<body"), "\(document.title): the DOM was not dumped")
            let console = output.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
            #expect(console.isEmpty, "\(document.title): console messages: \(console.prefix(5).joined(separator: " | "))")
            #expect(clipped == [], "\(document.title): labels clipped at the chart's edge: \(clipped ?? ["(no probe output)"])")
        }
    }
}
