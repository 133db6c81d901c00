import VoxPopCounting

/// Every command's synopsis and what it does: the one place usage text lives. `voxpop help`
/// prints it all, each command's usage error quotes its own line, and a test holds the README's
/// command table to these synopses.
enum Usage {
    struct Command {
        var name: String
        var synopsis: String
        var summary: String
    }

    static let commands: [Command] = [
        Command(
            name: "serve",
            synopsis:
                "voxpop serve [--campaigns DIR] [--db FILE] [--host H] [--port P] [--publish DIR] [--loops N] [--trusted-proxies LIST]",
            summary: "run the engine, its scheduler and the HTTP server (stop with SIGTERM or Ctrl-C)"),
        Command(
            name: "check", synopsis: "voxpop check FILE_OR_DIR...",
            summary: "validate campaign files; each problem as FILE:LINE:COLUMN: JSON.PATH: message"),
        Command(
            name: "tally",
            synopsis:
                "voxpop tally --method M [--seats N] [--max-choices K] [--shortlist N] [--seed TEXT] [--rule scottish|meek] [--max-score N] [--budget N] [--format json|text] FILE",
            summary: "count a BLT or CSV ballot file and print the tally; methods: "
                + CountingMethod.allCases.map(\.rawValue).joined(separator: ", ")),
        Command(
            name: "audit", synopsis: "voxpop audit --db FILE_OR_URL CAMPAIGN",
            summary: "recompute each ballot's audit chain and recount its stored tally"),
        Command(
            name: "token", synopsis: "voxpop token --secret-env VAR --campaign ID --voter ID [--ttl SECONDS]",
            summary: "print a voter token (JWT, HS256) signed with the secret in $VAR"),
    ]

    /// `usage: SYNOPSIS` of one command.
    static func of(_ name: String) -> String {
        "usage: " + commands.first { $0.name == name }!.synopsis
    }

    /// The whole usage, for `voxpop help` and a wrong command line.
    static var text: String {
        "usage: voxpop COMMAND [ARGUMENTS]\n\ncommands:\n"
            + commands.map { "  \($0.synopsis)\n      \($0.summary)" }.joined(separator: "\n")
            + "\n\nexit codes: 0 success, 1 invalid input, 2 wrong usage"
    }
}
