/// Opens the store `--db` names: a `postgres://` or `postgresql://` URL is a shared PostgreSQL
/// database, anything else the path of an SQLite file.
public enum VoteStores {
    public static func isPostgres(_ database: String) -> Bool {
        database.hasPrefix("postgres://") || database.hasPrefix("postgresql://")
    }

    /// `key` nil opens it for auditing, which reads pseudonyms and needs no key.
    public static func open(_ database: String, key: VoterKey?) throws -> any VoteStore {
        if isPostgres(database) { return try PostgresStore(url: database, key: key) }
        return try SQLiteStore(path: database, key: key)
    }

    /// The voter key: `VOXPOP_VOTER_KEY`, else (SQLite only) the key file beside the database,
    /// made on first start. Every node of a shared database must be given the same key.
    public static func key(for database: String, environment: [String: String]) throws -> VoterKey {
        guard isPostgres(database) else { return try VoterKey.load(databasePath: database, environment: environment) }
        guard let value = environment["VOXPOP_VOTER_KEY"], !value.isEmpty else {
            throw StoreError(
                "a PostgreSQL database needs VOXPOP_VOTER_KEY: every node must hold the same key (say, 64 random hex digits from `openssl rand -hex 32`), and no key file is kept beside a database on another machine"
            )
        }
        return VoterKey(bytes: Array(value.utf8))
    }
}
