import Foundation

/// The whole build, one stage after another: load → compute → render → write.
public enum Build {
    /// Loads, computes and renders, writing nothing.
    public static func run(_ options: BuildOptions, today: Day) -> BuildResult {
        var cache = BuildCache.none
        return run(options, today: today, cache: &cache)
    }

    /// Loads, computes and renders, writing nothing. Only what changed since the last build
    /// with this `cache` is parsed, computed and rendered again.
    public static func run(_ options: BuildOptions, today: Day, cache: inout BuildCache) -> BuildResult {
        var clock = StageClock(enabled: options.reportsTimings)
        var (site, diagnostics) = SiteLoader(root: options.site).load(cache: &cache.load)  // files → model
        clock.lap("load")
        let wall = Wall(
            site: site, asOf: options.asOf ?? site.settings.asOf ?? today, includeDrafts: options.includeDrafts,
            diagnostics: &diagnostics, cache: &cache.compute)  // model → figures
        clock.lap("compute")
        let theme = Theme.load(
            overrides: site.templates, language: site.settings.language, cache: &cache.theme, into: &diagnostics)
        if options.strict { diagnostics = diagnostics.escalatingWarnings() }
        guard !diagnostics.hasErrors else { return BuildResult(diagnostics: diagnostics.sorted, wall: wall, files: []) }
        var renderer = Renderer(theme: theme, builtAt: options.builtAt ?? site.lastModified)
        renderer.timings = options.reportsTimings
        let files = renderer.render(wall, statics: site.staticFiles, cache: &cache.render, into: &diagnostics)  // → pages
        clock.lap("render")
        if options.strict { diagnostics = diagnostics.escalatingWarnings() }
        return BuildResult(diagnostics: diagnostics.sorted, wall: wall, files: diagnostics.hasErrors ? [] : files)
    }

    /// Builds and, when the site has no errors, writes the result into the output folder.
    public static func buildAndWrite(_ options: BuildOptions, today: Day) -> BuildResult {
        if let problem = outputProblem(options) {
            return BuildResult(diagnostics: [problem], wall: nil, files: [])
        }
        var result = run(options, today: today)
        guard result.succeeded else { return result }
        var clock = StageClock(enabled: options.reportsTimings)
        do {
            try OutputWriter(target: options.output).publish(result.files)  // pages → public/
            clock.lap("write")
        } catch {
            result.diagnostics.append(.error("\(error)", at: SourceLocation(path: options.output.lastPathComponent)))
        }
        return result
    }

    /// Why the output folder must not be written (see `OutputWriter.problem`).
    public static func outputProblem(_ options: BuildOptions) -> Diagnostic? {
        OutputWriter(target: options.output).problem(site: options.site)
    }

    /// Today in the local time zone (§2: as_of defaults to today, local).
    public static func today() -> Day {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? Day(daysSinceEpoch: Int(now) / 86_400)
    }
}
