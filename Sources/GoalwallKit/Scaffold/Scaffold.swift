import Foundation

/// The files `goalwall new goal` and `goalwall init` write.
public enum Scaffold {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// What `goalwall new goal` is told about the goal it writes.
    public struct GoalDraft: Sendable {
        public var title: String
        public var team: String?
        public var owner: String?
        public var kind = GoalKind.reach
        /// `FILE.COLUMN` or `FILE`, as in a goal file.
        public var metric: String?
        /// As in a goal file: a number, `+N%`/`-N%`, or a duration `6:30`.
        public var target: String?
        public var direction: Direction?
        public var due: Day?
        /// Written active (shown on the wall at once) instead of as a draft.
        public var isActive = false

        public init(title: String) { self.title = title }
    }

    /// A goal file that builds as it is. A task goal of six weeks by default; a reach goal
    /// with a metric and a target; a maintain goal. A draft unless asked otherwise, so a
    /// half-written goal never reaches the office TV.
    public static func goalFile(_ draft: GoalDraft, today: Day) -> (slug: String, text: String)? {
        let slug = fileSlug(draft.title)
        guard !slug.isEmpty else { return nil }
        var text = "---\ntitle: \(yamlString(draft.title))\n"
        text += "owner: \(draft.owner.map(yamlString) ?? "")\n"
        if let team = draft.team { text += "team: \(yamlString(team))\n" }
        if !draft.isActive {
            text += "state: draft            # delete this line when the goal is ready for the wall\n"
        }
        if draft.kind == .maintain { text += "kind: maintain\n" }
        if let metric = draft.metric { text += "metric: \(yamlString(metric))\n" }
        if let target = draft.target {
            // A number is written plain (quoted it would be text); +N% and 6:30 in quotes.
            text += "target: \(parseDecimal(target) != nil ? target : yamlString(target))\n"
        }
        if let direction = draft.direction { text += "direction: \(direction.rawValue)\n" }
        text += "start: \(today)\n"
        if let due = draft.due ?? (draft.kind == .reach ? today.adding(days: 42) : nil) { text += "due: \(due)\n" }
        text += "review: weekly\n"
        if draft.metric == nil {
            text += """
                # To measure this goal by a number instead of its tasks, name a metric CSV column
                # and the value to reach:
                # metric: calls.wait_minutes
                # target: 4
                # milestones:
                #   - { date: \(today.adding(days: 14)), target: 6 }

                """
        }
        text += """
            ---
            Why this goal matters, how we will get there, and what stands in the way.

            - [ ] First step
            - [ ] Second step

            ## \(today) Kick-off
            What we agreed when we set this goal.

            """
        return (slug, text)
    }

    /// A task goal of six weeks, written active (what `new goal` wrote before it had options).
    public static func goalFile(title: String, team: String?, owner: String?, today: Day) -> (
        slug: String, text: String
    )? {
        var draft = GoalDraft(title: title)
        draft.team = team
        draft.owner = owner
        draft.isActive = true
        return goalFile(draft, today: today)
    }

    /// Writes a new goal under content/goals; an existing file is never overwritten. The
    /// site is checked with the new file in it (drafts included): a file that would break
    /// the build is taken out again, and its errors are the failure.
    public static func writeGoal(_ draft: GoalDraft, site: URL, today: Day) throws -> URL {
        guard let goal = goalFile(draft, today: today) else {
            throw Failure(description: "the title '\(draft.title)' has no letters or digits to make a file name from")
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: site.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw Failure(description: "no site folder at \(site.path)")
        }
        let folder = site.appending(path: "content/goals")
        let file = folder.appending(path: "\(goal.slug).md")
        if FileManager.default.fileExists(atPath: file.path) {
            throw Failure(description: "\(file.path) already exists")
        }
        try write(goal.text, to: file)
        var options = BuildOptions(site: site)
        options.includeDrafts = true
        let path = "content/goals/\(goal.slug).md"
        let problems = Build.run(options, today: today).diagnostics.filter {
            $0.severity == .error && $0.location.path == path
        }
        if !problems.isEmpty {
            try? FileManager.default.removeItem(at: file)
            throw Failure(
                description: "the new goal would not build, so it was not written:\n"
                    + problems.map { "  \($0)" }.joined(separator: "\n"))
        }
        return file
    }

    /// The goal file of `new goal` without options: a task goal, written active.
    public static func writeGoal(title: String, team: String?, owner: String?, site: URL, today: Day) throws -> URL {
        var draft = GoalDraft(title: title)
        draft.team = team
        draft.owner = owner
        draft.isActive = true
        return try writeGoal(draft, site: site, today: today)
    }

    /// A file name from a title: its slug, cut at a word to at most 60 characters so any
    /// file system takes it. Letters are kept as ASCII ("Ärger über Wartezeit" →
    /// `aerger-ueber-wartezeit`, "Café" → `cafe`, "Привет" → `privet`) instead of being
    /// dropped, as §9's slug rule would for a name already written.
    static func fileSlug(_ title: String) -> String {
        let slug = slugify(asciiLetters(title))
        guard slug.count > 60 else { return slug }
        let cut = slug.prefix(61)
        if let dash = cut.lastIndex(of: "-"), dash > cut.startIndex { return String(cut[..<dash]) }
        return String(slug.prefix(60))
    }

