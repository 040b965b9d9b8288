import ArgumentParser
import Foundation
import GoalwallKit

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into its output folder (the default command).",
        discussion: """
            Every error and warning is printed as PATH:LINE:COLUMN: error: MESSAGE. A build with \
            errors exits 1 and leaves the previous output exactly as it was.

            Examples:
              goalwall build
              goalwall build --site content-team --output /srv/wall --as-of 2026-03-02
              SOURCE_DATE_EPOCH=1767225600 goalwall build     reproducible build time
              goalwall build --quiet --log-format json     for a scheduled job's log
            """
    )

    @OptionGroup var options: SiteOptions

    @Option(help: "The output folder (default: SITE/public). It is replaced as a whole.", completion: .directory)
    var output: String?

    @Flag(help: "Include goals with state: draft.")
    var drafts = false

    @OptionGroup var log: LogOptions

    var buildOptions: BuildOptions {
        BuildOptions(
            site: options.siteURL, output: output.map { URL(fileURLWithPath: $0, isDirectory: true) },
            asOf: options.asOfDay)
    }

    /// The output folder is replaced as a whole: one that is (or holds) the site is wrong usage.
    func validate() throws {
        // A problem with SITE/public itself (a link to a foreign folder) is the site's, not usage.
        if output != nil, let problem = Build.outputProblem(buildOptions) {
            throw ValidationError("--output: \(problem.message)")
        }
    }

    func run() throws {
        let console = Console(log)
        var build = buildOptions
        build.includeDrafts = drafts
        build.strict = options.strict
        let start = DispatchTime.now()
        let result = Build.buildAndWrite(build, today: Build.today())
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
        console.report(result.diagnostics)
        let shown = String(format: "%.0f", ms)
        guard result.succeeded else {
            let errors = result.diagnostics.count { $0.severity == .error }
            console.build(
                ok: false, milliseconds: ms,
                text:
                    "build failed: \(errors) error\(errors == 1 ? "" : "s") in \(shown) ms; the output folder was left as it was",
                fields: [("errors", .int(errors))])
            throw ExitCode(1)
        }
        let summary = result.summary
        let goals = summary?.goals ?? 0
        let files = summary?.files ?? 0
        console.build(
            ok: true, milliseconds: ms,
            text: "built \(goals) goal\(goals == 1 ? "" : "s") in \(shown) ms: \(files) files",
            fields: [("goals", .int(goals)), ("files", .int(files))])
        if !log.quiet, log.logFormat == .text, let summary {
            let index = build.output.appending(path: "index.html").path
            print("Built \(summary.goals) goals as of \(summary.asOf) into \(build.output.path)/")
            print("Open \(index)")
        }
    }
}
