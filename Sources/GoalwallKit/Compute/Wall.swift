/// A team's wall: the goals of the teams that have one.
public struct Team: Sendable {
    public var slug: String
    public var name: String
    /// Slugs of its goals, sorted.
    public var goals: [String]
}

/// Every goal's standing on one date: the computed wall, pure (no files, no clock).
public struct Wall: Sendable {
    public var settings: SiteSettings
    public var asOf: Day
    /// Goals in goals.json: drafts only with `--drafts`; sorted by slug.
    public var goals: [Standing]
    public var teams: [Team]
    public var pages: [Page]

    public init(site: Site, asOf: Day, includeDrafts: Bool, diagnostics: inout Diagnostics) {
        settings = site.settings
        self.asOf = asOf
        pages = site.pages
        let included = site.goals.filter { includeDrafts || $0.state != .draft }
        let leftOut = Set(site.goals.filter { !includeDrafts && $0.state == .draft }.map(\.slug))
        let metrics = site.metrics
        let tolerance = site.settings.tolerance
        let computed = included.parallelMap { goal -> (Standing, Diagnostics) in
            var diagnostics = Diagnostics()
            let standing = Standing.compute(
                goal, metrics: metrics, asOf: asOf, tolerance: tolerance, into: &diagnostics)
            return (standing, diagnostics)
        }
        var goals: [Standing] = []
        for (var standing, found) in computed {
            diagnostics.append(contentsOf: found)
            if let parent = standing.parent, leftOut.contains(parent) {
                diagnostics.warning(
                    "parent '\(parent)' is a draft, left out of this build (build with --drafts to include it)",
                    at: standing.goal.parentLocation)
                standing.parent = nil
            }
            goals.append(standing)
        }
        self.goals = goals

        var teams: [String: Team] = [:]
        for standing in goals {
            guard let slug = standing.goal.teamSlug, let name = standing.goal.team else { continue }
            teams[slug, default: Team(slug: slug, name: name, goals: [])].goals.append(standing.slug)
        }
        self.teams = teams.values.sorted { $0.slug < $1.slug }
    }
}
