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
        var files: [OutputFile] = []
        var result = run(options, today: today, cache: &cache) { files += $0 }
        if result.succeeded { result.files = files }
        return result
    }

    /// Loads, computes and renders, keeping no file (`goalwall check`): every problem a
    /// build finds, in the memory of a build that writes.
    public static func check(_ options: BuildOptions, today: Day) -> BuildResult {
        var cache = BuildCache.none
        return run(options, today: today, cache: &cache) { _ in }
    }

    /// Loads, computes and renders, handing the files to `sink` a batch at a time as they
    /// are made; a build that ends with errors may have handed some (the result says).
    static func run(
        _ options: BuildOptions, today: Day, cache: inout BuildCache, sink: ([OutputFile]) -> Void
    ) -> BuildResult {
        var clock = StageClock(enabled: options.reportsTimings)
        var (site, diagnostics) = SiteLoader(root: options.site).load(cache: &cache.load)  // files → model
        clock.lap("load")
        let wall = Wall(
            site: site, asOf: options.asOf ?? site.settings.asOf ?? today, includeDrafts: options.includeDrafts,
            diagnostics: &diagnostics, cache: &cache.compute)  // model → figures
        clock.lap("compute")
        var theme = Theme.load(
            overrides: site.templates, language: site.settings.language, cache: &cache.theme, into: &diagnostics)
        if options.rendersWithSwiftMustacheOnly { theme.compiled = nil }
        let statics = site.staticFiles
        var renderer = Renderer(theme: theme, builtAt: options.builtAt ?? site.lastModified)
        site.metrics = [:]  // the figures are computed: the tables are not held through the render
        Memory.giveBack()
        if options.strict { diagnostics = diagnostics.escalatingWarnings() }
        guard !diagnostics.hasErrors else { return BuildResult(diagnostics: diagnostics.sorted, wall: wall, files: []) }
        renderer.timings = options.reportsTimings
        var made = 0
        renderer.render(wall, statics: statics, cache: &cache.render, into: &diagnostics) {
            made += $0.count
            sink($0)
        }  // → pages
        clock.lap("render")
        if options.strict { diagnostics = diagnostics.escalatingWarnings() }
        var result = BuildResult(diagnostics: diagnostics.sorted, wall: wall, files: [])
        result.made = made
        return result
    }

    /// Builds and, when the site has no errors, writes the result into the output folder.
    /// When the folder still holds exactly what a build with the same fingerprint (goalwall,
    /// options, every input file) wrote, nothing is built: the result is that build's
    /// summary and warnings (`upToDate`). The pages go to the output's staging folder as
    /// they are rendered (`OutputWriter.Publishing`); the folder itself changes only after
    /// the whole site rendered without errors.
    public static func buildAndWrite(_ options: BuildOptions, today: Day) -> BuildResult {
        if let problem = outputProblem(options) {
            return BuildResult(diagnostics: [problem], wall: nil, files: [])
        }
        var clock = StageClock(enabled: options.reportsTimings)
        // Taken before the load: an input changed during the build makes the next build a
        // full one, never a skipped one.
        let fingerprint = BuildFingerprint(options, today: today)?.value
        let writer = OutputWriter(target: options.output)
        if let fingerprint, let (record, files) = writer.upToDate(fingerprint: fingerprint) {
            clock.lap("up to date")
            let summary = BuildSummary(goals: record.goals, files: files, asOf: record.asOf)
            return BuildResult(diagnostics: record.diagnostics, wall: nil, files: [], upToDate: summary)
        }
        clock.lap("fingerprint")
        let at = SourceLocation(path: options.output.lastPathComponent)
        let publishing: OutputWriter.Publishing
        do {
            publishing = try writer.begin()
        } catch {
            return BuildResult(diagnostics: [.error("\(error)", at: at)], wall: nil, files: [])
        }
        var cache = BuildCache.none
        // Pages go to the staging folder while the next ones render.
        let behind = OutputWriter.Publishing.Behind(publishing)
        var result = run(options, today: today, cache: &cache) { behind.add($0) }  // pages → staging
        behind.finish()
        guard result.succeeded, let wall = result.wall else {
            publishing.abandon()
            return result
        }
        clock = StageClock(enabled: options.reportsTimings)
        let record = fingerprint.map {
            OutputManifest.Record(
                fingerprint: $0, goals: wall.goals.count, asOf: wall.asOf, diagnostics: result.diagnostics)
        }
        do {
            try publishing.commit(record: record)  // staging → public/
            clock.lap("write")
        } catch {
            result.diagnostics.append(.error("\(error)", at: at))
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
