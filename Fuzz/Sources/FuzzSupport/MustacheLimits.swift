import Foundation
import GoalwallKit

/// Inputs that hit a known, not yet fixed crash of the Mustache renderer: it recurses once
/// per nested section and once per partial, so thousands of nested `{{#a}}` or a partial
/// that includes itself inside a section overflow the stack. The targets skip them (and
/// keep them out of the corpus) until the renderer is fixed; see README.md.
public enum MustacheLimits {
    /// More tags than any real template has nested (the built-in goal.mustache has 115 in all).
    public static let maxTags = 200

    /// True when `text`, as the theme file `name`, could hit the known stack overflow.
    public static func isKnownStackOverflow(_ text: String, name: String) -> Bool {
        if tagCount(text) > maxTags { return true }
        // Does `name` reach itself through partials, with `text` in place of the built-in file?
        let own = String(name.dropLast(".mustache".count))
        var seen: Set<String> = []
        var queue = partials(in: text)
        while let next = queue.popLast() {
            if next == own { return true }
            guard seen.insert(next).inserted, let file = Theme.builtinFiles[next + ".mustache"] else { continue }
            queue += partials(in: file)
        }
        return false
    }

    static func tagCount(_ text: String) -> Int {
        var count = 0
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            count += 1
            rest = rest[open.upperBound...]
        }
        return count
    }

    /// Names after `{{>` or `{{<`, anywhere in the text.
    static func partials(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let kind = rest.first, kind == ">" || kind == "<", let close = rest.range(of: "}}") else { continue }
            let name = rest[rest.index(after: rest.startIndex)..<close.lowerBound]
                .trimmingCharacters(in: .whitespaces)
            names.append(name)
        }
        return names
    }
}
