import Foundation
import PackagePlugin

/// Embeds every file of the top-level `templates/` folder (the built-in theme) into the
/// target as Swift source, so an installed `goalwall` needs no resource bundle.
@main
struct EmbedThemePlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let themeFolder = context.package.directoryURL.appending(path: "templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: themeFolder.path())
            .filter { !$0.hasPrefix(".") }
            .sorted()
        let inputs = names.map { themeFolder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinTheme.swift")
        return [
            .buildCommand(
                displayName: "Embedding the built-in theme (\(names.count) files)",
                executable: try context.tool(named: "EmbedTheme").url,
                arguments: [output.path()] + inputs.map { $0.path() },
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
