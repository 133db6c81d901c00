import Testing

@testable import VoxPopStore

@Suite struct PostgresValueTests {
    static let everyByte = (0...255).map { UInt8($0) }

    @Test(TestServer.required) func parametersAndNullsRoundTrip() throws {
        let connection = try PostgresConnection(url: TestServer.url!)
        let sql = "SELECT $1::bigint, $2::bigint, $3::text, $4::text, $5::text, $6::bigint, $7::int, $8::bool"
        let parameters: [PostgresValue] = [
            .integer(.min), .integer(.max), "héllo, \"wörld\" ✓ 'quoted' \\ back", "", nil, nil, 42, "true",
        ]
        for rows in [try connection.query(sql, parameters), try connection.statement(sql).query(parameters)] {
            #expect(rows.count == 1)
            #expect(rows.columnCount == 8)
            #expect(rows.value(0, 0) == .integer(.min))
            #expect(rows.value(0, 1) == .integer(.max))
            #expect(rows.value(0, 2) == .text("héllo, \"wörld\" ✓ 'quoted' \\ back"))
            #expect(rows.value(0, 3) == .text(""))  // empty text is not NULL
            #expect(rows.value(0, 4) == .null)
            #expect(rows.value(0, 5) == .null)
            #expect(rows.integer(0, 5) == nil)
            #expect(rows.value(0, 6) == .integer(42))  // int4 reads as an integer too
            #expect(rows.value(0, 7) == .text("t"))  // other types as their text
        }
    }

    @Test(TestServer.required) func byteaRoundTripsEveryByteAndTheEmptyValue() throws {
        let database = try TestDatabase()
        let connection = database.connection
        try connection.execute("CREATE TABLE blobs(id bigint PRIMARY KEY, data bytea)")
        let insert = try connection.statement("INSERT INTO blobs VALUES ($1, $2)")
        try insert.query([1, .bytea(Self.everyByte)])
        try insert.query([2, .bytea([])])
        try insert.query([3, nil])
        let rows = try connection.query("SELECT data, length(data) FROM blobs ORDER BY id")
        #expect(rows.bytea(0, 0) == Self.everyByte)
        #expect(rows.integer(0, 1) == 256)
        #expect(rows.value(1, 0) == .bytea([]))
        #expect(rows.value(2, 0) == .null)
        // A bytea parameter in an untyped context is still bytea, not text.
        #expect(try connection.query("SELECT $1", [.bytea([0, 1, 0xFF])]).bytea(0, 0) == [0, 1, 0xFF])
    }

    @Test(TestServer.required) func byteaReadsInTheOlderEscapeFormToo() throws {
        let connection = try PostgresConnection(url: TestServer.url!)
        try connection.execute("SET bytea_output = escape")
        let rows = try connection.query("SELECT $1::bytea", [.bytea(Self.everyByte)])
        #expect(rows.text(0, 0)?.hasPrefix("\\000\\001") == true)
        #expect(rows.bytea(0, 0) == Self.everyByte)
    }

    @Test func malformedByteaTextIsNil() {
        for text in ["\\x0", "\\xZZ", "\\12", "\\999"] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { ByteaText.decode($0) } == nil, "\(text)")
        }
    }

    @Test(TestServer.required) func textWithANulByteIsRefusedNotCutShort() throws {
        let connection = try PostgresConnection(url: TestServer.url!)
        let error = #expect(throws: PostgresError.self) { try connection.query("SELECT $1::text", ["a\u{0}b"]) }
        #expect(error?.kind == .usage)
        #expect(error?.sql == "SELECT $1::text")
    }

    @Test(TestServer.required) func integersThatDoNotFitAreNilNotWrapped() throws {
        let connection = try PostgresConnection(url: TestServer.url!)
        let rows = try connection.query("SELECT '9223372036854775808'::text, 'x'::text, '-9223372036854775808'::text")
        #expect(rows.integer(0, 0) == nil)
        #expect(rows.integer(0, 1) == nil)
        #expect(rows.integer(0, 2) == .min)
    }
}
