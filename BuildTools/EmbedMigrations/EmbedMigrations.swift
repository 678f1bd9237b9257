import Foundation
import PackagePlugin

/// Builds the `migrations/` folder into the `Migrations` target (as `EmbeddedMigrations`), so
/// a binary copied anywhere can migrate. Every `.sql` file and folder is an input: editing,
/// adding or removing a file regenerates the source on the next build.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "migrations")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedMigrations+Files.swift")
        return [.buildCommand(
            displayName: "Embedding the migrations in \(target.name)",
            executable: try context.tool(named: "govreg-embed").url,
            arguments: ["migrations", folder.path, output.path],
            inputFiles: inputs(under: folder),
            outputFiles: [output]
        )]
    }

    /// The folder, its subfolders (their times change when a file is added or removed) and every `.sql` file.
    private func inputs(under folder: URL) -> [URL] {
        var found = [folder]
        guard let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey]) else { return found }
        for case let url as URL in walk {
            let isFolder = (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
            if isFolder || url.pathExtension == "sql" { found.append(url) }
        }
        return found
    }
}
