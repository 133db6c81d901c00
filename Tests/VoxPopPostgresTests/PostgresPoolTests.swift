import Foundation
import Testing

@testable import VoxPopStore

/// The PostgreSQL store's pool of connections when the server drops them all (as a restart does).
@Suite struct PostgresPoolTests {
    @Test(TestServer.required) func afterTheServerDropsEveryConnectionTheNextCallGetsAFreshOne() throws {
        let name = "voxpop_pool_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let pool = PostgresPool(url: TestServer.url! + "?application_name=\(name)", capacity: 4)
        // Four connections at once, then all four idle in the pool.
        let backends = try pool.with { a in
            try pool.with { b in
                try pool.with { c in
                    try pool.with { d in
                        try [a, b, c, d].map { try $0.query("SELECT pg_backend_pid()").integer(0, 0) ?? 0 }
                    }
                }
            }
        }
        #expect(Set(backends).count == 4)
        let server = try PostgresConnection(url: TestServer.url!)
        let ended = try server.query(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1", [.text(name)]
        ).integer(0, 0)
        #expect(ended == 4)
        // The backends are gone once pg_stat_activity no longer lists them.
        let deadline = Date().addingTimeInterval(10)
        while try server.query("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", [.text(name)])
            .integer(0, 0) != 0, Date() < deadline
        {
            Thread.sleep(forTimeInterval: 0.01)
        }

        // The first try meets a dead connection; the retry must not take the next dead one.
        #expect(try pool.with { try $0.query("SELECT 1").integer(0, 0) } == 1)
        pool.close()
    }
}
