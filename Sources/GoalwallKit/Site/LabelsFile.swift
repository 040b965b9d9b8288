import Yams

/// A labels file of the theme (`labels.de.yml`, or a site's own `labels.yml`): how numbers
/// and dates are written and the wall's labels in one language. Every key is optional; a
/// file replaces what it gives of the language beneath it.
struct LabelsFile {
    let text: String
    /// Where it is, for messages: "templates/labels.yml".
    let path: String

    /// The theme file that holds a language's labels ("labels.de.yml").
    static func name(for tag: String) -> String { "labels.\(tag).yml" }

    /// Whether a theme file is a labels file (read, never copied to the output).
    static func isLabels(_ name: String) -> Bool { name.hasPrefix("labels.") && name.hasSuffix(".yml") }

    static let keys = ["numbers", "dates", "plural_one", "lowercase_in_text", "labels"]

    /// Lays the file over `language`. `known` holds the labels a file may set (English's);
    /// nil for English itself.
    func apply(to language: inout Language, known: [String: Language.Label]?, into diagnostics: inout Diagnostics) {
        guard let fields = YAMLFields.parse(text, path: path, lineOffset: 0, what: "a labels file", into: &diagnostics)
        else { return }
        fields.warnUnknownKeys(known: Self.keys, what: "labels file", into: &diagnostics)
        if let node = fields.node("numbers"), let numbers = mapping(node, "numbers", fields, &diagnostics) {
            numbers.warnUnknownKeys(
                known: ["decimal", "group", "minimum_grouping_digits", "percent", "compact"], what: "numbers",
                into: &diagnostics)
            let decimal = numbers.string("decimal", into: &diagnostics) ?? language.decimal
            let group = numbers.string("group", into: &diagnostics) ?? language.group
            if decimal.isEmpty || decimal == group {
                diagnostics.error(
                    "'decimal' must be a mark of its own, not empty and not the same as 'group' (\"\(group)\")",
                    at: numbers.location(ofKey: "decimal") ?? numbers.location(ofKey: "group")
                        ?? fields.location(of: node))
            } else {
                (language.decimal, language.group) = (decimal, group)
            }
            if let digits = numbers.count("minimum_grouping_digits", into: &diagnostics) {
                language.minimumGroupingDigits = max(1, min(digits, 3))
            }
            if let text = pattern("percent", in: numbers, needs: ["n"], &diagnostics) { language.percent = text }
            if let list = list("compact", in: numbers, count: 4, &diagnostics) {
                if list.allSatisfy({ Language.placeholders($0).contains("n") }) {
                    language.compact = list
                } else {
                    diagnostics.error(
                        "each item of 'compact' must hold {n}, the number (\"{n}k\")",
                        at: numbers.location(of: numbers.node("compact")!))
                }
            }
        }
        if let node = fields.node("dates"), let dates = mapping(node, "dates", fields, &diagnostics) {
            dates.warnUnknownKeys(
                known: ["months", "short_months", "date", "short_date", "day_month", "month_year"], what: "dates",
                into: &diagnostics)
            if let list = list("months", in: dates, count: 12, &diagnostics) { language.months = list }
            if let list = list("short_months", in: dates, count: 12, &diagnostics) { language.shortMonths = list }
            if let text = pattern("date", in: dates, needs: ["day", "month", "year"], &diagnostics) {
                language.date = text
            }
            if let text = pattern("short_date", in: dates, needs: ["day", "month", "year"], &diagnostics) {
                language.shortDate = text
            }
            if let text = pattern("day_month", in: dates, needs: ["day", "month"], &diagnostics) {
                language.dayMonth = text
            }
            if let text = pattern("month_year", in: dates, needs: ["month", "year"], &diagnostics) {
                language.monthYear = text
            }
        }
        if let node = fields.node("plural_one") {
            var counts = Set<Int>()
            if let items = node.sequence {
                for item in items {
                    guard let text = item.scalar?.string, let count = Int(text), count >= 0 else {
                        diagnostics.error(
                            "each item of 'plural_one' must be a whole number (the counts that take a label's 'one' form)",
                            at: fields.location(of: item))
                        continue
                    }
                    counts.insert(count)
                }
            } else {
                diagnostics.error("'plural_one' must be a list of whole numbers", at: fields.location(of: node))
            }
            language.one = counts
        }
        if let node = fields.node("lowercase_in_text") {
            switch node.scalar?.string {
            case "true": language.lowercasesInText = true
            case "false": language.lowercasesInText = false
            default:
                diagnostics.error(
                    "'lowercase_in_text' must be true or false (whether a status word is written in lower case inside a sentence)",
                    at: fields.location(of: node))
            }
        }
        if let node = fields.node("labels"), let labels = mapping(node, "labels", fields, &diagnostics) {
            for key in labels.keys {
                let entry = labels.node(key)
                guard let entry else { continue }
                let location = labels.location(of: entry)
                if let known, known[key] == nil {
                    var message = "unknown label '\(key)'"
                    if let suggestion = closestName(to: key, among: Array(known.keys)) {
                        message += ": did you mean '\(suggestion)'?"
                    }
                    diagnostics.warning(message, at: labels.location(ofKey: key) ?? location)
                    continue
                }
                guard let label = self.label(entry, key, labels, &diagnostics) else { continue }
                if let english = known?[key], english.one == nil, label.one != nil {
                    diagnostics.warning(
                        "label '\(key)' is not for a count: its 'one' form is never used (write the text alone)",
                        at: location)
                }
                if let english = known?[key] {
                    let allowed = Language.placeholders(english.other).union(
                        english.one.map(Language.placeholders) ?? []
                    )
                    .union(english.one == nil ? [] : ["n"])
                    let used = Language.placeholders(label.other).union(label.one.map(Language.placeholders) ?? [])
                    if let stray = used.subtracting(allowed).sorted().first {
                        diagnostics.warning(
                            "label '\(key)' uses {\(stray)}, which goalwall does not fill in here"
                                + (allowed.isEmpty
                                    ? "" : " (it fills \(allowed.sorted().map { "{\($0)}" }.joined(separator: ", ")))"),
                            at: location)
                    }
                }
                language.labels[key] = label
            }
        }
    }

