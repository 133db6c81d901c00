import Foundation
import VoxPopCampaigns
import VoxPopEngine
import VoxPopFoundation
import VoxPopHTTP
import VoxPopWeb

/// `voxpop serve`: the engine, its scheduler and the HTTP API in one process.
///
/// Starts by catching up (a ballot that should have closed while the server was down closes,
/// is counted and published now), then ticks the scheduler every half second. SIGTERM or SIGINT
/// stops it gracefully: no new connections, in-flight requests answered, queued votes committed
/// and flushed, exit 0.
enum ServeCommand {
    static let usage = Usage.of("serve")

    static func run(_ arguments: ArraySlice<String>) -> ExitCode {
        let parsed: Arguments
        do {
            parsed = try Arguments(
                arguments, options: ["campaigns", "db", "host", "port", "publish", "loops", "trusted-proxies"])
        } catch {
            printError("voxpop serve: \(error.message)\n\(usage)")
            return .usage
        }
        guard parsed.positional.isEmpty else {
            printError("voxpop serve: unexpected argument \(parsed.positional[0])\n\(usage)")
            return .usage
        }
        var configuration = HTTPServer.Configuration()
        configuration.host = parsed.options["host"] ?? "127.0.0.1"
        if let port = parsed.options["port"] {
            guard let number = UInt16(port) else {
                printError("voxpop serve: --port must be a number from 0 to 65535, not \(port)")
                return .usage
            }
            configuration.port = number
        }
        if let loops = parsed.options["loops"] {
            guard let number = Int(loops), (1...64).contains(number) else {
                printError("voxpop serve: --loops must be a number from 1 to 64, not \(loops)")
                return .usage
            }
            configuration.loops = number
        }
        if let proxies = parsed.options["trusted-proxies"]
            ?? ProcessInfo.processInfo.environment["VOXPOP_TRUSTED_PROXIES"]
        {
            do {
                configuration.trustedProxies = try HTTPServer.Configuration.parseTrustedProxies(proxies)
            } catch {
                printError("voxpop serve: --trusted-proxies: \(error)")
                return .usage
            }
        }
        let directory = parsed.options["campaigns"] ?? "Campaigns"
        let database = parsed.options["db"] ?? "voxpop.sqlite"
        let publishDirectory = parsed.options["publish"] ?? "published"
        let environment = ProcessInfo.processInfo.environment

        let loaded = CampaignLoader.load(paths: [directory])
        guard loaded.problems.isEmpty else {
            for problem in loaded.problems { printError(problem.description) }
            printError("voxpop serve: fix the problems above; `voxpop check \(directory)` lists them again")
            return .invalidInput
        }
        let campaigns = loaded.campaigns.map(\.campaign)
        let engine: Engine
        let clock = SystemClock()
        do {
            engine = try Engine.open(
                database: database, campaigns: campaigns, environment: environment, clock: clock,
                publishDirectory: URL(fileURLWithPath: publishDirectory))
        } catch {
            printError("voxpop serve: \(error)")
            return .invalidInput
        }
        do {
            // Catching up: the steps missed while the server was down (on a shared database, the
            // scheduler's node does).
            for step in try engine.scheduledTick() { printLine("voxpop: \(step)") }
        } catch {
            printError("voxpop serve: \(error)")
            engine.close()
            return .invalidInput
        }
        let app = WebApp(
            engine: engine, campaigns: campaigns, environment: environment, clock: clock,
            mediaDirectory: URL(fileURLWithPath: directory).appendingPathComponent("media"),
            loadCampaigns: { CampaignLoader.load(paths: [directory]) })
        for warning in app.warnings { printError("voxpop serve: warning: \(warning)") }

        let server = HTTPServer(configuration: configuration, handler: app)
        let port: UInt16
        do {
            port = try server.start()
        } catch {
            printError("voxpop serve: cannot listen on \(configuration.host):\(configuration.port): \(error)")
            app.stop()
            engine.close()
            return .invalidInput
        }
        printLine("voxpop: listening on http://\(configuration.host):\(port) (\(configuration.loops) event loops)")
        printLine("voxpop: database \(database), publishing to \(publishDirectory)/")
        for id in engine.campaignIDs {
            for view in engine.ballotViews(campaign: id) ?? [] {
                printLine("voxpop: \(id)/\(view.definition.id): \(view.state.rawValue)")
            }
        }

        let stopping = DispatchSemaphore(value: 0)
        signal(SIGPIPE, SIG_IGN)
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stopping.signal() }
            source.resume()
            sources.append(source)
        }
        let scheduler = Scheduler.start(engine)
        stopping.wait()
        printLine("voxpop: stopping: answering what is in flight, then flushing the votes")
        scheduler.stop()
        server.stop()
        app.stop()
        engine.close()
        printLine("voxpop: stopped")
        _ = sources
        return .success
    }
}

/// Ticks the engine on its own thread, so that a close counting a million votes never holds up
/// an event loop; on a shared database, only on the node holding the scheduler lease, every half
/// second, so another takes over within a second of its death.
enum Scheduler {
    static func start(_ engine: Engine) -> Worker<Never> {
        Worker(name: "voxpop scheduler", interval: 0.5) { _ in
            do {
                for step in try engine.scheduledTick() { printLine("voxpop: \(step)") }
            } catch {
                printError("voxpop: scheduler: \(error) (retrying)")
            }
        }
    }
}
