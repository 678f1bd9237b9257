import CLibPQ
import Foundation

/// A statement ready for libpq: its text, its parameters as text, and their type OIDs.
struct EncodedStatement: Sendable {
    var text: String
    var values: [String?]
    var types: [UInt32]

    init(text: String, values: [String?], types: [UInt32]) {
        self.text = text
        self.values = values
        self.types = types
    }

    init(_ sql: SQL) throws {
        text = sql.text
        (values, types) = try Connection.encode(sql.bindings)
    }
}

extension Connection {
    /// Sends `statements` in one round trip (libpq pipeline mode, one Sync at the end) and
    /// returns their results in order.
    ///
    /// Behind a transaction pooler this is how the pinned settings travel with the work they
    /// serve: outside a transaction block the statements form one implicit transaction, so
    /// `set_config(…, true)` in the first holds for the second and ends with it; after a
    /// `BEGIN` they open the transaction together. If one fails, the server skips the rest
    /// and the first error is thrown (after every result has been read, so the connection
    /// is left ready for the next call).
    static func execPipeline(_ pointer: OpaquePointer, _ statements: [EncodedStatement]) throws -> [QueryResult] {
        guard PQenterPipelineMode(pointer) == 1 else {
            throw PostgresError(kind: .connection, message: errorMessage(pointer))
        }
        defer { _ = PQexitPipelineMode(pointer) }
        for statement in statements {
            guard send(pointer, statement) == 1 else {
                throw PostgresError(kind: .connection, message: errorMessage(pointer), query: statement.text)
            }
        }
        guard PQpipelineSync(pointer) == 1 else {
            throw PostgresError(kind: .connection, message: errorMessage(pointer))
        }
        var results: [QueryResult] = []
        var failure: (any Error)?
        for statement in statements {
            guard let result = PQgetResult(pointer) else {
                throw PostgresError(kind: .connection, message: errorMessage(pointer), query: statement.text)
            }
            if PQresultStatus(result) == PGRES_PIPELINE_ABORTED {
                PQclear(result)  // skipped because an earlier statement failed: that error is the one
            } else {
                do {
                    results.append(try check(result, connection: pointer, query: statement.text))
                } catch {
                    failure = failure ?? error
                }
            }
            while let rest = PQgetResult(pointer) { PQclear(rest) }  // the NULL that ends this statement's results
        }
        guard let sync = PQgetResult(pointer) else {
            throw PostgresError(kind: .connection, message: errorMessage(pointer))
        }
        let synced = PQresultStatus(sync) == PGRES_PIPELINE_SYNC
        PQclear(sync)
        if let failure { throw failure }
        guard synced else {
            throw PostgresError(kind: .protocolViolation, message: "the server did not end the pipeline as expected")
        }
        return results
    }

    private static func send(_ pointer: OpaquePointer, _ statement: EncodedStatement) -> Int32 {
        let cValues: [UnsafeMutablePointer<CChar>?] = statement.values.map { $0.map { strdup($0) } ?? nil }
        defer { cValues.forEach { free($0) } }
        return cValues.map { UnsafePointer($0) }.withUnsafeBufferPointer { values in
            statement.types.withUnsafeBufferPointer { oids in
                PQsendQueryParams(
                    pointer, statement.text, Int32(statement.values.count), oids.baseAddress, values.baseAddress, nil, nil, 0)
            }
        }
    }
}
