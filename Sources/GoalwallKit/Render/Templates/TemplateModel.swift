import Mustache

/// A page or part of a page as its template reads it: a plain value type whose template
/// keys are declared in one table (`template`), which also documents them for theme
/// authors (docs/templates.md is made from these tables and checked against them).
///
/// Rendered through swift-mustache's `MustacheParent` (no reflection, no dictionaries);
/// a page is rendered again exactly when its model changes (`Hashable`).
protocol TemplateModel: MustacheParent, MustacheCustomRenderable, Hashable, Sendable {
    static var template: TemplateKeys<Self> { get }
}

extension TemplateModel {
    /// A model is no text: `{{goal}}` shows nothing (swift-mustache would print the Swift
    /// value, with addresses that differ from run to run).
    var renderText: String { "" }
    var isNull: Bool { false }

    func child(named name: String) -> Any? { value(named: name)?.mustacheValue }

    /// The value of a key: its own, or its base's, or the labels (each lookup counts
    /// against the render's work budget).
    func value(named name: String) -> TemplateValue? {
        guard RenderGuard.allowsLookup() else { return nil }
        let keys = Self.template
        if let key = keys.key(named: name) { return key.read(self) }
        if let base = keys.base { return base(self).value(named: name) }
        return name == Labels.key ? .labels(Labels(language: .current)) : nil
    }
}

/// `{{labels.NAME}}`: every model offers the wall's labels in its language (issue 14), so a
/// template says "Milestones" in the site's language. A count's label gives its `other` form.
struct Labels: MustacheParent, MustacheCustomRenderable {
    static let key = "labels"
    let language: Language

    /// `{{labels}}` shows nothing (not every label, in an order that differs by run).
    var renderText: String { "" }
    var isNull: Bool { false }

    func child(named name: String) -> Any? {
        guard RenderGuard.allowsLookup() else { return nil }
        return language.labels[name]?.other
    }
}

/// A value as a template sees it.
enum TemplateValue {
    case text(String)
    case flag(Bool)
    case number(Int)
    case texts([String])
    case html(HTML)
    case model(any TemplateModel)
    case models([any TemplateModel])
    case labels(Labels)

    /// What swift-mustache renders: strings, booleans, numbers, parents and sequences.
    var mustacheValue: Any {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag
        case .number(let number): number
        case .texts(let texts): texts
        case .html(let html):
            if html.utf8Count > 1, let splice = Splice.current { splice.token(for: html) } else { html.text }
        case .model(let model): model
        case .models(let models): TemplateList(items: models)
        case .labels(let labels): labels
        }
    }
}

/// A list of models for a section. Iterating it counts against the render's work budget,
/// so a template can loop over lists only so many times.
struct TemplateList: MustacheSequence, MustacheCustomRenderable {
    let items: [any TemplateModel]

    /// `{{cards}}` shows nothing, as a model does.
    var renderText: String { "" }
    var isNull: Bool { false }

    func makeIterator() -> Iterator { Iterator(items: items) }

    struct Iterator: IteratorProtocol {
        let items: [any TemplateModel]
        var index = 0

        mutating func next() -> (any TemplateModel)? {
            guard index < items.count, RenderGuard.allowsLookup() else { return nil }
            defer { index += 1 }
            return items[index]
        }
    }
}

/// The keys a model offers its template, in the order the docs list them.
struct TemplateKeys<Model: Sendable>: Sendable {
    struct Key: Sendable {
        let name: String
        let summary: String
        /// For the docs: "text", "yes/no", "list of GoalCard", …
        let type: String
        /// Absent (the section is skipped) in some cases.
        let optional: Bool
        let read: @Sendable (Model) -> TemplateValue?
    }

    /// What the model is, for the docs.
    let summary: String
    let keys: [Key]
    /// Keys not found here are looked up in this model (a page's chrome, a goal's card).
    let base: (@Sendable (Model) -> any TemplateModel)?
    let baseType: String?
    private let index: [String: Int]

    init(_ summary: String, keys: [Key]) {
        self.summary = summary
        self.keys = keys
        self.base = nil
        self.baseType = nil
        index = Dictionary(keys.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    init<Base: TemplateModel>(
        _ summary: String, base: @escaping @Sendable (Model) -> Base, keys: [Key]
    ) {
        self.summary = summary
        self.keys = keys
        self.base = { base($0) }
        self.baseType = String(describing: Base.self)
        index = Dictionary(keys.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func key(named name: String) -> Key? { index[name].map { keys[$0] } }
}

extension TemplateKeys.Key {
    static func text(_ name: String, _ summary: String, _ read: @escaping @Sendable (Model) -> String) -> Self {
        Self(name: name, summary: summary, type: "text", optional: false) { .text(read($0)) }
    }

    static func text(_ name: String, _ summary: String, optional read: @escaping @Sendable (Model) -> String?)
        -> Self
    {
        Self(name: name, summary: summary, type: "text", optional: true) { read($0).map { .text($0) } }
    }

    static func html(_ name: String, _ summary: String, _ read: @escaping @Sendable (Model) -> HTML) -> Self {
        Self(name: name, summary: summary, type: "HTML", optional: false) { .html(read($0)) }
    }

    static func html(_ name: String, _ summary: String, optional read: @escaping @Sendable (Model) -> HTML?)
        -> Self
    {
        Self(name: name, summary: summary, type: "HTML", optional: true) { read($0).map { .html($0) } }
    }

    static func flag(_ name: String, _ summary: String, _ read: @escaping @Sendable (Model) -> Bool) -> Self {
        Self(name: name, summary: summary, type: "yes/no", optional: false) { .flag(read($0)) }
    }

    static func number(_ name: String, _ summary: String, _ read: @escaping @Sendable (Model) -> Int) -> Self {
        Self(name: name, summary: summary, type: "number", optional: false) { .number(read($0)) }
    }

    static func texts(_ name: String, _ summary: String, _ read: @escaping @Sendable (Model) -> [String]) -> Self {
        Self(name: name, summary: summary, type: "list of text", optional: false) { .texts(read($0)) }
    }

    static func model<Part: TemplateModel>(
        _ name: String, _ summary: String, _ read: @escaping @Sendable (Model) -> Part
    ) -> Self {
        Self(name: name, summary: summary, type: String(describing: Part.self), optional: false) {
            .model(read($0))
        }
    }

    static func model<Part: TemplateModel>(
        _ name: String, _ summary: String, optional read: @escaping @Sendable (Model) -> Part?
    ) -> Self {
        Self(name: name, summary: summary, type: String(describing: Part.self), optional: true) {
            read($0).map { .model($0) }
        }
    }

    static func models<Part: TemplateModel>(
        _ name: String, _ summary: String, _ read: @escaping @Sendable (Model) -> [Part]
    ) -> Self {
        Self(name: name, summary: summary, type: "list of \(String(describing: Part.self))", optional: false) {
            .models(read($0))
        }
    }
}
