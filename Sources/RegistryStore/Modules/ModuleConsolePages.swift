public import Registry

/// Pages a module adds to the web console, under `/console/{tenant}/m/{module}/{page}`,
/// described without HTML: the module says what a page shows (facts and tables, in both
/// languages), the console lays it out like its own pages, checks the role and that the
/// module is enabled for the district, and lists the pages in its navigation. So a module
/// brings its pages without the console naming it.
public protocol ModuleConsolePages: ModuleContribution {
    var pages: [ModuleConsolePage] { get }
}

/// One page of a module.
public struct ModuleConsolePage: Sendable {
    /// The page's path under the module's (one segment, e.g. `topics`).
    public var path: String
    public var chineseTitle: String
    public var englishTitle: String
    public var access: ModuleEndpoint.Access
    /// What the page shows, read in the request's read-only transaction; `query` holds the
    /// page's query parameters (its filters).
    public var read: @Sendable (_ query: [String: String], _ tx: TenantTransaction) async throws -> ModulePageContent

    public init(
        _ path: String, chinese: String, english: String, access: ModuleEndpoint.Access = .read,
        read: @escaping @Sendable (_ query: [String: String], _ tx: TenantTransaction) async throws -> ModulePageContent
    ) {
        self.path = path
        self.chineseTitle = chinese
        self.englishTitle = english
        self.access = access
        self.read = read
    }
}

/// What a module's page shows: sections of facts and tables. Every text is plain text (the
/// console escapes it); names come in both languages.
public struct ModulePageContent: Sendable {
    public struct Words: Sendable, Hashable {
        public var chinese: String
        public var english: String
        public init(_ chinese: String, _ english: String) {
            self.chinese = chinese
            self.english = english
        }
    }

    public struct Section: Sendable {
        public var heading: Words?
        public var facts: [(name: Words, value: String)]
        public var columns: [Words]
        public var rows: [[String]]
        /// What an empty table says.
        public var empty: Words

        public init(heading: Words? = nil, facts: [(name: Words, value: String)] = [], columns: [Words] = [], rows: [[String]] = [],
                    empty: Words = Words("无", "None")) {
            self.heading = heading
            self.facts = facts
            self.columns = columns
            self.rows = rows
            self.empty = empty
        }
    }

    public var sections: [Section]
    public init(_ sections: [Section]) { self.sections = sections }
}
