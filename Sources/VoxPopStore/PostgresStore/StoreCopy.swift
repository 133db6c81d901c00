import CSQLite

/// Copies an SQLite database into an empty PostgreSQL one (`voxpop migrate`), row for row:
/// ballot ids, vote sequence numbers, chains, pseudonyms and hashed codes as they are, so every
/// receipt still names its vote and `voxpop audit` verifies both ends alike. The copy is one
/// transaction; a database that holds ballots or votes already is refused.
public enum StoreCopy {
    public struct Copied: Sendable, Equatable {
        public var tables: [(name: String, rows: Int)]

        public static func == (a: Copied, b: Copied) -> Bool {
            a.tables.elementsEqual(b.tables) { $0.name == $1.name && $0.rows == $1.rows }
        }
    }

    /// The tables in copy order (ballots before what names them), with their columns, the same
    /// names in both schemas; `current` is SQLite's 0/1 and PostgreSQL's boolean.
    static let tables: [(name: String, columns: [String])] = [
        ("meta", ["key", "value"]),
        ("ballots", ["id", "campaign", "ballot", "state", "definition", "tally"]),
        ("transitions", ["ballot", "state", "due_at", "done_at"]),
        ("votes", ["seq", "ballot", "voter", "vote", "accepted_at", "chain", "current"]),
        ("invites", ["campaign", "code", "voter", "revoked_at"]),
        ("write_in_decisions", ["ballot", "key", "action", "into_key"]),
        ("write_in_labels", ["ballot", "key", "label"]),
        ("write_in_dismissals", ["ballot", "suggestion"]),
        ("withdrawals", ["ballot", "option", "at"]),
        ("ideas", ["id", "ballot", "key", "text", "voter", "status", "suggested_at"]),
        ("idea_notes", ["ballot", "option", "status", "merged_into", "reply", "replied_at"]),
        ("operator_sessions", ["id", "operator", "started_at", "expires_at", "ended_at"]),
        ("operator_log", ["seq", "at", "actor", "action", "campaign", "ballot", "detail"]),
    ]

    public static func copy(sqlite path: String, to url: String) throws -> Copied {
        // Opened as a store first: brings an older file to the current schema.
        try SQLiteStore(path: path, key: nil).close()
        let source = try Connection(path: path)
        let target = try PostgresConnection(url: url)
        try PostgresSchema.migrate(target)
        var copied: [(name: String, rows: Int)] = []
        try target.transaction {
            let used =
                try target.query("SELECT (SELECT count(*) FROM ballots) + (SELECT count(*) FROM votes)").integer(0, 0)
                ?? 0
            guard used == 0 else {
                throw StoreError(
                    "\(PostgresStore.redacted(url)) holds ballots or votes already; migrate into an empty database")
            }
            try target.execute("DELETE FROM meta")
            // The votes of closed ballots are copied, not cast: the close trigger stays out of it
            // (inside this transaction only).
            try target.execute("ALTER TABLE votes DISABLE TRIGGER vote_in_time")
            for table in tables {
                // In the order they were written where that order means something (transitions,
                // votes, the log), else by key.
                let order = table.name == "transitions" ? "rowid" : "1"
                let select = try source.statement(
                    "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name) ORDER BY \(order)")
                let placeholders = table.columns.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
                let insert = try target.statement(
                    "INSERT INTO \(table.name)(\(table.columns.joined(separator: ", "))) VALUES (\(placeholders))")
                try select.bind([])
                var batch: [[PostgresValue]] = []
                var rows = 0
                while try select.step() {
                    batch.append(table.columns.indices.map { Self.value(select, Int32($0), name: table.columns[$0]) })
                    rows += 1
                    if batch.count == 1000 {
                        try target.pipeline(insert, batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                select.reset()
                try target.pipeline(insert, batch)
                copied.append((table.name, rows))
            }
            // Each ballot's chain head, and the sequences past the copied numbers.
            try target.execute(
                """
                UPDATE ballots b SET chain = v.chain FROM
                  (SELECT DISTINCT ON (ballot) ballot, chain FROM votes ORDER BY ballot, seq DESC) v WHERE v.ballot = b.id;
                SELECT setval('vote_seq', coalesce((SELECT max(seq) FROM votes), 0) + 1, false);
                SELECT setval(pg_get_serial_sequence('ballots', 'id'), coalesce((SELECT max(id) FROM ballots), 0) + 1, false);
                SELECT setval(pg_get_serial_sequence('ideas', 'id'), coalesce((SELECT max(id) FROM ideas), 0) + 1, false);
                SELECT setval(pg_get_serial_sequence('operator_log', 'seq'), coalesce((SELECT max(seq) FROM operator_log), 0) + 1, false);
                """)
            try target.execute("ALTER TABLE votes ENABLE TRIGGER vote_in_time")
            try target.query(
                "INSERT INTO meta(key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = $1",
                [.bytea(Array(String(PostgresSchema.migrations.count).utf8))])
        }
        return Copied(tables: copied)
    }

    /// The campaigns an SQLite database holds ballots of.
    public static func campaigns(sqlite path: String) throws -> [String] {
        let select = try Connection(path: path).statement("SELECT DISTINCT campaign FROM ballots ORDER BY campaign")
        try select.bind([])
        var result: [String] = []
        while try select.step() { result.append(select.text(0)) }
        return result
    }

    /// A column of SQLite's row as PostgreSQL takes it: blobs as bytea, `current` as a boolean.
    private static func value(_ row: Statement, _ column: Int32, name: String) -> PostgresValue {
        if row.isNull(column) { return .null }
        if name == "current" { return .text(row.integer(column) == 0 ? "f" : "t") }
        switch sqlite3_column_type(row.handle, column) {
        case SQLITE_INTEGER: return .integer(row.integer(column))
        case SQLITE_BLOB: return .bytea(row.blob(column))
        default: return .text(row.text(column))
        }
    }
}
