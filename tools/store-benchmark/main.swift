// How fast votes reach the disk, with synchronous=FULL, three ways in one run:
//
// 1. the engine: `Engine.cast` (rules, pseudonym, audit chain) from 64 concurrent callers, each
//    waiting for its vote's commit, through the one writer that commits in batches;
// 2. one transaction per vote: the same rows, each INSERT committed on its own;
// 3. the raw ceiling: the same rows from one loop, a prepared INSERT, 10,000 rows a transaction.
//
// Then the million-vote ballot is closed, counted and published, and that is timed too.
//
//     swift run -c release store-benchmark [VOTES] [ONE-BY-ONE-VOTES] [DIRECTORY]
//
// SYNC=NORMAL in the environment runs the engine with synchronous=NORMAL, to see what fsync costs.
//
// One-by-one runs on fewer votes (default 50,000): at its speed a million would take minutes,
// and a smaller index only flatters it, so the ratio against it is conservative.
import Foundation
import VoxPopCampaigns
import VoxPopEngine
import VoxPopStore

let arguments = CommandLine.arguments
let votes = arguments.count > 1 ? Int(arguments[1])! : 1_000_000
let oneByOne = arguments.count > 2 ? Int(arguments[2])! : 50_000
let base = URL(fileURLWithPath: arguments.count > 3 ? arguments[3] : FileManager.default.currentDirectoryPath)
    .appendingPathComponent("store-benchmark-\(ProcessInfo.processInfo.processIdentifier)")
try! FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: base) }
let key = VoterKey(bytes: Array("benchmark".utf8))
let colours = ["red", "blue", "green", "yellow"]

func seconds(_ start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

let campaignFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Campaigns/quick-poll.json").path
let poll = CampaignLoader.load(paths: [campaignFile]).campaigns[0].campaign

// 1. The engine.
let enginePath = base.appendingPathComponent("engine.sqlite").path
let store = try! SQLiteStore(
    path: enginePath, key: key, synchronous: ProcessInfo.processInfo.environment["SYNC"] == "NORMAL" ? .normal : .full)
let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
let engine = try! Engine(
    campaigns: [poll], store: store, clock: clock,
    publisher: Publisher(directory: base.appendingPathComponent("published")),
    key: key)
try! engine.tick()
// CALLERS in the environment changes the number of concurrent callers (default 64, the issue's).
let callers = Int(ProcessInfo.processInfo.environment["CALLERS"] ?? "") ?? 64
// 64 callers, each with one vote in flight at a time, as 64 keep-alive connections would have;
// driven like the HTTP server will drive them, by two event-loop queues (one per core): each
// vote's completion hands the caller's next vote to its loop. (Blocking 64 threads on 2 cores
// instead measures the scheduler: see docs/benchmarks.md.)
let loops = [DispatchQueue(label: "loop-0"), DispatchQueue(label: "loop-1")]
let finished = DispatchGroup()
@Sendable func cast(_ caller: Int, _ voter: Int) {
    guard voter < votes else { return finished.leave() }
    engine.cast(
        campaign: "quick-poll", ballot: "colour", voter: .token("voter-\(voter)"), vote: .choices([colours[voter % 4]])
    ) {
        if case .failure(let refusal) = $0 { fatalError("vote \(voter) refused: \(refusal)") }
        loops[caller % 2].async { cast(caller, voter + callers) }
    }
}
let engineStart = ContinuousClock.now
for caller in 0..<callers {
    finished.enter()
    loops[caller % 2].async { cast(caller, caller) }
}
finished.wait()
let engineSeconds = seconds(engineStart)
store.writer.sync()
let averageBatch = Double(store.writer.committedVotes) / Double(max(store.writer.commits, 1))
let flushes = store.writer.flushStatistics

clock.set(Date(timeIntervalSince1970: 1_800_000_060))
let publishStart = ContinuousClock.now
try! engine.closeNow(campaign: "quick-poll", ballot: "colour")
let publishSeconds = seconds(publishStart)
precondition(engine.state(campaign: "quick-poll", ballot: "colour") == .published)
store.close()

/// The rows the engine wrote, read back, so the other two loops write exactly the same.
let rows: [Store.LoggedVote] = {
    let reader = try! SQLiteStore(path: enginePath, key: nil)
    defer { reader.close() }
    return try! reader.log(reader.ballot(campaign: "quick-poll", ballot: "colour").id)
}()
precondition(rows.count == votes)

func emptyDatabase(_ name: String) -> Connection {
    let path = base.appendingPathComponent(name).path
    try! SQLiteStore(path: path, key: key).close()
    let connection = try! Connection(path: path)
    _ = try! connection.integer("PRAGMA journal_mode = WAL")
    try! connection.execute("PRAGMA synchronous = FULL; PRAGMA cache_size = -65536")
    try! connection.execute("INSERT INTO ballots(campaign, ballot) VALUES ('quick-poll', 'colour')")
    return connection
}

func insert(_ connection: Connection, _ row: Store.LoggedVote) {
    try! connection.statement(
        "INSERT INTO votes(seq, ballot, voter, vote, accepted_at, chain) VALUES (?1, 1, ?2, ?3, ?4, ?5)"
    ).bind(.integer(row.seq), .blob(row.voter), .text(row.vote), .integer(row.acceptedAt), .blob(row.chain)).run()
}

// 2. One transaction per vote.
let single = emptyDatabase("one-by-one.sqlite")
let singleStart = ContinuousClock.now
for row in rows.prefix(oneByOne) { insert(single, row) }
let singleSeconds = seconds(singleStart)

// 3. The raw ceiling.
let raw = emptyDatabase("raw.sqlite")
let rawStart = ContinuousClock.now
let rawCPUStart = threadCPUMicroseconds()
var index = 0
while index < rows.count {
    try! raw.execute("BEGIN")
    for row in rows[index..<min(index + 10_000, rows.count)] { insert(raw, row) }
    try! raw.execute("COMMIT")
    index += 10_000
}
let rawSeconds = seconds(rawStart)
let rawCPU = threadCPUMicroseconds() - rawCPUStart

func threadCPUMicroseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1e6 + Double(time.tv_nsec) / 1e3
}

