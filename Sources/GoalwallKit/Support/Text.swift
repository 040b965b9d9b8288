/// Small text helpers every stage uses.

extension StringProtocol {
    /// Without the spaces and tabs around it.
    var trimmingBlanks: Substring {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return s
    }
}

/// What a message quotes of a file: at most `limit` characters, then "…", so one huge
/// cell or key does not make a huge message.
func excerpt(_ text: some StringProtocol, limit: Int = 60) -> String {
    guard text.count > limit else { return String(text) }
    return String(text.prefix(limit)) + "…"
}
