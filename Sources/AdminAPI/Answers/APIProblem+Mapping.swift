import Foundation
import APISchema
import HTTPTypes
import Hummingbird
import ImportIssues
import ListMatching
import Postgres
import Registry
import RegistryStore
import SpreadsheetCSV

extension APIProblem {
    /// The answer for anything a handler threw. What is not recognised becomes a bare 500:
    /// its text may hold SQL or internals, so it goes to the log, never to the client.
    static func from(_ error: any Error) -> APIProblem {
        switch error {
        case let problem as APIProblem: problem
        case let error as RegistryError: from(error)
        case let error as InvalidFields:
            .validation(error.problems.map { FieldError(field: pointer($0.field), detail: $0.reason) })
        case let error as RegistryStoreError: from(error)
        case let error as ModuleHandlerError: from(error.underlying)
        case let error as PostgresError: from(error)
        case let error as DecodingError: .validation([JSONBody.fieldError(error)])
        case let rejected as ImportRejected:
            APIProblem(
                .unprocessableContent, kind: "import-rejected", title: "导入未执行，数据未改动 Import refused; nothing was written",
                detail: "\(rejected.issues.totalCount) problem(s)" + (rejected.issues.totalCount > rejected.issues.issues.count
                    ? ", the first \(rejected.issues.issues.count) listed" : ""),
                errors: rejected.issues.issues.map { issue in
                    FieldError(field: "line:\(issue.line)" + (issue.column.map { "/column:\($0)" } ?? ""),
                               detail: issue.reason + (issue.value.map { " (value: \($0))" } ?? ""), cell: issue.cell)
                })
        case let error as MatchingConflict:
            APIProblem(.conflict, kind: "matching-conflict", title: "清单已变化，未立项 The lists changed; nothing was accepted",
                       detail: error.conflicts.joined(separator: "; "),
                       errors: error.conflicts.map { FieldError(field: "", detail: $0) })
        case let error as ModuleSettingsError:
            .validation(field: "/" + error.key, error.reason)
        case let error as MatchingWeightsError:
            .validation(field: "/weights/" + error.field.replacingOccurrences(of: ".", with: "/"), error.reason)
        case let error as HTTPError where error.status == .contentTooLarge:
            APIProblem(.contentTooLarge, kind: "too-large", title: "请求体过大 Request body too large", detail: error.body)
        case let error as HTTPError:
            APIProblem(error.status, kind: "http", title: error.status.reasonPhrase, detail: error.body)
        case is CancellationError:
            APIProblem(.serviceUnavailable, kind: "cancelled", title: "请求已取消 Request cancelled")
        default:
            APIProblem(.internalServerError, kind: "internal", title: "服务器内部错误 Internal error",
                       detail: "The error was logged with this request's id.")
        }
    }

    private static func from(_ error: RegistryError) -> APIProblem {
        let text = error.message
        switch error.code {
        case .invalidValue, .reasonRequired, .mergeTargetRequired, .mergeIntoItself, .ratingRequired, .unitMismatch:
            return .validation(field: pointer(error.field ?? ""), text)
        default:
            // The workflow refused the move in the object's current state.
            return APIProblem(.conflict, kind: error.code.description.replacingOccurrences(of: "_", with: "-"),
                              title: "当前状态不允许 Not allowed in the current state", detail: text)
        }
    }

    private static func from(_ error: RegistryStoreError) -> APIProblem {
        switch error {
        case .tenantNotFound: .notFound("没有这个区县 no such tenant")
        case .tenantArchived:
            APIProblem(.conflict, kind: "tenant-archived", title: "区县已归档，只读 The tenant is archived and read-only")
        case .notFound(let kind, let key): .notFound("\(kind) \(key)")
        case .conflict(let message): .conflict(message)
        case .staleVersion:
            APIProblem(.preconditionFailed, kind: "stale-version", title: "版本已过期 Stale version", detail: error.description)
        case .invalid(let field, let reason): .validation(field: pointer(field), reason)
        case .unsafeApplicationRole:
            APIProblem(.internalServerError, kind: "internal", title: "服务器内部错误 Internal error")
        }
    }

    private static func from(_ error: PostgresError) -> APIProblem {
        guard let state = error.sqlState else {
            switch error.kind {
            case .connection, .poolClosed, .acquireTimeout:
                return APIProblem(.serviceUnavailable, kind: "database-unavailable", title: "数据库不可用 Database unavailable",
                                  headers: [.retryAfter: "1"])
            default:
                // Decoding, binding or protocol trouble is govreg's own bug: a 500, logged.
                return APIProblem(.internalServerError, kind: "internal", title: "服务器内部错误 Internal error",
                                  detail: "The error was logged with this request's id.")
            }
        }
        let refused = "数据库拒绝 The database refused the change"
        switch state {
        case "23505": return APIProblem(.conflict, kind: "duplicate", title: refused, detail: "a row with this key exists", sqlState: state)
        // Values the request's checks should have refused (NUL 22021, a key too large for
        // its index 54000): still the input's fault, never a 500.
        case "23503", "23514", "23502", "22001", "22003", "22007", "22008", "22P02", "22021", "54000":
            return APIProblem(.unprocessableContent, kind: "database-refused", title: refused, sqlState: state)
        case "42501":
            return APIProblem(.forbidden, kind: "database-refused", title: refused,
                              detail: "row-level security or a privilege refused it", sqlState: state)
        case "40001", "40P01", "55P03":
            return APIProblem(.conflict, kind: "retry", title: "并发冲突，请重试 Concurrent change, retry", sqlState: state,
                              headers: [.retryAfter: "1"])
        case "57014":
            return APIProblem(.serviceUnavailable, kind: "timeout", title: "查询超时 Statement timed out", sqlState: state)
        default:
            return APIProblem(.internalServerError, kind: "database-error", title: "数据库错误 Database error", sqlState: state)
        }
    }

    /// A store's field name as a JSON Pointer into the request body.
    static func pointer(_ field: String) -> String {
        if field.isEmpty { return "" }
        if field.hasPrefix("/") || field.hasPrefix("query:") || field.hasPrefix("header:") || field.first?.isUppercase == true {
            return field.first?.isUppercase == true ? "header:\(field)" : field
        }
        return "/" + field.replacingOccurrences(of: ".", with: "/")
    }
}
