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

    public init(
        site: Site, asOf: Day, includeDrafts: Bool, diagnostics: inout Diagnostics
    ) {
        var none: ComputeCache?
        self.init(site: site, asOf: asOf, includeDrafts: includeDrafts, diagnostics: &diagnostics, cache: &none)
    }

    /// The wall, computing only the goals whose inputs changed since the figures `cache`
    /// keeps (and keeping this wall's figures in it).
    public init(
        site: Site, asOf: Day, includeDrafts: Bool, diagnostics: inout Diagnostics, cache: inout ComputeCache?
    ) {
        settings = site.settings
        self.asOf = asOf
        pages = site.pages
        let included = site.goals.filter { includeDrafts || $0.state != .draft }
        let leftOut = Set(site.goals.filter { !includeDrafts && $0.state == .draft }.map(\.slug))
        let metrics = site.metrics
        let tolerance = site.settings.tolerance
        let revisions = site.revisions
        let cached = cache?.standings ?? [:]
        let computed = included.parallelMap { goal -> ComputeCache.Entry in
            var key = Hasher()
            key.combine(goal.path)
            key.combine(revisions[goal.path])
            key.combine(goal.metric.map { revisions["content/metrics/\($0.file).csv"] })
            key.combine(asOf)
            key.combine(tolerance)
            let inputs = key.finalize()
            if let entry = cached[goal.path], entry.inputs == inputs { return entry }
            var diagnostics = Diagnostics()
            let standing = Standing.compute(
                goal, metrics: metrics, asOf: asOf, tolerance: tolerance, into: &diagnostics)
            return ComputeCache.Entry(inputs: inputs, standing: standing, diagnostics: diagnostics)
        }
        if cache != nil {
            cache!.standings = Dictionary(computed.map { ($0.standing.goal.path, $0) }, uniquingKeysWith: { a, _ in a })
        }
        var goals: [Standing] = []
        for entry in computed {
            var standing = entry.standing
            diagnostics.append(contentsOf: entry.diagnostics)
            if let parent = standing.parent, leftOut.contains(parent) {
                diagnostics.warning(
                    "parent '\(parent)' is a draft, left out of this build (build with --drafts to include it)",
                    at: standing.goal.parentLocation)
                standing.parent = nil
            }
            var inputs = Hasher()
            inputs.combine(entry.inputs)
            inputs.combine(standing.parent)
            standing.inputs = inputs.finalize()
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

/// Each goal's figures from the builds before, with what they were computed from, so a
/// rebuild computes only the goals whose file or metric changed (`goalwall serve`).
public struct ComputeCache: Sendable {
    struct Entry: Sendable {
        var inputs: Int
        var standing: Standing
        var diagnostics: Diagnostics
    }
    /// By goal file.
    var standings: [String: Entry] = [:]

    public init() {}
}
