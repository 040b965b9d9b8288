import Yams

/// goalwall.yml's `csv` key (§11). Stricter than the rest of the file: an unknown key or
/// value anywhere under it is an error at its line, since a mistyped dialect would misread
/// every number.
struct CSVSettingsReader {
    let fields: YAMLFields

    static let keys = ["delimiter", "decimal", "dates", "missing", "files"]
    static let entryKeys = ["match", "delimiter", "decimal", "dates", "missing"]
    /// Longer patterns than any folder layout needs are refused.
    static let maximumPattern = 256

    func read(_ node: Node, into diagnostics: inout Diagnostics) -> CSVSettings? {
        guard let mapping = node.mapping else {
            diagnostics.error(
                "'csv' must be a mapping of delimiter, decimal, dates, missing and files", at: fields.location(of: node)
            )
            return nil
        }
        let csv = fields.nested(mapping, into: &diagnostics)
        rejectUnknownKeys(csv, known: Self.keys, what: "csv", into: &diagnostics)
        var settings = CSVSettings()
        settings.defaults = CSVDialect().overridden(by: overrides(csv, into: &diagnostics))
        if let files = csv.node("files") {
            guard let items = files.sequence else {
                diagnostics.error("'files' must be a list of { match: GLOB, … }", at: csv.location(of: files))
                return settings
            }
            for item in items {
                guard let entryMapping = item.mapping else {
                    diagnostics.error(
                        "each entry of 'files' is a mapping like { match: \"exports/*.csv\", delimiter: \";\" }",
                        at: csv.location(of: item))
                    continue
                }
                let entry = csv.nested(entryMapping, into: &diagnostics)
                rejectUnknownKeys(entry, known: Self.entryKeys, what: "files entry", into: &diagnostics)
                guard let match = entry.string("match", into: &diagnostics) else {
                    if !entry.has("match") {
                        diagnostics.error(
                            "a 'files' entry needs 'match': the files it applies to, like \"exports/*.csv\"",
                            at: csv.location(of: item))
                    }
                    continue
                }
                guard match.count <= Self.maximumPattern else {
                    diagnostics.error(
                        "'match' is longer than \(Self.maximumPattern) characters", at: entry.location(ofKey: "match")!)
                    continue
                }
                settings.files.append((Glob(match), overrides(entry, into: &diagnostics)))
            }
        }
        return settings
    }

    /// The dialect keys a mapping gives (the `csv` defaults, or a `files` entry).
    private func overrides(_ map: YAMLFields, into diagnostics: inout Diagnostics) -> CSVDialect.Overrides {
        var overrides = CSVDialect.Overrides()
        if let node = map.node("delimiter") {
            // A tab written as "\t" in double quotes is a tab; written plain, `\t` means one too.
            let written = node.scalar?.string == "\\t" ? "\t" : node.scalar?.string
            overrides.delimiter = value(
                written, of: CSVDialect.Delimiter.self, key: "delimiter", shown: "auto, \",\", \";\" or \"\\t\"",
                at: map.location(of: node), into: &diagnostics)
        }
        if let node = map.node("decimal") {
            overrides.decimal = value(
                node.scalar?.string, of: CSVDialect.DecimalMark.self, key: "decimal", shown: "\".\" or \",\"",
                at: map.location(of: node), into: &diagnostics)
        }
        if let node = map.node("dates") {
            overrides.dates = value(
                node.scalar?.string, of: CSVDialect.DateOrder.self, key: "dates", shown: "iso, dmy or mdy",
                at: map.location(of: node), into: &diagnostics)
        }
        if let node = map.node("missing") {
            if let items = node.sequence {
                var missing: [String] = []
                for item in items {
                    if let text = item.scalar?.string {
                        missing.append(text)
                    } else {
                        diagnostics.error(
                            "each item of 'missing' is a cell text like \"N/A\"", at: map.location(of: item))
                    }
                }
                overrides.missing = missing
            } else {
                diagnostics.error(
                    "'missing' must be a list of cell texts, like [\"N/A\", \"-\"]", at: map.location(of: node))
            }
        }
        return overrides
    }

    private func value<Choice: RawRepresentable & CaseIterable>(
        _ written: String?, of type: Choice.Type, key: String, shown: String, at location: SourceLocation,
        into diagnostics: inout Diagnostics
    ) -> Choice? where Choice.RawValue == String {
        if let written, let choice = Choice(rawValue: written) { return choice }
        diagnostics.error("'\(key)' must be \(shown)", at: location)
        return nil
    }

    private func rejectUnknownKeys(
        _ map: YAMLFields, known: [String], what: String, into diagnostics: inout Diagnostics
    ) {
        for key in map.keys where !known.contains(key) {
            var message = "unknown \(what) key '\(excerpt(key))'"
            if let suggestion = closestName(to: key, among: known) {
                message += ": did you mean '\(suggestion)'?"
            } else {
                message += " (known keys: \(known.joined(separator: ", ")))"
            }
            diagnostics.error(message, at: map.location(ofKey: key)!)
        }
    }
}
