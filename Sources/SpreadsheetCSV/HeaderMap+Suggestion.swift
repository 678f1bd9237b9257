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

extension HeaderMap {
    /// Columns a district's sheet keeps for its own use (a running number, remarks): no
    /// list has such a field, so they are left out of an import without being an error, and
    /// the import's report names them (``ignoredNames(in:)``).
    static let remarkColumns: Set<String> = Set(["序号", "备注", "备注说明", "其他说明", "no.", "no", "remarks", "remark", "notes", "note"].map(normalize))

    /// The named columns of `header` an import leaves out: the sheet's own (remarks and
    /// running numbers), so that whoever imports sees they were not read.
    public func ignoredNames(_ header: [String]) -> [String] {
        header.filter { name in
            !name.allSatisfy(\.isWhitespace) && fieldBySpelling[Self.normalize(name)] == nil && Self.remarkColumns.contains(Self.normalize(name))
        }
    }
}
