import Synchronization

/// The modules of this process, set once at start-up, in the manner of swift-log's
/// `LoggingSystem`: ``bootstrap(_:)`` is called in one place (the `govreg` executable), a
/// second call is a programming error and traps, and until then the catalogue is empty.
///
/// Library code takes a ``ModuleCatalogue`` value instead of reading this, so that tests
/// build their own list and never bootstrap.
public enum ModuleRegistry {
    private static let state = Mutex<(catalogue: ModuleCatalogue, bootstrapped: Bool)>((.empty, false))

    /// Sets the process's modules. Call it once, before anything reads ``catalogue``.
    public static func bootstrap(_ catalogue: ModuleCatalogue) {
        state.withLock { state in
            precondition(!state.bootstrapped, "ModuleRegistry.bootstrap may only be called once per process")
            state = (catalogue, true)
        }
    }

    /// For govreg's own tests: replaces the catalogue without the once-only check.
    static func bootstrapInternal(_ catalogue: ModuleCatalogue) {
        state.withLock { $0 = (catalogue, true) }
    }

    /// The process's modules (empty until bootstrapped).
    public static var catalogue: ModuleCatalogue {
        state.withLock { $0.catalogue }
    }
}
