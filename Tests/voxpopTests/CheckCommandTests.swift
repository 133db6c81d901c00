import Testing

@Suite struct CheckCommandTests {
    @Test func theExampleCampaignsPass() throws {
        let result = try CommandRunner.run(["check", "Campaigns"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == "6 files checked: 6 campaigns, 7 ballots, no problems\n")
    }

    @Test func problemsGoToStderrOnePerLineAndExitOne() throws {
        let file = "Tests/VoxPopCampaignsTests/Fixtures/broken/many-problems.json"
        let result = try CommandRunner.run(["check", file])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines.first == "\(file):11:33: $.ballots[0].writeIns.maxLength: 0 is out of range: use 1 to 1000")
        #expect(lines.last == "1 file checked: 5 problems")
    }

    @Test func aGoodFileAndABadOneTogetherStillFail() throws {
        let result = try CommandRunner.run([
            "check", "Campaigns/quick-poll.json", "Tests/VoxPopCampaignsTests/Fixtures/broken/unknown-key-clozes.json",
        ])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "unknown-key-clozes.json:13:7: $.ballots[0].clozes: unknown key \"clozes\"; did you mean \"closes\"?"))
    }

    @Test func wrongUsageExitsTwo() throws {
        #expect(try CommandRunner.run(["check"]).status == 2)
        #expect(try CommandRunner.run(["check", "--strict", "Campaigns"]).status == 2)
        #expect(try CommandRunner.run([]).status == 2)
        #expect(try CommandRunner.run(["frobnicate"]).status == 2)
    }
}
