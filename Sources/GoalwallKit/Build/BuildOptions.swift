import Foundation

/// What a build is asked to do (the options of `goalwall build`, `check` and `serve`).
public struct BuildOptions: Sendable {
    public var site: URL
    public var output: URL
    /// nil: goalwall.yml's as_of, else today.
    public var asOf: Day?
    public var includeDrafts = false
    public var strict = false
    /// The build time shown on pages; nil: when an input last changed.
    public var builtAt: Date?
    /// Print each stage's time on standard error.
    public var reportsTimings = false
    /// Every page through swift-mustache's own renderer, none through goalwall's (tests
    /// compare the two: see `CompiledTemplates`).
    var rendersWithSwiftMustacheOnly = false

    /// Options for the site at `site`; the environment gives the build time
    /// (`SOURCE_DATE_EPOCH`, §9) and whether to print timings (`GOALWALL_TIMINGS=1`).
    public init(
        site: URL, output: URL? = nil, asOf: Day? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.site = site.standardizedFileURL
        self.output = (output ?? site.appending(path: "public")).standardizedFileURL
        self.asOf = asOf
        builtAt = Self.sourceDateEpoch(environment["SOURCE_DATE_EPOCH"])
        reportsTimings = environment["GOALWALL_TIMINGS"] == "1"
    }

    /// §9: SOURCE_DATE_EPOCH, when set, is the build time.
    static func sourceDateEpoch(_ text: String?) -> Date? {
        guard let text, let seconds = Int(text), (0...253_402_300_799).contains(seconds)  // to 9999-12-31T23:59:59Z
        else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

/// What a build found and made.
public struct BuildResult: Sendable {
    public var diagnostics: [Diagnostic]
    public var wall: Wall?
    public var files: [OutputFile]
    /// Set when the output folder already held exactly this build (`Build.buildAndWrite`
    /// found its fingerprint there): nothing was loaded, rendered or written, `wall` is nil,
    /// `files` empty, and `diagnostics` are the warnings that build reported.
    public var upToDate: BuildSummary?
    /// How many files the build made (`files` holds them unless they went to the output
    /// folder as they were made).
    var made: Int?
    public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }

    public init(diagnostics: [Diagnostic], wall: Wall?, files: [OutputFile], upToDate: BuildSummary? = nil) {
        self.diagnostics = diagnostics
        self.wall = wall
        self.files = files
        self.upToDate = upToDate
    }

    /// What a successful build made, whether it made it now or found it in the output folder.
    public var summary: BuildSummary? {
        if let upToDate { return upToDate }
        guard let wall, succeeded else { return nil }
        return BuildSummary(goals: wall.goals.count, files: made ?? files.count, asOf: wall.asOf)
    }
}

/// What a build printed about its result: `built 12 goals … 73 files`, `as of 2026-03-02`.
public struct BuildSummary: Sendable, Equatable {
    public var goals: Int
    public var files: Int
    public var asOf: Day
}

/// What a build keeps for the next build of the same site: parsed files, computed figures,
/// the compiled theme, rendered pages. `goalwall serve` keeps one for as long as it runs;
/// a one-off build keeps nothing (`none`).
public struct BuildCache: Sendable {
    var load: LoadCache?
    var compute: ComputeCache?
    var render: RenderCache?
    var theme: ThemeCache?

    /// A cache that keeps everything.
    public init() {
        load = LoadCache()
        compute = ComputeCache()
        render = RenderCache()
        theme = ThemeCache()
    }

    private init(keeping: Bool) {}

    /// Keeps nothing: every build parses, computes and renders everything.
    public static let none = BuildCache(keeping: false)
}
