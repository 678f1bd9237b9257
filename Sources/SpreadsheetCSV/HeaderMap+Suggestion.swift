import ImportIssues

extension HeaderMap {
    /// The known column a misspelt header most likely means ("需求明称" → 需求名称), or nil
    /// when none is close (``Misspelling``), compared in the normalised form every spelling
    /// is matched in. Spellings are tried in field order, so the answer does not depend on hashing.
    func suggestion(for header: String) -> Field? {
        let spellings = fields.flatMap { field in ([field.name] + field.aliases).map(Self.normalize) }
        return Misspelling.nearest(to: Self.normalize(header), among: spellings).flatMap { fieldBySpelling[$0] }.map { fields[$0] }
    }
}
