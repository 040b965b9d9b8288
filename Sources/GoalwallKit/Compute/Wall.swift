/// A team's wall: the goals of the teams that have one.
public struct Team: Sendable {
    public var slug: String
    public var name: String
    /// Slugs of its goals, sorted.
    public var goals: [String]
}

/// An owner's page (people/SLUG/): the goals one person owns.
public struct Person: Sendable {
    public var slug: String
    /// As the goals write it.
    public var name: String
    /// Slugs of their goals, sorted.
    public var goals: [String]
}

/// A tag's page (tags/SLUG/): the goals that carry one tag.
public struct GoalTag: Sendable {
    public var slug: String
    /// The spelling most of its goals use (`Calls` and `calls` are one tag).
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
    /// Every owner of a goal here, by slug.
    public var people: [Person]
    /// Every tag of a goal here, by slug.
    public var tags: [GoalTag]
    public var pages: [Page]
    /// An owner's slug, by the name as written.
    private var personSlugs: [String: String]
    /// A tag's slug, by each spelling.
    private var tagSlugs: [String: String]

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

        // People: one page per name as written; names that slug alike are numbered.
        personSlugs = distinctSlugs(for: goals.compactMap(\.goal.ownerName), fallback: "person")
        var people: [String: Person] = [:]
        for standing in goals {
            guard let name = standing.goal.ownerName, let slug = personSlugs[name] else { continue }
            people[slug, default: Person(slug: slug, name: name, goals: [])].goals.append(standing.slug)
        }
        self.people = people.values.sorted { $0.slug < $1.slug }

        // Tags: spellings that slug alike are one tag; tags that slug to nothing stay apart.
        func key(_ tag: String) -> String {
            let slug = slugify(tag)
            return slug.isEmpty ? "\u{0}" + tag : slug
        }
        var spellings: [String: [String: Int]] = [:]
        for standing in goals {
            for tag in Set(standing.goal.tags) { spellings[key(tag), default: [:]][tag, default: 0] += 1 }
        }
        let names = spellings.mapValues { counts in
            counts.keys.sorted { (-counts[$0]!, $0) < (-counts[$1]!, $1) }[0]
        }
        let slugs = distinctSlugs(for: names.values, fallback: "tag")
        var tagSlugs: [String: String] = [:]
        var tagNames: [String: String] = [:]  // by slug
        for (key, counts) in spellings {
            let slug = slugs[names[key]!]!
            tagNames[slug] = names[key]!
            for spelling in counts.keys { tagSlugs[spelling] = slug }
        }
        self.tagSlugs = tagSlugs
        var tags: [String: GoalTag] = [:]
        for standing in goals {
            for slug in Set(standing.goal.tags.compactMap { tagSlugs[$0] }) {
                tags[slug, default: GoalTag(slug: slug, name: tagNames[slug]!, goals: [])].goals.append(standing.slug)
            }
        }
        self.tags = tags.values.sorted { $0.slug < $1.slug }

        // V2MOM: a goal the team named that is a draft left out of this build.
        for (key, reference) in settings.v2momReferences where leftOut.contains(reference.slug) {
            diagnostics.warning(
                "goal '\(reference.slug)' in '\(key)' is a draft, left out of this build (build with --drafts to include it)",
                at: reference.location)
        }
    }

    /// The slug of an owner's page (people/SLUG/); nil for a goal without an owner.
    public func personSlug(_ owner: String?) -> String? { owner.flatMap { personSlugs[$0] } }

    /// The slug of a tag's page (tags/SLUG/).
    public func tagSlug(_ tag: String) -> String? { tagSlugs[tag] }
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
