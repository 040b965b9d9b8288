import ArgumentParser
import Foundation
import GoalwallKit

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new file from a template.",
        discussion: """
            Examples:
              goalwall new goal "Cut call wait time in half" --team Support --owner Mark
            """,
        subcommands: [NewGoal.self]
    )
}

struct NewGoal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "goal",
        abstract: "Write a new goal file under content/goals.",
        discussion: """
            The file is named after the title's slug and builds as it is: a six-week task goal
            starting today with a weekly review. Change it into a metric goal by adding
            'metric:' and 'target:'.

            Examples:
              goalwall new goal "Cut call wait time in half" --team Support --owner Mark
              goalwall new goal "Publish one help article a week" --site team
            """
    )

    @Argument(help: "What the goal is, in one sentence.")
    var title: String

    @Option(help: "The team whose wall shows it.")
    var team: String?

    @Option(help: "The goal's champion.")
    var owner: String?

    @Option(help: "The site folder.", completion: .directory)
    var site: String = "."

    func run() throws {
        do {
            let file = try Scaffold.writeGoal(
                title: title, team: team, owner: owner, site: URL(fileURLWithPath: site, isDirectory: true),
                today: Build.today())
            print("Wrote \(file.path)")
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
