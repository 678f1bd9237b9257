extension ProjectAllocationRequest {
    /// The quantity read in the resource's unit (``MeasureUnit/amount(_:)``), or the problem
    /// of the allocation as written (`R0012:1.5` in hours), for every door alike.
    ///
    /// ```swift
    /// ProjectAllocationRequest(resource: "R0012", quantity: "1,250.50").amount(in: .yuan)  // .success(125050)
    /// ```
    public func amount(in unit: MeasureUnit) -> Result<Int64, FieldProblem> {
        do {
            return .success(try unit.amount(quantity))
        } catch {
            return .failure(FieldProblem(
                ProjectDraft.Field.allocations.name, value: "\(resource):\(quantity)", chinese: error.chineseMessage,
                english: error.englishMessage))
        }
    }
}
