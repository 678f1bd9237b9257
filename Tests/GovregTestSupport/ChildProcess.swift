public import Foundation

extension Process {
    /// Starts the process and waits for it to exit without holding a thread.
    ///
    /// `waitUntilExit()` blocks the calling thread, and the tests' threads are the cooperative
    /// pool's, one per core. A child that waits on the database (a `govreg db migrate` waiting
    /// for another test's uncommitted `CREATE ROLE`) would then block the very threads that test
    /// needs to commit, until a lock timeout breaks the knot. Awaiting the termination handler
    /// leaves the threads free.
    public func runToExit() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            terminationHandler = { _ in continuation.resume() }
            do {
                try run()
            } catch {
                terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
    }
}
