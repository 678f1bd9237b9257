import Foundation

/// The git commit a checkout is at, read from the files under `.git` (no `git` needed on the
/// build machine): `HEAD` holds a commit or `ref: refs/heads/<branch>`, found as a loose ref
/// or in `packed-refs`. In a worktree the ref lives in the common git directory, not beside
/// the worktree's own `HEAD`.
struct BuildCommit {
    /// The directory holding `HEAD` (empty when the package is not in git).
    var gitDirectory: String
    /// The directory holding `refs/` and `packed-refs` (the same as ``gitDirectory`` outside a worktree).
    var commonDirectory: String

    static let unknown = "unknown"

    /// 40 lowercase hex digits, or ``unknown``.
    func resolve() -> String {
        guard !gitDirectory.isEmpty,
              let head = try? String(contentsOfFile: gitDirectory + "/HEAD", encoding: .utf8)
        else { return Self.unknown }
        let line = head.trimmingCharacters(in: .whitespacesAndNewlines)
        guard line.hasPrefix("ref: ") else { return Self.checked(line) }
        let ref = String(line.dropFirst("ref: ".count))
        for directory in [gitDirectory, commonDirectory] where !directory.isEmpty {
            if let loose = try? String(contentsOfFile: directory + "/" + ref, encoding: .utf8) {
                return Self.checked(loose.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        // packed-refs lines: "<commit> <ref>"; "#" starts a header, "^" a peeled tag.
        let packed = (try? String(contentsOfFile: commonDirectory + "/packed-refs", encoding: .utf8)) ?? ""
        for entry in packed.split(separator: "\n") where entry.hasSuffix(" " + ref) {
            return Self.checked(String(entry.prefix { $0 != " " }))
        }
        return Self.unknown
    }

    /// The text if it is a commit id, else ``unknown`` (a half-written file, a new branch with no commit).
    private static func checked(_ text: String) -> String {
        text.count == 40 && text.allSatisfy(\.isHexDigit) ? text.lowercased() : unknown
    }

    /// The Swift source for the `GovregCommandLine` target.
    static func source(_ commit: String) -> String {
        """
        // Generated at build time by govreg-embed (BuildTools/) from the checkout's git HEAD. Do not edit.

        extension GovregVersion {
            /// The git commit this binary was built from: 40 hex digits, or "unknown" when built outside git.
            public static let commit = "\(commit)"
        }

        """
    }
}
