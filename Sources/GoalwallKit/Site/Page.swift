/// A free page (§1, §9): content/pages/NAME.md, its slug from the file name.
public struct Page: Sendable {
    public var slug: String
    public var title: String
    public var body: MarkdownBody
    public var path: String

    static func read(_ text: String, path: String, fileName: String, into diagnostics: inout Diagnostics) -> Page? {
        guard let slug = slugForFile(named: fileName) else {
            diagnostics.error(
                "the file name '\(fileName)' gives an empty slug: rename it", at: SourceLocation(path: path))
            return nil
        }
        guard let parts = FrontMatter.split(text, path: path, into: &diagnostics) else { return nil }
        var title: String?
        if let yaml = parts.yaml,
            let fields = YAMLFields.parse(yaml, path: path, lineOffset: 1, what: "front matter", into: &diagnostics)
        {
            fields.warnUnknownKeys(known: ["title"], what: "page", into: &diagnostics)
            title = fields.string("title", into: &diagnostics)
        }
        let body = MarkdownBody.parse(parts.body, path: path, firstLine: parts.bodyFirstLine, into: &diagnostics)
        return Page(slug: slug, title: title ?? body.firstHeading ?? slug, body: body, path: path)
    }
}
