import Foundation
import Testing

@testable import GoalwallKit

/// HTML values (cards, charts, bodies) are spliced into a page after swift-mustache renders
/// it (`Splice`). Whatever a site's template does with them, the page is what rendering them
/// as text gives: the expected pages here are what goalwall 36e924a, which rendered them as
/// text, wrote for this site.
@Suite("HTML values spliced into pages")
struct SpliceTests {
    let site: TestSite

    init() throws {
        site = try TestSite([
            "content/goals/a.md": goalFile("title: A & B\nteam: Desk\ntags: [x]\nstart: 2026-01-01\ndue: 2026-02-01"),
            // A title that looks like a token: only this process's nonce makes one.
            "content/goals/c.md": goalFile(
                "title: \"C \\x01not-a-token&0\\x01\"\nteam: Desk\nstart: 2026-01-01\ndue: 2026-02-01"),
            // A card that ends in a line feed, for the partial's indentation.
            "templates/card.mustache": "<div class=\"c\">{{title}}</div>\n",
            // Escaped as well as raw: the page renders again with the values as text.
            "templates/wall.mustache": "<main>{{#cards}}[{{{html}}}]({{html}}){{/cards}}</main>\n",
            // Raw in an indented partial, transformed, and as a section.
            "templates/tag.mustache":
                "<main>\n  {{> list}}\n</main>\n{{#cards}}<{{uppercased(html)}}>{{#html}}S{{/html}}{{^html}}N{{/html}}{{/cards}}\n",
            "templates/list.mustache": "{{#cards}}{{{html}}}after\n{{/cards}}",
        ])
    }

    /// A page of `site` (the suite's site unless another is given), built on 2026-01-10.
    func page(_ path: String, of other: TestSite? = nil) throws -> String {
        let result = (other ?? site).run(asOf: "2026-01-10")
        return try #require(result.files.first { $0.path == path }?.text, "\(result.messages)")
    }

    @Test("a template that escapes a value gets it escaped, beside the raw one")
    func escaped() throws {
        defer { site.remove() }
        #expect(
            try page("index.html")
                == "<main>[<div class=\"c\">A &amp; B</div>\n](&lt;div class=&quot;c&quot;&gt;A &amp;amp; B&lt;/div&gt;\n)"
                + "[<div class=\"c\">C \u{1}not-a-token&amp;0\u{1}</div>\n]"
                + "(&lt;div class=&quot;c&quot;&gt;C \u{1}not-a-token&amp;amp;0\u{1}&lt;/div&gt;\n)</main>\n")
    }

    @Test("a value in an indented partial, transformed, and as a section renders as its text does")
    func indentedTransformedAndSection() throws {
        defer { site.remove() }
        #expect(
            try page("tags/x/index.html")
                == "<main>\n  <div class=\"c\">A &amp; B</div>\n  after\n</main>\n"
                + "<&lt;DIV CLASS=&quot;C&quot;&gt;A &amp;AMP; B&lt;/DIV&gt;\n>S\n")
    }

    @Test("a title that looks like the token cards are placed with stays as written")
    func rootLookalike() throws {
        defer { site.remove() }
        let lookalike = try TestSite([
            "content/goals/a.md": goalFile(
                "title: \"X \\x01goalwall-root\\x01 Y\"\nteam: Desk\nstart: 2026-01-01\ndue: 2026-02-01")
        ])
        defer { lookalike.remove() }
        #expect(try page("teams/desk/index.html", of: lookalike).contains("X \u{1}goalwall-root\u{1} Y"))
    }

    @Test("a value ending in a carriage return joins the line feed after it, as its text would")
    func carriageReturn() throws {
        defer { site.remove() }
        let returns = try TestSite([
            "content/goals/a.md": goalFile("title: A\nteam: Desk\ntags: [x]\nstart: 2026-01-01\ndue: 2026-02-01"),
            "templates/card.mustache": "<div>{{title}}</div>\r",
            "templates/tag.mustache": "<main>\n  {{> list}}\n</main>\n",
            "templates/list.mustache": "{{#cards}}{{{html}}}\n{{/cards}}<end>",
        ])
        defer { returns.remove() }
        // "\r\n" is one character, so swift-mustache does not indent the line after it.
        #expect(try page("tags/x/index.html", of: returns) == "<main>\n  <div>A</div>\r\n<end></main>\n")
    }
}
