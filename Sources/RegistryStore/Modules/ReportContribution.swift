import Foundation
public import Registry

/// A module's section of a district's report for a period (a ``Registry/ModuleContribution``):
/// the figures of its practice, e.g. bench talks held and topics answered. The quarterly
/// report gathers the sections of the modules enabled for the tenant; `govreg module report`
/// prints them.
public protocol ReportContribution: ModuleContribution {
    /// The section for `from`…`to`, read in `tx` (read-only, the tenant set).
    func section(from: CivilDate, to: CivilDate, settings: ModuleSettings, in tx: TenantTransaction) async throws -> ReportSection
}

/// One module's section of a report: a title and figures, each named in Chinese and English.
public struct ReportSection: Sendable, Hashable, Codable {
    public var module: ModuleID
    public var title: String
    public var figures: [Figure]

    /// One figure: `会议 meetings` = `12`.
    public struct Figure: Sendable, Hashable, Codable {
        public var label: String
        public var value: String

        public init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    public init(module: ModuleID, title: String, figures: [Figure]) {
        self.module = module
        self.title = title
        self.figures = figures
    }
}

extension ModuleStore {
    /// The report sections of the modules enabled for the tenant, in module id order.
    public static func reportSections(from: CivilDate, to: CivilDate, in tx: TenantTransaction) async throws -> [ReportSection] {
        let enabled = try await enabledSettings(tx)
        var sections: [ReportSection] = []
        for module in tx.modules.modules {
            guard let settings = enabled[module.id] else { continue }
            for contribution in module.contributions.compactMap({ $0 as? any ReportContribution }) {
                sections.append(try await contribution.section(from: from, to: to, settings: settings, in: tx))
            }
        }
        return sections
    }
}
