public import Foundation

/// One line of a resource's pledge ledger: a pledge, a draw by a project, or a return by
/// a project.
///
/// Made by ``ResourceLedger``'s operations, which check it; the public initialiser is for
/// reading stored lines back (the ledger checks them again when it replays them).
public struct LedgerEntry: Hashable, Sendable, Codable {
    /// What the line records.
    public enum Kind: String, Vocabulary {
        /// The unit pledges more (+).
        case pledged
        /// A project draws (−).
        case drawn
        /// A project gives back part of what it drew (+).
        case returned

        public static let fieldName = "ledger_entry_kind"

        public var chineseName: String {
            switch self {
            case .pledged: "承诺"
            case .drawn: "支取"
            case .returned: "退回"
            }
        }

        public var englishName: String { rawValue }
    }

    /// What the line records.
    public var kind: Kind
    /// How much, in the ledger's unit (fen for yuan); always positive, the kind gives the sign.
    public var amount: Int64
    /// The project that drew or returned; `nil` for a pledge.
    public var project: ProjectID?
    /// When, as passed in by the caller.
    public var at: Date
    /// A note.
    public var note: String?

    /// Makes a ledger line without checking it.
    public init(kind: Kind, amount: Int64, project: ProjectID? = nil, at: Date, note: String? = nil) {
        self.kind = kind
        self.amount = amount
        self.project = project
        self.at = at
        self.note = note
    }

    /// The longest note a line takes, in characters: as long as a workflow's note.
    public static let maximumNoteLength = DemandWorkflow.maximumTextLength

    /// A note as a line keeps it: trimmed, nil when blank.
    ///
    /// - Throws: ``RegistryError`` (`invalidValue`, field `note`) for a note over
    ///   ``maximumNoteLength``: every resource's detail answers with its whole ledger.
    public static func checkedNote(_ note: String?) throws -> String? {
        try optionalText(note, field: "note", limit: maximumNoteLength)
    }

    /// The change to the remaining quantity: + for pledges and returns, − for draws.
    public var signedAmount: Int64 {
        kind == .drawn ? -amount : amount
    }
}
