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
            The file is named after the title's slug, starts today with a weekly review, and is \
            written as a draft (state: draft), so it shows on no wall until you delete that line \
            (or build with --drafts); --active writes it ready for the wall. Without a metric it is \
            a six-week task goal. The site is checked with the new file in it: a file that would \
            break the build is not written.

            Examples:
              goalwall new goal "Cut call wait time in half" --team Support --owner Mark \\
                  --metric calls.wait_minutes --target -50% --due 2026-03-01
              goalwall new goal "Keep first response under an hour" --kind maintain \\
                  --metric support.first_response --target 1:00:00 --direction down
              goalwall new goal "Publish one help article a week" --site team
            """
    )

    @Argument(help: "What the goal is, in one sentence.")
    var title: String

    @Option(help: "The team whose wall shows it.")
    var team: String?

    @Option(help: "The goal's champion.")
    var owner: String?

    @Option(help: "reach (move a number to a target by a date) or maintain (keep it on one side of a target).")
    var kind: GoalKind = .reach

    @Option(help: "The metric: FILE.COLUMN of a CSV under content/metrics.")
    var metric: String?

    @Option(help: "The target: a number, +N% or -N% of the baseline, or a duration like 6:30.")
    var target: String?

    @Option(help: "up or down: which way is better (needed for a maintain goal).")
    var direction: Direction?

    @Option(help: "The due date, YYYY-MM-DD (a reach goal's default: six weeks from today).")
    var due: String?

    @Flag(help: "Write the goal ready for the wall instead of as a draft.")
    var active = false

    @Option(help: "The site folder.", completion: .directory)
    var site: String = "."

    @OptionGroup var log: LogOptions

    func validate() throws {
        if target != nil, metric == nil {
            throw ValidationError("--target needs --metric: the number it is a target for")
        }
        if metric != nil, target == nil { throw ValidationError("--metric needs --target: the value to reach or keep") }
        if kind == .maintain {
            guard metric != nil, direction != nil else {
                throw ValidationError("a maintain goal needs --metric, --target and --direction (up or down)")
            }
        }
        if let due, Day(iso: due) == nil {
            throw ValidationError("--due must be a real date written YYYY-MM-DD, not '\(due)'")
        }
        if let due = due.flatMap({ Day(iso: $0) }), due <= Build.today() {
            throw ValidationError("--due (\(due)) must be after today: goals start today")
        }
    }

    func run() throws {
        var draft = Scaffold.GoalDraft(title: title)
        draft.team = team
        draft.owner = owner
        draft.kind = kind
        draft.metric = metric
        draft.target = target
        draft.direction = direction
        draft.due = due.flatMap { Day(iso: $0) }
        draft.isActive = active
        let console = Console(log)
        do {
            let file = try Scaffold.writeGoal(
                draft, site: URL(fileURLWithPath: site, isDirectory: true), today: Build.today())
            guard !log.quiet else { return }
            print("Wrote \(file.path)")
            if !active { print("It is a draft: delete its 'state: draft' line when it is ready for the wall.") }
        } catch {
            console.error("\(error)")
            throw ExitCode(1)
        }
    }
}

extension GoalKind: ExpressibleByArgument {}
extension Direction: ExpressibleByArgument {}
