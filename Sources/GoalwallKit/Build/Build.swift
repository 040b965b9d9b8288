import Foundation

/// What a build is asked to do (the options of `goalwall build` and `check`).
public struct BuildOptions: Sendable {
    public var site: URL
    public var output: URL
    /// nil: goalwall.yml's as_of, else today.
    public var asOf: Day?
    public var includeDrafts = false
    public var strict = false
    /// The build time shown on pages; nil reads SOURCE_DATE_EPOCH, else the newest input.
    public var builtAt: Date?

    public init(site: URL, output: URL? = nil, asOf: Day? = nil) {
        self.site = site.standardizedFileURL
        self.output = (output ?? site.appending(path: "public")).standardizedFileURL
        self.asOf = asOf
    }
}

/// What a build found and made.
public struct BuildResult: Sendable {
    public var diagnostics: [Diagnostic]
    public var wall: Wall?
    public var files: [OutputFile]
    public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }
}

/// The whole build, one stage after another: load → compute → render → write.
public enum Build {
    /// Loads, computes and renders, writing nothing. With a cache (one per site), only what
    /// changed since the last build with that cache is parsed, computed and rendered again.
    public static func run(_ options: BuildOptions, today: Day, cache: BuildCache? = nil) -> BuildResult {
        var clock = StageClock()
        var (site, diagnostics) = SiteLoader(root: options.site, cache: cache?.load).load()  // files → model
        clock.lap("load")
        let asOf = options.asOf ?? site.settings.asOf ?? today
        let wall = Wall(
            site: site, asOf: asOf, includeDrafts: options.includeDrafts, diagnostics: &diagnostics,
            cache: cache?.compute)  // model → figures
        clock.lap("compute")
        let theme: Theme
        if let kept = cache?.theme, kept.overrides == site.templates {
            theme = kept.theme
            diagnostics.append(contentsOf: kept.diagnostics)
        } else {
            var found = Diagnostics()
            theme = Theme.load(overrides: site.templates, into: &found)
            diagnostics.append(contentsOf: found)
            cache?.theme = (site.templates, theme, found)
        }
        if options.strict { diagnostics = diagnostics.escalatingWarnings() }
        guard !diagnostics.hasErrors else {
            return BuildResult(diagnostics: diagnostics.sorted, wall: wall, files: [])
        }
        let builtAt = options.builtAt ?? sourceDateEpoch() ?? site.lastModified
        var files = Renderer(theme: theme, builtAt: builtAt).render(wall, cache: cache?.render)  // figures → pages
        clock.lap("render")
        // The theme's other files (style.css) and static/ go beside the pages; a generated
        // file keeps its path (and a path that is a folder of generated files stays one).
        var taken = OutputPaths(files.map(\.path))
        for (name, text) in theme.assets.sorted(by: { $0.key < $1.key }) {
            guard taken.claim(name) else {
                diagnostics.warning(
                    "templates/\(name) is left out: goalwall generates \(name)",
                    at: SourceLocation(path: "templates/\(name)"))
                continue
            }
            files.append(OutputFile(path: name, text: text))
        }
        for file in site.staticFiles {
            let path = String(file.path.dropFirst("static/".count))
            guard taken.claim(path) else {
                diagnostics.warning(
                    "static file \(file.path) is replaced by the generated \(path)", at: SourceLocation(path: file.path)
                )
                continue
            }
            files.append(OutputFile(path: path, copyOf: file.url))
        }
        if options.strict { diagnostics = diagnostics.escalatingWarnings() }
        return BuildResult(diagnostics: diagnostics.sorted, wall: wall, files: diagnostics.hasErrors ? [] : files)
    }

    /// Builds and, when the site has no errors, swaps the result into the output folder.
    public static func buildAndWrite(_ options: BuildOptions, today: Day) -> BuildResult {
        if let problem = outputProblem(options) {
            return BuildResult(diagnostics: [problem], wall: nil, files: [])
        }
        var result = run(options, today: today)
        guard result.succeeded else { return result }
        var clock = StageClock()
        do {
            try OutputWriter(target: options.output).publish(result.files)  // pages → public/
            clock.lap("write")
        } catch {
            result.diagnostics.append(.error("\(error)", at: SourceLocation(path: options.output.lastPathComponent)))
        }
        return result
    }

