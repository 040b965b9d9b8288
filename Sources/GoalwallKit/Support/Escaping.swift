/// Text made safe for the formats goalwall writes: HTML and XML, JSON, iCalendar, and a
/// terminal line. One escaper per format, all here.

/// Text made safe for XML and HTML: markup characters escaped, characters XML forbids dropped.
func xmlEscape(_ text: String) -> String {
    // Most text (every chart coordinate) needs nothing: hand it back as it is.
    let clean = text.utf8.allSatisfy { byte in
        byte >= 0x20 && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">")
            && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'") && byte != 0xEF
    }
    if clean { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
        case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// JSON string literals for the other modules (the command line's JSON log lines), made
/// by the same escaper as goals.json.
public enum JSONText {
    public static func quoted(_ text: String) -> String { json(text) }
}

/// A JSON string (or null): safe inside `<script type="application/json">` too (§9).
func json(_ value: String?) -> String {
    guard let value else { return "null" }
    var out = "\""
    for scalar in value.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "<": out += "\\u003c"  // safe inside <script type="application/json"> too (§9)
        case "\u{2028}": out += "\\u2028"
        case "\u{2029}": out += "\\u2029"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

func json(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "null" }
    return "\(value)"
}

func json(_ value: Day?) -> String { value.map { "\"\($0)\"" } ?? "null" }
func json(_ value: Bool?) -> String { value.map { $0 ? "true" : "false" } ?? "null" }

/// RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma and line breaks escaped.
func icsText(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case ";": out += "\\;"
        case ",": out += "\\,"
        case "\n": out += "\\n"
        case "\r": continue
        case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// Text with every control character, and every character that reorders text on screen,
/// written as `\u{…}`, so a message is one line that means what it says.
func printable(_ text: String) -> String {
    func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }
    guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
        if isUnsafe(scalar) {
            out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}
