import Foundation

let usage = """
    usage: voxpop COMMAND [ARGUMENTS]

    commands:
      serve [--campaigns DIR] [--db FILE] [--host H] [--port P] [--publish DIR]
                        run the engine and its HTTP API (stop with SIGTERM or Ctrl-C)
      check FILE_OR_DIR...
                        validate campaign files; each problem as FILE:LINE:COLUMN: JSON.PATH: message
      tally --method M [--seats N] [--max-choices K] [--shortlist N] [--format json|text] FILE
                        count a BLT or CSV ballot file and print the tally
      audit --db FILE CAMPAIGN
                        recompute each ballot's audit chain and recount its stored tally
      token --secret-env VAR --campaign ID --voter ID [--ttl SECONDS]
                        print a voter token signed with the secret in $VAR

    exit codes: 0 success, 1 invalid input, 2 wrong usage
    """

let arguments = CommandLine.arguments
let code: ExitCode
switch arguments.count > 1 ? arguments[1] : nil {
case "check": code = CheckCommand.run(arguments.dropFirst(2))
case "serve": code = ServeCommand.run(arguments.dropFirst(2))
case "tally": code = TallyCommand.run(arguments.dropFirst(2))
case "audit": code = AuditCommand.run(arguments.dropFirst(2))
case "token": code = TokenCommand.run(arguments.dropFirst(2))
case "help", "--help", "-h":
    print(usage)
    code = .success
case nil:
    printError(usage)
    code = .usage
case let other?:
    printError("voxpop: unknown command \(other)\n\(usage)")
    code = .usage
}
exit(code.rawValue)
