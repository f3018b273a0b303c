/// Turns a laid-out page into content stream operators (ISO 32000-2 §8–9).
struct ComposerContentStream {
    let font: ComposerFont

    /// The operators for `page`; images are named `/Im<index>`.
    func operators(for page: ComposedPage) throws -> String {
        var out = ""
        for fill in page.fills {
            out += "q \(n(fill.gray)) g \(n(fill.x)) \(n(fill.y)) \(n(fill.width)) \(n(fill.height)) re f Q\n"
        }
        for image in page.images {
            out += "q \(n(image.width)) 0 0 \(n(image.height)) \(n(image.x)) \(n(image.y)) cm /Im\(image.index) Do Q\n"
        }
        if !page.lines.isEmpty {
            out += "q 2 J\n"
            var state: (width: Double, gray: Double)?
            for line in page.lines {
                if state.map({ $0 != (line.width, line.gray) }) ?? true {
                    out += "\(n(line.width)) w \(n(line.gray)) G\n"
                    state = (line.width, line.gray)
                }
                out += "\(n(line.x1)) \(n(line.y1)) m \(n(line.x2)) \(n(line.y2)) l S\n"
            }
            out += "Q\n"
        }
        for run in page.texts where !run.text.isEmpty {
            let hex = String(decoding: try PDFObjectSerializer.bytes(of: .string(try font.encoded(run.text, weight: run.weight))), as: UTF8.self)
            var state = ""
            if run.weight == .bold, font.emulatesBold { state += " 2 Tr \(n(run.fontSize * 0.035)) w" }
            if run.characterSpacing != 0 { state += " \(n(run.characterSpacing)) Tc" }
            let text = "BT /\(font.resourceName(run.weight)) \(n(run.fontSize)) Tf\(state) \(n(run.x)) \(n(run.baseline)) Td \(hex) Tj ET"
            out += state.isEmpty ? text + "\n" : "q \(text) Q\n"
        }
        return out
    }

    /// A number for a content stream: at most three decimals, no exponent, no trailing zeros.
    func n(_ value: Double) -> String { Self.number(value) }

    static func number(_ value: Double) -> String {
        // Inputs are validated; the clamp only keeps a stray value from trapping.
        let bounded = value.isFinite ? min(max(value, -1e9), 1e9) : 0
        let thousandths = Int64((bounded * 1000).rounded())
        let sign = thousandths < 0 ? "-" : ""
        let magnitude = thousandths.magnitude
        let whole = magnitude / 1000, fraction = magnitude % 1000
        guard fraction != 0 else { return thousandths == 0 ? "0" : sign + String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.last == "0" { digits.removeLast() }
        return sign + String(whole) + "." + digits
    }
}
