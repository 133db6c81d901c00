import CLibPQ

/// Pipelined batches: many executions of prepared statements sent at once, their results read
/// afterwards, for one network round trip per batch instead of one per statement.
///
/// A batch is one transaction. Its executions are sent with no Sync between them and one Sync at
/// the end, and PostgreSQL runs everything up to a Sync as one implicit transaction: the batch
/// commits at the Sync (one WAL flush for all of it), or, if any execution fails, the server
/// skips the rest and rolls the whole batch back. The error then names the failing execution
/// (`batchIndex`) with its SQLSTATE; resend the batch without it to keep the others. For votes,
/// `INSERT … ON CONFLICT (ballot, voter) DO NOTHING` turns a repeat voter into a result with
/// `affectedRows == 0` instead of a failure, so one voter's repeat never costs a batch.
///
/// Inside `transaction { }` a batch joins that transaction instead, and a failure aborts it.
///
/// Related PostgreSQL documentation: <https://www.postgresql.org/docs/15/libpq-pipeline-mode.html>,
/// <https://www.postgresql.org/docs/15/protocol-flow.html#PROTOCOL-FLOW-PIPELINING>
extension PostgresConnection {
    /// Runs `statement` once per parameter list in `batch`, pipelined; returns each execution's rows.
    @discardableResult
    public func pipeline(_ statement: PostgresStatement, _ batch: [[PostgresValue]]) throws(PostgresError)
        -> [PostgresRows]
    {
        try pipeline(batch.map { (statement, $0) })
    }

    /// Runs each statement with its parameters, pipelined, in order; returns each one's rows.
    @discardableResult
    public func pipeline(_ executions: [(statement: PostgresStatement, parameters: [PostgresValue])])
        throws(PostgresError) -> [PostgresRows]
    {
        guard !executions.isEmpty else { return [] }
        // Encoded before anything is sent: a refused parameter must not leave half a batch queued.
        var encoded: [PostgresParameters] = []
        encoded.reserveCapacity(executions.count)
        for (index, execution) in executions.enumerated() {
            precondition(execution.statement.connection === self, "a statement prepared on another connection")
            do {
                encoded.append(try PostgresParameters(execution.parameters, sql: execution.statement.sql))
            } catch {
                var error = error
                error.batchIndex = index
                throw error
            }
        }
        guard voxpop_pq_enter_pipeline_mode(handle) == 1 else {
            throw PostgresError(
                kind: .usage,
                message: "cannot enter pipeline mode: \(Self.oneLine(String(cString: voxpop_pq_error_message(handle))))"
            )
        }
        // Blocking mode is safe here: while libpq waits to write, it also reads the server's
        // results into its own buffer, so a large batch cannot deadlock on full socket buffers.
        for (index, execution) in executions.enumerated() {
            let parameters = encoded[index]
            let sent = parameters.withArrays { _, values, lengths, formats in
                voxpop_pq_send_query_prepared(
                    handle, execution.statement.name, Int32(parameters.count), values, lengths, formats, 0)
            }
            // Only a broken connection fails a send (libpq queues in memory); without the Sync the
            // server commits none of it. The connection is then unusable.
            guard sent == 1 else { throw connectionError(sql: execution.statement.sql, batchIndex: index) }
        }
        guard voxpop_pq_pipeline_sync(handle) == 1 else { throw connectionError(sql: nil) }
        let (rows, failure) = readPipelineResults(executions.map(\.statement.sql))
        if voxpop_pq_exit_pipeline_mode(handle) != 1, failure == nil {
            throw connectionError(sql: nil)
        }
        if let failure { throw failure }
        return rows
    }

    /// Reads one result per execution, then the Sync's. The first failure is kept; the server
    /// skips the executions after it, which libpq reports as PGRES_PIPELINE_ABORTED.
    private func readPipelineResults(_ sqls: [String]) -> ([PostgresRows], PostgresError?) {
        var rows: [PostgresRows] = []
        rows.reserveCapacity(sqls.count)
        var failure: PostgresError?
        var index = 0
        var nullsInARow = 0
        while true {
            // libpq ends each execution's results with a null; two in a row mean nothing is left,
            // which before the Sync's result only happens when the connection broke.
            guard let result = voxpop_pq_get_result(handle) else {
                nullsInARow += 1
                if nullsInARow >= 2 || !isConnected {
                    return ([], failure ?? connectionError(sql: nil, batchIndex: index))
                }
                continue
            }
            nullsInARow = 0
            switch voxpop_pq_result_status(result) {
            case Int32(VOXPOP_PGRES_PIPELINE_SYNC):
                voxpop_pq_clear(result)
                if failure == nil && rows.count != sqls.count {
                    failure = PostgresError(
                        kind: .usage, message: "a pipelined batch of \(sqls.count) returned \(rows.count) results")
                }
                return (failure == nil ? rows : [], failure)
            case Int32(VOXPOP_PGRES_COMMAND_OK), Int32(VOXPOP_PGRES_TUPLES_OK):
                rows.append(PostgresRows(result))
            case Int32(VOXPOP_PGRES_PIPELINE_ABORTED):
                voxpop_pq_clear(result)
            default:
                // Past the last execution, the failure is the implicit COMMIT's (a deferred
                // constraint, a serialization failure).
                let sql = index < sqls.count ? sqls[index] : "COMMIT (the batch's implicit commit)"
                if failure == nil { failure = error(from: result, sql: sql, batchIndex: index) }
                voxpop_pq_clear(result)
            }
            index += 1
        }
    }
}
