import Foundation
import Testing

@testable import GoalwallKit

/// Issue 14, part 4: goalwall.yml's `language:` sets `lang`, every built-in label, and how
/// numbers and dates are written; English, German, French and Spanish are built in, and a
/// site's templates/labels.yml gives any other language.
@Suite("Languages: labels, numbers and dates")
struct LanguageTests {
    /// A site with a metric goal (values in the thousands, a milestone) and a task goal.
    func site(language: String?, extra: [String: String] = [:]) throws -> TestSite {
        var files = [
            "goalwall.yml": "title: Kundenservice\n" + (language.map { "language: \($0)\n" } ?? ""),
            "content/goals/calls.md": goalFile(
                """
                title: Answer more calls every day
                owner: Ana
                team: Support
                metric: calls
                baseline: 1000
                target: 1500.5
                start: 2026-01-01
                due: 2026-03-31
                milestones:
                  - {date: 2026-02-15, target: 1234.5}
                tags: [phones]
                """, body: "## 2026-02-02 Review\n\n- [ ] call the vendor\n"),
            "content/goals/kb.md": goalFile(
                "title: Write the knowledge base\nowner: Ben\nstart: 2026-01-01\ndue: 2026-03-31",
                body: "- [x] one\n- [ ] two\n"),
            "content/metrics/calls.csv": "date,value\n2026-01-05,1010\n2026-02-02,1180\n2026-03-02,1234.5\n",
            "content/pages/how.md": "# How we work\n\n- [x] stand-up at nine\n",
        ]
        for (path, text) in extra { files[path] = text }
        return try TestSite(files)
    }

    /// A built-in language, as a build with `language: TAG` speaks it.
    func builtIn(_ tag: String) -> Language {
        var diagnostics = Diagnostics()
        return Theme.load(overrides: [:], language: LanguageSetting(tag: tag), into: &diagnostics).language
    }

    func page(_ result: BuildResult, _ path: String) throws -> String {
        try #require(result.files.first { $0.path == path }?.text, "no \(path): \(result.messages)")
    }

    @Test("English by default: lang=\"en\", 2 March 2026, 1,234.5")
    func englishByDefault() throws {
        let site = try site(language: nil)
        defer { site.remove() }
        let result = site.run(asOf: "2026-03-02")
        #expect(result.errorMessages.isEmpty, "\(result.messages)")
        let wall = try page(result, "index.html")
        #expect(wall.contains("<html lang=\"en\""))
        #expect(wall.contains("Status as of <time datetime=\"2026-03-02\">2 March 2026</time>"))
        let goal = try page(result, "goals/calls/index.html")
        #expect(goal.contains("<h2>Milestones</h2>"))
        #expect(goal.contains("1,235"), "numbers from 100 up without decimals, grouped")
        #expect(goal.contains("15 February 2026"))
    }

