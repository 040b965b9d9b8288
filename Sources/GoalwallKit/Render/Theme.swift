import Mustache

/// The templates a site is rendered with: the built-in theme (embedded in the binary from
/// the top-level templates/ folder), each file replaced by the site's own templates/FILE.
public struct Theme: Sendable {
    let library: MustacheLibrary
    /// The templates goalwall renders itself (see `CompiledTemplates`); nil: every page is
    /// swift-mustache's (tests compare the two).
    var compiled: CompiledTemplates?
    /// Non-template files of the theme (the stylesheet), by name.
    let assets: [String: String]
    /// Equal for two loads of the same files (within one run): rebuilds compare it.
    let fingerprint: Int
    /// The names of the site's own files among the theme's.
    let overridden: Set<String>
    /// The wall's language: goalwall.yml's `language:` with the theme's labels for it.
    let language: Language

    /// The built-in theme's files by name, as `goalwall init` writes them out.
    public static var builtinFiles: [String: String] { BuiltinTheme.files }

    /// Compiles the theme; a template that does not parse, or partials that include each
    /// other in a circle, are errors at the template's position.
    /// The largest template file: the built-in ones are a few KB.
    static let maximumTemplateSize = 256 * 1024

    /// The theme for these overrides: the one `cache` holds when they are unchanged.
    static func load(
        overrides: [String: String], language: LanguageSetting = LanguageSetting(), cache: inout ThemeCache?,
        into diagnostics: inout Diagnostics
    ) -> Theme {
        if let kept = cache?.compiled, kept.overrides == overrides, kept.language == language {
            diagnostics.append(contentsOf: kept.diagnostics)
            return kept.theme
        }
        var found = Diagnostics()
        let theme = load(overrides: overrides, language: language, into: &found)
        diagnostics.append(contentsOf: found)
        if cache != nil { cache!.compiled = (overrides, language, theme, found) }
        return theme
    }

    public static func load(
        overrides: [String: String], language setting: LanguageSetting = LanguageSetting(),
        into diagnostics: inout Diagnostics
    ) -> Theme {
        var files = BuiltinTheme.files
        for (name, text) in overrides { files[name] = text }
        var library = MustacheLibrary()
        var assets: [String: String] = [:]
        var partials: [String: Set<String>] = [:]
        var shapes: [String: TemplateShape] = [:]
        for name in files.keys.sorted() {
            let text = files[name]!
            let path = overrides[name] != nil ? "templates/\(name)" : "(built-in theme) templates/\(name)"
            guard name.hasSuffix(".mustache") else {
                if !LabelsFile.isLabels(name) { assets[name] = text }
                continue
            }
            let shape = TemplateShape(text)
            if text.utf8.count > Self.maximumTemplateSize {
                diagnostics.error(
                    "template is \(text.utf8.count / 1024) KB: templates may be at most \(Self.maximumTemplateSize / 1024) KB",
                    at: SourceLocation(path: path))
                continue
            }
            if let deep = shape.tooDeep {
                diagnostics.error(
                    "sections nest more than \(TemplateShape.maximumDepth) deep here: no page needs that many",
                    at: SourceLocation(path: path, line: deep.line, column: deep.column))
                continue
            }
            if overrides[name] != nil { Self.checkLabels(in: text, path: path, into: &diagnostics) }
            do {
                let template = try MustacheTemplate(string: text)
                library.register(template, named: String(name.dropLast(".mustache".count)))
                partials[String(name.dropLast(".mustache".count))] = shape.unconditionalPartials
                shapes[String(name.dropLast(".mustache".count))] = shape
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.error(
                    "template does not parse: \(error.error)",
                    at: SourceLocation(
                        path: path, line: error.context.lineNumber, column: error.context.columnNumber + 1))
            } catch {
                diagnostics.error("template does not parse: \(error)", at: SourceLocation(path: path))
            }
        }
        // Mustache would recurse forever on a partial that includes itself unconditionally;
        // recursion inside a section (a tree of goals) ends with the data.
        for name in partials.keys.sorted() {
            var seen: Set<String> = []
            var queue = Array(partials[name] ?? [])
            while let next = queue.popLast() {
                if next == name {
                    let path = overrides[name + ".mustache"] != nil ? "templates/" : "(built-in theme) templates/"
                    diagnostics.error(
                        "partial '\(name)' includes itself (directly or through other partials)",
                        at: SourceLocation(path: path + name + ".mustache"))
                    break
                }
                if seen.insert(next).inserted { queue += partials[next] ?? [] }
            }
        }
        // A partial that extends a layout is rendered inside the page that includes it, and
        // the page's own blocks win over the partial's: the page (and the partial in it) is
        // rendered again inside itself, without end. No theme needs it; refuse it.
        for name in shapes.keys.sorted() {
            guard let parent = shapes[name]?.extends, parent.name != name,
                let includer = shapes.keys.sorted().first(where: { shapes[$0]?.includes.contains(name) == true })
            else { continue }
            let path = overrides[name + ".mustache"] != nil ? "templates/" : "(built-in theme) templates/"
            diagnostics.error(
                "'\(name)' extends '\(parent.name)' ({{<\(parent.name)}}) and '\(includer)' includes it as a partial ({{> \(name)}}): a partial cannot extend another template",
                at: SourceLocation(path: path + name + ".mustache", line: parent.line, column: parent.column))
        }
        let language = setting.language(files: files, overrides: overrides, into: &diagnostics)
        var fingerprint = Hasher()
        for name in files.keys.sorted() {
            fingerprint.combine(name)
            fingerprint.combine(files[name]!)
        }
        fingerprint.combine(language)
        return Theme(
            library: library, compiled: CompiledTemplates(library: library, names: shapes.keys),
            assets: assets, fingerprint: fingerprint.finalize(), overridden: Set(overrides.keys),
            language: language)
    }

