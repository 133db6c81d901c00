import Foundation

let usage = Usage.text

let arguments = CommandLine.arguments
let code: ExitCode
switch arguments.count > 1 ? arguments[1] : nil {
case "check": code = CheckCommand.run(arguments.dropFirst(2))
case "serve": code = ServeCommand.run(arguments.dropFirst(2))
case "tally": code = TallyCommand.run(arguments.dropFirst(2))
case "audit": code = AuditCommand.run(arguments.dropFirst(2))
case "migrate": code = MigrateCommand.run(arguments.dropFirst(2))
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
