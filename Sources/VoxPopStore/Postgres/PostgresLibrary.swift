import CLibPQ

/// libpq, loaded on first use rather than linked, so that VoxPop builds and runs without it
/// until a PostgreSQL store is opened (docs/postgres-client.md).
public enum PostgresLibrary {
    /// The soname loaded: Debian's `libpq5` package.
    public static let soname = VOXPOP_PQ_SONAME

    /// Loads libpq once for the process; throws the same error on every call if it cannot.
    public static func load() throws(PostgresError) {
        let outcome = voxpop_pq_load()
        guard outcome == Int32(VOXPOP_PQ_LOADED) else {
            throw failure(outcome, soname: soname, reason: String(cString: voxpop_pq_load_error()))
        }
    }

    /// Whether libpq is there and usable: for tests and for choosing a store up front.
    public static var isAvailable: Bool { voxpop_pq_load() == Int32(VOXPOP_PQ_LOADED) }

    /// libpq's version as a number, such as 150018 for 15.18; nil without libpq.
    public static var version: Int? { isAvailable ? Int(voxpop_pq_lib_version()) : nil }

    /// Tries to load `soname` as `load()` would, without touching the process's own libpq: the
    /// test hook for a missing or unusable library.
    static func probe(soname: String) throws(PostgresError) {
        var reason = [CChar](repeating: 0, count: 512)
        let outcome = voxpop_pq_probe(soname, &reason, reason.count)
        guard outcome == Int32(VOXPOP_PQ_LOADED) else {
            throw failure(
                outcome, soname: soname,
                reason: String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
    }

    private static func failure(_ outcome: Int32, soname: String, reason: String) -> PostgresError {
        if outcome == Int32(VOXPOP_PQ_NOT_FOUND) {
            return PostgresError(
                kind: .libraryUnavailable,
                message: "PostgreSQL's client library \(soname) was not found; install it with `apt-get install libpq5`"
                    + " (\(reason))")
        }
        return PostgresError(
            kind: .libraryUnavailable,
            message: "PostgreSQL's client library cannot be used: \(reason); install Debian's `libpq5` (15 or later)")
    }
}
