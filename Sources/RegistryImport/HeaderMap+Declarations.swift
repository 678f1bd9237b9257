public import Registry
public import SpreadsheetCSV

extension HeaderMap {
    /// The columns of a list's file from its declared fields (``FieldDeclaration``): those
    /// files carry, by their name, their Chinese name and the other spellings districts use;
    /// required where a file must give them.
    ///
    /// ```swift
    /// static let header = HeaderMap(declared: ResourceDraft.Field.all)
    /// ```
    public init(declared fields: [FieldDeclaration]) {
        self.init(fields.filter { $0.doors.contains(.file) }.map {
            .init($0.name, aliases: [$0.chineseName] + $0.aliases, required: $0.requiredIn.contains(.file))
        })
    }
}
