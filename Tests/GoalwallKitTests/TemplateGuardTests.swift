import Foundation
import Testing

@testable import GoalwallKit

/// A site's own templates can be wrong in ways that would crash a renderer that recurses:
/// each is an error at the template, and the build (and serve) goes on.
@Suite("Templates that would crash the renderer")
struct TemplateGuardTests {
    func site(_ templates: [String: String]) throws -> TestSite {
        var files = [
            "content/goals/g.md": goalFile("title: Cut waits\nowner: O\nstart: 2026-01-01\ndue: 2026-04-01")
        ]
        for (name, text) in templates { files["templates/\(name)"] = text }
        return try TestSite(files)
    }

    @Test("3,000 nested sections are an error at the section that nests too deep")
    func deepNesting() throws {
        let deep = String(repeating: "{{#title}}", count: 3000) + "x" + String(repeating: "{{/title}}", count: 3000)
        let site = try site(["card.mustache": deep])
        defer { site.remove() }
        #expect(
            site.run().errorMessages == [
                "templates/card.mustache:1:641: error: sections nest more than 64 deep here: no page needs that many"
            ])
    }

    @Test("a partial that includes itself inside a section is stopped and reported, not a crash")
    func selfInclusion() throws {
        let site = try site(["footer.mustache": "<footer>{{#siteTitle}}{{siteTitle}}{{/siteTitle}}</footer>"])
        defer { site.remove() }
        #expect(site.build().succeeded)
        let before = try contents(of: site.output)
        try site.write("templates/footer.mustache", "<footer>{{#siteTitle}}{{> footer}}{{/siteTitle}}</footer>")
        let result = site.build()
        #expect(
            result.errorMessages.contains(
                "templates/footer.mustache:1:1: error: rendering with footer.mustache went too deep: does a partial include itself inside a section (or do sections nest without end)?"
            ), "\(result.errorMessages)")
        #expect(try contents(of: site.output) == before, "the last good wall stays")
    }

    @Test("a partial that includes itself unconditionally, or only inside {{#.}}, is an error before rendering")
    func unconditionalCycle() throws {
        for text in ["{{> footer}}", "{{#.}}{{> footer}}{{/.}}", "{{<footer}}{{/footer}}"] {
            let site = try site(["footer.mustache": text])
            defer { site.remove() }
            #expect(
                site.run().errorMessages == [
                    "templates/footer.mustache:1:1: error: partial 'footer' includes itself (directly or through other partials)"
                ], "\(text)")
        }
    }

    @Test("a partial that extends a layout is an error before rendering (the page would render inside itself)")
    func partialExtendingALayout() throws {
        // Found by fuzz-mustache: wall.mustache's main block includes status-strip, which
        // extends layout, whose main block is wall's again, and so on until the stack ends.
        let site = try site(["status-strip.mustache": "{{<layout}}\n{{$main}}<p>strip</p>{{/main}}\n{{/layout}}\n"])
        defer { site.remove() }
        #expect(
            site.run().errorMessages == [
                "templates/status-strip.mustache:1:1: error: 'status-strip' extends 'layout' ({{<layout}}) and 'kiosk' includes it as a partial ({{> status-strip}}): a partial cannot extend another template"
            ])
    }

    @Test("a render that recurses without end is cut off by the stack guard")
    func stackGuard() {
        func recurse(_ depth: Int) -> Int {
            guard RenderGuard.allowsLookup() else { return depth }
            return recurse(depth + 1) + 0
        }
        let (depth, trip) = RenderGuard.run { recurse(0) }
        #expect(trip == .tooDeep)
        #expect(depth > 1000)
    }

    @Test("a render that loops too long is cut off by the work guard")
    func workGuard() {
        let (count, trip) = RenderGuard.run {
            var count = 0
            while RenderGuard.allowsLookup() { count += 1 }
            return count
        }
        #expect(trip == .tooMuchWork)
        #expect(count == RenderGuard.workLimit)
        #expect(RenderGuard.allowsLookup(), "outside a render nothing is counted")
    }
}
