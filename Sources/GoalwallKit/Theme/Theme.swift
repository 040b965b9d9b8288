import Mustache

/// The templates a site is rendered with: the built-in theme (embedded in the binary from
/// the top-level templates/ folder), each file replaced by the site's own templates/FILE.
public struct Theme: Sendable {
    let library: MustacheLibrary
    /// Non-template files of the theme (the stylesheet), by name.
    let assets: [String: String]
    /// Equal for two loads of the same files (within one run): rebuilds compare it.
    let fingerprint: Int

    /// The built-in theme's files by name, as `goalwall init` writes them out.
    public static var builtinFiles: [String: String] { BuiltinTheme.files }

    /// Compiles the theme; a template that does not parse, or partials that include each
    /// other in a circle, are errors at the template's position.
    public static func load(overrides: [String: String], into diagnostics: inout Diagnostics) -> Theme {
        var files = BuiltinTheme.files
        for (name, text) in overrides { files[name] = text }
        var library = MustacheLibrary()
        var assets: [String: String] = [:]
        var partials: [String: Set<String>] = [:]
        for name in files.keys.sorted() {
            let text = files[name]!
            let path = overrides[name] != nil ? "templates/\(name)" : "(built-in theme) templates/\(name)"
            guard name.hasSuffix(".mustache") else {
                assets[name] = text
                continue
            }
            do {
                let template = try MustacheTemplate(string: text)
                library.register(template, named: String(name.dropLast(".mustache".count)))
                partials[String(name.dropLast(".mustache".count))] = partialNames(in: text)
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
        var fingerprint = Hasher()
        for name in files.keys.sorted() {
            fingerprint.combine(name)
            fingerprint.combine(files[name]!)
        }
        return Theme(library: library, assets: assets, fingerprint: fingerprint.finalize())
    }

    /// Names used as `{{> name}}` or `{{< name}}` in a template outside any section.
    private static func partialNames(in text: String) -> Set<String> {
        var names: Set<String> = []
        var depth = 0
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let kind = rest.first, let close = rest.range(of: "}}") else { break }
            if close.lowerBound == rest.startIndex {  // `{{}}`, an empty tag: no name to read
                rest = rest[close.upperBound...]
                continue
            }
            let name = rest[rest.index(after: rest.startIndex)..<close.lowerBound].trimmingBlanks
            switch kind {
            case "#", "^": depth += 1
            case "/": depth = max(0, depth - 1)
            case ">", "<": if depth == 0 { names.insert(String(name)) }
            default: break
            }
            rest = rest[close.upperBound...]
        }
        return names
    }

    func render(_ context: [String: Any], with template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

}
