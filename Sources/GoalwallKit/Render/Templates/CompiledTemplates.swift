import Mustache

/// The theme's templates as goalwall renders them: parsed by swift-mustache, then rendered
/// straight from the typed models (issue 13).
///
/// swift-mustache finds every name through `Any`: at each step up the context it casts
/// the object to its protocols and splits the name again, and that was most of a goal
/// page's render time (`perf`: its lookups 17% of a build, the casts 8%). Here each name is
/// split once, when the template is read, and looked up in the models' own key tables.
///
/// What a template means stays swift-mustache's: it still parses every template, and this
/// reads the parsed tree (through `Mirror`, as swift-mustache does not publish it) and
/// renders it the way swift-mustache's renderer does, step for step: the same lookups up
/// the context, the same sections, partials, blocks and indentation, the same escaping,
/// the same values for the work budget (`RenderGuard`) and the splice (`Splice`). A
/// template using what this does not render (transforms, dynamic partials, content types)
/// is left to swift-mustache, and so is a render that meets something rare (a lookup that
/// swift-mustache would answer by reflection): it gives up and swift-mustache renders the
/// page. Tests render sites both ways and compare every file.
struct CompiledTemplates: Sendable {
    private let templates: [String: CompiledTemplate]
    /// Every template of the library, compiled or not (a partial swift-mustache cannot
    /// find renders as nothing; one this cannot render makes the render give up).
    private let names: Set<String>

    init(library: MustacheLibrary, names: some Sequence<String>) {
        var templates: [String: CompiledTemplate] = [:]
        for name in names {
            if let template = library.getTemplate(named: name), let compiled = CompiledTemplate(template) {
                templates[name] = compiled
            }
        }
        self.templates = templates
        self.names = Set(names)
    }

    /// Whether `name` renders here (the others are swift-mustache's).
    func renders(_ name: String) -> Bool { templates[name] != nil }

    /// `model` rendered with the template `name`, as swift-mustache renders it; nil when
    /// this render meets what only swift-mustache renders.
    func render(_ model: any TemplateModel, with name: String) -> String? {
        guard let template = templates[name] else { return nil }
        var text = ""
        let context = Context(stack: [.model(model)], indentation: nil, inherited: nil)
        do {
            try render(template, context, into: &text)
        } catch {
            return nil
        }
        return text
    }

    /// What swift-mustache's `MustacheContext` holds that these templates use.
    private struct Context {
        var stack: [FoundValue]
        var indentation: String?
        var inherited: [String: CompiledTemplate]?

        func with(_ value: FoundValue) -> Context {
            var context = self
            context.stack.append(value)
            return context
        }

        func indented(_ more: String?) -> Context {
            guard let more else { return self }
            var context = self
            context.indentation = (indentation ?? "") + more
            return context
        }
    }

    /// A template's output: with an indentation (inside an indented partial or block),
    /// each line of it that a token starts gets the indentation first, as swift-mustache
    /// does it.
    private func render(_ template: CompiledTemplate, _ context: Context, into text: inout String) throws(GiveUp) {
        guard let indentation = context.indentation, !indentation.isEmpty else {
            for node in template.nodes { try render(node, context, into: &text) }
            return
        }
        var string = ""
        for node in template.nodes {
            var piece = ""
            try render(node, context, into: &piece)
            if !piece.isEmpty, string.last == "\n" { string += indentation }
            string += piece
        }
        text += string
    }