    /// A site's template that names a label goalwall does not have (`{{labels.madeWit}}`)
    /// would show nothing there: a warning at the tag, with the closest label.
    static func checkLabels(in text: String, path: String, into diagnostics: inout Diagnostics) {
        guard text.contains("labels.") else { return }
        let known = Language.english.labels
        for match in text.matches(of: /\{\{\{?[#^&\/]?\s*labels\.([A-Za-z0-9_]+)/) {
            let name = String(match.output.1)
            guard known[name] == nil else { continue }
            let before = text[..<match.range.lowerBound]
            let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            let column =
                before.count
                - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
            var message = "unknown label 'labels.\(name)': it shows nothing"
            if let suggestion = closestName(to: name, among: Array(known.keys)) {
                message += ": did you mean 'labels.\(suggestion)'?"
            }
            diagnostics.warning(message, at: SourceLocation(path: path, line: line, column: column))
        }
    }

    /// A model rendered with one of the templates, and why the render was cut short if it
    /// was (see `RenderGuard`): by goalwall's renderer, or by swift-mustache's when that
    /// gives up (see `CompiledTemplates`).
    func render<Model: TemplateModel>(_ model: Model, with template: String) -> (SplicedText, RenderGuard.Trip?) {
        if let compiled, compiled.renders(template),
            let rendered = Self.spliced({ compiled.render(model, with: template) })
        {
            return rendered
        }
        return Self.spliced { library.render(model, withTemplate: template) ?? "" }!
    }

    /// A render with its HTML values spliced in (see `Splice`), unless the template escapes
    /// one: then the page renders again with them as text. Nil when `render` gives up.
    private static func spliced(_ render: () -> String?) -> (SplicedText, RenderGuard.Trip?)? {
        var gaveUp = false
        let (spliced, trip) = RenderGuard.run {
            Splice.run {
                guard let text = render() else {
                    gaveUp = true
                    return ""
                }
                return text
            }
        }
        if gaveUp { return nil }
        if let spliced { return (spliced, trip) }
        let (text, again) = RenderGuard.run { render() }
        return text.map { (SplicedText($0), again) }
    }

    /// The error for a render cut short, at the template the page started from.
    func problem(_ trip: RenderGuard.Trip, rendering template: String) -> Diagnostic {
        let why =
            switch trip {
            case .tooDeep:
                "went too deep: does a partial include itself inside a section (or do sections nest without end)?"
            case .tooMuchWork:
                "did too much work (more than \(RenderGuard.workLimit) lookups): do lists loop inside lists?"
            }
        return .error(
            "rendering with \(template).mustache \(why)", at: SourceLocation(path: path(of: template + ".mustache")))
    }

    /// Where a theme file comes from, as diagnostics name it.
    private func path(of name: String) -> String {
        overridden.contains(name) ? "templates/\(name)" : "(built-in theme) templates/\(name)"
    }
}

/// The last theme compiled, with the site's templates it was compiled from.
struct ThemeCache: Sendable {
    var compiled: (overrides: [String: String], language: LanguageSetting, theme: Theme, diagnostics: Diagnostics)?
}

/// What a template's tags say before swift-mustache parses it (its parser and renderer
/// recurse, so depth must be checked first): how deep sections nest, and which partials
/// it includes unconditionally.
struct TemplateShape {
    /// Sections (and blocks) nested deeper than any page needs.
    static let maximumDepth = 64

    /// Partials included as `{{> name}}` or `{{< name}}` outside any section — or only
    /// inside `{{#.}}` sections, which show the same value again and so never end.
    private(set) var unconditionalPartials: Set<String> = []
    /// Where sections first nest deeper than `maximumDepth`.
    private(set) var tooDeep: (line: Int, column: Int)?
    /// The first template it extends (`{{< name}}`), and where.
    private(set) var extends: (name: String, line: Int, column: Int)?
    /// Every partial it includes (`{{> name}}`), in a section or not.
    private(set) var includes: Set<String> = []

    init(_ text: String) {
        var depth = 0
        var conditions: [Bool] = []  // for each open section: does it end recursion?
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            let before = text[text.startIndex..<open.lowerBound]
            rest = rest[open.upperBound...]
            guard let kind = rest.first, let close = rest.range(of: "}}") else { break }
            // `{{}}` is an empty tag: nothing to scan (the parser reports it).
            guard close.lowerBound > rest.startIndex else {
                rest = rest[close.upperBound...]
                continue
            }
            let name = rest[rest.index(after: rest.startIndex)..<close.lowerBound].trimmingBlanks
            func position() -> (line: Int, column: Int) {
                let line = before.count(where: { $0 == "\n" }) + 1
                let column =
                    before.distance(
                        from: before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex,
                        to: before.endIndex) + 1
                return (line, column)
            }
            switch kind {
            case "#", "^", "$", "<":
                if kind == "<", !conditions.contains(true) { unconditionalPartials.insert(String(name)) }
                if kind == "<", extends == nil {
                    let at = position()
                    extends = (String(name), at.line, at.column)
                }
                depth += 1
                conditions.append(kind != "$" && kind != "<" && name != ".")
                if depth > Self.maximumDepth, tooDeep == nil { tooDeep = position() }
            case "/":
                depth = max(0, depth - 1)
                if !conditions.isEmpty { conditions.removeLast() }
            case ">":
                includes.insert(String(name))
                if !conditions.contains(true) { unconditionalPartials.insert(String(name)) }
            default: break
            }
            rest = rest[close.upperBound...]
        }
    }
}
