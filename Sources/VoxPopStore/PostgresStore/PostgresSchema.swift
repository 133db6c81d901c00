/// The PostgreSQL schema: the SQLite store's tables (docs/durability.md), with what several nodes
/// on one database need besides.
///
/// - `ballots.chain` is the head of the ballot's audit chain. A node writing votes locks the
///   ballot's row (`FOR UPDATE`), so one ballot's votes are chained and numbered in commit order
///   whichever node wrote them, and a close (an `UPDATE` of the same row) waits for the votes in
///   flight and is seen by every vote after it.
/// - `ballots.closes_at` is the instant the ballot closes, once known: the deferred trigger
///   `vote_in_time` refuses, at COMMIT, a vote of a ballot that is not open or whose close has
///   passed by the database's clock, whatever a node's clock says.
/// - The partial unique index on current votes is the one-vote-per-voter rule across nodes.
/// - Migrations run under an advisory lock, so nodes starting together migrate once.
enum PostgresSchema {
    /// Taken while migrating (`pg_advisory_xact_lock`): one number for VoxPop's schema.
    static let migrationLock: Int64 = 0x766F_7870_6F70_0001
    /// Held by the node that runs the scheduler (`pg_try_advisory_lock`), for its connection's life.
    static let schedulerLock: Int64 = 0x766F_7870_6F70_0002
    /// The channel changes are announced on (`NOTIFY`).
    static let channel = "voxpop_changes"
    /// The SQLSTATE the trigger raises for a vote past its ballot's close.
    static let closedCode = "VX001"

    static let migrations: [String] = [
        """
        CREATE TABLE meta(key text PRIMARY KEY, value bytea NOT NULL);
        CREATE TABLE ballots(
            id bigserial PRIMARY KEY,
            campaign text NOT NULL,
            ballot text NOT NULL,
            state text NOT NULL DEFAULT 'scheduled',
            definition text,
            tally text,
            chain bytea,
            closes_at bigint,
            UNIQUE(campaign, ballot));
        CREATE TABLE transitions(
            seq bigserial PRIMARY KEY,
            ballot bigint NOT NULL REFERENCES ballots(id),
            state text NOT NULL,
            due_at bigint NOT NULL,
            done_at bigint NOT NULL,
            UNIQUE(ballot, state));
        CREATE SEQUENCE vote_seq;
        CREATE TABLE votes(
            seq bigint PRIMARY KEY,
            ballot bigint NOT NULL REFERENCES ballots(id),
            voter bytea NOT NULL,
            vote text NOT NULL,
            accepted_at bigint NOT NULL,
            chain bytea NOT NULL,
            current boolean NOT NULL DEFAULT true);
        CREATE UNIQUE INDEX one_vote_per_voter ON votes(ballot, voter) WHERE current;
        CREATE INDEX votes_by_ballot ON votes(ballot, seq);
        CREATE FUNCTION voxpop_vote_in_time() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM ballots WHERE id = NEW.ballot AND (state <> 'open' OR
                (closes_at IS NOT NULL AND closes_at <= (extract(epoch FROM clock_timestamp()) * 1000)::bigint)))
            THEN
                RAISE EXCEPTION 'ballot % is closed', NEW.ballot USING ERRCODE = 'VX001';
            END IF;
            RETURN NULL;
        END $$;
        CREATE CONSTRAINT TRIGGER vote_in_time AFTER INSERT ON votes DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW EXECUTE FUNCTION voxpop_vote_in_time();
        CREATE TABLE invites(
            campaign text NOT NULL, code bytea NOT NULL, voter bytea, revoked_at bigint, PRIMARY KEY(campaign, code));
        CREATE TABLE write_in_decisions(
            ballot bigint NOT NULL, key text NOT NULL, action text NOT NULL, into_key text, PRIMARY KEY(ballot, key));
        CREATE TABLE write_in_labels(ballot bigint NOT NULL, key text NOT NULL, label text NOT NULL, PRIMARY KEY(ballot, key));
        CREATE TABLE write_in_dismissals(ballot bigint NOT NULL, suggestion text NOT NULL, PRIMARY KEY(ballot, suggestion));
        CREATE TABLE withdrawals(ballot bigint NOT NULL, option text NOT NULL, at bigint NOT NULL, PRIMARY KEY(ballot, option));
        CREATE TABLE ideas(
            id bigserial PRIMARY KEY,
            ballot bigint NOT NULL,
            key text NOT NULL,
            text text NOT NULL,
            voter bytea NOT NULL,
            status text NOT NULL,
            suggested_at bigint NOT NULL,
            UNIQUE(ballot, key));
        CREATE INDEX ideas_by_voter ON ideas(ballot, voter);
        CREATE TABLE idea_notes(
            ballot bigint NOT NULL, option text NOT NULL, status text, merged_into text, reply text, replied_at bigint,
            PRIMARY KEY(ballot, option));
        CREATE TABLE operator_sessions(
            id bytea PRIMARY KEY, operator text NOT NULL, started_at bigint NOT NULL, expires_at bigint NOT NULL,
            ended_at bigint);
        CREATE TABLE operator_log(
            seq bigserial PRIMARY KEY, at bigint NOT NULL, actor text NOT NULL, action text NOT NULL, campaign text,
            ballot text, detail text NOT NULL);
        CREATE INDEX operator_log_by_ballot ON operator_log(campaign, ballot, seq);
        """
    ]

    /// Brings the database to the newest version, under the migration lock, in one transaction.
    static func migrate(_ connection: PostgresConnection) throws {
        try connection.transaction {
            try connection.query("SELECT pg_advisory_xact_lock($1)", [.integer(migrationLock)])
            let exists = try connection.query("SELECT to_regclass('meta') IS NOT NULL").text(0, 0) == "t"
            var version = 0
            if exists {
                let stored = try connection.query("SELECT value FROM meta WHERE key = 'schema_version'").bytea(0, 0)
                version = stored.flatMap { Int(String(decoding: $0, as: UTF8.self)) } ?? 0
            }
            guard version <= migrations.count else {
                throw StoreError(
                    "the database's schema is version \(version), newer than this VoxPop (\(migrations.count)): upgrade VoxPop"
                )
            }
            for migration in migrations.dropFirst(version) { try connection.execute(migration) }
            if version < migrations.count {
                try connection.query(
                    "INSERT INTO meta(key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = $1",
                    [.bytea(Array(String(migrations.count).utf8))])
            }
        }
    }
}
