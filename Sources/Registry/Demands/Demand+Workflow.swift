public import Foundation

/// The rules of the demand workflow: which moves are allowed and what each move needs.
///
/// The table, from each state to the states it may move to:
///
/// - draft → submitted: filed.
/// - draft → withdrawn: the author abandons the draft; kept (not deleted) for the audit.
/// - submitted → accepted: reviewed and put on the list.
/// - submitted → rejected: not taken up at review (reason required).
/// - submitted → merged: a duplicate of a demand already filed.
/// - submitted → withdrawn: the resident withdraws before review.
/// - accepted → matched: a matching run allocated resources to it.
/// - accepted → in_project: a project made by hand from the list, without a matching run.
/// - accepted → resolved: settled on the spot, no project needed ("小事不出网格").
/// - accepted → rejected: found infeasible or out of scope after all (reason required).
/// - accepted → merged: found to duplicate another demand on the list.
/// - accepted → withdrawn: the resident withdraws while it waits on the list.
/// - matched → in_project: the match became a project.
/// - matched → accepted: the match was undone (the admin declined the run's proposal).
/// - in_project → resolved: the project met the need.
/// - in_project → accepted: the project was cancelled; the need goes back on the list.
/// - resolved → rated: the resident rated the result (rating required).
/// - resolved → accepted: reopened, because the resident or the project check found the
///   need unmet; the settled level is cleared.
/// - rated, rejected, merged, withdrawn: final.
///
/// Deliberately absent: leaving ``DemandState/matched`` or ``DemandState/inProject`` by
/// withdrawal, rejection or merger. Resources are reserved there, so the match is undone
/// or the project cancelled first (back to accepted), which releases them in one place.
/// Nothing returns to draft: a filed demand is corrected in place, not unfiled.
public enum DemandWorkflow {
    /// Every allowed move, in the order the targets are offered to staff.
    public static let transitions: [DemandState: [DemandState]] = [
        .draft: [.submitted, .withdrawn],
        .submitted: [.accepted, .rejected, .merged, .withdrawn],
        .accepted: [.matched, .inProject, .resolved, .rejected, .merged, .withdrawn],
        .matched: [.inProject, .accepted],
        .inProject: [.resolved, .accepted],
        .resolved: [.rated, .accepted],
        .rated: [],
        .rejected: [],
        .merged: [],
        .withdrawn: [],
    ]

    /// Whether the move takes a demand into or out of a project: such moves are made by the
    /// project (created, completed, cancelled) or by accepting a matching run, never by hand.
    public static func isProjectMove(from: DemandState, to: DemandState) -> Bool {
        from == .inProject || to == .inProject
    }

    /// The longest accepted note or reason, in characters.
    public static let maximumTextLength = 2000

    /// The states a demand in `state` may move to; empty for a final state.
    public static func allowedTargets(from state: DemandState) -> [DemandState] {
        transitions[state] ?? []
    }

    /// Whether the table allows moving from `from` to `to`.
    public static func isAllowed(from: DemandState, to: DemandState) -> Bool {
        allowedTargets(from: from).contains(to)
    }

