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

        let source = markdown.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { ArraySlice($0) }
        let tasks = markTasks(in: document, source: source)
        var checkIns: [CheckIn] = []
        var firstHeading: String?
        // Each block's HTML, joined at the end at its final size (bodies are held to the end).
        var html: [String] = []
        var current: (checkIn: CheckIn, html: [String])?

        func close() {
            if var open = current {
                open.checkIn.html = open.html.joined()
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
                    current = (checkIn, [])
                    continue
                }
            }
            let rendered = render(node)
            if current != nil { current!.html.append(rendered) } else { html.append(rendered) }
        }
        close()
        checkIns += nested
        checkIns.sort { $0.line < $1.line }
        return MarkdownBody(html: html.joined(), checkIns: checkIns, tasks: tasks, firstHeading: firstHeading)
    }

    /// A short text (a V2MOM Method's) as HTML: CommonMark, raw HTML not passed through,
    /// with no check-ins or tasks read from it.
    static func html(of markdown: String) -> String {
        var text = markdown
        let document = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT)
            }
        }
        guard let document else { return "" }
        defer { cmark_node_free(document) }
        return render(document)
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
    private static func markTasks(in document: OpaquePointer, source: [ArraySlice<UInt8>]) -> [GoalTask] {
        var items: [OpaquePointer] = []
        walk(document) { node in
            if cmark_node_get_type(node) == CMARK_NODE_ITEM { items.append(node) }
        }
        var tasks: [GoalTask] = []
        for item in items {
            guard let paragraph = cmark_node_first_child(item),
                cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
                let done = marker(at: paragraph, in: source)
            else { continue }
            removeMarker(from: paragraph)
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

    /// Whether the paragraph's text, as written, starts with `[ ]`, `[x]` or `[X]` and then a
    /// space or the end of the line: done or not, or nil for no task. Read from the source
    /// at the paragraph's position, so `\[x]` and `&#91;x]` (an author saying "not a task")
    /// are not tasks, and `[x]` stays a task when a link reference `[x]: …` exists.
    private static func marker(at paragraph: OpaquePointer, in source: [ArraySlice<UInt8>]) -> Bool? {
        let line = Int(cmark_node_get_start_line(paragraph)) - 1
        let column = Int(cmark_node_get_start_column(paragraph)) - 1
        guard source.indices.contains(line) else { return nil }
        let text = source[line]
        let from = text.startIndex + column
        guard column >= 0, from + 3 <= text.endIndex else { return nil }
        let b = text[from..<min(text.endIndex, from + 4)]
        let open = b[from]
        let mark = b[from + 1]
        guard open == UInt8(ascii: "["), b[from + 2] == UInt8(ascii: "]"),
            mark == UInt8(ascii: " ") || mark == UInt8(ascii: "x") || mark == UInt8(ascii: "X")
        else { return nil }
        if b.count == 4 {
            let after = b[from + 3]
            guard after == UInt8(ascii: " ") || after == UInt8(ascii: "\t") || after == UInt8(ascii: "\r") else {
                return nil
            }
        }
        return mark != UInt8(ascii: " ")
    }

    /// Takes the `[x]` marker and one space after it out of the paragraph's inlines: text
    /// nodes ("[", " ", "]") or a link that cmark made of `[x]`.
    private static func removeMarker(from paragraph: OpaquePointer) {
        guard let first = cmark_node_first_child(paragraph) else { return }
        var toRemove = 3
        var node: OpaquePointer? = first
        if cmark_node_get_type(first) == CMARK_NODE_LINK {
            node = cmark_node_next(first)
            cmark_node_free(first)
            toRemove = 0
        }
        // Then the rest of the marker and one following space, across text nodes.
        var spaceTaken = false
        while let current = node, cmark_node_get_type(current) == CMARK_NODE_TEXT {
            var literal = Array(String(cString: cmark_node_get_literal(current)).unicodeScalars)[...]
            let cut = min(toRemove, literal.count)
            literal = literal.dropFirst(cut)
            toRemove -= cut
            if toRemove == 0, !spaceTaken, let next = literal.first {
                if next == " " || next == "\t" { literal = literal.dropFirst() }
                spaceTaken = true
            }
            let following = cmark_node_next(current)
            if literal.isEmpty {
                cmark_node_free(current)
            } else {
                cmark_node_set_literal(current, String(String.UnicodeScalarView(literal)))
            }
            if toRemove == 0, spaceTaken { break }
            node = following
        }
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
