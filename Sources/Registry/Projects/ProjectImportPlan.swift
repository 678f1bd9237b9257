/// How a project import moves what it touches: pure rules, no database.
public enum ProjectImportPlan {
    /// The demand states a demand passes through when a project in `status` is loaded for
    /// it: `[]` when it is already there (or beyond: a resolved demand for a planned
    /// project), nil when it cannot be served (a draft, a rejected or withdrawn demand …).
    ///
    /// Loading history (an export of another district, last year's spreadsheet) meets
    /// demands in the state their own import gave them, so "already there" is no error.
    public static func demandPath(from state: DemandState, serving status: ProjectStatus) -> [DemandState]? {
        switch status {
        case .cancelled:
            return []
        case .planned, .inProgress:
            switch state {
            case .inProject, .resolved, .rated: return []
            case .accepted, .matched: return [.inProject]
            default: return nil
            }
        case .completed, .checked:
            switch state {
            case .resolved, .rated: return []
            case .inProject: return [.resolved]
            case .accepted, .matched: return [.inProject, .resolved]
            default: return nil
            }
        }
    }

    /// The statuses a stored project passes through to reach the file's status: forward
    /// along the main path planned → in_progress → completed → checked, or a planned or
    /// running project cancelled; nil for anything else (going back, or reopening).
    public static func statusPath(from stored: ProjectStatus, to wanted: ProjectStatus) -> [ProjectStatus]? {
        if stored == wanted { return [] }
        if wanted == .cancelled { return stored == .planned || stored == .inProgress ? [.cancelled] : nil }
        let main: [ProjectStatus] = [.planned, .inProgress, .completed, .checked]
        guard let from = main.firstIndex(of: stored), let to = main.firstIndex(of: wanted), to > from else { return nil }
        return Array(main[(from + 1)...to])
    }

    /// The cancel reason recorded for a project the file brings in already cancelled
    /// without one (files from before the column): the schema requires a reason.
    public static let importedCancelReason = "导入前已取消 cancelled before import"

    /// The note of events and ledger lines written by an import.
    public static let note = "导入 import"
}
