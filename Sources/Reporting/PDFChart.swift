import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A figure as a one-page vector PDF, for `\includegraphics` in `report.tex`: the SVG that
/// ``SVGChart`` draws, translated shape by shape (rectangles, lines, polylines, circles and
/// Helvetica text, rotated where the SVG rotates it), so the two files show the same picture.
/// One point per SVG pixel; no compression, no dates: the same chart always gives the same bytes.
public enum PDFChart {
    /// The chart as PDF bytes.
    public static func render(_ chart: ChartSpec, id: String, title: String) -> Data {
        render(svg: SVGChart.render(chart, id: id, title: title))
    }

    /// An SVG of the subset ``SVGChart`` writes as PDF bytes (an empty page if it does not parse).
    static func render(svg: String) -> Data {
        let drawing = Drawing()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = drawing
        _ = parser.parse()
        return document(content: drawing.content, width: drawing.width, height: drawing.height, title: drawing.title)
    }

    /// The file: catalog, page tree, page, content stream, the Helvetica font and an info dictionary.
    static func document(content: [UInt8], width: Double, height: Double, title: String) -> Data {
        let objects: [[UInt8]] = [
            Array("<< /Type /Catalog /Pages 2 0 R >>".utf8),
            Array("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8),
            Array("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(number(width)) \(number(height))] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".utf8),
            Array("<< /Length \(content.count) >>\nstream\n".utf8) + content + Array("\nendstream".utf8),
            Array("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".utf8),
            Array("<< /Title (".utf8) + pdfString(title) + Array(") /Producer (Bijli) >>".utf8),
        ]
        var out = Array("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (k, body) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(k + 1) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        let xref = out.count
        out += Array("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets { out += Array((String(repeating: "0", count: max(0, 10 - String(offset).count)) + "\(offset) 00000 n \n").utf8) }
        out += Array("trailer\n<< /Size \(objects.count + 1) /Root 1 0 R /Info 6 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return Data(out)
    }

    /// Text as the bytes of a PDF string in WinAnsiEncoding: `\`, `(` and `)` escaped, bytes
    /// outside ASCII as octal escapes, characters WinAnsi lacks spelled in ASCII or as `?`.
    static func pdfString(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for code in winAnsi(text) {
            switch code {
            case 0x5C, 0x28, 0x29: out += [0x5C, code]
            case 0x20...0x7E: out.append(code)
            default: out += Array(("\\" + String(code, radix: 8)).utf8)
            }
        }
        return out
    }

    /// The WinAnsiEncoding codes of a text.
    static func winAnsi(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20...0x7E, 0xA0...0xFF: out.append(UInt8(scalar.value))
            case 0x2013: out.append(0x96)
            case 0x2014: out.append(0x97)
            case 0x2018: out.append(0x91)
            case 0x2019: out.append(0x92)
            case 0x201C: out.append(0x93)
            case 0x201D: out.append(0x94)
            case 0x2022: out.append(0x95)
            case 0x2026: out.append(0x85)
            case 0x20AC: out.append(0x80)
            case 0x2212: out.append(0x2D)
            case 0x2080...0x2089: out.append(UInt8(0x30 + scalar.value - 0x2080))
            case 0x0394: out.append(0x44)
            default: out.append(0x3F)
            }
        }
        return out
    }

    /// Helvetica's advance widths (thousandths of the font size) of the WinAnsi codes 32–126;
    /// others count as 556.
    static let widths: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
        556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
        556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ]

    /// The width of a text in Helvetica at `size` points.
    static func textWidth(_ text: String, size: Double) -> Double {
        Double(winAnsi(text).reduce(0) { $0 + ((32...126).contains($1) ? widths[Int($1) - 32] : 556) }) * size / 1000
    }

    /// A number for a PDF operator: at most two decimals, no exponent, no `-0`.
    static func number(_ x: Double) -> String {
        let text = String(format: "%.2f", x.isFinite ? x : 0)
        var trimmed = text.contains(".") ? String(text.reversed().drop { $0 == "0" }.reversed()) : text
        if trimmed.hasSuffix(".") { trimmed.removeLast() }
        return trimmed == "-0" ? "0" : trimmed
    }

    /// `#rrggbb` as three numbers from 0 to 1; nil for `none` or anything else.
    static func rgb(_ color: String?) -> String? {
        guard let color, color.hasPrefix("#"), color.count == 7, let value = Int(color.dropFirst(), radix: 16) else { return nil }
        return [value >> 16, (value >> 8) & 0xFF, value & 0xFF].map { number(Double($0) / 255) }.joined(separator: " ")
    }

    /// Turns the SVG's elements into PDF drawing operators as the parser meets them.
    final class Drawing: NSObject, XMLParserDelegate {
        var width = 760.0, height = 380.0, fontSize = 11.0
        var title = ""
        var content: [UInt8] = []
        /// The `<text>` or `<title>` being read, with its attributes.
        var open: (name: String, attributes: [String: String], text: String)?

        func emit(_ line: String) { content += Array((line + "\n").utf8) }
        func y(_ value: Double) -> Double { height - value }
        func value(_ attributes: [String: String], _ key: String, _ fallback: Double = 0) -> Double {
            attributes[key].flatMap(Double.init) ?? fallback
        }

        /// Stroke colour and width; false when the element has no stroke.
        func setStroke(_ a: [String: String], defaultColor: String? = nil) -> Bool {
            guard let color = rgb(a["stroke"] ?? defaultColor) else { return false }
            emit("\(color) RG \(number(value(a, "stroke-width", 1))) w")
            return true
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes a: [String: String] = [:]) {
            switch name {
            case "svg":
                width = value(a, "width", width)
                height = value(a, "height", height)
                fontSize = value(a, "font-size", fontSize)
                emit("1 J 1 j")
            case "rect":
                let x = value(a, "x"), top = value(a, "y"), w = value(a, "width"), h = value(a, "height")
                let fill = rgb(a["fill"] ?? CarrierStyle.ink)
                if let fill { emit("\(fill) rg") }
                let stroked = setStroke(a)
                emit("\(number(x)) \(number(y(top + h))) \(number(w)) \(number(h)) re \(fill != nil ? (stroked ? "B" : "f") : (stroked ? "S" : "n"))")
            case "line":
                guard setStroke(a) else { return }
                emit("\(number(value(a, "x1"))) \(number(y(value(a, "y1")))) m \(number(value(a, "x2"))) \(number(y(value(a, "y2")))) l S")
            case "polyline":
                guard setStroke(a) else { return }
                let points = (a["points"] ?? "").split(separator: " ").compactMap { pair -> (Double, Double)? in
                    let xy = pair.split(separator: ",").compactMap { Double($0) }
                    return xy.count == 2 ? (xy[0], xy[1]) : nil
                }
                guard let first = points.first else { return }
                emit(["\(number(first.0)) \(number(y(first.1))) m"] + points.dropFirst().map { "\(number($0.0)) \(number(y($0.1))) l" } + ["S"])
            case "circle":
                let cx = value(a, "cx"), cy = y(value(a, "cy")), r = value(a, "r"), k = 0.5523 * r
                guard let fill = rgb(a["fill"] ?? CarrierStyle.ink) else { return }
                emit("\(fill) rg")
                emit(["\(number(cx + r)) \(number(cy)) m",
                      "\(number(cx + r)) \(number(cy + k)) \(number(cx + k)) \(number(cy + r)) \(number(cx)) \(number(cy + r)) c",
                      "\(number(cx - k)) \(number(cy + r)) \(number(cx - r)) \(number(cy + k)) \(number(cx - r)) \(number(cy)) c",
                      "\(number(cx - r)) \(number(cy - k)) \(number(cx - k)) \(number(cy - r)) \(number(cx)) \(number(cy - r)) c",
                      "\(number(cx + k)) \(number(cy - r)) \(number(cx + r)) \(number(cy - k)) \(number(cx + r)) \(number(cy)) c", "f"])
            case "text", "title":
                open = (name, a, "")
            default:
                break
            }
        }

        func emit(_ lines: [String]) { emit(lines.joined(separator: " ")) }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            open?.text += string
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard let (element, a, text) = open, element == name else { return }
            open = nil
            if name == "title" { title = text; return }
            let size = value(a, "font-size", fontSize)
            let shift: Double = switch a["text-anchor"] {
            case "middle": -textWidth(text, size: size) / 2
            case "end": -textWidth(text, size: size)
            default: 0
            }
            // rotate(-90 x y) in the SVG (y down) turns the text to read upwards.
            let rotated = (a["transform"] ?? "").hasPrefix("rotate(-90")
            let matrix = rotated ? "0 1 -1 0" : "1 0 0 1"
            emit("0 0 0 rg BT /F1 \(number(size)) Tf \(matrix) \(number(value(a, "x"))) \(number(y(value(a, "y")))) Tm "
                 + "\(number(shift)) 0 Td (\(String(decoding: pdfString(text), as: UTF8.self))) Tj ET")
        }
    }
}
