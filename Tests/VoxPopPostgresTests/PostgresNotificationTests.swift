import Testing
import VoxPopStore

@Suite(TestServer.required) struct PostgresNotificationTests {
    @Test func aNotifyReachesAListenerWithinASecond() throws {
        let listener = try PostgresConnection(url: TestServer.url!)
        let sender = try PostgresConnection(url: TestServer.url!)
        let channel = "ballot closed \(UInt32.random(in: 0...UInt32.max))"  // quoted: spaces are fine
        try listener.listen(channel)
        #expect(try listener.notifications(waitingAtMost: .milliseconds(10)).isEmpty)

        let clock = ContinuousClock()
        let sent = clock.now
        try sender.notify(channel, payload: "campaign/ballot-1")
        let received = try listener.notifications(waitingAtMost: .seconds(1))
        let elapsed = sent.duration(to: clock.now)
        let senderPID = try #require(try sender.query("SELECT pg_backend_pid()").integer(0, 0))
        #expect(received.map(\.channel) == [channel])
        #expect(received.map(\.payload) == ["campaign/ballot-1"])
        #expect(received.map(\.processID) == [Int32(senderPID)])
        #expect(elapsed < .seconds(1))
    }

    @Test func notificationsWaitForTheCommitAndArriveInOrder() throws {
        let listener = try PostgresConnection(url: TestServer.url!)
        let sender = try PostgresConnection(url: TestServer.url!)
        let channel = "tallies_\(UInt32.random(in: 0...UInt32.max))"
        try listener.listen(channel)
        try sender.transaction {
            try sender.notify(channel, payload: "1")
            try sender.notify(channel, payload: "2")
            #expect(try listener.notifications(waitingAtMost: .milliseconds(50)).isEmpty)
        }
        var payloads: [String] = []
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(2))
        while payloads.count < 2 && clock.now < deadline {
            payloads += try listener.notifications(waitingAtMost: .milliseconds(100)).map(\.payload)
        }
        #expect(payloads == ["1", "2"])
    }

    @Test func nothingArrivesAfterUnlisten() throws {
        let connection = try PostgresConnection(url: TestServer.url!)
        let channel = "quiet_\(UInt32.random(in: 0...UInt32.max))"
        try connection.listen(channel)
        try connection.unlisten(channel)
        try connection.notify(channel)
        #expect(try connection.notifications(waitingAtMost: .milliseconds(100)).isEmpty)
    }
}