    /// Checks one move of a demand and returns the event to record.
    ///
    /// ```swift
    /// let event = try DemandWorkflow.transition(
    ///     of: 7, from: .submitted, to: .rejected, actor: actor, at: now,
    ///     note: "不属于社区职责，已转交县住建局", reason: "属于住建部门职责",
    ///     visibility: .public)
    /// ```
    ///
    /// - Parameters:
    ///   - demand: The demand that moves (needed to refuse merging it into itself).
    ///   - from: Its current state.
    ///   - to: The requested state.
    ///   - actor: Who moves it.
    ///   - at: When; passed in so that the workflow never reads the clock.
    ///   - note: A note, disclosed with the event when it is public.
    ///   - reason: Why; required for `rejected`, kept internal.
    ///   - mergedInto: The demand that carries it on; required for `merged`, refused otherwise.
    ///   - rating: The resident's rating; required for `rated`, refused otherwise.
    ///   - visibility: Who may see the event and its note. Required, never defaulted: a
    ///     public event discloses its note, so whoever writes the note decides.
    ///     ``suggestedVisibility(from:to:)`` is the choice a form should preselect.
    /// - Returns: The event, for the caller to store with the new state.
    /// - Throws: ``RegistryError``: `illegalTransition` (the message names the current
    ///   state and the allowed ones, in Chinese and English), `reasonRequired`,
    ///   `mergeTargetRequired`, `mergeIntoItself`, `ratingRequired`, or `invalidValue`
    ///   for an over-long text or a merge target or rating given to another move.
    public static func transition(
        of demand: DemandID, from: DemandState, to: DemandState, actor: ActorID, at: Date,
        note: String? = nil, reason: String? = nil, mergedInto: DemandID? = nil, rating: Rating? = nil,
        visibility: EventVisibility
    ) throws -> DemandEvent {
        guard isAllowed(from: from, to: to) else {
            throw illegal(from: from, to: to)
        }
        let note = try optionalText(note, field: "note", limit: maximumTextLength)
        let reason = try optionalText(reason, field: "reason", limit: maximumTextLength)
        if to == .rejected, reason == nil {
            throw RegistryError(
                .reasonRequired, field: "reason",
                chinese: "驳回需求须说明理由", english: "rejecting a demand needs a reason"
            )
        }
        if to == .merged {
            guard let mergedInto else {
                throw RegistryError(
                    .mergeTargetRequired, field: "merged_into",
                    chinese: "合并需求须指明并入哪一条需求", english: "merging a demand needs the demand it is merged into"
                )
            }
            guard mergedInto != demand else {
                throw RegistryError(
                    .mergeIntoItself, field: "merged_into",
                    chinese: "需求 \(demand) 不能并入自身", english: "demand \(demand) cannot be merged into itself"
                )
            }
        } else if mergedInto != nil {
            throw RegistryError.invalid(
                "merged_into",
                chinese: "只有合并时才能指定并入的需求", english: "a merge target applies only to a move to merged"
            )
        }
        if to == .rated, rating == nil {
            throw RegistryError(
                .ratingRequired, field: "rating",
                chinese: "评价须附居民评分", english: "marking a demand rated needs the resident's rating"
            )
        } else if to != .rated, rating != nil {
            throw RegistryError.invalid(
                "rating", chinese: "只有评价时才能附评分", english: "a rating applies only to a move to rated"
            )
        }
        return DemandEvent(
            demand: demand, from: from, to: to, actor: actor, at: at, note: note, reason: reason,
            mergedInto: mergedInto, rating: rating, visibility: visibility
        )
    }

    /// The visibility a form should preselect for a move: public when the move changes
    /// what residents see, internal otherwise. A draft that is withdrawn was never public,
    /// so that stays internal too.
    ///
    /// - Parameters:
    ///   - from: The current state.
    ///   - to: The requested state.
    public static func suggestedVisibility(from: DemandState, to: DemandState) -> EventVisibility {
        let residentsSeeChange = from.publicStatus != to.publicStatus && (from != .draft || to == .submitted)
        return residentsSeeChange ? .public : .internal
    }

    /// The refusal of a move the table does not allow, naming the current state and the
    /// allowed ones in both languages.
    static func illegal(from: DemandState, to: DemandState) -> RegistryError {
        let allowed = allowedTargets(from: from)
        let chineseAllowed =
            allowed.isEmpty
            ? "该状态为终态，不能再转换"
            : "可转为：" + allowed.map { "\($0.chineseName)（\($0.rawValue)）" }.joined(separator: "、")
        let englishAllowed =
            allowed.isEmpty
            ? "it is final: no further transitions"
            : "allowed: " + allowed.map(\.rawValue).joined(separator: ", ")
        return RegistryError(
            .illegalTransition, field: "state",
            chinese: "需求当前状态为「\(from.chineseName)」（\(from.rawValue)），不能转为「\(to.chineseName)」（\(to.rawValue)）；\(chineseAllowed)",
            english: "the demand is \(from.rawValue) and cannot move to \(to.rawValue); \(englishAllowed)"
        )
    }
}

extension Demand {
    /// Moves the demand to `target` if the workflow allows it, updating the workflow
    /// fields, and returns the event to record.
    ///
    /// Besides ``state``: a move to resolved records ``settledLevel`` (the current
    /// ``escalationLevel``), reopening clears it; a merge records ``mergedInto``; a rating
    /// records ``rating``. On refusal nothing changes.
    ///
    /// - Parameters: See ``DemandWorkflow/transition(of:from:to:actor:at:note:reason:mergedInto:rating:visibility:)``.
    /// - Returns: The event.
    /// - Throws: ``RegistryError``, as ``DemandWorkflow/transition(of:from:to:actor:at:note:reason:mergedInto:rating:visibility:)``.
    @discardableResult
    public mutating func transition(
        to target: DemandState, actor: ActorID, at: Date, note: String? = nil, reason: String? = nil,
        mergedInto: DemandID? = nil, rating: Rating? = nil, visibility: EventVisibility
    ) throws -> DemandEvent {
        let event = try DemandWorkflow.transition(
            of: id, from: state, to: target, actor: actor, at: at, note: note, reason: reason,
            mergedInto: mergedInto, rating: rating, visibility: visibility
        )
        switch target {
        case .resolved: settledLevel = escalationLevel
        case .accepted where state == .resolved: settledLevel = nil
        case .merged: self.mergedInto = mergedInto
        case .rated: self.rating = rating
        default: break
        }
        state = target
        return event
    }
}
