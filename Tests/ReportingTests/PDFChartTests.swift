import Foundation
import Testing
@testable import Reporting

/// Figures as vector PDF: a well-formed file (objects where the cross-reference table says),
/// the same shapes and labels as the SVG, deterministic bytes, and a snapshot.
@Suite struct PDFChartTests {
    static func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    @Test func crossReferencesPointAtTheirObjects() throws {
        for figure in ReportFixtures.smallDocument.figures + ReportBuilder.build(try ReportFixtures.shortfallRun()).figures {
            let pdf = PDFChart.render(figure.chart, id: figure.id, title: figure.title)
            let bytes = [UInt8](pdf)
            #expect(Self.text(pdf.prefix(8)) == "%PDF-1.4" && Self.text(pdf.suffix(6)) == "%%EOF\n")
            let tail = Self.text(pdf.suffix(64))
            let start = try #require(tail.firstMatch(of: #/startxref\n(\d+)\n/#).flatMap { Int($0.1) })
            let xref = Self.text(Data(bytes[start...]))
            #expect(xref.hasPrefix("xref\n0 7\n"), "\(figure.id): no xref table at startxref")
            let offsets = xref.split(separator: "\n").dropFirst(3).prefix(6).compactMap { Int($0.prefix(10)) }
            #expect(offsets.count == 6)
            for (k, offset) in offsets.enumerated() {
                #expect(Self.text(Data(bytes[offset..<min(bytes.count, offset + 12)])).hasPrefix("\(k + 1) 0 obj\n"), "\(figure.id): object \(k + 1)")
            }
            // The content stream is as long as its /Length says.
            let length = try #require(Self.text(pdf).firstMatch(of: #/<< /Length (\d+) >>\nstream\n/#))
            let streamStart = try #require(Self.text(pdf).range(of: "stream\n")).upperBound
            let contentStart = Self.text(pdf).utf8.distance(from: Self.text(pdf).startIndex, to: streamStart)
            #expect(Self.text(Data(bytes[(contentStart + Int(length.1)!)...])).hasPrefix("\nendstream"), "\(figure.id): stream length")
        }
    }

    @Test func everyShapeAndLabelOfTheSVGIsDrawn() throws {
        for figure in ReportFixtures.smallDocument.figures + ReportBuilder.build(try ReportFixtures.shortfallRun()).figures {
            let svg = SVGChart.render(figure.chart, id: figure.id, title: figure.title)
            let pdf = Self.text(PDFChart.render(svg: svg))
            func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }
            #expect(count(" re ", in: pdf) == count("<rect ", in: svg), "\(figure.id): rectangles")
            #expect(count(" Tj ET", in: pdf) == count("<text ", in: svg), "\(figure.id): labels")
            #expect(count(" l S", in: pdf) == count("<line ", in: svg) + count("<polyline ", in: svg), "\(figure.id): lines")
            #expect(count(" c f", in: pdf) == count("<circle ", in: svg), "\(figure.id): dots")
        }
        // Text is escaped and anchored: a centred label starts half its width to the left.
        let pdf = Self.text(PDFChart.render(svg: "<svg width=\"100\" height=\"50\"><text x=\"50\" y=\"10\" text-anchor=\"middle\">a(b)\\</text></svg>"))
        #expect(pdf.contains("1 0 0 1 50 40 Tm -\(PDFChart.number(PDFChart.textWidth("a(b)\\", size: 11) / 2)) 0 Td (a\\(b\\)\\\\) Tj ET"))
        #expect(abs(PDFChart.textWidth("Wind", size: 10) - 22.78) < 1e-9)
    }

    @Test func figuresMatchTheirSnapshotAndAreDeterministic() throws {
        let small = ReportFixtures.smallDocument
        let bars = PDFChart.render(small.figures[0].chart, id: small.figures[0].id, title: small.figures[0].title)
        #expect(bars == PDFChart.render(small.figures[0].chart, id: small.figures[0].id, title: small.figures[0].title))
        let file = ReportFixtures.snapshots.appendingPathComponent("small-bars.pdf")
        if ProcessInfo.processInfo.environment["BIJLI_RECORD_SNAPSHOTS"] != nil {
            try bars.write(to: file)
            Issue.record("recorded small-bars.pdf; unset BIJLI_RECORD_SNAPSHOTS and run again")
            return
        }
        #expect(bars == (try Data(contentsOf: file)), "small-bars.pdf differs from its snapshot; if intended, re-record (ReportSnapshotTests)")
        #expect(try ReportFiles.files(for: small).keys.filter { $0.hasSuffix(".pdf") }.sorted() == ["figures/bars.pdf", "figures/curve.pdf", "figures/heat.pdf"])
    }
}
