import ImportIssues
import Registry

/// The rows of an import turned into `COPY` text on a task of their own.
///
/// Checking and encoding a row costs about as much as the server's storing it, so the two
/// run side by side: this task reads rows and yields chunks of COPY text while the import's
/// task sends the previous chunks. Each row's draft passes the demand's rules here
/// (``DemandDraft/checked(on:door:channels:)``), whatever the rows came from, and so does the one
/// check that needs the whole file (an external id used twice).
///
/// The stream is unbounded: if the server is slower than the reading, the chunks wait in
/// memory, at most the file's COPY text, about the size of the file itself.
enum DemandStagingText {
    /// One chunk of COPY text and how many rows have been staged with it.
    struct Chunk: Sendable {
        var bytes: [UInt8]
        var staged: Int
    }

    /// What the reading left: the source (with its own issues), the problems found here,
    /// the references of the rows refused here (checked with the staged ones), and how many
    /// rows were staged.
    struct Outcome<Rows: DemandImportRows>: Sendable {
        var rows: Rows
        var issues: IssueList
        var refused: [DemandReference]
        var staged: Int
    }

    /// How many bytes of COPY text make one chunk.
    static let chunkSize = 1 << 18

    /// Starts reading `rows`, checking them as new on `today`; the stream ends when they do (or the task is cancelled).
    static func start<Rows: DemandImportRows>(_ rows: Rows, today: CivilDate, channels: SourceChannels) -> (AsyncStream<Chunk>, Task<Outcome<Rows>, Never>) {
        let (stream, continuation) = AsyncStream.makeStream(of: Chunk.self)
        let producer = Task {
            var rows = rows
            var issues = IssueList(limit: DemandStore.issueLimit)
            var firstLine: [String: Int] = [:]
            firstLine.reserveCapacity(rows.recordCount)
            var buffer: [UInt8] = []
            buffer.reserveCapacity(chunkSize + 16_384)
            var staged = 0
            var refused: [DemandReference] = []
            while !Task.isCancelled, var row = rows.next() {
                do throws(InvalidFields) {
                    // The rules of a new demand, as every door runs them.
                    row.draft = try row.draft.checked(on: today, door: .file, channels: channels)
                } catch {
                    for problem in error.problems {
                        issues.append(ImportIssue(
                            line: row.line, column: rows.columnName(problem.field), value: problem.value, reason: problem.reason))
                    }
                    refused.append(DemandReference(line: row.line, draft: row.draft))
                    continue
                }
                if let first = firstLine.updateValue(row.line, forKey: row.externalID) {
                    firstLine[row.externalID] = first
                    issues.append(ImportIssue(
                        line: row.line, column: rows.columnName("external_id"), value: row.externalID,
                        reason: "需求编号重复 duplicate external id (first on line \(first))"))
                    refused.append(DemandReference(line: row.line, draft: row.draft))
                    continue
                }
                row.appendCopyText(to: &buffer)
                staged += 1
                if buffer.count >= chunkSize {
                    continuation.yield(Chunk(bytes: buffer, staged: staged))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            if !buffer.isEmpty { continuation.yield(Chunk(bytes: buffer, staged: staged)) }
            continuation.finish()
            return Outcome(rows: rows, issues: issues, refused: refused, staged: staged)
        }
        return (stream, producer)
    }
}