    private func render(_ node: CompiledTemplate.Node, _ context: Context, into text: inout String) throws(GiveUp) {
        switch node {
        case .text(let string):
            text += string
        case .variable(let name, let escaped):
            guard let value = try value(name, context) else { return }
            let string = value.text
            if escaped { Self.escape(string, into: &text) } else { text += string }
        case .section(let name, let template):
            let value = try value(name, context)
            switch value {
            case nil:
                return
            case .models(let list):
                // As swift-mustache walks a sequence: the next item is asked for before
                // the current one renders (the list's iterator counts against the budget).
                var items = list.makeIterator()
                guard var current = items.next() else { return }
                while let next = items.next() {
                    try render(template, context.with(.model(current)), into: &text)
                    current = next
                }
                try render(template, context.with(.model(current)), into: &text)
            case .texts(let strings):
                for string in strings { try render(template, context.with(.text(string)), into: &text) }
            case .flag(let flag):
                if flag { try render(template, context, into: &text) }
            case .some(let value):
                try render(template, context.with(value), into: &text)
            }
        case .invertedSection(let name, let template):
            let value = try value(name, context)
            switch value {
            case nil:
                try render(template, context, into: &text)
            case .models(let list):
                var items = list.makeIterator()
                if items.next() == nil { try render(template, context.with(.models(list)), into: &text) }
            case .texts(let strings):
                if strings.isEmpty { try render(template, context.with(.texts(strings)), into: &text) }
            case .flag(let flag):
                if !flag { try render(template, context, into: &text) }
            case .some:
                return
            }
        case .partial(let name, let indentation, let inherits):
            guard let template = templates[name] else {
                if names.contains(name) { throw GiveUp() }
                return
            }
            var inner = context.indented(indentation)
            if let inherits {
                inner.inherited = context.inherited.map { $0.merging(inherits) { outer, _ in outer } } ?? inherits
            }
            try render(template, inner, into: &text)
        case .block(let name, let fallback, let indentation):
            try render(context.inherited?[name] ?? fallback, context.indented(indentation), into: &text)
        }
    }

    /// The value a name finds: swift-mustache's `getChild` without transforms. The first
    /// part of a name is looked for from the top of the context down (or only at the top,
    /// for `.` and names that start with one), the others in what the first found.
    private func value(_ name: CompiledTemplate.Name, _ context: Context) throws(GiveUp) -> FoundValue? {
        guard let first = name.path.first else { return context.stack.last }
        var found: FoundValue?
        if name.fromTop {
            found = try context.stack.last!.child(named: first)
        } else {
            for object in context.stack.reversed() {
                if let child = try object.child(named: first) {
                    found = child
                    break
                }
            }
        }
        for part in name.path.dropFirst() {
            guard let object = found else { return nil }
            found = try object.child(named: part)
        }
        return found
    }

    /// swift-mustache's `htmlEscape`: character by character, so a `&` that a combining
    /// mark follows is one character with it and is left alone.
    static func escape(_ string: String, into text: inout String) {
        var special = false
        for byte in string.utf8 where byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0x22 || byte == 0x27 {
            special = true
            break
        }
        guard special else {
            text += string
            return
        }
        for character in string {
            switch character {
            case "<": text += "&lt;"
            case ">": text += "&gt;"
            case "&": text += "&amp;"
            case "\"": text += "&quot;"
            case "'": text += "&#39;"
            default: text.append(character)
            }
        }
    }
}

/// A value in a render, as swift-mustache would see it (`TemplateValue.mustacheValue`).
private enum FoundValue {
    case text(String)
    case flag(Bool)
    case number(Int)
    case texts([String])
    case token(Splice.Token)
    case model(any TemplateModel)
    case models(TemplateList)
    case labels(Labels)

    init(_ value: TemplateValue) {
        switch value {
        case .text(let text): self = .text(text)
        case .flag(let flag): self = .flag(flag)
        case .number(let number): self = .number(number)
        case .texts(let texts): self = .texts(texts)
        case .html(let html):
            if html.utf8Count > 1, let splice = Splice.current {
                self = .token(splice.token(for: html))
            } else {
                self = .text(html.text)
            }
        case .model(let model): self = .model(model)
        case .models(let models): self = .models(TemplateList(items: models))
        case .labels(let labels): self = .labels(labels)
        }
    }

    /// What `{{name}}` shows of it before escaping: swift-mustache's `renderText` or
    /// `String(describing:)`.
    var text: String {
        switch self {
        case .text(let text): text
        case .flag(let flag): String(describing: flag)
        case .number(let number): String(describing: number)
        case .texts(let texts): String(describing: texts)
        case .token(let token): token.renderText
        case .model(let model): model.renderText
        case .models(let list): list.renderText
        case .labels(let labels): labels.renderText
        }
    }