    @Test("a German wall reads German: lang, labels, 2. März 2026, 1.234,5, 29 Tage, Prozent")
    func german() throws {
        let site = try site(language: "de")
        defer { site.remove() }
        let result = site.run(asOf: "2026-03-02")
        #expect(result.diagnostics.isEmpty, "\(result.messages)")
        let wall = try page(result, "index.html")
        #expect(wall.contains("<html lang=\"de\""))
        #expect(wall.contains("<time datetime=\"2026-03-02\">2. März 2026</time>"))
        #expect(wall.contains("noch 29 Tage"))
        #expect(wall.contains(">Alle Ziele<"))
        #expect(!wall.contains("All goals") && !wall.contains("Status as of") && !wall.contains("days left"))
        let goal = try page(result, "goals/calls/index.html")
        #expect(goal.contains("<html lang=\"de\""))
        #expect(goal.contains("1.235") && goal.contains("1.501"), "thousands grouped the German way")
        #expect(goal.contains("15. Februar 2026"))
        #expect(goal.contains("\u{00A0}%"), "a percent sign after a no-break space")
        #expect(goal.contains("<h2>Meilensteine</h2>"))
        #expect(!goal.contains("Milestones") && !goal.contains("Specific") && !goal.contains("Forecast"))
        // The charts' sentences and labels too.
        #expect(goal.contains("Ziel"))
        #expect(!goal.contains("behind plan") && !goal.contains("as of 2 Mar"))
        // Task boxes are named in German; a sentence ending in "Feb." gets no second dot;
        // German keeps a status word's capitals inside a sentence.
        let tasks = try page(result, "goals/kb/index.html")
        #expect(tasks.contains("aria-label=\"erledigt\"") && tasks.contains("aria-label=\"offen\""))
        #expect(!tasks.contains("aria-label=\"done\""))
        for file in result.files where file.path.hasSuffix(".html") {
            #expect(!(file.text ?? "").contains("..</desc>"), "\(file.path)")
        }
        #expect(
            goal.contains("Status Im Plan") || goal.contains("Status Gefährdet")
                || goal.contains("Status Im Verzug"))
        // Page titles, check-ins, free pages and the feed too.
        #expect(try page(result, "people/index.html").contains("<title>Personen · Kundenservice</title>"))
        #expect(try page(result, "tags/phones/index.html").contains("<title>Tag: phones · Kundenservice</title>"))
        #expect(try page(result, "pages/how/index.html").contains("aria-label=\"erledigt\""))
        #expect(try page(result, "goals/calls/index.html").contains("aria-label=\"offen\""), "a check-in's tasks")
        let feed = try page(result, "feed.xml")
        #expect(feed.contains("xml:lang=\"de\"") && feed.contains("aria-label=&quot;offen&quot;"))
        #expect(!feed.contains("aria-label=&quot;not done&quot;"))
        // goals.json keeps its numbers and dates as the contract writes them.
        let english = try self.site(language: nil)
        defer { english.remove() }
        let json = try page(result, "goals.json")
        let englishJSON = try page(english.run(asOf: "2026-03-02"), "goals.json")
        #expect(json == englishJSON)
        // The calendar's words follow the language, its dates stay as RFC 5545 writes them.
        let calendar = try page(result, "calendar.ics").replacingOccurrences(of: "\r\n ", with: "")
        #expect(!calendar.contains("Due: ") && calendar.contains("DTSTART;VALUE=DATE:20260331"))
        #expect(calendar.contains("31. März 2026") && calendar.contains("1.501"), "readable numbers and dates")
    }

    @Test("French: 0 and 1 take the singular, a narrow no-break space groups thousands")
    func french() throws {
        let site = try site(language: "fr")
        defer { site.remove() }
        let result = site.run(asOf: "2026-03-30")
        #expect(result.diagnostics.isEmpty, "\(result.messages)")
        let wall = try page(result, "index.html")
        #expect(wall.contains("<html lang=\"fr\""))
        #expect(wall.contains("30 mars 2026"))
        let goal = try page(result, "goals/calls/index.html")
        #expect(goal.contains("1\u{202F}235"))
        let language = builtIn("fr")
        #expect(language.text("daysLeft", count: 0) != language.text("daysLeft", count: 2))
        #expect(
            language.text("daysLeft", count: 0)
                == language.text("daysLeft", count: 1).replacingOccurrences(of: "1", with: "0"))
    }

    @Test("Spanish groups 12.345 but writes 1234")
    func spanish() throws {
        let language = builtIn("es")
        Language.with(language) {
            #expect(DisplayFormat.number(1234) == "1234")
            #expect(DisplayFormat.number(12345) == "12.345")
            #expect(DisplayFormat.number(2.5) == "2,5")
            #expect(DisplayFormat.long(Day(iso: "2026-03-02")!) == "2 de marzo de 2026")
            #expect(DisplayFormat.range(Day(iso: "2025-10-01")!, Day(iso: "2025-12-31")!) == "1 oct–31 dic 2025")
        }
        // Outside a render, English.
        #expect(DisplayFormat.number(12345.5) == "12,346")
        #expect(DisplayFormat.number(12.25) == "12.3")
        Language.with(builtIn("de")) {
            #expect(DisplayFormat.number(12.25) == "12,3")
            #expect(DisplayFormat.number(-1234) == "−1.234")
            #expect(DisplayFormat.percent(0.5) == "50\u{00A0}%")
            #expect(DisplayFormat.compact(2_600_000) == "2,6\u{00A0}Mio.")
        }
    }

    @Test("a region falls back to its language: de-CH reads German, lang=\"de-CH\"")
    func region() throws {
        let site = try site(language: "de-CH")
        defer { site.remove() }
        let result = site.run(asOf: "2026-03-02")
        #expect(result.diagnostics.isEmpty, "\(result.messages)")
        let wall = try page(result, "index.html")
        #expect(wall.contains("<html lang=\"de-CH\"") && wall.contains("2. März 2026"))
    }

    @Test("a language goalwall lacks: a warning at language:, English words, lang as written")
    func unknownLanguage() throws {
        let site = try site(language: "pt-BR")
        defer { site.remove() }
        let result = site.run(asOf: "2026-03-02")
        #expect(result.errorMessages.isEmpty)
        #expect(
            result.messages.contains {
                $0.hasPrefix("goalwall.yml:2:11: warning:") && $0.contains("no labels for 'pt-BR'")
                    && $0.contains("templates/labels.yml")
            }, "\(result.messages)")
        let wall = try page(result, "index.html")
        #expect(wall.contains("<html lang=\"pt-BR\"") && wall.contains("All goals"))
    }

    @Test("a site's templates/labels.yml gives its own language and replaces built-in words")
    func ownLabels() throws {
        let labels = """
            numbers:
              decimal: ","
              group: " "
            dates:
              months: [janeiro, fevereiro, março, abril, maio, junho, julho, agosto, setembro, outubro, novembro, dezembro]
              short_months: [jan., fev., mar., abr., mai., jun., jul., ago., set., out., nov., dez.]
              date: "{day} de {month} de {year}"
            labels:
              allGoals: Todas as metas
              milestones: Marcos
              daysLeft: {one: "falta {n} dia", other: "faltam {n} dias"}

            """
        let site = try site(language: "pt-BR", extra: ["templates/labels.yml": labels])
        defer { site.remove() }
        let result = site.run(asOf: "2026-03-02")
        #expect(result.diagnostics.isEmpty, "\(result.messages)")
        let wall = try page(result, "index.html")
        #expect(
            wall.contains(">Todas as metas<") && wall.contains("2 de março de 2026") && wall.contains("faltam 29 dias"))
        #expect(wall.contains(">People<"), "a label the site does not give stays English")
        let goal = try page(result, "goals/calls/index.html")
        #expect(goal.contains("<h2>Marcos</h2>") && goal.contains("1 235"))
        // The labels file is the theme's, not a file of the site's output.
        #expect(!result.files.contains { $0.path.hasSuffix(".yml") })

        // The same file over German replaces only what it gives.
        let german = try self.site(
            language: "de", extra: ["templates/labels.yml": "labels:\n  allGoals: Unsere Ziele\n"])
        defer { german.remove() }
        let germanWall = try page(german.run(asOf: "2026-03-02"), "index.html")
        #expect(germanWall.contains(">Unsere Ziele<") && germanWall.contains("2. März 2026"))
    }

    @Test("mistakes in a labels file are messages at their line and column")
    func labelMistakes() throws {
        let labels = """
            labels:
              allGoal: Alle
              milestones: "Meilensteine {count}"
              daysLeft: {one: "noch {n} Tag"}
            dates:
              months: [Jan, Feb]
            numbers:
              percent: "%"

            """
        let site = try site(language: "de", extra: ["templates/labels.yml": labels])
        defer { site.remove() }
        let result = site.run(asOf: "2026-03-02")
        let messages = result.messages
        #expect(
            messages.contains {
                $0.hasPrefix("templates/labels.yml:2:3: warning: unknown label 'allGoal': did you mean 'allGoals'?")
            }, "\(messages)")
        #expect(
            messages.contains { $0.hasPrefix("templates/labels.yml:3:15: warning: label 'milestones' uses {count}") },
            "\(messages)")
        #expect(
            messages.contains {
                $0.hasPrefix("templates/labels.yml:4:13: error: label 'daysLeft' needs an 'other' form")
            }, "\(messages)")
        #expect(
            messages.contains {
                $0.hasPrefix("templates/labels.yml:6:11: error: 'months' must be a list of 12 texts, not 2")
            }, "\(messages)")
        #expect(
            messages.contains { $0.hasPrefix("templates/labels.yml:8:12: error: 'percent' must hold {n}") },
            "\(messages)")
        #expect(result.files.isEmpty, "an error in a labels file fails the build")

        let numbers = """
            numbers:
              decimal: "."
              group: "."
              compact: [k, M, B, T]
            plural_one: [1, [2], x]
            labels:
              statusOnTrack: {one: Gut, other: Gut}

            """
        let wrong = try self.site(language: "de", extra: ["templates/labels.yml": numbers])
        defer { wrong.remove() }
        let wrongMessages = wrong.run(asOf: "2026-03-02").messages
        for expected in [
            "templates/labels.yml:2:3: error: 'decimal' must be a mark of its own",
            "templates/labels.yml:4:12: error: each item of 'compact' must hold {n}",
            "templates/labels.yml:5:17: error: each item of 'plural_one' must be a whole number",
            "templates/labels.yml:5:22: error: each item of 'plural_one' must be a whole number",
            "templates/labels.yml:7:18: warning: label 'statusOnTrack' is not for a count",
        ] {
            #expect(wrongMessages.contains { $0.hasPrefix(expected) }, "\(expected): \(wrongMessages)")
        }

        // A site's template that names a label goalwall lacks.
        let template = try self.site(
            language: nil, extra: ["templates/footer.mustache": "<footer>\n  {{labels.madeWit}}</footer>\n"])
        defer { template.remove() }
        #expect(
            template.run(asOf: "2026-03-02").messages.contains {
                $0.hasPrefix("templates/footer.mustache:2:3: warning: unknown label 'labels.madeWit'")
                    && $0.contains("did you mean 'labels.madeWith'?")
            })

        let broken = try self.site(language: "de", extra: ["templates/labels.yml": "labels:\n  allGoals: [unclosed\n"])
        defer { broken.remove() }
        let brokenResult = broken.run(asOf: "2026-03-02")
        #expect(
            brokenResult.errorMessages.contains { $0.hasPrefix("templates/labels.yml:") && $0.contains("YAML") },
            "\(brokenResult.messages)")
    }

    @Test("language: must be a BCP 47 tag, at its line and column")
    func badTag() throws {
        for tag in ["d", "de_DE", "'de CH'", "de-", "123", "de-toolongsubtag"] {
            let site = try site(language: tag)
            defer { site.remove() }
            let result = site.run(asOf: "2026-03-02")
            #expect(
                result.errorMessages.contains { $0.hasPrefix("goalwall.yml:2:11: error: 'language' must be a BCP 47") },
                "\(tag): \(result.messages)")
        }
    }

    @Test("every label the code or a built-in template names exists, and every English label is named")
    func labelsInUse() throws {
        let english = Set(Language.english.labels.keys)
        var named = Set<String>()
        let sources = FileManager.default.enumerator(atPath: StageOrderTests.engine.path)!
        while let path = sources.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            let code = try String(contentsOf: StageOrderTests.engine.appending(path: path), encoding: .utf8)
            for match in code.matches(of: /say\(\s*(?:[^()"]*\?\s*)?"([A-Za-z]+)"(?:\s*:\s*"([A-Za-z]+)")?/) {
                named.insert(String(match.output.1))
                if let other = match.output.2 { named.insert(String(other)) }
            }
        }
        for (name, text) in Theme.builtinFiles where name.hasSuffix(".mustache") {
            for match in text.matches(of: /labels\.([A-Za-z0-9_]+)/) { named.insert(String(match.output.1)) }
        }
        #expect(
            named.subtracting(english).isEmpty, "named but not in labels.en.yml: \(named.subtracting(english).sorted())"
        )
        #expect(
            english.subtracting(named).isEmpty,
            "in labels.en.yml but never used: \(english.subtracting(named).sorted())")
    }

    @Test("every built-in language has every English label, with no placeholder goalwall does not fill")
    func builtInLanguagesAreComplete() throws {
        let english = Language.english
        #expect(english.labels.count > 200)
        #expect(english.months.count == 12 && english.shortMonths.count == 12)
        // The plain reading of the built-in English agrees with the checked one.
        var diagnostics = Diagnostics()
        var checked = Language()
        LabelsFile(text: Theme.builtinFiles["labels.en.yml"]!, path: "labels.en.yml")
            .apply(to: &checked, known: nil, into: &diagnostics)
        #expect(diagnostics.all.isEmpty)
        #expect(checked == english)
        for tag in ["de", "fr", "es"] {
            #expect(LanguageSetting.builtIn.contains(tag))
            var found = Diagnostics()
            var language = Language()
            LabelsFile(text: Theme.builtinFiles["labels.\(tag).yml"]!, path: "labels.\(tag).yml")
                .apply(to: &language, known: english.labels, into: &found)
            #expect(found.all.isEmpty, "\(tag): \(found.all.map(\.description))")
            #expect(Set(language.labels.keys) == Set(english.labels.keys), "\(tag) lacks labels")
            #expect(language.months.count == 12 && language.shortMonths.count == 12)
            for (key, label) in language.labels {
                #expect((label.one == nil) == (english.labels[key]!.one == nil), "\(tag): \(key) and its count forms")
            }
        }
    }
}

