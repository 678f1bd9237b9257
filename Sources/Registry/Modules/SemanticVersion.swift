/// A semantic version, `major.minor.patch` (no pre-release or build suffixes: module and core
/// versions are plain releases).
public struct SemanticVersion: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int

    public init(_ major: Int, _ minor: Int, _ patch: Int) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Reads `1.2.3`.
    ///
    /// - Throws: ``RegistryError`` `invalidValue`.
    public init(_ text: String) throws {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let major = parts[0], let minor = parts[1], let patch = parts[2], major >= 0, minor >= 0, patch >= 0 else {
            throw RegistryError(.invalidValue, field: "version", chinese: "版本号「\(text)」须写作 主.次.修订，如 1.2.0",
                                english: "version \"\(text)\" must be major.minor.patch, e.g. 1.2.0")
        }
        self.init(major, minor, patch)
    }

    public init(from decoder: any Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    public var description: String { "\(major).\(minor).\(patch)" }
}

/// The version of govreg's core: what modules declare they work with.
public enum CoreVersion {
    /// This build's core version.
    public static let current = SemanticVersion(0, 2, 0)
}
