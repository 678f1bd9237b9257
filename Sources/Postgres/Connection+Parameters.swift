import CLibPQ
import Foundation

/// The settings libpq settled on for a session, for a PostgreSQL client program (`pg_dump`,
/// `pg_restore`) that must reach the same server and database as the same user.
///
/// The password is kept apart from ``conninfo`` so that it never lands on a command line,
/// where every user of the machine could read it in `ps`.
public struct SessionParameters: Sendable {
    /// Keyword and value of every setting in use, except the password and govreg's own
    /// session options (which a client program sets for itself).
    public var settings: [String: String]
    /// The password the session logged in with, if it needed one.
    public var password: String?

    /// A conninfo string of ``settings``, keys sorted: no password in it.
    public var conninfo: String {
        settings.sorted { $0.key < $1.key }
            .map { "\($0.key)=\(Self.quoted($0.value))" }
            .joined(separator: " ")
    }

    /// Quotes a conninfo value, as libpq reads it: inside single quotes, `\` and `'` escaped.
    static func quoted(_ value: String) -> String {
        let plain = !value.isEmpty && !value.contains { $0 == " " || $0 == "'" || $0 == "\\" || $0.isNewline }
        if plain { return value }
        return "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// Settings a client program must not inherit: its own session options, secrets, the
    /// password file (the password travels separately), and a service name, whose settings
    /// `PQconninfo` has already expanded (the child does not see the service file).
    static let excluded: Set<String> = [
        "password", "passfile", "options", "application_name", "fallback_application_name", "client_encoding", "replication", "service",
    ]
}

extension Connection {
    /// The settings this session runs with (`PQconninfo`), for handing to a client program.
    ///
    /// ```swift
    /// let parameters = try await connection.sessionParameters()
    /// // pg_dump --dbname="\(parameters.conninfo)", the password through PGPASSFILE
    /// ```
    public func sessionParameters() async throws -> SessionParameters {
        try await withHandle { pointer in
            guard let options = PQconninfo(pointer) else {
                throw PostgresError(kind: .connection, message: "out of memory while reading the connection's settings")
            }
            defer { PQconninfoFree(options) }
            var settings: [String: String] = [:]
            var password: String?
            var option = options
            while let keywordPointer = option.pointee.keyword {
                let keyword = String(cString: keywordPointer)
                let value = option.pointee.val.map { String(cString: $0) } ?? ""
                // dispchar "*" marks a secret (password, sslpassword): never copied into conninfo.
                let secret = option.pointee.dispchar.map { String(cString: $0).hasPrefix("*") } ?? false
                if keyword == "password" {
                    password = value.isEmpty ? nil : value
                } else if !value.isEmpty && !secret && !SessionParameters.excluded.contains(keyword) {
                    settings[keyword] = value
                }
                option += 1
            }
            return SessionParameters(settings: settings, password: password)
        }
    }
}
