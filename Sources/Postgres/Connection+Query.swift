import CLibPQ
import Foundation

extension Connection {
    /// Runs one statement with its interpolated values bound as parameters and returns its rows.
    ///
    /// Behind a transaction pooler, a statement run outside a transaction travels with the
    /// pinned settings in one round trip (`execPipeline`), so it decodes the same whichever
    /// server session the pooler picks and whatever that session's defaults are.
    ///
    /// - Throws: ``PostgresError`` with the server's SQLSTATE, message, detail, hint and position.
    public func query(_ sql: SQL) async throws -> QueryResult {
        let (texts, types) = try Self.encode(sql.bindings)
        let statement = sql.text
        let pins = self.pins
        return try await withHandle { pointer in
            if let pins, PQtransactionStatus(pointer) == PQTRANS_IDLE {
                let encoded = EncodedStatement(text: statement, values: texts, types: types)
                return try Self.execPipeline(pointer, [pins, encoded])[1]
            }
            return try Self.execParams(pointer, statement, texts, types)
        }
    }

    /// Runs one statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: SQL) async throws -> Int {
        try await query(sql).affectedRows
    }

    /// Runs a script of several statements in one round trip (`PQexec`), without parameters.
    ///
    /// The server runs the statements as one implicit transaction unless the script contains
    /// its own transaction control. Used for migration files: a reported error position is
    /// relative to the whole script.
    public func executeScript(unsafeRaw script: String) async throws {
        _ = try await withHandle { pointer in
            guard !script.utf8.contains(0) else {
                throw PostgresError(kind: .binding, message: "script contains a NUL byte", sqlState: "22021")
            }
            let result = PQexec(pointer, script)
            return try Self.check(result, connection: pointer, query: script)
        }
    }

    static func encode(_ bindings: [any PostgresEncodable]) throws -> ([String?], [UInt32]) {
        var texts: [String?] = []
        var types: [UInt32] = []
        texts.reserveCapacity(bindings.count)
        types.reserveCapacity(bindings.count)
        for (index, value) in bindings.enumerated() {
            let text = try value.postgresText()
            // libpq takes C strings: a NUL would silently cut the value short.
            if let text, text.utf8.contains(0) {
                throw PostgresError(
                    kind: .binding, message: "parameter $\(index + 1) contains a NUL byte", sqlState: "22021")
            }
            texts.append(text)
            types.append(type(of: value).postgresType.oid)
        }
        return (texts, types)
    }

    static func execParams(
        _ pointer: OpaquePointer, _ statement: String, _ texts: [String?], _ types: [UInt32]
    ) throws -> QueryResult {
        let cValues: [UnsafeMutablePointer<CChar>?] = texts.map { $0.map { strdup($0) } ?? nil }
        defer { cValues.forEach { free($0) } }
        let result = cValues.map { UnsafePointer($0) }.withUnsafeBufferPointer { values in
            types.withUnsafeBufferPointer { oids in
                PQexecParams(
                    pointer, statement, Int32(texts.count), oids.baseAddress, values.baseAddress, nil, nil, 0)
            }
        }
        return try check(result, connection: pointer, query: statement)
    }

    /// Turns a libpq result into a ``QueryResult`` or a ``PostgresError``.
    static func check(_ result: OpaquePointer?, connection: OpaquePointer, query: String) throws -> QueryResult {
        guard let result else {
            throw PostgresError(kind: .connection, message: errorMessage(connection), query: query)
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return QueryResult(taking: result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            PQclear(result)
            throw PostgresError(
                kind: .protocolViolation, message: "COPY must go through copyIn(_:_:)", query: query)
        default:
            let error = serverError(result, connection: connection, query: query)
            PQclear(result)
            throw error
        }
    }

    static func serverError(_ result: OpaquePointer, connection: OpaquePointer, query: String?) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        let lostConnection = PQstatus(connection) != CONNECTION_OK
        guard let message = field("M") else {
            return PostgresError(kind: lostConnection ? .connection : .server, message: errorMessage(connection), query: query)
        }
        return PostgresError(
            kind: lostConnection ? .connection : .server,
            message: message,
            sqlState: field("C"),
            severity: field("V") ?? field("S"),
            detail: field("D"),
            hint: field("H"),
            position: field("P").flatMap { Int($0) },
            query: query)
    }
}
