/// What the engine keeps in a database: ballots and their transitions, the vote log with its
/// audit chain, invites, the operators' decisions, ideas, sessions and the operator log.
///
/// Two stores hold it: an embedded SQLite file (`SQLiteStore`, the default, one process) and a
/// shared PostgreSQL database (`PostgresStore`, any number of processes on one database). The
/// engine sees only this protocol, so it does not know which it has; `VoteStores.open` picks one
/// from `--db`. Every answer is the database's: a store keeps no state another process could
/// change under it, except what `isShared` tells the engine to refresh.
public protocol VoteStore: AnyObject, Sendable {
    /// Where the store is, for messages and the audit: a path, or a URL without its password.
    var location: String { get }
    /// Whether other processes may write to the same database (several nodes): the engine then
    /// hears of their changes through `changes` and keeps nothing it cannot refresh.
    var isShared: Bool { get }

    // MARK: Votes

    /// Queues a vote; `completion` runs once its transaction has committed (or failed).
    func submit(_ request: VoteRequest, completion: @escaping @Sendable (VoteOutcome) -> Void)
    /// Returns once every vote queued before the call is committed or failed.
    func sync()
    /// Keeps `watcher` told of a ballot's counted votes as this process commits them (nil stops
    /// it). A shared store cannot see other processes' votes this way and tells the watcher so.
    func watch(ballotID: Int64, _ watcher: (any CountedVotesWatcher)?)
    /// Stops the writer after committing what is queued.
    func close()

    func countVotes(_ ballotID: Int64) throws -> Int
    func countedVotes(_ ballotID: Int64) throws -> (votes: [(text: String, weight: Int)], total: Int)
    func currentVote(_ ballotID: Int64, voter: [UInt8]) throws -> String?
    func log(_ ballotID: Int64) throws -> [Store.LoggedVote]
    func chainHead(_ ballotID: Int64, campaign: String, ballot: String) throws -> [UInt8]
    func receiptCounts(_ ballotID: Int64, receipt: String) throws -> Bool?

    // MARK: Ballots

    /// The ballot's record, made (scheduled) the first time it is asked for.
    func ballot(campaign: String, ballot: String) throws -> Store.BallotRecord
    func ballots(campaign: String) throws -> [(name: String, record: Store.BallotRecord)]
    func tally(_ ballotID: Int64) throws -> String?
    func replaceTally(_ ballotID: Int64, tally: String) throws
    /// Moves a ballot to `state`, once: false, changing nothing, if it was there already.
    @discardableResult
    func transition(
        _ ballotID: Int64, to state: String, dueAt: Int64, doneAt: Int64, definition: String?, tally: String?
    ) throws -> Bool
    func transitions() throws -> [Store.Transition]

    // MARK: Invites

    func addInvites(campaign: String, codes: [(hash: [UInt8], voter: [UInt8])]) throws -> Int
    func validInvites() throws -> [String: Set<[UInt8]>]
    func inviteCounts(campaign: String) throws -> (total: Int, used: Int, revoked: Int)
    func revokeInvites(campaign: String, hashes: [[UInt8]], at: Int64) throws -> [Store.Revocation]

    // MARK: Write-ins and withdrawals

    func decide(_ ballotID: Int64, keys: [String], _ decision: Store.WriteInDecision) throws
    func decisions(_ ballotID: Int64) throws -> [String: Store.WriteInDecision]
    func setWriteInLabel(_ ballotID: Int64, key: String, label: String?) throws
    func writeInLabels(_ ballotID: Int64) throws -> [String: String]
    func dismissSuggestion(_ ballotID: Int64, _ suggestion: String) throws
    func dismissedSuggestions(_ ballotID: Int64) throws -> Set<String>
    func withdraw(_ ballotID: Int64, options: [String], at: Int64) throws
    func withdrawals(_ ballotID: Int64) throws -> [String]

    // MARK: Ideas

    func suggest(
        _ ballotID: Int64, key: String, text: String, voter: [UInt8], status: String, at: Int64, limit: Int
    ) throws -> Store.Suggested
    func ideas(_ ballotID: Int64) throws -> [Store.Idea]
    func setIdeaStatus(_ ballotID: Int64, id: Int64, status: String) throws -> Bool
    func ideaNotes(_ ballotID: Int64) throws -> [String: Store.IdeaNote]
    func setIdeaNote(_ ballotID: Int64, option: String, _ note: Store.IdeaNote) throws

    // MARK: Operators

    func startSession(id: [UInt8], operator name: String, at: Int64, expiresAt: Int64) throws
    func sessionOperator(id: [UInt8], now: Int64) throws -> String?
    func endSession(id: [UInt8], at: Int64) throws
    /// Adds a line to the operator log; returns its place in it.
    @discardableResult
    func log(at: Int64, actor: String, action: String, campaign: String?, ballot: String?, detail: String) throws
        -> Int64
    func logEntries(before seq: Int64?, limit: Int, campaign: String?, ballot: String?) throws -> [Store.LogEntry]
    func logCount(campaign: String, ballot: String) throws -> Int

    // MARK: Several nodes

    /// Records when an open ballot closes, once known, so that a shared database refuses votes
    /// after that instant by its own clock, whichever node they come to.
    func setCloseDue(_ ballotID: Int64, at: Int64?) throws
    /// Calls `handler`, on a thread of its own, with each change another node announces, and with
    /// `.everything` whenever it may have missed some (its connection came back).
    func observeChanges(_ handler: @escaping @Sendable (StoreChange) -> Void)
    /// Tells the other nodes of a change made outside the store (a reload of the campaign files).
    func announce(_ change: StoreChange) throws
    /// Whether this process may run the scheduler now: always, for a store one process holds; for
    /// a shared one, while it holds the database's scheduler lock (taken when it is free).
    func holdsSchedulerLease() -> Bool
}