    /// A title in ASCII letters: German umlauts as `ae`, `oe`, `ue` (as Germans write them
    /// without umlauts), then ICU's Any-Latin and Latin-ASCII transliteration (`ß` → `ss`,
    /// `é` → `e`, `ø` → `o`, Cyrillic and Greek spelt out, Chinese as pinyin).
    static func asciiLetters(_ title: String) -> String {
        var text = ""
        for character in title.precomposedStringWithCanonicalMapping {
            switch character {
            case "ä": text += "ae"
            case "ö": text += "oe"
            case "ü": text += "ue"
            case "Ä": text += "Ae"
            case "Ö": text += "Oe"
            case "Ü": text += "Ue"
            default: text.append(character)
            }
        }
        let toASCII = StringTransform(rawValue: "Any-Latin; Latin-ASCII")
        return text.applyingTransform(toASCII, reverse: false) ?? text
    }

    /// Writes a new file (and its folders); a failure says what and where in plain words.
    private static func write(_ text: String, to file: URL) throws {
        let fm = FileManager.default
        let folder = file.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot create the folder \(folder.path): \(reason(error))")
        }
        do {
            try Data(text.utf8).write(to: file, options: .withoutOverwriting)
        } catch {
            throw Failure(description: "cannot write \(file.path): \(reason(error))")
        }
    }

    /// The system's own words for a failure ("File name too long", "Not a directory").
    private static func reason(_ error: Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
        return error.localizedDescription
    }

    /// A new site that builds as it is: settings, two goals, a metric CSV, a page, and the
    /// built-in theme's templates to change.
    public static func siteFiles(today: Day) -> [String: String] {
        let start = today.adding(days: -21)
        var csv = "date,wait_minutes,csat\n"
        for offset in stride(from: -35, through: 0, by: 1) {
            let day = today.adding(days: offset)
            guard day.weekday <= 5 else { continue }
            let trend = Double(offset + 35)
            let wait = 8.0 - trend * 0.09 + Double((offset * 7 + 35) % 5) * 0.1
            let csat = 3.6 + trend * 0.01 + Double((offset * 3 + 35) % 4) * 0.05
            csv += "\(day),\(DisplayFormat.number(wait)),\(DisplayFormat.number(csat))\n"
        }
        var files: [String: String] = [
            "goalwall.yml": """
            title: Our goals
            vision: Every customer gets a fast, friendly answer the first time they ask.
            values:
              - Customers first
              - Own the outcome
              - Learn in the open
            # as_of: \(today)     # pin the date every status is computed for
            refresh_seconds: 300
            rotate_seconds: 0
            tolerance: 0.10
            theme: auto

            """,
            "content/metrics/support.csv": csv,
            "content/goals/cut-wait-time.md": """
            ---
            title: Cut average call wait time from 8 to 5 minutes
            owner: Sam
            team: Support
            metric: support.wait_minutes
            unit: min
            target: 5
            start: \(start)
            due: \(start.adding(days: 42))
            milestones:
              - { date: \(start.adding(days: 21)), target: 6.5, note: Early shift staffed }
            review: weekly
            parent: happier-customers
            ---
            Long waits are the first thing customers mention in surveys.

            ## \(start.adding(days: 7)) Weekly review
            Two more people on the early shift from Monday.

            """,
            "content/goals/happier-customers.md": """
            ---
            title: Happier customers this quarter
            owner: Alex
            team: Support
            start: \(start)
            due: \(start.adding(days: 90))
            review: monthly
            ---
            The goal every other goal on this wall serves.

            - [x] Agree the quarter's goals with the team
            - [ ] Cut call wait time
            - [ ] Publish ten help articles

            """,
            "content/pages/about.md": """
            ---
            title: About this wall
            ---
            # About this wall

            This wall is built by goalwall from the files in content/. Edit a goal file or
            drop in a new CSV export, then run `goalwall build`.

            """,
        ]
        for (name, text) in Theme.builtinFiles { files["templates/\(name)"] = text }
        return files
    }

    /// Writes a new site into `folder`, which must not exist yet or be empty.
    public static func writeSite(into folder: URL, today: Day) throws {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: folder.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw Failure(description: "\(folder.path) is a file: init writes a new site into a new or empty folder")
        }
        if let existing = try? fm.contentsOfDirectory(atPath: folder.path), !existing.isEmpty {
            throw Failure(description: "\(folder.path) is not empty: init writes a new site into an empty folder")
        }
        for (path, text) in siteFiles(today: today).sorted(by: { $0.key < $1.key }) {
            try write(text, to: folder.appending(path: path))
        }
    }

    /// A YAML scalar that reads back as exactly `text`.
    static func yamlString(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }
}
