import CLibPQ

/// The version of the libpq this process is linked against (not the server's): what
/// `govreg version` reports, since a copied binary uses whatever libpq5 the machine has.
public enum LibPQVersion {
    /// `PQlibVersion()`: major × 10000 + minor for PostgreSQL 10 and later (150010 is 15.10).
    public static var number: Int { Int(PQlibVersion()) }

    /// The number as people write it: "15.10"; before PostgreSQL 10 it was major.minor.patch.
    public static var text: String {
        let number = number
        return number >= 100_000
            ? "\(number / 10_000).\(number % 10_000)"
            : "\(number / 10_000).\(number / 100 % 100).\(number % 100)"
    }
}
