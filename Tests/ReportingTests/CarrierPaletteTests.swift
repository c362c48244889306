import Foundation
import Testing
@testable import Reporting

/// One carrier palette for every chart: distinguishable with any colour vision, the same colour for
/// a carrier in every chart, and no colour written anywhere but in ``CarrierStyle``.
@Suite struct CarrierPaletteTests {
    /// The carriers of the Pakistan model (generators.csv), storage and unserved energy.
    static func pakistanCarriers() throws -> [String] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Models/pakistan/generators.csv")
        let carriers = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { String($0.split(separator: ",", omittingEmptySubsequences: false)[3]) }
        return Set(carriers).sorted() + ["storage", "unserved"]
    }

    /// Linear-RGB matrices of simulated colour-vision deficiency (Machado, Oliveira and Fernandes
    /// 2009, severity 1), with normal vision first.
    static let visions: [(String, [[Double]])] = [
        ("normal", [[1, 0, 0], [0, 1, 0], [0, 0, 1]]),
        ("protanopia", [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]),
        ("deuteranopia", [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]),
        ("tritanopia", [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]),
    ]

    /// CIELAB (D65) of `#rrggbb` as seen through a vision matrix.
    static func lab(_ hex: String, _ vision: [[Double]]) -> [Double] {
        let value = Int(hex.dropFirst(), radix: 16)!
        let srgb = [value >> 16, (value >> 8) & 0xFF, value & 0xFF].map { Double($0) / 255 }
        let linear = srgb.map { $0 <= 0.04045 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
        let seen = vision.map { row in min(1, max(0, zip(row, linear).map(*).reduce(0, +))) }
        let x = (0.4124 * seen[0] + 0.3576 * seen[1] + 0.1805 * seen[2]) / 0.95047
        let y = 0.2126 * seen[0] + 0.7152 * seen[1] + 0.0722 * seen[2]
        let z = (0.0193 * seen[0] + 0.1192 * seen[1] + 0.9505 * seen[2]) / 1.08883
        func f(_ t: Double) -> Double { t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116 }
        return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))]
    }

    static func distance(_ a: String, _ b: String, _ vision: [[Double]]) -> Double {
        sqrt(zip(lab(a, vision), lab(b, vision)).map { ($0 - $1) * ($0 - $1) }.reduce(0, +))
    }

    @Test func everyPakistanCarrierHasItsOwnColourApartForEveryColourVision() throws {
        let carriers = try Self.pakistanCarriers()
        #expect(carriers.count >= 14)
        let colors = try carriers.map { carrier in try #require(CarrierStyle.colors[carrier], "\(carrier) has no colour") }
        #expect(Set(colors).count == carriers.count, "two carriers share a colour")
        for (name, vision) in Self.visions {
            for i in carriers.indices { for j in carriers.indices where j > i {
                let d = Self.distance(colors[i], colors[j], vision)
                #expect(d >= 14, "\(carriers[i]) and \(carriers[j]) are only ΔE \(Int(d)) apart with \(name)")
            } }
            // The pairs the issue names, far apart.
            #expect(Self.distance(CarrierStyle.colors["hydro"]!, CarrierStyle.colors["solar_rooftop"]!, vision) >= 60, "hydro vs rooftop solar, \(name)")
            #expect(Self.distance(CarrierStyle.colors["coal_import"]!, CarrierStyle.colors["rlng"]!, vision) >= 60, "coal vs RLNG, \(name)")
        }
        // The check can fail: the old near-identical hydro and rooftop blues.
        #expect(Self.distance("#2f6db5", "#1f78b4", Self.visions[0].1) < 14)
    }

    /// (legend label, colour) of every legend entry of an SVG: a swatch or line, then its text.
    static func legend(_ svg: String) -> [(String, String)] {
        let lines = svg.split(separator: "\n").map(String.init)
        var out: [(String, String)] = []
        for (k, line) in lines.enumerated().dropFirst() {
            guard let label = line.firstMatch(of: #/^<text x="[\d.]+" y="[\d.]+">([^<]*)</text>$/#)?.1,
                  let color = lines[k - 1].firstMatch(of: #/^<(?:rect|line) [^>]*(?:fill|stroke)="(#[0-9a-fA-F]{6})"[^>]*/>$/#)?.1,
                  lines[k - 1].contains("width=\"12\"") || lines[k - 1].contains("stroke-width=\"2\"") || lines[k - 1].contains("stroke-width=\"1.5\"")
            else { continue }
            out.append((String(label), String(color)))
        }
        return out
    }

    @Test func everyChartTakesItsColoursFromThePalette() throws {
        let documents = [ReportFixtures.smallDocument, ReportBuilder.build(try ReportFixtures.shortfallRun()),
                         SensitivityReportBuilder.build(try ReportFixtures.sensitivitySweep()),
                         SensitivityReportBuilder.build(try ReportFixtures.sensitivityTornado())]
        var seen: [String: String] = [:], charts = 0
        for figure in documents.flatMap(\.figures) {
            let entries = Self.legend(SVGChart.render(figure.chart, id: figure.id, title: figure.title))
            if figure.chart.kind != .heatMap { #expect(!entries.isEmpty, "\(figure.id): no legend found") }
            charts += entries.isEmpty ? 0 : 1
            let names = figure.chart.series.map(\.name) + figure.chart.overlay.map(\.name)
            for (k, (label, color)) in entries.enumerated() {
                let name = names[k]
                #expect(label == SVGChart.escape(CarrierStyle.legendName(name)))
                if figure.chart.overlay.map(\.name).contains(name) {
                    #expect(color == CarrierStyle.ink, "\(figure.id): overlay \(name)")
                } else if let carrier = CarrierStyle.colors[name.lowercased()] {
                    #expect(color == carrier, "\(figure.id): \(name) is \(color), the palette says \(carrier)")
                } else {
                    #expect(color == CarrierStyle.series[k % CarrierStyle.series.count], "\(figure.id): \(name)")
                }
                // One colour per carrier across every chart.
                if CarrierStyle.colors[name.lowercased()] != nil {
                    #expect(seen[name, default: color] == color, "\(name) changes colour in \(figure.id)")
                    seen[name] = color
                }
            }
        }
        #expect(charts >= 6 && seen.keys.contains("hydro") && seen.keys.contains("unserved"), "\(seen)")
    }

    @Test func longLegendLabelsWrapInsteadOfLeavingThePicture() throws {
        let name = "North (NTDC north of the Mari-Multan line, with AJK and GB)"
        let chart = ChartSpec(kind: .durationCurve, xTitle: "Hours", yTitle: "USD/MWh", xBySeries: [[0, 8760], [0, 8760]],
                              series: [.init(name: name, values: [80, 10]), .init(name: "Karachi (K-Electric)", values: [81, 11])])
        let svg = SVGChart.render(chart, id: "prices", title: "Prices")
        let labels = svg.split(separator: "\n").compactMap { line -> (Double, String, Double)? in
            guard let m = line.firstMatch(of: #/^<text x="([\d.]+)" y="([\d.]+)">([^<]*)</text>$/#) else { return nil }
            return (Double(m.1)!, String(m.3), Double(m.2)!)
        }
        #expect(labels.map(\.1).joined(separator: " ") == SVGChart.escape(name) + " Karachi (K-Electric)")
        #expect(labels.count == 4, "\(labels)")
        for (x, text, _) in labels { #expect(x + PDFChart.textWidth(text, size: 11) <= SVGChart.width, "'\(text)' leaves the picture") }
        // The lines do not overlap: each at least 13 px below the one before.
        for k in labels.indices.dropFirst() { #expect(labels[k].2 - labels[k - 1].2 >= 13, "\(labels[k - 1].1) / \(labels[k].1)") }
        // The second swatch sits level with its own label, below the wrapped first one.
        let swatches = svg.split(separator: "\n").compactMap { $0.firstMatch(of: #/^<line x1="[\d.]+" y1="([\d.]+)" [^>]*stroke-width="2"/>$/#).map { Double($0.1)! } }
        #expect(swatches.count == 2 && abs(swatches[1] + 4 - labels[3].2) < 0.01, "\(swatches) \(labels)")
    }

    @Test func noChartCodeWritesAColourOfItsOwn() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Reporting")
        for file in ["SVGChart.swift", "PDFChart.swift", "ReportBuilder+Charts.swift", "ReportBuilder+Sections.swift",
                     "SensitivityReportBuilder.swift", "StressReportBuilder.swift", "ComparisonBuilder.swift"] {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            #expect(text.firstMatch(of: #/#[0-9a-fA-F]{6}\b/#) == nil, "\(file) writes a colour: take it from CarrierStyle")
        }
    }
}
