public import Foundation

/// One recorded step of a project's workflow.
///
/// Made by ``ProjectWorkflow/transition(of:from:to:actor:at:note:reason:)``; the public
/// initialiser is for reading stored events back.
public struct ProjectEvent: Hashable, Sendable, Codable {
    /// The project that moved.
    public var project: ProjectID
    /// The status before.
    public var from: ProjectStatus
    /// The status after.
    public var to: ProjectStatus
    /// Who moved it.
    public var actor: ActorID
    /// When, as passed in by the caller.
    public var at: Date
    /// A note (projects are disclosed, so write it for residents).
    public var note: String?
    /// Why; required for a cancellation.
    public var reason: String?

    /// Reads a stored event back; does not check the workflow rules.
    public init(
        project: ProjectID, from: ProjectStatus, to: ProjectStatus, actor: ActorID, at: Date,
        note: String? = nil, reason: String? = nil
    ) {
        self.project = project
        self.from = from
        self.to = to
        self.actor = actor
        self.at = at
        self.note = note
        self.reason = reason
    }
}
