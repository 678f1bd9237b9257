import Foundation
import PackagePlugin

/// Records the git commit of the checkout in the `GovregCommandLine` target
/// (`GovregVersion.commit`, shown by `govreg version`). The files that name the commit
/// (`HEAD`, the branch's ref, `packed-refs`) are the inputs, so a new commit or a checkout
/// of another branch regenerates it. Works in a git worktree, where `.git` is a file naming
/// the real git directory; outside git the commit is "unknown".
@main
struct RecordBuildCommit: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "GovregVersion+Commit.swift")
        let git = GitDirectories(package: context.package.directoryURL)
        return [.buildCommand(
            displayName: "Recording the git commit in \(target.name)",
            executable: try context.tool(named: "govreg-embed").url,
            arguments: ["commit", git?.gitDirectory.path ?? "", git?.commonDirectory.path ?? "", output.path],
            inputFiles: git?.inputs ?? [],
            outputFiles: [output]
        )]
    }
}

/// Where a checkout's git data is: `.git` itself, or for a worktree the folder its `.git`
/// file names (`gitdir: …`), whose `commondir` leads to the shared refs.
struct GitDirectories {
    var gitDirectory: URL
    var commonDirectory: URL

    init?(package: URL) {
        let dotGit = package.appending(path: ".git")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isFolder) else { return nil }
        if isFolder.boolValue {
            gitDirectory = dotGit
        } else {
            guard let text = try? String(contentsOf: dotGit, encoding: .utf8), text.hasPrefix("gitdir:") else { return nil }
            let path = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
            gitDirectory = path.hasPrefix("/") ? URL(filePath: path) : package.appending(path: path)
        }
        if let common = try? String(contentsOf: gitDirectory.appending(path: "commondir"), encoding: .utf8) {
            let path = common.trimmingCharacters(in: .whitespacesAndNewlines)
            commonDirectory = (path.hasPrefix("/") ? URL(filePath: path) : gitDirectory.appending(path: path)).standardizedFileURL
        } else {
            commonDirectory = gitDirectory
        }
    }

    /// `HEAD`, and when it names a branch that branch's ref file and `packed-refs` (those that exist).
    var inputs: [URL] {
        let head = gitDirectory.appending(path: "HEAD")
        var files = [head]
        if let text = try? String(contentsOf: head, encoding: .utf8), text.hasPrefix("ref: ") {
            let ref = text.dropFirst("ref: ".count).trimmingCharacters(in: .whitespacesAndNewlines)
            files += [gitDirectory.appending(path: ref), commonDirectory.appending(path: ref), commonDirectory.appending(path: "packed-refs")]
        }
        return files.filter { FileManager.default.fileExists(atPath: $0.path) }
    }
}
