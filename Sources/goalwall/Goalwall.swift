import ArgumentParser
import Foundation
import GoalwallKit

@main
struct Goalwall: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "goalwall",
        abstract: "Turn a folder of goal pages and metric CSVs into a static goals wall.",
        discussion: """
            A site is a folder with goalwall.yml, content/goals/*.md, content/metrics/*.csv and \
            content/pages/*.md. 'goalwall' alone builds the site in the current folder into public/.

            Examples:
              goalwall                             build ./ into ./public
              goalwall build --site team --as-of 2026-03-02
              goalwall check --format json
              goalwall serve                       preview at http://127.0.0.1:8080/, live
              goalwall new goal "Cut call wait time in half" --team Support --owner Mark
              goalwall init my-team
            """,
        version: GoalwallVersion.description,
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, InitCommand.self],
        defaultSubcommand: BuildCommand.self
    )

    /// Exit status: 0 success, 1 errors in the site, 2 wrong usage (§8).
    static func main() async {
        // Taken from the first instruction, so a SIGINT or SIGTERM sent while serve starts is
        // neither lost nor fatal: serve stops gracefully on it once it runs. Every other
        // command is ended by one at once (Ctrl-C stops a build as it always did).
        ShutdownSignals.take()
        Memory.returnLargeBlocks()
        do {
            var command = try parseAsRoot(Self.protectingText(Array(CommandLine.arguments.dropFirst())))
            if let serve = command as? ServeCommand {
                try await serve.run()
            } else {
                ShutdownSignals.endProcessOnSignal()
                try command.run()
            }
        } catch {
            ShutdownSignals.endProcessOnSignal()
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if let exit = error as? ExitCode { Foundation.exit(exit.rawValue) }
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

extension Goalwall {
    /// Free text that starts with "-" ("- cut waits", an owner "-x y", a target -50%) would
    /// be read as options — `-h` among them. Text with a space in it, or a negative number,
    /// is never an option: such a positional goes after `--`, such an option value is joined
    /// to its option with `=`.
    static func protectingText(_ arguments: [String]) -> [String] {
        func isText(_ argument: String) -> Bool {
            guard argument.hasPrefix("-") else { return false }
            // With a space in it, or a negative number or change (-50%, -0:30): never an option.
            let second = argument.dropFirst().first
            return argument.contains(where: \.isWhitespace) || second.map { $0.isNumber || $0 == "." } == true
        }
        guard arguments.contains(where: isText), !arguments.contains("--") else { return arguments }
        var kept: [String] = []
        var positionals: [String] = []
        for argument in arguments {
            if isText(argument) {
                if let option = kept.last, option.hasPrefix("--"), !option.contains("=") {
                    kept[kept.count - 1] = option + "=" + argument
                } else {
                    positionals.append(argument)
                }
            } else {
                kept.append(argument)
            }
        }
        return positionals.isEmpty ? kept : kept + ["--"] + positionals
    }
}

/// Options every command that reads a site shares.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site folder.", completion: .directory)
    var site: String = "."

    @Option(name: .long, help: "Compute every status for this date (YYYY-MM-DD) instead of as_of or today.")
    var asOf: String?

    @Flag(help: "Turn every warning into an error.")
    var strict = false

    var siteURL: URL { URL(fileURLWithPath: site, isDirectory: true) }

    var asOfDay: Day? { asOf.flatMap { Day(iso: $0) } }

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: site, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--site: no folder at '\(site)'")
        }
        if let asOf, Day(iso: asOf) == nil {
            throw ValidationError("--as-of must be a real date written YYYY-MM-DD, not '\(asOf)'")
        }
    }
}
