import Testing
import VoxPopStore

/// Pipelined batches, as the vote writer will send them: see PostgresConnection+Pipeline.swift
/// for what a failing execution does to its batch.
@Suite(TestServer.required) struct PostgresPipelineTests {
    static let createVotes = """
        CREATE TABLE votes(ballot bigint NOT NULL, voter bytea NOT NULL, vote text NOT NULL,
            accepted_at bigint NOT NULL, chain bytea NOT NULL, UNIQUE (ballot, voter))
        """

    static func vote(_ number: Int) -> [PostgresValue] {
        let voter = withUnsafeBytes(of: UInt64(number).bigEndian) { Array($0) } + [UInt8](repeating: 7, count: 8)
        return [
            1, .bytea(voter), .text("option-\(number % 5)"), .integer(1_764_547_200_000 + Int64(number)),
            .bytea([UInt8](repeating: UInt8(number % 256), count: 32)),
        ]
    }

    @Test func aBatchOf1000InsertsIsOneTransaction() throws {
        let database = try TestDatabase()
        try database.connection.execute(Self.createVotes)
        let insert = try database.connection.statement(
            "INSERT INTO votes VALUES ($1, $2, $3, $4, $5) RETURNING pg_current_xact_id()::text")
        let results = try database.connection.pipeline(insert, (0..<1000).map(Self.vote))
        #expect(results.count == 1000)
        #expect(results.allSatisfy { $0.affectedRows == 1 })
        #expect(Set(results.map { $0.text(0, 0) }).count == 1, "every row inserted by the same transaction")
        #expect(try database.count("votes") == 1000)
        // The connection is out of pipeline mode and takes ordinary queries again.
        #expect(try database.connection.query("SELECT 1").integer(0, 0) == 1)
    }

    @Test func oneFailingRowRollsBackItsBatchAndIsNamedSoTheRestCanBeResent() throws {
        let database = try TestDatabase()
        try database.connection.execute(Self.createVotes)
        let insert = try database.connection.statement("INSERT INTO votes VALUES ($1, $2, $3, $4, $5)")
        var batch = (0..<1000).map(Self.vote)
        batch[500] = Self.vote(10)  // the same voter on the same ballot again
        let error = #expect(throws: PostgresError.self) { try database.connection.pipeline(insert, batch) }
        #expect(error?.code == .uniqueViolation)
        #expect(error?.batchIndex == 500)
        #expect(error?.sql == insert.sql)
        #expect(error?.description.hasSuffix("at execution 500 of a pipelined batch") == true)
        #expect(try database.count("votes") == 0, "the whole batch rolled back")

        batch.remove(at: 500)
        #expect(try database.connection.pipeline(insert, batch).count == 999)
        #expect(try database.count("votes") == 999)
    }

    @Test func onConflictDoNothingTurnsARepeatIntoAResultNotAFailure() throws {
        let database = try TestDatabase()
        try database.connection.execute(Self.createVotes)
        let insert = try database.connection.statement(
            "INSERT INTO votes VALUES ($1, $2, $3, $4, $5) ON CONFLICT (ballot, voter) DO NOTHING")
        var batch = (0..<1000).map(Self.vote)
        batch[500] = Self.vote(10)
        let results = try database.connection.pipeline(insert, batch)
        #expect(results.map(\.affectedRows).reduce(0, +) == 999)
        #expect(results[500].affectedRows == 0)
        #expect(try database.count("votes") == 999)
    }

    @Test func aBatchInsideATransactionJoinsIt() throws {
        let database = try TestDatabase()
        try database.connection.execute(Self.createVotes)
        let insert = try database.connection.statement("INSERT INTO votes VALUES ($1, $2, $3, $4, $5)")
        struct Abandoned: Error {}
        #expect(throws: Abandoned.self) {
            try database.connection.transaction {
                try database.connection.pipeline(insert, (0..<10).map(Self.vote))
                throw Abandoned()
            }
        }
        #expect(try database.count("votes") == 0)
    }

    @Test func differentStatementsRunInOrder() throws {
        let database = try TestDatabase()
        let connection = database.connection
        try connection.execute("CREATE TABLE t(x bigint)")
        let insert = try connection.statement("INSERT INTO t VALUES ($1)")
        let sum = try connection.statement("SELECT sum(x) FROM t")
        let results = try connection.pipeline([(insert, [1]), (insert, [2]), (sum, []), (insert, [4]), (sum, [])])
        #expect(results.map { $0.integer(0, 0) } == [nil, nil, 3, nil, 7])
    }

    @Test(.timeLimit(.minutes(1))) func aLargeBatchWithLargeResultsDoesNotDeadlock() throws {
        // 20,000 results of 1 kB each fill the socket buffers both ways while the client still
        // sends: libpq must read results while it waits to write.
        let connection = try PostgresConnection(url: TestServer.url!)
        let echo = try connection.statement("SELECT repeat('x', 1000), $1::bigint")
        let results = try connection.pipeline(echo, (0..<20_000).map { [.integer(Int64($0))] })
        #expect(results.count == 20_000)
        #expect(results.last?.integer(0, 1) == 19_999)
    }

    @Test func anEmptyBatchSendsNothing() throws {
        let connection = try PostgresConnection(url: TestServer.url!)
        #expect(try connection.pipeline([]).isEmpty)
    }

    @Test func aRefusedParameterSendsNothingOfTheBatch() throws {
        let database = try TestDatabase()
        try database.connection.execute("CREATE TABLE t(x text)")
        let insert = try database.connection.statement("INSERT INTO t VALUES ($1)")
        let error = #expect(throws: PostgresError.self) {
            try database.connection.pipeline(insert, [["fine"], ["nul\u{0}"], ["fine"]])
        }
        #expect(error?.kind == .usage)
        #expect(error?.batchIndex == 1)
        #expect(try database.count("t") == 0)
    }
}
