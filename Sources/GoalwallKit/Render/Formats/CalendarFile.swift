/// calendar.ics (RFC 5545): one all-day event per due date and per milestone of every goal
/// in goals.json except dropped ones (§9). UIDs come from slugs and dates, so they stay the
/// same from build to build; DTSTAMP is the as-of date, so the file is reproducible.
struct CalendarFile {
    let wall: Wall

    func render() -> String { render(events: wall.goals.map(events)) }

    /// The file from each goal's event lines, in the wall's order (a rebuild keeps unchanged
    /// ones), put together at its final size.
    func render(events: [String]) -> String {
        let head = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//goalwall//goalwall//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:" + icsText(wall.settings.title),
        ].map { fold($0) + "\r\n" }
        return (head + events + ["END:VCALENDAR\r\n"]).joined()
    }

    /// A goal's due date and milestones as event lines, folded, each ending in CRLF; none
    /// for a dropped goal.
    func events(_ standing: Standing) -> String {
        guard standing.status != .dropped else { return "" }
        let stamp = wall.asOf.compact + "T000000Z"
        var lines: [String] = []
        let goal = standing.goal
        let url = absoluteURL(base: wall.settings.baseURL, path: "goals/\(goal.slug)/")
        func event(uid: String, day: Day, summary: String, description: String) {
            lines += [
                "BEGIN:VEVENT", "UID:\(uid)@goalwall", "DTSTAMP:\(stamp)",
                "DTSTART;VALUE=DATE:\(day.compact)", "DTEND;VALUE=DATE:\(day.adding(days: 1).compact)",
                "SUMMARY:" + icsText(summary), "DESCRIPTION:" + icsText(description),
            ]
            if let url { lines.append("URL:" + url) }
            lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
        }
        let owner = goal.owner.map { " " + say("calendarOwner", ["owner": $0]) } ?? ""
        let target =
            goal.isTaskGoal
            ? say("calendarAllTasks")
            : standing.target.map { say("calendarTarget", ["target": goal.shown($0)]) } ?? ""
        if let due = goal.due {
            event(
                uid: "\(goal.slug)-due", day: due, summary: say("calendarDue", ["title": goal.title]),
                description: say(
                    "calendarDueText", ["title": goal.title, "target": target, "date": DisplayFormat.long(due)])
                    + owner)
        }
        for milestone in standing.milestones {
            let value =
                milestone.target.map { say("calendarTarget", ["target": goal.shown($0)]) }
                ?? say("calendarMilestoneWord")
            let note = milestone.milestone.note.map { " " + Self.sentence($0) } ?? ""
            event(
                uid: "\(goal.slug)-milestone-\(milestone.milestone.date.compact)", day: milestone.milestone.date,
                summary: say("calendarMilestone", ["title": goal.title]),
                description: say("calendarMilestoneText", ["title": goal.title, "target": value]) + note + owner)
        }
        return lines.map { fold($0) + "\r\n" }.joined()
    }

    /// A note as a sentence: a full stop added unless it ends like one ("…", "?", "!").
    private static func sentence(_ note: String) -> String {
        let trimmed = note.trimmingCharacters(in: .whitespaces)
        guard let last = trimmed.last, !".!?…:;".contains(last) else { return trimmed }
        return trimmed + "."
    }

    /// RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF and a space), never
    /// inside a UTF-8 sequence.
    private func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > 75 {
                out += "\r\n "
                octets = 1
            }
            out.unicodeScalars.append(scalar)
            octets += size
        }
        return out
    }
}

/// base_url joined with a path, when base_url is absolute (has a scheme); nil otherwise.
func absoluteURL(base: String, path: String) -> String? {
    guard base.contains("://") else { return nil }
    return (base.hasSuffix("/") ? base : base + "/") + path
}
