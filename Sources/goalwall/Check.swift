import ArgumentParser
import Foundation
import GoalwallKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report every error and warning, and each goal's SMART/FAST checklist, writing nothing.",
        discussion: """
            Examples:
              goalwall check
              goalwall check --site team --as-of 2026-03-02 --format json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var options: SiteOptions

    @Option(help: "text or json.")
    var format: Format = .text

    @OptionGroup var log: LogOptions

    func run() throws {
        let console = Console(log)
        var build = BuildOptions(site: options.siteURL, asOf: options.asOfDay)
        build.strict = options.strict
        let result = Build.check(build, today: Build.today())
        let lints = result.wall.map(GoalwallKit.lint) ?? []
        switch format {
        case .json:
            print(CheckReport(diagnostics: result.diagnostics, asOf: result.wall?.asOf, lints: lints).json)
        case .text:
            console.report(result.diagnostics)
            print(
                CheckReport(diagnostics: result.diagnostics, asOf: result.wall?.asOf, lints: lints).text, terminator: ""
            )
        }
        if !result.succeeded { throw ExitCode(1) }
    }
}
