public import Foundation

/// What residents may see of a demand's history: a list of public statuses with their
/// dates and public notes.
///
/// Built from the recorded events by keeping only public events, mapping each one's new
/// state to its ``PublicStatus``, dropping moves into states the public never sees, and
/// collapsing consecutive events with the same public status into one entry (submitted
/// then accepted is one "received"). Internal state names, internal events, reasons and
/// actors never reach it.
///
/// ```swift
/// let history = PublicHistory(events: storedEvents)
/// history.entries.map(\.status)   // [.received, .inProgress, .done]
/// ```
public struct PublicHistory: Hashable, Sendable, Codable {
    /// One public status and how it came about.
    public struct Entry: Hashable, Sendable, Codable {
        /// The status residents see.
        public var status: PublicStatus
        /// When the demand took this status (the first event of a collapsed run).
        public var since: Date
        /// The public notes of the events collapsed into this entry, oldest first.
        public var notes: [String]

        /// Makes an entry.
        public init(status: PublicStatus, since: Date, notes: [String] = []) {
            self.status = status
            self.since = since
            self.notes = notes
        }
    }

    /// The public statuses in order, no two consecutive ones equal.
    public var entries: [Entry]

    /// Derives the public history from a demand's events.
    ///
    /// - Parameter events: The demand's events in the order they happened (the storage
    ///   layer reads them ordered by time and id).
    public init(events: some Sequence<DemandEvent>) {
        var entries: [Entry] = []
        for event in events where event.visibility == .public {
            guard let status = event.to.publicStatus else { continue }
            if let last = entries.last, last.status == status {
                if let note = event.note { entries[entries.count - 1].notes.append(note) }
            } else {
                entries.append(Entry(status: status, since: event.at, notes: event.note.map { [$0] } ?? []))
            }
        }
        self.entries = entries
    }

    /// The latest public status, or `nil` when nothing has been disclosed yet.
    public var current: PublicStatus? { entries.last?.status }
}
