import Foundation

/// The files `goalwall new goal` and `goalwall init` write.
public enum Scaffold {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// A goal file that builds as it is: a task goal of six weeks, with a weekly review.
    public static func goalFile(title: String, team: String?, owner: String?, today: Day) -> (
        slug: String, text: String
    )? {
        let slug = fileSlug(title)
        guard !slug.isEmpty else { return nil }
        var text = "---\ntitle: \(yamlString(title))\n"
        text += "owner: \(owner.map(yamlString) ?? "")\n"
        if let team { text += "team: \(yamlString(team))\n" }
        text += """
            start: \(today)
            due: \(today.adding(days: 42))
            review: weekly
            # To measure this goal by a number instead of its tasks, name a metric CSV column
            # and the value to reach:
            # metric: calls.wait_minutes
            # target: 4
            # milestones:
            #   - { date: \(today.adding(days: 14)), target: 6 }
            ---
            Why this goal matters, how we will get there, and what stands in the way.

            - [ ] First step
            - [ ] Second step

            ## \(today) Kick-off
            What we agreed when we set this goal.

            """
        return (slug, text)
    }

    /// Writes a new goal under content/goals; an existing file is never overwritten.
    public static func writeGoal(title: String, team: String?, owner: String?, site: URL, today: Day) throws -> URL {
        guard let goal = goalFile(title: title, team: team, owner: owner, today: today) else {
            throw Failure(description: "the title '\(title)' has no letters or digits to make a file name from")
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
        return file
    }

    /// A file name from a title: its slug, cut at a word to at most 60 characters so any
    /// file system takes it.
    static func fileSlug(_ title: String) -> String {
        let slug = slugify(title)
        guard slug.count > 60 else { return slug }
        let cut = slug.prefix(61)
        if let dash = cut.lastIndex(of: "-"), dash > cut.startIndex { return String(cut[..<dash]) }
        return String(slug.prefix(60))
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
