/// Builds SVG text: coordinates rounded to one decimal (so the same numbers give the same
/// bytes), never NaN or infinity, every text escaped.
struct SVG {
    private(set) var body = ""

    /// A coordinate as SVG text: one decimal, no "-0", non-finite values as 0.
    static func n(_ value: Double) -> String {
        var text = ""
        append(value, to: &text)
        return text
    }

    /// `n(value)` appended to `text`, without a string of its own (a year of daily points
    /// is 730 coordinates per chart).
    static func append(_ value: Double, to text: inout String) {
        guard value.isFinite else {
            text += "0"
            return
        }
        let tenths = (value * 10).rounded()
        if tenths == 0 {
            text += "0"
            return
        }
        let magnitude = Int(abs(tenths))
        if tenths < 0 { text += "-" }
        text += String(magnitude / 10)
        if magnitude % 10 != 0 {
            text += "."
            text.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "0") + UInt8(magnitude % 10)))
        }
    }

    mutating func raw(_ text: String) { body += text }

    mutating func element(_ name: String, _ attributes: [(String, String)], text: String? = nil) {
        body += "<" + name
        for (key, value) in attributes { body += " \(key)=\"\(xmlEscape(value))\"" }
        if let text {
            body += ">" + xmlEscape(text) + "</\(name)>"
        } else {
            body += "/>"
        }
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, class name: String) {
        element(
            "line", [("class", name), ("x1", Self.n(x1)), ("y1", Self.n(y1)), ("x2", Self.n(x2)), ("y2", Self.n(y2))])
    }

    mutating func text(_ x: Double, _ y: Double, _ content: String, class name: String, anchor: String = "start") {
        var attributes = [("class", name), ("x", Self.n(x)), ("y", Self.n(y))]
        if anchor != "start" { attributes.append(("text-anchor", anchor)) }
        element("text", attributes, text: content)
    }

    mutating func circle(_ x: Double, _ y: Double, r: Double, class name: String) {
        element("circle", [("class", name), ("cx", Self.n(x)), ("cy", Self.n(y)), ("r", Self.n(r))])
    }

    mutating func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, class name: String) {
        element(
            "rect",
            [
                ("class", name), ("x", Self.n(x)), ("y", Self.n(y)), ("width", Self.n(max(0, width))),
                ("height", Self.n(max(0, height))),
            ])
    }

    /// A path through points; each inner array is one unbroken run (a gap between runs).
    mutating func path(_ runs: [[(Double, Double)]], class name: String) {
        var d = ""
        d.reserveCapacity(runs.reduce(0) { $0 + $1.count } * 14)
        for run in runs where !run.isEmpty {
            for (index, point) in run.enumerated() {
                d += index == 0 ? (d.isEmpty ? "M" : " M") : " L"
                Self.append(point.0, to: &d)
                d += " "
                Self.append(point.1, to: &d)
            }
        }
        guard !d.isEmpty else { return }
        // Letters, digits, spaces, dots and minus signs: nothing to escape.
        body += "<path class=\"\(xmlEscape(name))\" d=\"" + d + "\"/>"
    }

    /// The finished `<svg>`: an image with a title and a description read out in its place.
    /// A sentence that ends with an abbreviation ("bis 9. Feb.") ends with its dot only.
    static func sentence(_ text: String) -> String {
        text.hasSuffix("..") && !text.hasSuffix("...") ? String(text.dropLast()) : text
    }

    func finished(id: String, className: String, width: Double, height: Double, title: String, description: String)
        -> String
    {
        // Joined at its final size: every card's charts are held until the last page renders.
        [
            "<svg class=\"\(className)\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" role=\"img\" ",
            "aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">",
            "<title id=\"\(id)-title\">\(xmlEscape(title))</title><desc id=\"\(id)-desc\">\(xmlEscape(Self.sentence(description)))</desc>",
            body, "</svg>",
        ].joined()
    }
}

/// Clips the segment a–b to a rectangle (Liang–Barsky); nil when it lies wholly outside.
func clip(
    _ a: (Double, Double), _ b: (Double, Double), to box: (x0: Double, y0: Double, x1: Double, y1: Double)
) -> ((Double, Double), (Double, Double))? {
    var t0 = 0.0
    var t1 = 1.0
    let dx = b.0 - a.0
    let dy = b.1 - a.1
    for (p, q) in [(-dx, a.0 - box.x0), (dx, box.x1 - a.0), (-dy, a.1 - box.y0), (dy, box.y1 - a.1)] {
        if p == 0 {
            if q < 0 { return nil }
        } else {
            let r = q / p
            if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
        }
    }
    guard t0 <= t1, t0.isFinite, t1.isFinite else { return nil }
    return ((a.0 + t0 * dx, a.1 + t0 * dy), (a.0 + t1 * dx, a.1 + t1 * dy))
}
