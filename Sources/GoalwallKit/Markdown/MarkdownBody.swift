import CCmark

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A dated check-in: a level-2 heading that starts with an ISO date (§3, §9), and the
/// Markdown that follows it up to the next level-2 heading, rendered.
public struct CheckIn: Sendable {
    public var date: Day
    public var title: String
    public var html: String
    /// Line of the heading in the goal file.
    public var line: Int
}

/// A list item that starts with `[ ]`, `[x]` or `[X]` (§9).
public struct GoalTask: Sendable {
    public var done: Bool
    public var text: String
}

/// A Markdown body as read from cmark's syntax tree: the prose, the check-ins and the tasks.
/// Raw HTML is not passed through (cmark's safe default); tasks are drawn as check boxes.
public struct MarkdownBody: Sendable {
    /// Everything that is not inside a check-in.
    public var html: String
    /// Every check-in, in document order (also those dated after as-of: the wall filters).
    public var checkIns: [CheckIn]
    public var tasks: [GoalTask]
    /// The text of the first level-1 heading, if any (a free page's default title).
    public var firstHeading: String?

    /// - Parameters:
    ///   - firstLine: the file line the body starts on, so positions point into the file.
    public static func parse(
        _ markdown: String, path: String, firstLine: Int, into diagnostics: inout Diagnostics
    ) -> MarkdownBody {
        var text = markdown
        let document = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT)
            }
        }
        guard let document else {
            return MarkdownBody(html: "", checkIns: [], tasks: [], firstHeading: nil)
        }
        defer { cmark_node_free(document) }

        let tasks = markTasks(in: document)
        var checkIns: [CheckIn] = []
        var firstHeading: String?
        var html = ""
        var current: (checkIn: CheckIn, html: String)?

        func close() {
            if var open = current {
                open.checkIn.html = open.html
                checkIns.append(open.checkIn)
                current = nil
            }
        }

        // Check-in headings anywhere in the tree are check-ins; only top-level ones also
        // take the blocks that follow them.
        var topLevel = Set<OpaquePointer>()
        var block = cmark_node_first_child(document)
        while let node = block {
            topLevel.insert(node)
            block = cmark_node_next(node)
        }
        var nested: [CheckIn] = []
        walk(document) { node in
            guard cmark_node_get_type(node) == CMARK_NODE_HEADING else { return }
            let level = cmark_node_get_heading_level(node)
            if level == 1, firstHeading == nil { firstHeading = plainText(of: node) }
            guard level == 2, !topLevel.contains(node) else { return }
            let line = firstLine - 1 + Int(cmark_node_get_start_line(node))
            if let checkIn = checkInHeading(plainText(of: node), line: line, path: path, into: &diagnostics) {
                nested.append(checkIn)
            }
        }

        block = cmark_node_first_child(document)
        while let node = block {
            block = cmark_node_next(node)
            if cmark_node_get_type(node) == CMARK_NODE_HEADING, cmark_node_get_heading_level(node) == 2 {
                close()
                let line = firstLine - 1 + Int(cmark_node_get_start_line(node))
                if let checkIn = checkInHeading(plainText(of: node), line: line, path: path, into: &diagnostics) {
                    current = (checkIn, "")
                    continue
                }
            }
            let rendered = render(node)
            if current != nil { current!.html += rendered } else { html += rendered }
        }
        close()
        checkIns += nested
        checkIns.sort { $0.line < $1.line }
        return MarkdownBody(html: html, checkIns: checkIns, tasks: tasks, firstHeading: firstHeading)
    }

    /// A check-in heading's text: a valid date, then the end, a space, or one of - – — :
    /// The title is the rest with the separator and surrounding spaces removed (§9).
    static func checkInHeading(
        _ text: String, line: Int, path: String, into diagnostics: inout Diagnostics
    ) -> CheckIn? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 10 else { return nil }
        let shape = "dddd-dd-dd"
        for (scalar, expected) in zip(scalars, shape.unicodeScalars) {
            let ok = expected == "d" ? ("0"..."9").contains(scalar) : scalar == expected
            guard ok else { return nil }
        }
        let separators: Set<Unicode.Scalar> = ["-", "\u{2013}", "\u{2014}", ":"]
        if scalars.count > 10 {
            let next = scalars[10]
            guard next == " " || separators.contains(next) else { return nil }
        }
        let dateText = String(String.UnicodeScalarView(scalars[0..<10]))
        guard let date = Day(iso: dateText) else {
            diagnostics.warning(
                "'\(dateText)' is not a real date, so this heading is not a check-in",
                at: SourceLocation(path: path, line: line))
            return nil
        }
        var rest = Substring(String(String.UnicodeScalarView(scalars[10...])))
        rest = rest.drop { $0 == " " }
        if let first = rest.unicodeScalars.first, separators.contains(first) {
            rest = rest.dropFirst()
        }
        let title = String(rest.trimmingBlanks)
        return CheckIn(date: date, title: title, html: "", line: line)
    }

    /// Finds tasks (§9: a list item whose first paragraph starts with `[ ]`, `[x]` or `[X]`
    /// followed by a space or its end) and swaps the marker for a check box.
    private static func markTasks(in document: OpaquePointer) -> [GoalTask] {
        var items: [OpaquePointer] = []
        walk(document) { node in
            if cmark_node_get_type(node) == CMARK_NODE_ITEM { items.append(node) }
        }
        var tasks: [GoalTask] = []
        for item in items {
            guard let paragraph = cmark_node_first_child(item),
                cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH
            else { continue }
            // The marker may be split over several text nodes ("[", " ", "]").
            var leading = ""
            var textNodes: [OpaquePointer] = []
            var inline = cmark_node_first_child(paragraph)
            while let node = inline, leading.unicodeScalars.count < 4 {
                let type = cmark_node_get_type(node)
                if type == CMARK_NODE_TEXT {
                    leading += String(cString: cmark_node_get_literal(node))
                    textNodes.append(node)
                } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                    leading += "\n"
                    break
                } else {
                    break
                }
                inline = cmark_node_next(node)
            }
            let marker = Array(leading.unicodeScalars.prefix(4))
            guard marker.count >= 3, marker[0] == "[", marker[2] == "]",
                marker[1] == " " || marker[1] == "x" || marker[1] == "X",
                marker.count == 3 || marker[3] == " " || marker[3] == "\t" || marker[3] == "\n"
            else { continue }
            let done = marker[1] != " "
            // Remove the three marker characters and one following space.
            var toRemove = marker.count >= 4 && marker[3] != "\n" ? 4 : 3
            for node in textNodes where toRemove > 0 {
                let literal = Array(String(cString: cmark_node_get_literal(node)).unicodeScalars)
                let cut = min(toRemove, literal.count)
                toRemove -= cut
                if cut == literal.count {
                    cmark_node_free(node)
                } else {
                    let kept = String(String.UnicodeScalarView(literal[cut...]))
                    cmark_node_set_literal(node, kept)
                }
            }
            let box = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
            cmark_node_set_on_enter(
                box,
                done
                    ? "<input type=\"checkbox\" class=\"task\" checked disabled aria-label=\"done\"> "
                    : "<input type=\"checkbox\" class=\"task\" disabled aria-label=\"not done\"> ")
            cmark_node_set_on_exit(box, "")
            cmark_node_prepend_child(paragraph, box)
            tasks.append(GoalTask(done: done, text: String(plainText(of: paragraph).trimmingBlanks)))
        }
        return tasks
    }

    /// The text of a node's inlines, as a reader sees it.
    static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        walk(node) { child in
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }

    static func walk(
        _ root: OpaquePointer, _ visit: (OpaquePointer) -> Void
    ) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { visit(node) }
        }
    }

    static func render(_ node: OpaquePointer) -> String {
        guard let html = cmark_render_html(node, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }
}