    /// Its value for a key: a model's or the labels' key (each lookup counts against the
    /// work budget, as `child(named:)` does). Text, numbers, flags, lists of text and HTML
    /// have no keys (swift-mustache's reflection finds none on them). A list of models is
    /// on the context only inside an inverted section of it, where swift-mustache's
    /// reflection would find its `items`: that one render is left to swift-mustache.
    func child(named name: String) throws(GiveUp) -> FoundValue? {
        switch self {
        case .model(let model):
            return model.value(named: name).map(FoundValue.init)
        case .labels(let labels):
            return (labels.child(named: name) as? String).map(FoundValue.text)
        case .models:
            if name == "items" { throw GiveUp() }
            return nil
        case .text, .flag, .number, .texts, .token:
            return nil
        }
    }
}

/// A render that met what only swift-mustache renders.
private struct GiveUp: Error {}

/// A template as swift-mustache parsed it, read once into nodes goalwall renders; nil
/// when it uses what goalwall leaves to swift-mustache.
final class CompiledTemplate: Sendable {
    /// A name as written, split at its dots once.
    struct Name: Sendable {
        /// `.` or `.name`: looked up only in the object on top of the context.
        let fromTop: Bool
        let path: [String]

        init(_ name: String) {
            if name == "." {
                fromTop = true
                path = []
            } else {
                fromTop = name.first == "."
                path = name.split(separator: ".").map(String.init)
            }
        }
    }

    enum Node: Sendable {
        case text(String)
        case variable(Name, escaped: Bool)
        case section(Name, CompiledTemplate)
        case invertedSection(Name, CompiledTemplate)
        case partial(String, indentation: String?, inherits: [String: CompiledTemplate]?)
        case block(String, default: CompiledTemplate, indentation: String?)
    }

    let nodes: [Node]

    init?(_ template: MustacheTemplate) {
        guard let tokens = Mirror(reflecting: template).descendant("tokens") else { return nil }
        var nodes: [Node] = []
        for token in Mirror(reflecting: tokens).children {
            guard let node = Self.node(token.value) else { return nil }
            nodes.append(node)
        }
        self.nodes = nodes
    }

    /// One of swift-mustache's tokens (`MustacheTemplate.Token`) as a node.
    private static func node(_ token: Any) -> Node? {
        let mirror = Mirror(reflecting: token)
        guard mirror.displayStyle == .enum, let (label, payload) = mirror.children.first.map({ ($0.label, $0.value) })
        else { return nil }
        let fields = Mirror(reflecting: payload).children.map(\.value)
        func string(_ index: Int) -> String? { index < fields.count ? fields[index] as? String : nil }
        func noTransforms(_ index: Int) -> Bool {
            index < fields.count && (fields[index] as? [String])?.isEmpty == true
        }
        func template(_ index: Int) -> CompiledTemplate? {
            guard index < fields.count, let template = fields[index] as? MustacheTemplate else { return nil }
            return CompiledTemplate(template)
        }
        /// An optional field: nil when it is not what it should be, .some(nil) when absent.
        func optional<T>(_ index: Int, _ type: T.Type) -> T?? {
            guard index < fields.count, let value = fields[index] as? T? else { return nil }
            return .some(value)
        }
        switch label {
        case "text":
            return (payload as? String).map(Node.text)
        case "variable", "unescapedVariable":
            guard let name = string(0), noTransforms(1) else { return nil }
            return .variable(Name(name), escaped: label == "variable")
        case "section", "invertedSection":
            guard let name = string(0), noTransforms(1), let inner = template(2) else { return nil }
            return label == "section" ? .section(Name(name), inner) : .invertedSection(Name(name), inner)
        case "blockExpansion":
            guard let name = string(0), let fallback = template(1), let indentation = optional(2, String.self)
            else { return nil }
            return .block(name, default: fallback, indentation: indentation)
        case "partial":
            guard let name = string(0), let indentation = optional(1, String.self),
                let inherits = optional(2, [String: MustacheTemplate].self)
            else { return nil }
            var compiled: [String: CompiledTemplate]?
            if let inherits {
                compiled = [:]
                for (block, template) in inherits {
                    guard let template = CompiledTemplate(template) else { return nil }
                    compiled![block] = template
                }
            }
            return .partial(name, indentation: indentation, inherits: compiled)
        default:
            // Dynamic partials, content types, and block definitions outside a parent.
            return nil
        }
    }
}
