import CLibPQ
import Foundation

extension Connection {
    /// Streams rows into the server with `COPY … FROM STDIN`.
    ///
    /// `body` writes data through the ``CopyWriter``; it is sent in large chunks as it is
    /// written. When `body` returns the COPY is finished and the number of rows copied is
    /// returned; when it throws, the COPY is aborted (nothing of it stays) and the error
    /// rethrown.
    ///
    /// ```swift
    /// let count = try await connection.copyIn("COPY staging (title, qty) FROM STDIN") { writer in
    ///     for demand in demands { try await writer.writeRow([demand.title, String(demand.quantity)]) }
    /// }
    /// ```
    ///
    /// The statement cannot take parameters (COPY does not accept them), so it must not
    /// interpolate values.
    @discardableResult
    public func copyIn(_ sql: SQL, _ body: (CopyWriter) async throws -> Void) async throws -> Int {
        guard sql.bindings.isEmpty else {
            throw PostgresError(kind: .binding, message: "COPY statements cannot take bound parameters", query: sql.text)
        }
        let statement = sql.text
        try await withHandle { pointer in
            guard let result = PQexec(pointer, statement) else {
                throw PostgresError(kind: .connection, message: Self.errorMessage(pointer), query: statement)
            }
            defer { PQclear(result) }
            guard PQresultStatus(result) == PGRES_COPY_IN else {
                if PQresultStatus(result) == PGRES_FATAL_ERROR {
                    throw Self.serverError(result, connection: pointer, query: statement)
                }
                throw PostgresError(kind: .protocolViolation, message: "statement is not COPY … FROM STDIN", query: statement)
            }
        }
        let writer = CopyWriter(connection: self)
        do {
            try await body(writer)
            try await writer.flush()
        } catch {
            _ = try? await finishCopy(abortMessage: "aborted by the client: \(error)", statement: statement)
            throw error
        }
        return try await finishCopy(abortMessage: nil, statement: statement)
    }

    func sendCopyData(_ bytes: [UInt8]) async throws {
        try await withHandle { pointer in
            let sent = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    PQputCopyData(pointer, $0, Int32(buffer.count))
                }
            }
            guard sent == 1 else { throw PostgresError(kind: .connection, message: Self.errorMessage(pointer)) }
        }
    }

    private func finishCopy(abortMessage: String?, statement: String) async throws -> Int {
        try await withHandle { pointer in
            guard PQputCopyEnd(pointer, abortMessage) == 1 else {
                throw PostgresError(kind: .connection, message: Self.errorMessage(pointer), query: statement)
            }
            // Drain every result; the first failure wins.
            var failure: PostgresError?
            var rows = 0
            while let result = PQgetResult(pointer) {
                if PQresultStatus(result) == PGRES_COMMAND_OK {
                    rows = Int(String(cString: PQcmdTuples(result))) ?? 0
                } else if failure == nil {
                    failure = Self.serverError(result, connection: pointer, query: statement)
                }
                PQclear(result)
            }
            if let failure { throw failure }
            return rows
        }
    }
}

/// Buffers COPY data and hands it to the server in chunks.
public final class CopyWriter {
    private let connection: Connection
    private var buffer: [UInt8] = []
    private static let chunkSize = 1 << 18

    init(connection: Connection) {
        self.connection = connection
        buffer.reserveCapacity(Self.chunkSize + 4096)
    }

    /// Appends raw bytes in the COPY statement's format (text, csv or binary).
    public func write(_ bytes: some Sequence<UInt8>) async throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunkSize { try await flush() }
    }

    /// Appends one row in COPY's default text format: fields separated by tabs, `\N` for NULL,
    /// backslash, tab, newline and carriage return escaped.
    public func writeRow(_ fields: [String?]) async throws {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(9) }
            guard let field else {
                buffer.append(contentsOf: [92, 78])  // \N
                continue
            }
            for byte in field.utf8 {
                switch byte {
                case 92: buffer.append(contentsOf: [92, 92])
                case 9: buffer.append(contentsOf: [92, 116])
                case 10: buffer.append(contentsOf: [92, 110])
                case 13: buffer.append(contentsOf: [92, 114])
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(10)
        if buffer.count >= Self.chunkSize { try await flush() }
    }

    /// Sends what is buffered.
    public func flush() async throws {
        guard !buffer.isEmpty else { return }
        let chunk = buffer
        buffer.removeAll(keepingCapacity: true)
        try await connection.sendCopyData(chunk)
    }
}
