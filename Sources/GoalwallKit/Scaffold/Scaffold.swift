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
        let slug = slugify(title)
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
        let folder = site.appending(path: "content/goals")
        let file = folder.appending(path: "\(goal.slug).md")
        if FileManager.default.fileExists(atPath: file.path) {
            throw Failure(description: "\(file.path) already exists")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(goal.text.utf8).write(to: file)
        return file
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
        if let existing = try? fm.contentsOfDirectory(atPath: folder.path), !existing.isEmpty {
            throw Failure(description: "\(folder.path) is not empty: init writes a new site into an empty folder")
        }
        for (path, text) in siteFiles(today: today).sorted(by: { $0.key < $1.key }) {
            let url = folder.appending(path: path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// A YAML scalar that reads back as exactly `text`.
    static func yamlString(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }
}
