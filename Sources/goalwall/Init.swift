import ArgumentParser
import Foundation
import GoalwallKit

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a new site: settings, sample goals and metrics, and the theme's templates.",
        discussion: """
            The folder must be new or empty. The site builds as it is.

            Examples:
              goalwall init my-team && cd my-team && goalwall
            """
    )

    @Argument(help: "The folder to create.", completion: .directory)
    var directory: String

    @OptionGroup var log: LogOptions

    func run() throws {
        let console = Console(log)
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        do {
            try Scaffold.writeSite(into: folder, today: Build.today())
        } catch {
            console.error("\(error)")
            throw ExitCode(1)
        }
        guard !log.quiet else { return }
        print("Wrote a new site in \(folder.path)")
        print("Build it with: goalwall build --site \(directory)")
    }
}
