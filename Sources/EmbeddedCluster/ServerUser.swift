import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The system user that owns and runs the cluster when govreg runs as root.
///
/// PostgreSQL refuses to run as root, so a root govreg hands the data folder to the
/// `postgres` user (which Debian's `postgresql` package creates) and runs the server
/// programs as that user with `runuser`. A non-root govreg runs them as itself.
enum ServerUser {
    /// The name of the system user, and of the cluster's bootstrap superuser.
    static let name = "postgres"

    /// Whether govreg runs as root, and so must hand the cluster to the server user.
    static var isRoot: Bool { geteuid() == 0 }

    /// The numeric identity of the server user.
    struct Identity {
        var uid: uid_t
        var gid: gid_t
        /// The primary group and every supplementary group.
        var groups: Set<gid_t>
    }

    /// Looks up the server user in the system's user database.
    ///
    /// - Throws: ``EmbeddedClusterError`` if there is no such user.
    static func identity() throws -> Identity {
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        let status = getpwnam_r(name, &entry, &buffer, buffer.count, &found)
        guard status == 0, found != nil else {
            throw EmbeddedClusterError(
                .binariesNotFound,
                "govreg runs as root, so the embedded PostgreSQL must run as the '\(name)' system user, "
                    + "and there is no such user. Install PostgreSQL, which creates it: "
                    + "apt-get install -y postgresql"
            )
        }
        var groups: Set<gid_t> = [entry.pw_gid]
        #if canImport(Glibc)
        var count: Int32 = 256
        var list = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(name, entry.pw_gid, &list, &count) >= 0 {
            groups.formUnion(list.prefix(Int(count)))
        }
        #endif
        return Identity(uid: entry.pw_uid, gid: entry.pw_gid, groups: groups)
    }

    /// The `runuser` program, which runs a command as another user without a password.
    static func runuser() throws -> URL {
        for path in ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"]
        where FileManager.default.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        throw EmbeddedClusterError(
            .binariesNotFound,
            "govreg runs as root and needs runuser (from util-linux) to run PostgreSQL as '\(name)'; "
                + "it was not found. Install it: apt-get install -y util-linux"
        )
    }

    /// Checks that the server user can enter every directory on the way to `folder`.
    ///
    /// Both the path as given and its symlink-resolved form are checked, because reaching
    /// a folder through a symbolic link needs both.
    ///
    /// - Throws: ``EmbeddedClusterError`` naming the first directory it cannot enter.
    static func checkCanReach(_ folder: URL, as user: Identity) throws {
        let resolved = folder.resolvingSymlinksInPath()
        var checked = Set<String>()
        for path in ancestry(of: folder.path) + ancestry(of: resolved.path) where checked.insert(path).inserted {
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            let mode = info.st_mode
            let canEnter: Bool
            if info.st_uid == user.uid {
                canEnter = mode & S_IXUSR != 0
            } else if user.groups.contains(info.st_gid) {
                canEnter = mode & S_IXGRP != 0
            } else {
                canEnter = mode & S_IXOTH != 0
            }
            if !canEnter {
                let permissions = String(mode & 0o7777, radix: 8)
                throw EmbeddedClusterError(
                    .folderNotReachable,
                    "The embedded PostgreSQL runs as the '\(name)' system user, which cannot enter \(path) "
                        + "(owner \(userName(info.st_uid)), mode 0\(permissions)), so it cannot reach the data "
                        + "folder \(folder.path). Choose a data folder that '\(name)' can reach "
                        + "(for example --data-dir /var/lib/govreg), or let it through with: chmod o+x \(path)"
                )
            }
        }
    }

    /// Gives a file or folder to the server user, when running as root.
    ///
    /// - Throws: ``EmbeddedClusterError`` if `chown` fails.
    static func handOver(_ url: URL, to user: Identity?) throws {
        guard let user else { return }
        guard chown(url.path, user.uid, user.gid) == 0 else {
            let reason = String(cString: strerror(errno))
            throw EmbeddedClusterError(
                .folderNotUsable, "Could not give \(url.path) to the '\(name)' user: \(reason)."
            )
        }
    }

    /// `/a/b/c` → `["/", "/a", "/a/b", "/a/b/c"]`.
    private static func ancestry(of path: String) -> [String] {
        var result = ["/"]
        var current = ""
        for component in path.split(separator: "/") {
            current += "/" + component
            result.append(current)
        }
        return result
    }

    /// The name of a user id, or the number if it has none.
    private static func userName(_ uid: uid_t) -> String {
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &found) == 0, found != nil,
              let name = entry.pw_name
        else { return String(uid) }
        return String(cString: name)
    }
}
