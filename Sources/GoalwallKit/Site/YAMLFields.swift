import CYaml
import Yams

/// The keys of one YAML mapping with where each was written, read into typed values.
/// Every problem becomes a diagnostic at the key's or value's line and column in the
/// original file (front matter starts one line into a goal file).
struct YAMLFields {
    struct Entry {
        var key: String
        var keyNode: Node
        var value: Node
    }

    let path: String
    let lineOffset: Int
    private(set) var entries: [String: Entry] = [:]
    private(set) var order: [String] = []

    init(path: String, lineOffset: Int) {
        self.path = path
        self.lineOffset = lineOffset
    }

    /// Reads a YAML document that must be a mapping (or empty).
    static func parse(
        _ text: String, path: String, lineOffset: Int, what: String, into diagnostics: inout Diagnostics
    ) -> YAMLFields? {
        var fields = YAMLFields(path: path, lineOffset: lineOffset)
        if text.utf8.contains(UInt8(ascii: "*")), let alias = aliasExpansionOverLimit(text) {
            diagnostics.error(
                "YAML aliases expand to more than \(maxExpandedNodes) values here (aliases of aliases of lists or mappings?)",
                at: SourceLocation(path: path, line: alias.line + lineOffset, column: alias.column))
            return nil
        }
        let root: Node?
        do {
            // Values are read from their text (`parseDecimal`, `Day(iso:)`), never from
            // the type YAML's core schema would give them, so scalars are not typed: the
            // default resolver tries seven regular expressions on every key and value
            // (Yams types mapping keys to find duplicates), the largest part of reading a
            // goal file.
            root = try Yams.compose(yaml: text, .basic)
        } catch {
            diagnostics.append(fields.diagnostic(for: error, yamlText: text))
            return nil
        }
        guard let root else { return fields }
        guard let mapping = root.mapping else {
            if root.scalar?.string.isEmpty == true { return fields }
            diagnostics.error("\(what) must be a mapping of keys to values", at: fields.location(of: root))
            return nil
        }
        fields.load(mapping, into: &diagnostics)
        return fields
    }

    /// Values a document may hold once its aliases are expanded. Yams hashes every mapping
    /// key while it composes, so a key made of aliases of aliases ("billion laughs") would
    /// take time exponential in the text; no goalwall file comes near this.
    static let maxExpandedNodes = 100_000

