import Testing

@testable import VoxPopStore

/// Loading libpq at run time: these run without a server, and the first two without libpq.
@Suite struct PostgresLibraryTests {
    @Test func aMissingLibraryGetsAnErrorThatSaysWhatToInstall() {
        let error = #expect(throws: PostgresError.self) { try PostgresLibrary.probe(soname: "libpq-missing.so.5") }
        #expect(error?.kind == .libraryUnavailable)
        #expect(error?.code == nil)
        #expect(
            error?.description.hasPrefix(
                "PostgreSQL's client library libpq-missing.so.5 was not found; install it with `apt-get install libpq5`"
            )
                == true)
        // dlopen's own reason follows, for the cases the sentence does not cover.
        #expect(error?.description.contains("cannot open shared object file") == true)
    }

    @Test func aLibraryThatIsNotLibpqIsRefusedByNamingWhatItLacks() {
        let error = #expect(throws: PostgresError.self) { try PostgresLibrary.probe(soname: "libc.so.6") }
        #expect(error?.kind == .libraryUnavailable)
        #expect(error?.description.contains("libc.so.6 lacks PQconnectdb") == true)
    }

    /// Runs only where libpq is missing (docs/postgres-client.md shows how to hide it).
    @Test(.enabled(if: !PostgresLibrary.isAvailable, "libpq.so.5 is installed"))
    func withoutLibpqConnectingSaysWhatToInstall() {
        let error = #expect(throws: PostgresError.self) {
            try PostgresConnection(url: "postgres://voxpop@127.0.0.1:1/voxpop")
        }
        #expect(error?.kind == .libraryUnavailable)
        #expect(
            error?.description.hasPrefix(
                "PostgreSQL's client library libpq.so.5 was not found; install it with `apt-get install libpq5`")
                == true)
        #expect(PostgresLibrary.version == nil)
    }

    @Test(TestServer.libraryRequired) func theInstalledLibpqLoadsAndHasPipelineMode() throws {
        try PostgresLibrary.load()
        try PostgresLibrary.probe(soname: PostgresLibrary.soname)
        #expect(PostgresLibrary.version.map { $0 >= 14_0000 } == true)
    }
}