    /// A label: a text, or a mapping with `other` (and `one`) for a count.
    private func label(
        _ node: Node, _ key: String, _ fields: YAMLFields, _ diagnostics: inout Diagnostics
    ) -> Language.Label? {
        if let scalar = node.scalar { return Language.Label(other: scalar.string) }
        guard node.mapping != nil, let forms = mapping(node, key, fields, &diagnostics) else {
            diagnostics.error(
                "label '\(key)' must be a text, or 'one' and 'other' texts for a count", at: fields.location(of: node))
            return nil
        }
        forms.warnUnknownKeys(known: ["one", "other"], what: "label '\(key)'", into: &diagnostics)
        guard let other = forms.string("other", into: &diagnostics) else {
            diagnostics.error("label '\(key)' needs an 'other' form", at: fields.location(of: node))
            return nil
        }
        return Language.Label(other: other, one: forms.string("one", into: &diagnostics))
    }

    private func mapping(
        _ node: Node, _ key: String, _ fields: YAMLFields, _ diagnostics: inout Diagnostics
    ) -> YAMLFields? {
        guard let mapping = node.mapping else {
            diagnostics.error("'\(key)' must be a mapping", at: fields.location(of: node))
            return nil
        }
        return fields.nested(mapping, into: &diagnostics)
    }

    private func pattern(
        _ key: String, in fields: YAMLFields, needs: Set<String>, _ diagnostics: inout Diagnostics
    ) -> String? {
        guard let text = fields.string(key, into: &diagnostics) else { return nil }
        let missing = needs.subtracting(Language.placeholders(text))
        guard missing.isEmpty else {
            diagnostics.error(
                "'\(key)' must hold \(needs.sorted().map { "{\($0)}" }.joined(separator: ", ")); "
                    + "\(missing.sorted().map { "{\($0)}" }.joined(separator: ", ")) is missing",
                at: fields.location(of: fields.node(key)!))
            return nil
        }
        return text
    }

    private func list(
        _ key: String, in fields: YAMLFields, count: Int, _ diagnostics: inout Diagnostics
    ) -> [String]? {
        guard let node = fields.node(key) else { return nil }
        guard node.sequence != nil else {
            diagnostics.error("'\(key)' must be a list of \(count) texts", at: fields.location(of: node))
            return nil
        }
        let items = fields.strings(key, into: &diagnostics)
        guard items.count == count else {
            diagnostics.error(
                "'\(key)' must be a list of \(count) texts, not \(items.count)",
                at: fields.location(of: fields.node(key)!))
            return nil
        }
        return items
    }
}
