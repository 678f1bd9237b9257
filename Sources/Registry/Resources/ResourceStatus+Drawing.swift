extension ResourceStatus {
    /// Whether a project may draw on a resource in this status: a confirmed one (available,
    /// or exhausted, where what remains decides), never an offered or withdrawn one.
    public var isDrawable: Bool { self == .available || self == .exhausted }

    /// The rule of drawing on a resource in this status: nil when it ``isDrawable``.
    ///
    /// - Parameters:
    ///   - field: The declared name of the field that names the resource (`allocations`).
    ///   - value: The resource as the door named it.
    /// - Returns: The problem, or nil.
    public func notDrawable(field: String, value: String?) -> FieldProblem? {
        guard !isDrawable else { return nil }
        return FieldProblem(
            field, value: value, chinese: "资源为「\(chineseName)」，不能支取", english: "the resource is \(rawValue) and cannot be drawn on")
    }
}