/// `goalwall serve` keeps what it rendered between rebuilds; a change of language or of a
/// label must still show everywhere at the next rebuild.
@Suite("Languages under goalwall serve")
struct LanguageRebuildTests {
    @Test("editing language: or templates/labels.yml shows at the next rebuild, like a clean build")
    func labelsEdit() throws {
        let site = try TestSite([
            "goalwall.yml": "title: Support\n",
            "content/goals/a.md": goalFile(
                "title: Answer calls faster\nowner: Ana\nstart: 2026-01-01\ndue: 2026-03-31",
                body: "- [x] one\n- [ ] two\n"),
        ])
        defer { site.remove() }
        let rebuilder = Rebuilder(options: site.options(asOf: "2026-03-02"))
        let today = Day(iso: "2026-03-02")!
        #expect(rebuilder.rebuild(today: today).result.succeeded)
        func page(_ path: String) -> String { String(decoding: rebuilder.output![path]!, as: UTF8.self) }
        #expect(page("index.html").contains(">All goals<"))

        try site.write("goalwall.yml", "title: Support\nlanguage: de\n")
        #expect(rebuilder.rebuild(today: today).result.succeeded)
        #expect(page("index.html").contains(">Alle Ziele<") && page("goals/a/index.html").contains("<html lang=\"de\""))

        try site.write("templates/labels.yml", "labels:\n  allGoals: Unsere Ziele\n  statusMissed: Nicht geschafft\n")
        let edited = rebuilder.rebuild(today: today)
        #expect(edited.result.succeeded)
        #expect(page("index.html").contains(">Unsere Ziele<") && page("goals/a/index.html").contains(">Unsere Ziele<"))

        // The same bytes as a clean build of the site as it is now.
        let clean = Build.run(site.options(asOf: "2026-03-02"), today: today)
        for file in clean.files where file.path.hasSuffix(".html") {
            #expect(
                rebuilder.output![file.path].map { String(decoding: $0, as: UTF8.self) } == file.text, "\(file.path)")
        }
    }
}