    /// Where the document's values, with every alias counted as the node it stands for,
    /// first pass `maxExpandedNodes`; nil when they never do (or the text does not parse:
    /// Yams reports that).
    static func aliasExpansionOverLimit(_ text: String) -> (line: Int, column: Int)? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> (line: Int, column: Int)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var sizes: [String: Int] = [:]  // by anchor: the values its node holds
            var open: [(anchor: String?, size: Int)] = [(nil, 0)]  // collections being read
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let anchor: UnsafeMutablePointer<yaml_char_t>?
                var size = 1
                switch event.type {
                case YAML_STREAM_END_EVENT: return nil
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let name =
                        event.type == YAML_SEQUENCE_START_EVENT
                        ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                    open.append((name.map { String(cString: $0) }, 1))
                    continue
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard open.count > 1 else { continue }
                    let closed = open.removeLast()
                    anchor = nil
                    size = closed.size
                    if let name = closed.anchor { sizes[name] = size }
                case YAML_SCALAR_EVENT:
                    anchor = event.data.scalar.anchor
                case YAML_ALIAS_EVENT:
                    anchor = nil
                    size = event.data.alias.anchor.flatMap { sizes[String(cString: $0)] } ?? 1
                default:
                    continue
                }
                if let anchor { sizes[String(cString: anchor)] = size }
                open[open.count - 1].size = min(open[open.count - 1].size + size, maxExpandedNodes + 1)
                if open[open.count - 1].size > maxExpandedNodes {
                    return (Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1)
                }
            }
        }
    }

    /// The fields of a nested mapping (a milestone, the mapping form of `metric:`).
    func nested(_ mapping: Node.Mapping, into diagnostics: inout Diagnostics) -> YAMLFields {
        var fields = YAMLFields(path: path, lineOffset: lineOffset)
        fields.load(mapping, into: &diagnostics)
        return fields
    }

    private mutating func load(_ mapping: Node.Mapping, into diagnostics: inout Diagnostics) {
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                diagnostics.error("keys must be plain names", at: location(of: keyNode))
                continue
            }
            if entries[key] != nil {
                diagnostics.error("duplicate key '\(key)'", at: location(of: keyNode))
                continue
            }
            entries[key] = Entry(key: key, keyNode: keyNode, value: value)
            order.append(key)
        }
    }

    func location(of node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(
            path: path, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
    }

    func location(ofKey key: String) -> SourceLocation? {
        entries[key].map { location(of: $0.keyNode) }
    }

    func diagnostic(for error: Error, yamlText: String = "") -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
        }
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let because = context.map { " (\($0.text))" } ?? ""
            return .error("YAML: \(problem)\(because)", at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams points at the mapping; the line that repeats the key is more use.
            var location = at(context.mark)
            if let key = duplicates.first {
                let lines = yamlText.split(separator: "\n", omittingEmptySubsequences: false)
                let repeats = lines.indices.filter {
                    let line = lines[$0].drop { $0 == " " }
                    return line.hasPrefix(key) && line.dropFirst(key.count).drop { $0 == " " }.hasPrefix(":")
                }
                if repeats.count >= 2 {
                    let line = lines[repeats[1]]
                    location = SourceLocation(
                        path: path, line: repeats[1] + 1 + lineOffset, column: line.prefix { $0 == " " }.count + 1)
                }
            }
            return .error("duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))", at: location)
        case .reader(let problem, _, _, _):
            return .error("YAML: \(problem)", at: SourceLocation(path: path, line: 1 + lineOffset))
        default:
            return .error("YAML: \(error)", at: SourceLocation(path: path, line: 1 + lineOffset))
        }
    }

    /// Warns about every key that is not `known`, suggesting the closest known one (§2, §3).
    func warnUnknownKeys(known: [String], what: String, into diagnostics: inout Diagnostics) {
        for key in order where !known.contains(key) {
            let entry = entries[key]!
            var message = "unknown \(what) key '\(key)'"
            if let suggestion = closestName(to: key, among: known) {
                message += ": did you mean '\(suggestion)'?"
            } else {
                message += " (known keys: \(known.joined(separator: ", ")))"
            }
            diagnostics.warning(message, at: location(of: entry.keyNode))
        }
    }

    // MARK: Typed values

    /// An empty value, `~` or `null`, unquoted: the key is there but says nothing.
    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// A plain value's text as written (§9: `owner: NO` is "NO"); nil when absent or null.
    func string(_ key: String, into diagnostics: inout Diagnostics) -> String? {
        guard let entry = entries[key], !Self.isNull(entry.value) else { return nil }
        guard let scalar = entry.value.scalar else {
            diagnostics.error("'\(key)' must be a single value, not a list or mapping", at: location(of: entry.value))
            return nil
        }
        return scalar.string
    }

    /// A number written as a plain decimal (`4`, `-2.5`, `1e3`).
    func number(_ key: String, into diagnostics: inout Diagnostics) -> Double? {
        guard let value = node(key) else { return nil }
        return number(value, named: key, into: &diagnostics)
    }

    func number(_ node: Node, named key: String, into diagnostics: inout Diagnostics) -> Double? {
        guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .any,
            let value = parseDecimal(scalar.string.trimmingBlanks)
        else {
            diagnostics.error("'\(key)' must be a number", at: location(of: node))
            return nil
        }
        return value
    }

    /// A whole number ≥ 0.
    func count(_ key: String, into diagnostics: inout Diagnostics) -> Int? {
        guard let entry = entries[key], !Self.isNull(entry.value) else { return nil }
        guard let scalar = entry.value.scalar, scalar.style == .plain,
            let value = Int(scalar.string), value >= 0
        else {
            diagnostics.error("'\(key)' must be a whole number ≥ 0", at: location(of: entry.value))
            return nil
        }
        return value
    }

    /// A date written `YYYY-MM-DD` and nothing else (§9).
    func day(_ key: String, into diagnostics: inout Diagnostics) -> Day? {
        guard let value = node(key) else { return nil }
        return day(value, named: key, into: &diagnostics)
    }

    func day(_ node: Node, named key: String, into diagnostics: inout Diagnostics) -> Day? {
        guard let text = node.scalar?.string, let day = Day(iso: text) else {
            diagnostics.error("'\(key)' must be a date written YYYY-MM-DD", at: location(of: node))
            return nil
        }
        return day
    }

    /// One of a fixed set of words.
    func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, as: Choice.Type, into diagnostics: inout Diagnostics
    ) -> Choice? where Choice.RawValue == String {
        guard let entry = entries[key], !Self.isNull(entry.value) else { return nil }
        let allowed = Choice.allCases.map(\.rawValue)
        guard let text = entry.value.scalar?.string, let value = Choice(rawValue: text) else {
            let written = entry.value.scalar?.string ?? ""
            var message = "'\(key)' must be one of \(allowed.joined(separator: ", "))"
            if let suggestion = closestName(to: written.lowercased(), among: allowed) {
                message += ": did you mean '\(suggestion)'?"
            }
            diagnostics.error(message, at: location(of: entry.value))
            return nil
        }
        return value
    }

    /// A list of plain values.
    func strings(_ key: String, into diagnostics: inout Diagnostics) -> [String] {
        guard let entry = entries[key], !Self.isNull(entry.value) else { return [] }
        guard let sequence = entry.value.sequence else {
            diagnostics.error("'\(key)' must be a list", at: location(of: entry.value))
            return []
        }
        var result: [String] = []
        for item in sequence {
            guard let text = item.scalar?.string else {
                diagnostics.error("each item of '\(key)' must be a single value", at: location(of: item))
                continue
            }
            result.append(text)
        }
        return result
    }

    /// The value of a key that is there and not null.
    func node(_ key: String) -> Node? {
        guard let value = entries[key]?.value, !Self.isNull(value) else { return nil }
        return value
    }

    func has(_ key: String) -> Bool { node(key) != nil }

    /// Every key, in the order written.
    var keys: [String] { order }
}
