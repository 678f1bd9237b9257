public import Foundation
public import Registry
public import RegistryStore
import Postgres

/// A district's quarterly report (季度汇报): the quarter's figures beside the previous
/// quarter's, the trend of the last four quarters, each enabled module's section, and the
/// definitions of every figure.
///
/// ```swift
/// let report = try await QuarterlyReport.read(quarter: try Quarter("2026Q3"), tenant: id, database: db, actor: "cli:root")
/// print(report.markdown())
/// ```
public struct QuarterlyReport: Sendable, Hashable, Codable {
    public var district: District
    public var quarter: Quarter
    public var current: QuarterFigures
    public var previous: QuarterFigures
    /// The closed version the previous quarter's figures come from; nil when counted now.
    public var previousVersion: Int?
    /// The district's demand figures for the four quarters ending with this one, oldest first
    /// (a closed quarter's from its latest closed version, as for the previous quarter).
    public var trend: [TrendPoint]
    public var modules: [ReportSection]
    public var definitions: [FigureDefinition]
    /// Set when the report is a closed snapshot.
    public var closing: Closing?

    /// The district as the report heads it.
    public struct District: Sendable, Hashable, Codable {
        public var slug: String
        public var name: String
        public var divisionCode: String
    }

    /// One quarter of the trend.
    public struct TrendPoint: Sendable, Hashable, Codable {
        public var quarter: Quarter
        public var received: Int
        public var closed: Int
        public var resolved: Int
    }

    /// Which closed version this is, and what it replaces.
    public struct Closing: Sendable, Hashable, Codable {
        public var version: Int
        public var replacesVersion: Int?
        public var correctionReason: String?
        /// The day it was closed (in the district's days), the only date a closed report carries.
        public var closedOn: CivilDate
    }
}

extension QuarterlyReport {
    /// Counts the report for `quarter` in one repeatable-read snapshot of the tenant's lists.
    public static func read(quarter: Quarter, tenant: UUID, database: RegistryDatabase, actor: String) async throws -> QuarterlyReport {
        try await database.withTenant(tenant, actor: actor, readOnly: true, isolation: .repeatableRead) { tx in
            try await read(quarter: quarter, in: tx)
        }
    }

    /// Counts the report in `tx` (read it in a repeatable-read transaction).
    public static func read(quarter: Quarter, in tx: TenantTransaction) async throws -> QuarterlyReport {
        let row = try await tx.connection.query(
            "SELECT slug, name, division_code FROM tenant WHERE id = \(tx.tenantID)")[0]
        let district = District(
            slug: try row.decode(String.self, "slug"), name: try row.decode(String.self, "name"),
            divisionCode: try row.decode(String.self, "division_code"))
        let closed = try await QuarterlyReportArchive.latest(quarter: quarter.previous, in: tx)
        // The project figures of both quarters come from one pass when both are counted now.
        let projects = try await QuarterFigures.readProjects(
            closed == nil ? [Window(quarter, tx.timeZone), Window(quarter.previous, tx.timeZone)] : [Window(quarter, tx.timeZone)], tx)
        let places = try await ReportPlaces.read(in: tx)
        var current = try await QuarterFigures.read(quarter: quarter, breakdowns: true, places: places, projects: projects[0], in: tx)
        current.district.area = ReportArea(level: "district", code: district.divisionCode, name: district.name)
        var previousVersion: Int?
        var previous: QuarterFigures
        if let closed {
            previous = closed.report.current
            previousVersion = closed.version
        } else {
            previous = try await QuarterFigures.read(
                quarter: quarter.previous, breakdowns: false, places: places, projects: projects[1], in: tx)
            previous.district.area = current.district.area
        }
        var trend: [TrendPoint] = []
        for q in quarter.trailing(4) {
            let demands: DemandFigures
            if q == quarter {
                demands = current.district.demands
            } else if q == quarter.previous {
                demands = previous.district.demands
            } else if let closed = try await QuarterlyReportArchive.latest(quarter: q, in: tx) {
                demands = closed.report.current.district.demands
            } else {
                demands = try await QuarterFigures.readDemands(Window(q, tx.timeZone), tx, cohortOnly: true)[.district] ?? DemandFigures()
            }
            trend.append(TrendPoint(quarter: q, received: demands.received, closed: demands.closed, resolved: demands.resolved))
        }
        let modules = try await ModuleStore.reportSections(from: quarter.firstDay, to: quarter.lastDay, in: tx)
        return QuarterlyReport(
            district: district, quarter: quarter, current: current, previous: previous, previousVersion: previousVersion,
            trend: trend, modules: modules, definitions: FigureDefinition.all, closing: nil)
    }

    /// The report as JSON: snake_case keys in sorted order, so that the same report is the
    /// same bytes (a closed snapshot's digest depends on it).
    public func json() throws -> String {
        try DisclosureJSON.encode(self, pretty: true)
    }

    /// Reads ``json()``'s output back.
    public static func decode(json: String) throws -> QuarterlyReport {
        try DisclosureJSON.decode(QuarterlyReport.self, from: json)
    }
}
