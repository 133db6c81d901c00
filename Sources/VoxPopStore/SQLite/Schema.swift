/// The database schema, one migration per version, keyed on `PRAGMA user_version`.
///
/// `votes` is the append-only log of accepted votes and the audit chain at once: a vote that
/// replaces an earlier one (revote "replace") clears the earlier row's `current` flag but keeps
/// the row, so the chain stays checkable. The partial unique index is what enforces one counted
/// vote per voter per ballot, in the database and not only in memory. Voter ids are 16-byte keyed
/// hashes: compact keys keep the index small, so fewer pages are dirtied per vote.
enum Schema {
    static let migrations: [String] = [
        """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE ballots(
            id INTEGER PRIMARY KEY,
            campaign TEXT NOT NULL,
            ballot TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'scheduled',
            definition TEXT,
            tally TEXT,
            UNIQUE(campaign, ballot));
        CREATE TABLE transitions(
            ballot INTEGER NOT NULL REFERENCES ballots(id),
            state TEXT NOT NULL,
            due_at INTEGER NOT NULL,
            done_at INTEGER NOT NULL,
            UNIQUE(ballot, state));
        CREATE TABLE votes(
            seq INTEGER PRIMARY KEY,
            ballot INTEGER NOT NULL,
            voter BLOB NOT NULL,
            vote TEXT NOT NULL,
            accepted_at INTEGER NOT NULL,
            chain BLOB NOT NULL,
            current INTEGER NOT NULL DEFAULT 1);
        CREATE UNIQUE INDEX one_vote_per_voter ON votes(ballot, voter) WHERE current;
        """,
        // Invite codes, stored as keyed hashes like voter ids; and the operators' decisions on
        // write-ins, by folded key (`WriteInKey`): approve, reject, or merge into another key.
        """
        CREATE TABLE invites(campaign TEXT NOT NULL, code BLOB NOT NULL, PRIMARY KEY(campaign, code)) WITHOUT ROWID;
        CREATE TABLE write_in_decisions(
            ballot INTEGER NOT NULL,
            key TEXT NOT NULL,
            action TEXT NOT NULL,
            into_key TEXT,
            PRIMARY KEY(ballot, key)) WITHOUT ROWID;
        """,
        // Ideas suggested on a points ballot with write-ins (the idea forum): one per folded key
        // per ballot, so the same idea cannot be suggested twice, with who suggested it (the
        // voter's pseudonym, for the per-voter limit) and the operators' status.
        """
        CREATE TABLE ideas(
            id INTEGER PRIMARY KEY,
            ballot INTEGER NOT NULL,
            key TEXT NOT NULL,
            text TEXT NOT NULL,
            voter BLOB NOT NULL,
            status TEXT NOT NULL,
            suggested_at INTEGER NOT NULL,
            UNIQUE(ballot, key));
        CREATE INDEX ideas_by_voter ON ideas(ballot, voter);
        """,
        // Operators' console sessions, by a hash of the token the browser holds (a copy of the
        // database does not sign anyone in); each ends at sign-out or when it expires.
        """
        CREATE TABLE operator_sessions(
            id BLOB PRIMARY KEY,
            operator TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            ended_at INTEGER) WITHOUT ROWID;
        """,
        // The operator's desk: invite codes' voters (so whether a code voted is read from the
        // votes, never written on the vote path) and revocations; write-in groups' labels
        // and dismissed merge suggestions; options withdrawn before publication; what operators
        // set on ideas that are not suggested ones (a file option's status), merges of ideas and
        // official replies; and the log of every operator action and scheduler step.
        """
        ALTER TABLE invites ADD COLUMN voter BLOB;
        ALTER TABLE invites ADD COLUMN revoked_at INTEGER;
        CREATE TABLE write_in_labels(
            ballot INTEGER NOT NULL, key TEXT NOT NULL, label TEXT NOT NULL, PRIMARY KEY(ballot, key)) WITHOUT ROWID;
        CREATE TABLE write_in_dismissals(
            ballot INTEGER NOT NULL, suggestion TEXT NOT NULL, PRIMARY KEY(ballot, suggestion)) WITHOUT ROWID;
        CREATE TABLE withdrawals(
            ballot INTEGER NOT NULL, option TEXT NOT NULL, at INTEGER NOT NULL,
            PRIMARY KEY(ballot, option)) WITHOUT ROWID;
        CREATE TABLE idea_notes(
            ballot INTEGER NOT NULL, option TEXT NOT NULL, status TEXT, merged_into TEXT, reply TEXT,
            replied_at INTEGER, PRIMARY KEY(ballot, option)) WITHOUT ROWID;
        CREATE TABLE operator_log(
            seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
            campaign TEXT, ballot TEXT, detail TEXT NOT NULL);
        CREATE INDEX operator_log_by_ballot ON operator_log(campaign, ballot, seq);
        """,
        // Each ballot's chain head, kept by the writer with each group of votes: reading it from
        // the votes walked back over every later vote of other ballots (200 ms for a ballot whose
        // votes came before a million others', on every live results request).
        """
        ALTER TABLE ballots ADD COLUMN chain BLOB;
        UPDATE ballots SET chain = (SELECT v.chain FROM votes v WHERE v.ballot = ballots.id ORDER BY v.seq DESC LIMIT 1);
        """,
    ]

    /// Brings the database to the newest version, one migration per transaction.
    static func migrate(_ connection: Connection) throws(SQLiteError) {
        let version = Int(try connection.integer("PRAGMA user_version") ?? 0)
        guard version <= migrations.count else {
            throw SQLiteError(
                code: 1, message: "the database is version \(version), newer than this voxpop (\(migrations.count))",
                sql: nil)
        }
        for (index, sql) in migrations.enumerated().dropFirst(version) {
            try connection.execute("BEGIN IMMEDIATE; \(sql); PRAGMA user_version = \(index + 1); COMMIT")
        }
    }
}
