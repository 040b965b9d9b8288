import Yams

/// goalwall.yml's `kiosk` key (issue 14): what the office TV shows and how fast it turns.
/// Every key has a default that matches the kiosk before the key existed, so a site
/// without `kiosk:` gets the same screens.
public struct KioskSettings: Hashable, Sendable {
    /// Cards on one screen. More than six do not read from three metres at 1080p (titles
    /// would fall under 28 px), so six is also the most.
    public var goalsPerScreen = 6
    /// Seconds before the next screen; nil: `rotate_seconds` when > 0, else 30.
    public var secondsPerScreen: Int?
    /// Only goals of these teams (as written, or as their slugs); empty: every goal.
    public var teams: [String] = []
    /// Only goals with at least one of these tags; empty: every goal.
    public var tags: [String] = []
    /// Whether achieved goals keep a card (they are in the wins strip either way).
    public var showAchieved = true
    /// The wins strip shows goals achieved and milestones met in the last this many days;
    /// 0 turns it off.
    public var winsDays = 14

    /// Where each of `teams` was written, to warn about a team no goal has.
    var teamLocations: [SourceLocation] = []

    public init() {}

    static let maximumGoalsPerScreen = 6
    /// A screen that turns faster cannot be read.
    static let minimumSeconds = 5
    static let maximumWinsDays = 366

    static let keys = ["goals_per_screen", "seconds_per_screen", "teams", "tags", "show_achieved", "wins_days"]

    /// Reads the value of `kiosk:`; an unknown key is a warning (§2), a bad value an error
    /// at its line and column, and the default stays.
    static func read(_ node: Node, fields: YAMLFields, into diagnostics: inout Diagnostics) -> KioskSettings {
        var settings = KioskSettings()
        guard let mapping = node.mapping else {
            diagnostics.error(
                "'kiosk' must be a mapping of \(keys.joined(separator: ", ")) (like 'kiosk: { goals_per_screen: 4 }')",
                at: fields.location(of: node))
            return settings
        }
        let kiosk = fields.nested(mapping, into: &diagnostics)
        kiosk.warnUnknownKeys(known: keys, what: "kiosk", into: &diagnostics)
        if let count = kiosk.count("goals_per_screen", into: &diagnostics) {
            if (1...maximumGoalsPerScreen).contains(count) {
                settings.goalsPerScreen = count
            } else {
                diagnostics.error(
                    "'goals_per_screen' must be from 1 to \(maximumGoalsPerScreen): more cards do not read from across the room",
                    at: kiosk.location(of: kiosk.node("goals_per_screen")!))
            }
        }
        if let seconds = kiosk.count("seconds_per_screen", into: &diagnostics) {
            if seconds >= minimumSeconds {
                settings.secondsPerScreen = seconds
            } else {
                diagnostics.error(
                    "'seconds_per_screen' must be at least \(minimumSeconds): a screen needs time to be read",
                    at: kiosk.location(of: kiosk.node("seconds_per_screen")!))
            }
        }
        if let days = kiosk.count("wins_days", into: &diagnostics) {
            if days <= maximumWinsDays {
                settings.winsDays = days
            } else {
                diagnostics.error(
                    "'wins_days' must be from 0 (no wins strip) to \(maximumWinsDays)",
                    at: kiosk.location(of: kiosk.node("wins_days")!))
            }
        }
        if let node = kiosk.node("show_achieved") {
            if let flag = flag(node) {
                settings.showAchieved = flag
            } else {
                diagnostics.error("'show_achieved' must be true or false", at: kiosk.location(of: node))
            }
        }
        settings.teams = kiosk.strings("teams", into: &diagnostics)
        settings.tags = kiosk.strings("tags", into: &diagnostics)
        if let teams = kiosk.node("teams")?.sequence {
            settings.teamLocations = teams.filter { $0.scalar != nil }.map { kiosk.location(of: $0) }
        }
        return settings
    }

    /// `true` or `false`, unquoted (YAML 1.2's core schema, as §9 reads `owner: NO`: `yes`
    /// and `no` are words, not flags).
    static func flag(_ node: Node) -> Bool? {
        guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .any else { return nil }
        switch scalar.string {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// A team in `teams` that no goal names is a warning, not an error: the TV keeps
    /// showing the other teams when a team's last goal is removed.
    func checkTeams(_ goals: [Goal], into diagnostics: inout Diagnostics) {
        var names: [String: String] = [:]
        for goal in goals {
            if let team = goal.team, let slug = goal.teamSlug { names[slug] = names[slug] ?? team }
        }
        for (team, location) in zip(teams, teamLocations) where names[slugify(team)] == nil {
            var message = "kiosk: no goal has the team '\(team)'"
            if let suggestion = closestName(to: team, among: names.values.sorted()) {
                message += ": did you mean '\(suggestion)'?"
            }
            diagnostics.warning(message, at: location)
        }
    }

    /// Whether a goal belongs on the TV by these settings (its own `kiosk: false` aside).
    func selects(_ goal: Goal) -> Bool {
        if !teams.isEmpty {
            guard let team = goal.team else { return false }
            let slug = goal.teamSlug
            guard teams.contains(where: { $0 == team || slugify($0) == slug }) else { return false }
        }
        if !tags.isEmpty, !goal.tags.contains(where: tags.contains) { return false }
        return true
    }
}
