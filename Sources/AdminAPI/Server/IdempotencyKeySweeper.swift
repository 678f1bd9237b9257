import Logging
import RegistryStore
import ServiceLifecycle

/// Deletes expired `Idempotency-Key` answers every ten minutes while the server runs (a key
/// is remembered 24 hours; after that the table would only grow).
struct IdempotencyKeySweeper: Service {
    let database: RegistryDatabase
    let logger: Logger
    var interval: Duration = .seconds(600)

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while true {
                do {
                    let deleted = try await IdempotencyKeys.sweep(database)
                    if deleted > 0 { logger.info("expired idempotency keys deleted", metadata: ["count": .stringConvertible(deleted)]) }
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("idempotency key sweep failed; next try in \(interval)")
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