let engineRate = Double(votes) / engineSeconds
let singleRate = Double(oneByOne) / singleSeconds
let rawRate = Double(votes) / rawSeconds
print("| path | votes | seconds | votes/s | vs one-by-one | vs raw ceiling |")
print("|---|---|---|---|---|---|")
print(
    String(
        format: "| engine: Engine.cast, %d callers on 2 loops, group commit | %d | %.1f | %.0f | %.1fx | %.0f%% |",
        callers, votes, engineSeconds, engineRate, engineRate / singleRate, 100 * engineRate / rawRate))
print(
    String(
        format: "| one transaction per vote | %d | %.1f | %.0f | 1.0x | %.0f%% |", oneByOne, singleSeconds, singleRate,
        100 * singleRate / rawRate))
print(
    String(
        format: "| raw ceiling: prepared INSERT, 10,000 a transaction | %d | %.1f | %.0f | %.1fx | 100%% |", votes,
        rawSeconds, rawRate, rawRate / singleRate))
print()
print(String(format: "engine: %d commits, %.1f votes per commit on average", store.writer.commits, averageBatch))
print(
    String(
        format: "engine: the writer thread's CPU time, %.1f µs per vote (%.0f%% of the run)",
        store.writer.busyMicroseconds / Double(votes), store.writer.busyMicroseconds / 1e4 / engineSeconds))
print(
    String(
        format: "engine: %d WAL flushes (fdatasync), %.0f µs each on average; %d callers / that = %.0f votes/s at most",
        flushes.count, flushes.meanMicroseconds, callers, Double(callers) / max(flushes.meanMicroseconds, 1) * 1e6))
print(
    String(
        format: "raw ceiling: its one thread's CPU time, %.1f µs per row (%.0f%% of its run)",
        rawCPU / Double(votes), rawCPU / 1e4 / rawSeconds))
// The disk alone, for the flush time above: one flusher, then three at once (the syncers' number).
for threads in [1, 3] {
    let probe = diskFlushProbe(directory: base, threads: threads, seconds: 3)
    print(
        String(
            format: "disk: %d thread%@ overwriting 64 KB and calling fdatasync: %.0f flushes/s, %.0f µs each",
            threads, threads == 1 ? "" : "s", probe.perSecond, probe.meanMicroseconds))
}
print(String(format: "close, count and publish (JSON, CSV, HTML) the %d-vote ballot: %.2f s", votes, publishSeconds))