    /// The output folder is replaced as a whole, so it must never be the site or hold it.
    public static func outputProblem(_ options: BuildOptions) -> Diagnostic? {
        let site = options.site.resolvingSymlinksInPath().path
        let output = options.output.resolvingSymlinksInPath().path
        let at = SourceLocation(path: options.output.path)
        if output == site || site.hasPrefix(output.hasSuffix("/") ? output : output + "/") {
            return .error(
                "refusing to write the output into \(options.output.path): it is (or holds) the site folder", at: at)
        }
        for inner in ["content", "templates", "static"] {
            let folder = options.site.appending(path: inner).resolvingSymlinksInPath().path
            if output == folder || output.hasPrefix(folder + "/") {
                return .error("refusing to write the output inside the site's \(inner)/ folder", at: at)
            }
        }
        // A symbolic link (`public -> /var/www/wall`) is followed: the folder it points to
        // is the output, under the same rules as any --output.
        var link = stat()
        let isLink = lstat(options.output.path, &link) == 0 && link.st_mode & S_IFMT == S_IFLNK
        let shown = isLink ? "\(options.output.path) (a symbolic link to \(output))" : options.output.path
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: options.output.path, isDirectory: &isFolder)
        if isLink, !exists {
            return .error(
                "\(options.output.path) is a symbolic link to \(output), which does not exist: create that folder first",
                at: at)
        }
        if exists, !isFolder.boolValue {
            return .error("refusing to replace \(shown): it is a file, not a folder", at: at)
        }
        // SITE/public is the output by definition (§1); any other folder is replaced only when
        // it is empty or an earlier build wrote it, so `--output docs` cannot wipe a folder.
        let isDefault =
            !isLink
            && options.output.standardizedFileURL == options.site.appending(path: "public").standardizedFileURL
        if !isDefault, isFolder.boolValue,
            let inside = try? FileManager.default.contentsOfDirectory(atPath: options.output.path), !inside.isEmpty,
            !inside.contains(OutputWriter.marker)
        {
            return .error(
                "refusing to replace \(shown): it holds files goalwall did not write (empty it, or choose another output folder)",
                at: at)
        }
        if FileManager.default.fileExists(atPath: options.output.appending(path: "content").path) {
            return .error(
                "refusing to replace \(shown): it holds a content/ folder, so it looks like a site",
                at: at)
        }
        return nil
    }

    /// §9: SOURCE_DATE_EPOCH, when set, is the build time.
    static func sourceDateEpoch() -> Date? {
        guard let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Int(text),
            (0...253_402_300_799).contains(seconds)  // up to 9999-12-31T23:59:59Z
        else {
            return nil
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
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

/// The paths of an output folder, files and the folders they are in: a new file may not
/// take a path already used by either.
struct OutputPaths {
    private var files: Set<String> = []
    private var folders: Set<String> = []

    init(_ paths: [String]) {
        for path in paths { _ = claim(path) }
    }

    /// Takes `path` for a file, unless a file or folder is there, or a file is where one of
    /// its folders would be.
    mutating func claim(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        let parents = (1..<max(parts.count, 1)).map { parts[..<$0].joined(separator: "/") }
        guard !files.contains(path), !folders.contains(path), !parents.contains(where: files.contains) else {
            return false
        }
        files.insert(path)
        folders.formUnion(parents)
        return true
    }
}

/// What a build keeps for the next build of the same site: parsed files, computed figures,
/// rendered pages. `goalwall serve` keeps one for as long as it runs.
public final class BuildCache: @unchecked Sendable {
    let load = LoadCache()
    let compute = ComputeCache()
    let render = RenderCache()
    /// The theme, compiled from these overrides of the built-in templates.
    var theme: (overrides: [String: String], theme: Theme, diagnostics: Diagnostics)?

    public init() {}
}
