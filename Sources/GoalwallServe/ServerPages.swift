import Foundation
import GoalwallKit

/// The pages only the server makes: the build's errors, and "not found". Self-contained
/// (their own styles), since they show in place of any page of any theme.
enum ServerPages {
    /// Every error and warning of a failed build, each as PATH:LINE:COLUMN.
    static func errors(_ diagnostics: [Diagnostic], servingLastGood: Bool) -> Data {
        let errors = diagnostics.filter { $0.severity == .error }
        let warnings = diagnostics.filter { $0.severity == .warning }
        var html = "<h1>The site has \(count(errors.count, "error")); the wall was not rebuilt</h1>\n"
        html +=
            servingLastGood
            ? "<p>Everyone else, the kiosk too, still sees the last good wall. Fix the files below: this page comes back by itself.</p>\n"
            : "<p>There is no good build to show yet. Fix the files below: this page reloads by itself.</p>\n"
        html += list(errors, kind: "error")
        if !warnings.isEmpty {
            html += "<h2>\(count(warnings.count, "warning"))</h2>\n" + list(warnings, kind: "warning")
        }
        return page(title: "Build failed · goalwall serve", body: html)
    }

    /// Shown when the last build was good (an error page opened after the fix).
    static let noErrors = page(
        title: "No errors · goalwall serve",
        body: "<h1>No errors</h1>\n<p>The last build was good. <a href=\"/\">Back to the wall</a>.</p>\n")

    static func notFound(_ path: String) -> Data {
        page(
            title: "Not found · goalwall serve",
            body: "<h1>Not found</h1>\n<p>The wall has no page at <code>\(escape(path))</code>. "
                + "<a href=\"/\">Back to the wall</a>.</p>\n")
    }

    private static func list(_ diagnostics: [Diagnostic], kind: String) -> String {
        var html = "<ol class=\"\(kind)s\">\n"
        for diagnostic in diagnostics {
            html +=
                "<li><code class=\"where\">\(escape(diagnostic.location.description))</code> "
                + "<span class=\"kind\">\(kind):</span> \(escape(diagnostic.message))</li>\n"
        }
        return html + "</ol>\n"
    }

    private static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

    private static func page(title: String, body: String) -> Data {
        let html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            <style>
            .goalwall-server-page { margin: 0; min-height: 100vh; background: #fff; color: #1a1a1a; font: 18px/1.5 system-ui, sans-serif; }
            .goalwall-server-page main { max-width: 70rem; margin: 0 auto; padding: 1.5rem; }
            .goalwall-server-page h1 { font-size: 1.6rem; margin: 0 0 0.75rem; color: #a4000f; }
            .goalwall-server-page ol { padding-left: 1.5rem; }
            .goalwall-server-page li { margin: 0.4rem 0; overflow-wrap: anywhere; }
            .goalwall-server-page code { font: 0.95em ui-monospace, monospace; background: #f2f2f2; padding: 0 0.25rem; }
            .goalwall-server-page .kind { font-weight: 700; }
            .goalwall-server-page .warnings .kind { color: #6b4e00; }
            .goalwall-server-page .errors .kind { color: #a4000f; }
            .goalwall-server-page a { color: #0b57d0; }
            </style>
            </head>
            <body class="goalwall-server-page">
            <main>
            \(body)</main>
            </body>
            </html>

            """
        return LiveReload.inject(into: Data(html.utf8))
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
