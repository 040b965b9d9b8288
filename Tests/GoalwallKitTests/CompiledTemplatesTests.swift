import Foundation
import Testing

@testable import GoalwallKit

/// goalwall renders the theme's templates itself, from the typed models
/// (`CompiledTemplates`), and leaves to swift-mustache only what it does not render. Every
/// file must be what swift-mustache's own renderer writes: these build sites both ways and
/// compare them byte for byte.
@Suite("goalwall's renderer writes what swift-mustache's writes")
struct CompiledTemplatesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The files of a build of `site`, by path: through goalwall's renderer, and through
    /// swift-mustache's alone.
    func bothWays(_ site: URL, asOf: String) -> (ours: [String: String], reference: [String: String]) {
        func files(swiftMustacheOnly: Bool) -> [String: String] {
            var options = BuildOptions(site: site, asOf: Day(iso: asOf))
            options.builtAt = Date(timeIntervalSince1970: 1_767_225_600)
            options.rendersWithSwiftMustacheOnly = swiftMustacheOnly
            let result = Build.run(options, today: Day(iso: asOf)!)
            let succeeded = result.succeeded
            #expect(succeeded, "\(result.errorMessages)")
            return Dictionary(
                result.files.compactMap { file in file.text.map { (file.path, $0) } },
                uniquingKeysWith: { first, _ in first })
        }
        return (files(swiftMustacheOnly: false), files(swiftMustacheOnly: true))
    }

    func expectSame(_ both: (ours: [String: String], reference: [String: String])) {
        #expect(both.ours.keys.sorted() == both.reference.keys.sorted())
        #expect(!both.ours.isEmpty)
        for (path, text) in both.reference.sorted(by: { $0.key < $1.key }) where both.ours[path] != text {
            let ours = both.ours[path] ?? ""
            let at = zip(ours.utf8, text.utf8).prefix { $0 == $1 }.count
            Issue.record(
                "\(path) differs at byte \(at): ours \(ours.utf8.dropFirst(at).prefix(80).map { String(UnicodeScalar($0)) }.joined()) — swift-mustache's \(text.utf8.dropFirst(at).prefix(80).map { String(UnicodeScalar($0)) }.joined())"
            )
        }
    }

    @Test("the built-in theme is rendered by goalwall, every template of it")
    func builtInThemeIsCompiled() {
        var diagnostics = Diagnostics()
        let theme = Theme.load(overrides: [:], into: &diagnostics)
        let names = Theme.builtinFiles.keys.filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(9)) }
        #expect(names.count > 20)
        for name in names.sorted() {
            #expect(theme.compiled?.renders(name) == true, "\(name)")
        }
    }

    @Test(
        "the sample site and the fixtures come out the same, byte for byte",
        arguments: [
            ("", "2026-11-23"), ("Tests/Fixtures/chart-edges", "2026-03-02"),
            ("Tests/Fixtures/kiosk-worst", "2026-03-02"),
        ])
    func sameSites(_ folder: String, _ asOf: String) {
        expectSame(bothWays(folder.isEmpty ? Self.repository : Self.repository.appending(path: folder), asOf: asOf))
    }

    /// A site's own templates may use Mustache in every way swift-mustache allows, and
    /// values where a template did not expect them.
    @Test("a site's own templates, odd ones included, come out the same")
    func sameTemplates() throws {
        let goal = """
            {{<layout}}
            {{$main}}
              {{#goal}}
              <h1>{{title}}</h1>{{{title}}}{{&title}}
                {{> bits}}
              <p>{{.}}|{{goal}}|{{labels}}|{{#labels}}{{milestones}}{{/labels}}|{{hasTags}}|{{figures}}</p>
              {{#title}}[{{.}} {{labels.date}} {{owner}} {{.title}} {{.labels}}]{{/title}}
              {{^tagLinks}}none: {{items}} {{title}}{{/tagLinks}}{{#tagLinks}}<a href="{{url}}">{{name}}</a>{{.}}{{/tagLinks}}
              {{#figures}}{{label}}={{value}} {{status.key}} {{goal.title}}{{/figures}}
              {{#parent}}{{title}} {{url}} {{pageTitle}}{{/parent}}{{^parent}}no parent {{pageTitle}}{{/parent}}
              {{#hasTags}}{{tagLinks.0}}{{/hasTags}}{{^hasTags}}untagged{{/hasTags}}
              {{#checkIns}}{{{html}}}{{html}}{{/checkIns}}
              {{/goal}}
            {{/main}}
            {{/layout}}
            """
        let site = try TestSite([
            "goalwall.yml": "title: Odd & Co\n",
            "content/goals/a.md": goalFile(
                "title: \"Caf\u{e9} & <b> \\\"q\\\" 'a' &\u{301} e\u{301}\"\nowner: Ann O'Neil\nteam: Desk\ntags: [x, y]\nstart: 2026-01-01\ndue: 2026-02-01\nmetric: calls\ntarget: 10",
                body: "Line & <b>bold</b>\n\n## Check-ins\n\n### 2026-01-10\nFine & dandy.\n"),
            "content/goals/b.md": goalFile(
                "title: B\nparent: a\nstart: 2026-01-01\ndue: 2026-03-01", body: "Plain.\r\n"),
            "content/metrics/calls.csv": "date,value\n2026-01-02,3\n2026-01-09,5\n",
            "templates/goal.mustache": goal,
            "templates/bits.mustache":
                "one {{goal.title}}\r\n  two\n{{#goal.tagLinks}}\n  - {{name}}\n{{/goal.tagLinks}}\nend",
            // swift-mustache's alone: a transform, a content type, a dynamic partial.
            "templates/person.mustache": "{{uppercased(name)}}|{{%CONTENT_TYPE: TEXT}}{{name}}",
            "templates/tag.mustache": "{{>*dynamic}} {{name}}",
            // An escaped HTML value: the page renders again with the values as text.
            "templates/wall.mustache": "{{headerHTML}}{{#cards}}{{html}}{{/cards}}{{^cards}}{{items}}{{/cards}}",
            "templates/page.mustache": "{{=<% %>=}}<%title%> <%&bodyHTML%> <%#labels%><%date%><%/labels%>",
        ])
        defer { site.remove() }
        var diagnostics = Diagnostics()
        let theme = Theme.load(
            overrides: [
                "person.mustache": "{{uppercased(name)}}", "tag.mustache": "{{>*dynamic}}",
                "page.mustache": "{{=<% %>=}}<%title%>",
            ], into: &diagnostics)
        #expect(theme.compiled?.renders("person") == false)
        #expect(theme.compiled?.renders("tag") == false)
        #expect(theme.compiled?.renders("page") == true)
        let both = bothWays(site.root, asOf: "2026-02-15")
        expectSame(both)
        let page = both.ours["goals/a/index.html"] ?? ""
        // swift-mustache's quirks, kept: a `&` with a combining mark is one character and
        // is not escaped; a partial's lines are indented after a CR LF too.
        #expect(page.contains("&amp; &lt;b&gt; &quot;q&quot; &#39;a&#39; &\u{301} e\u{301}</h1>"))
        #expect(page.contains("\n  one Caf\u{e9} &amp;"))
        #expect(page.contains("\r\n  two\n"))
        // A model, a list of them or the labels as text show nothing (not a Swift value,
        // with addresses that differ from run to run).
        #expect(page.contains("<p>|||Milestones|true|</p>"))
        #expect(page.contains("Caf\u{e9} &amp; &lt;b&gt;"))
    }
}
