import Foundation
import Testing

@testable import GoalwallKit

/// The template keys theme authors read about are the keys the page models offer, and the
/// built-in templates use no other.
@Suite("Template keys: models, docs and templates agree")
struct TemplateDocsTests {
    static let docs = sampleRoot.appending(path: "docs/templates.md")

    @Test("docs/templates.md lists exactly the keys the page models offer")
    func docsMatchModels() throws {
        let generated = TemplateDocs.markdown
        if ProcessInfo.processInfo.environment["GOALWALL_WRITE_DOCS"] == "1" {
            try Data(generated.utf8).write(to: Self.docs)
        }
        let written = try String(contentsOf: Self.docs, encoding: .utf8)
        #expect(
            written == generated,
            "docs/templates.md is out of date with the models: regenerate it with GOALWALL_WRITE_DOCS=1 swift test --filter TemplateDocs"
        )
    }

    @Test("every name a built-in template reads is a key some model offers")
    func templatesUseKnownKeys() throws {
        let known = TemplateDocs.allKeys
        var unknown: [String] = []
        for (name, text) in Theme.builtinFiles where name.hasSuffix(".mustache") {
            for tag in text.matches(of: /\{\{\{?([#^&]?)\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}?\}\}/) {
                let parts = tag.output.2.split(separator: ".").map(String.init)
                let key = parts.first ?? ""
                if !known.contains(key) { unknown.append("\(name): \(key)") }
                if key == "labels", Language.english.labels[parts.dropFirst().first ?? ""] == nil {
                    unknown.append("\(name): \(parts.joined(separator: "."))")
                }
            }
        }
        #expect(unknown.isEmpty, "\(unknown)")
    }
}
