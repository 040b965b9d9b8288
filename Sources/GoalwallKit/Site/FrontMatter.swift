/// A Markdown file split into its YAML front matter (between `---` lines) and its body.
struct FrontMatter {
    /// nil when the file does not start with a `---` line.
    var yaml: String?
    var body: String
    /// The file line the body starts on.
    var bodyFirstLine: Int

    /// Splits `text`; an opening `---` without a closing one is an error at 1:1.
    static func split(_ text: String, path: String, into diagnostics: inout Diagnostics) -> FrontMatter? {
        // Windows editors write CRLF; "\r\n" is one Character in Swift, so lines are split
        // after turning it into "\n" (line numbers stay the same).
        // (A byte test first: Foundation's `contains` on a whole file is slow.)
        let crlf = text.utf8.contains(UInt8(ascii: "\r")) && text.contains("\r\n")
        var text = Substring(crlf ? text.replacingOccurrences(of: "\r\n", with: "\n") : text)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        func isFence(_ line: Substring) -> Bool {
            var line = line
            if line.hasSuffix("\r") { line = line.dropLast() }
            return line.trimmingBlanks == "---" && line.hasPrefix("---")
        }
        guard let first = lines.first, isFence(first) else {
            return FrontMatter(yaml: nil, body: String(text), bodyFirstLine: 1)
        }
        lines = lines.dropFirst()
        guard let close = lines.firstIndex(where: isFence) else {
            diagnostics.error(
                "front matter opened with '---' on line 1 is never closed by a '---' line",
                at: SourceLocation(path: path))
            return nil
        }
        let yaml = lines[lines.startIndex..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n")
        return FrontMatter(yaml: yaml, body: body, bodyFirstLine: close + 2)
    }
}
