public import Foundation

/// A row of the history table: one applied migration.
public struct AppliedMigration: Sendable, Hashable {
    public var group: String
    public var version: Int
    public var name: String
    public var checksum: String
    public var appliedAt: Date
    public var durationMilliseconds: Int
    public var appliedBy: String

    public init(group: String, version: Int, name: String, checksum: String, appliedAt: Date, durationMilliseconds: Int, appliedBy: String) {
        self.group = group
        self.version = version
        self.name = name
        self.checksum = checksum
        self.appliedAt = appliedAt
        self.durationMilliseconds = durationMilliseconds
        self.appliedBy = appliedBy
    }
}

/// Where one migration stands, comparing the files with the history table.
public enum MigrationState: String, Sendable, CaseIterable {
    /// Recorded with the same checksum as the file.
    case applied
    /// Not recorded yet; the next `migrate` applies it.
    case pending
    /// Recorded, but the file changed since (different checksum).
    case changed
    /// Recorded, but no file has that version any more.
    case missing
    /// Not recorded, yet a later version of its group is: it would run out of order.
    case outOfOrder = "out of order"
}

/// One line of `govreg db status`.
public struct MigrationStatus: Sendable {
    public var group: String
    public var version: Int
    public var name: String
    public var state: MigrationState
    public var file: MigrationFile?
    public var applied: AppliedMigration?

    public var identifier: String { "\(group)/\(String(format: "%04d", version))_\(name)" }
}

/// The comparison of the files with the history table; pure, so it is tested without a server.
public struct MigrationPlan: Sendable {
    public var statuses: [MigrationStatus]

    public init(files: [MigrationFile], applied: [AppliedMigration]) {
        let recorded = Dictionary(applied.map { ("\($0.group)/\($0.version)", $0) }, uniquingKeysWith: { first, _ in first })
        let latestApplied = Dictionary(applied.map { ($0.group, $0.version) }, uniquingKeysWith: max)
        var statuses: [MigrationStatus] = files.map { file in
            let record = recorded["\(file.group)/\(file.version)"]
            let state: MigrationState
            if let record {
                state = record.checksum == file.checksum ? .applied : .changed
            } else {
                state = file.version < (latestApplied[file.group] ?? 0) ? .outOfOrder : .pending
            }
            return MigrationStatus(group: file.group, version: file.version, name: file.name, state: state, file: file, applied: record)
        }
        let present = Set(files.map { "\($0.group)/\($0.version)" })
        statuses += applied.filter { !present.contains("\($0.group)/\($0.version)") }.map {
            MigrationStatus(group: $0.group, version: $0.version, name: $0.name, state: .missing, file: nil, applied: $0)
        }
        self.statuses = statuses
    }

    /// Files still to apply, in order.
    public var pending: [MigrationFile] { statuses.filter { $0.state == .pending }.compactMap(\.file) }

    /// Refuses a history that does not match the files: changed, missing or out-of-order entries.
    public func validate() throws {
        let drifts = statuses.filter { $0.state == .changed }.map { status in
            MigrationError.Drift(
                identifier: status.identifier, path: status.file?.path ?? status.identifier,
                appliedChecksum: status.applied?.checksum ?? "", fileChecksum: status.file?.checksum ?? "",
                appliedAt: status.applied.map { ISO8601DateFormatter().string(from: $0.appliedAt) } ?? "?")
        }
        if !drifts.isEmpty { throw MigrationError.changed(drifts) }
        let missing = statuses.filter { $0.state == .missing }.map(\.identifier)
        let outOfOrder = statuses.filter { $0.state == .outOfOrder }.map(\.identifier)
        if !missing.isEmpty || !outOfOrder.isEmpty {
            throw MigrationError.historyMismatch(missing: missing, outOfOrder: outOfOrder)
        }
    }

    /// The pending files up to and including `target` (`core/0003`, `core/3` or `3` for core).
    public func pending(upTo target: String?) throws -> [MigrationFile] {
        guard let target else { return pending }
        let parts = target.split(separator: "/", maxSplits: 1)
        let group = parts.count == 2 ? String(parts[0]) : MigrationSource.coreGroup
        let versionText = parts.count == 2 ? parts[1] : parts[0]
        let digits = versionText.prefix(while: \.isNumber)
        guard let version = Int(digits),
              let last = statuses.lastIndex(where: { $0.group == group && $0.version == version && $0.file != nil })
        else { throw MigrationError.unknownTarget(target) }
        return statuses[...last].filter { $0.state == .pending }.compactMap(\.file)
    }
}
