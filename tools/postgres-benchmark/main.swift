// How fast a votes-like table fills through PostgresConnection, three ways, with
// synchronous_commit on (every commit waits for its WAL flush):
//
// 1. pipelined: each batch of 1,000 rows sent as one pipeline and one Sync, so one round trip
//    and one implicit transaction (one WAL flush) per batch: what the PostgreSQL vote writer
//    would do;
// 2. one round trip per row, 1,000 rows a transaction (BEGIN … COMMIT): group commit without
//    the pipeline, to show what the pipeline itself adds;
// 3. one transaction per row: each INSERT committed on its own.
//
//     tools/postgres run -- swift run -c release postgres-benchmark [ROWS] [BATCH]
//
// The server's URL comes from VOXPOP_TEST_POSTGRES, as for the tests. Each way starts from an
// empty table, and the UNIQUE (ballot, voter) index is kept, as a vote writer would need it.
import Foundation
import VoxPopStore

let arguments = CommandLine.arguments
let rows = arguments.count > 1 ? Int(arguments[1])! : 100_000
let batchSize = arguments.count > 2 ? Int(arguments[2])! : 1_000
guard let url = ProcessInfo.processInfo.environment["VOXPOP_TEST_POSTGRES"] else {
    FileHandle.standardError.write(
        Data("set VOXPOP_TEST_POSTGRES, or run: tools/postgres run -- swift run -c release postgres-benchmark\n".utf8))
    exit(2)
}

let connection = try PostgresConnection(url: url)

/// A vote's row: 16-byte voter pseudonym and 32-byte chain hash, as random as real ones.
func vote(_ number: Int) -> [PostgresValue] {
    var generator = SystemRandomNumberGenerator()
    let voter = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let chain = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    return [
        .integer(Int64(number % 10)), .bytea(voter), .text("option-\(number % 7)"),
        .integer(1_764_547_200_000 + Int64(number)), .bytea(chain),
    ]
}

@MainActor
func freshTable() throws -> PostgresStatement {
    try connection.execute(
        """
        DROP TABLE IF EXISTS benchmark_votes;
        CREATE TABLE benchmark_votes(ballot bigint NOT NULL, voter bytea NOT NULL, vote text NOT NULL,
            accepted_at bigint NOT NULL, chain bytea NOT NULL, UNIQUE (ballot, voter));
        CHECKPOINT
        """)
    return try connection.statement(
        "INSERT INTO benchmark_votes(ballot, voter, vote, accepted_at, chain) VALUES ($1, $2, $3, $4, $5)")
}

/// The server's count of WAL flushes (pg_stat_wal, PostgreSQL 14 and later).
@MainActor
func walSyncs() throws -> Int64 {
    try connection.query("SELECT pg_stat_force_next_flush()")
    try connection.execute("SELECT pg_stat_clear_snapshot()")
    return try connection.query("SELECT wal_sync FROM pg_stat_wal").integer(0, 0) ?? 0
}

struct Measurement {
    var way: String
    var transactions: Int
    var seconds: Double
    var walSyncs: Int64
}

@MainActor
func measure(_ way: String, transactions: Int, _ body: (PostgresStatement, [[PostgresValue]]) throws -> Void) throws
    -> Measurement
{
    let insert = try freshTable()
    let values = (0..<rows).map(vote)
    let syncsBefore = try walSyncs()
    let clock = ContinuousClock()
    let start = clock.now
    try body(insert, values)
    let elapsed = start.duration(to: clock.now)
    let syncs = try walSyncs() - syncsBefore
    let stored = try connection.query("SELECT count(*) FROM benchmark_votes").integer(0, 0)
    precondition(stored == Int64(rows), "\(way): \(stored ?? -1) rows stored, not \(rows)")
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Measurement(way: way, transactions: transactions, seconds: seconds, walSyncs: syncs)
}

let batches = (rows + batchSize - 1) / batchSize
var results: [Measurement] = []
results.append(
    try measure("pipelined, \(batchSize) rows a transaction", transactions: batches) { insert, values in
        for start in stride(from: 0, to: rows, by: batchSize) {
            try connection.pipeline(insert, Array(values[start..<min(start + batchSize, rows)]))
        }
    })
results.append(
    try measure("round trip per row, \(batchSize) rows a transaction", transactions: batches) { insert, values in
        for start in stride(from: 0, to: rows, by: batchSize) {
            try connection.transaction {
                for row in values[start..<min(start + batchSize, rows)] { try insert.query(row) }
            }
        }
    })
results.append(
    try measure("one transaction per row", transactions: rows) { insert, values in
        for row in values { try insert.query(row) }
    })
try connection.execute("DROP TABLE benchmark_votes")

let version = try connection.query("SHOW server_version").text(0, 0) ?? "?"
let settings = try connection.query(
    "SELECT current_setting('synchronous_commit'), current_setting('fsync'), current_setting('wal_sync_method')")
print(
    "\(rows) rows into PostgreSQL \(version) on loopback; synchronous_commit=\(settings.text(0, 0)!), "
        + "fsync=\(settings.text(0, 1)!), wal_sync_method=\(settings.text(0, 2)!); libpq \(PostgresLibrary.version!)")
func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}
func padLeft(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}
print(
    pad("way", 44) + padLeft("transactions", 13) + padLeft("seconds", 10) + padLeft("rows/s", 10)
        + padLeft("µs/row", 9) + padLeft("WAL syncs", 11))
for result in results {
    print(
        pad(result.way, 44) + padLeft("\(result.transactions)", 13)
            + padLeft(String(format: "%.2f", result.seconds), 10)
            + padLeft(String(format: "%.0f", Double(rows) / result.seconds), 10)
            + padLeft(String(format: "%.1f", result.seconds * 1e6 / Double(rows)), 9)
            + padLeft("\(result.walSyncs)", 11))
}
print(String(format: "pipelined is %.1fx one transaction per row", results[2].seconds / results[0].seconds))
