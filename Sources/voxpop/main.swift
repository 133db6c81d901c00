import Foundation

let usage = """
    usage: voxpop COMMAND [ARGUMENTS]

    commands:
      serve [--campaigns DIR] [--db FILE] [--host H] [--port P] [--publish DIR]
                        load the campaigns and run the engine (the server comes with issue 5)
      check FILE_OR_DIR...
                        validate campaign files; each problem as FILE:LINE:COLUMN: JSON.PATH: message
      tally --method M [--seats N] [--max-choices K] [--shortlist N] [--format json|text] FILE
                        count a BLT or CSV ballot file and print the tally
      audit --db FILE CAMPAIGN
                        recompute each ballot's audit chain and recount its stored tally

    exit codes: 0 success, 1 invalid input, 2 wrong usage
    """

let arguments = CommandLine.arguments
let code: ExitCode
switch arguments.count > 1 ? arguments[1] : nil {
case "check": code = CheckCommand.run(arguments.dropFirst(2))
case "serve": code = ServeCommand.run(arguments.dropFirst(2))
case "tally": code = TallyCommand.run(arguments.dropFirst(2))
case "audit": code = AuditCommand.run(arguments.dropFirst(2))
case "help", "--help", "-h":
    print(usage)
    code = .success
case nil:
    printError(usage)
    code = .usage
case let other?:
    let planned = ["token": "issue 5"]
    if let issue = planned[other] {
        printError("voxpop \(other): not built yet (\(issue))")
        code = .usage
    } else {
        printError("voxpop: unknown command \(other)\n\(usage)")
        code = .usage
    }
}
exit(code.rawValue)
