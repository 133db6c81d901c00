// Counts a million ranked ballots with every method and prints a table: BLT parse time, count
// time (median of several runs) and peak memory, over 10 and over 20 candidates.
//
//     swift run -c release counting-benchmark [BALLOTS] [RUNS]
//
// Ballots are random but shaped like real ones: candidates' popularity follows a Zipf law, each
// ranking is drawn by popularity without replacement (Plackett–Luce), and voters stop ranking
// early (1 + a geometric number of preferences with p = 0.35, so nearly three in four rank three or
// fewer; Glasgow 2007 voters ranked 3.1 on average, these 2.9).
// A third set ranks all 20 candidates, so nearly every ballot is distinct: the worst case.
// The BLT files are written to the temporary directory and reused. Each method is measured in a
// child process of its own, so each peak-memory figure is that method's alone.
import Foundation
import VoxPopCounting

struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

func writeBLT(candidates: Int, ballots: Int, complete: Bool, to path: String) {
    var random = SplitMix(state: UInt64(candidates) * 1_000_003)
    let popularity = (0..<candidates).map { 1 / pow(Double($0 + 1), 0.8) }
    var out = "\(candidates) \(min(10, candidates / 2))\n"
    out.reserveCapacity(ballots * 16)
    var remaining = popularity
    for _ in 0..<ballots {
        var length = 1
        while length < candidates, complete || Double.random(in: 0..<1, using: &random) > 0.35 { length += 1 }
        remaining = popularity
        var total = remaining.reduce(0, +)
        out += "1"
        for _ in 0..<length {
            var pick = Double.random(in: 0..<total, using: &random)
            var chosen = 0
            while chosen < candidates - 1 && (remaining[chosen] == 0 || pick >= remaining[chosen]) {
                pick -= remaining[chosen]
                chosen += 1
            }
            while remaining[chosen] == 0 { chosen -= 1 }
            total -= remaining[chosen]
            remaining[chosen] = 0
            out += " \(chosen + 1)"
        }
        out += " 0\n"
    }
    out += "0\n"
    for candidate in 1...candidates { out += "\"Candidate \(candidate)\"\n" }
    out += "\"Benchmark, \(ballots) ballots\"\n"
    FileManager.default.createFile(atPath: path, contents: out.data(using: .utf8))
}

func milliseconds(_ start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}

/// Score and cumulative need values, which BLT has not: derive them from the rankings
/// (5, 4, 3, ... for score; 10 points spread 4, 3, 2, 1 for cumulative) in memory.
func valued(_ box: BallotBox, method: CountingMethod) -> BallotBox {
    var result = BallotBox(candidates: box.candidates, hasValues: true)
    for ballot in 0..<box.count {
        let choices = Array(box.choices(of: ballot).prefix(method == .score ? 5 : 4))
        let values = choices.indices.map { Int32((method == .score ? 5 : 4) - $0) }
        result.add(choices, values: values, weight: box.weights[ballot])
    }
    return result
}

/// Child mode: `--measure METHOD RULE FILE RUNS` prints "parse count peak" in ms, ms, MB.
func measure(method: CountingMethod, rule: String, file: String, runs: Int) {
    let bytes = Array(FileManager.default.contents(atPath: file)!)
    let start = ContinuousClock.now
    let contents = try! BLTReader.read(bytes)
    let parse = milliseconds(start)
    var box = contents.box
    if method == .score || method == .cumulative { box = valued(box, method: method) }
    var options = CountOptions(seats: method == .stv ? contents.seats : 1)
    options.stvRule = CountOptions.STVRule(rawValue: rule)!
    var times: [Double] = []
    for _ in 0..<runs {
        let begin = ContinuousClock.now
        let tally = try! Counter.count(box, method: method, options: options)
        times.append(milliseconds(begin))
        precondition(!tally.winners.isEmpty)
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    print(parse, times.sorted()[runs / 2], Double(usage.ru_maxrss) / 1024, box.count)
}

let arguments = CommandLine.arguments
if arguments.count == 6, arguments[1] == "--measure" {
    measure(
        method: CountingMethod(rawValue: arguments[2])!, rule: arguments[3], file: arguments[4],
        runs: Int(arguments[5])!)
    exit(0)
}
let ballots = arguments.count > 1 ? Int(arguments[1])! : 1_000_000
let runs = arguments.count > 2 ? Int(arguments[2])! : 5
print("| candidates | method | distinct ballots | BLT parse | count (median of \(runs)) | peak memory |")
print("|---|---|---|---|---|---|")
// The third set is the worst case for grouping: complete rankings of 20, nearly all distinct.
for (candidates, complete) in [(10, false), (20, false), (20, true)] {
    let file = NSTemporaryDirectory() + "voxpop-bench-\(candidates)x\(ballots)\(complete ? "-complete" : "").blt"
    if !FileManager.default.fileExists(atPath: file) {
        writeBLT(candidates: candidates, ballots: ballots, complete: complete, to: file)
    }
    var cases: [(CountingMethod, String)] = CountingMethod.allCases.map { ($0, "scottish") }
    cases.insert((.stv, "meek"), at: cases.firstIndex { $0.0 == .stv }! + 1)
    for (method, rule) in cases {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = [
            "--measure", method.rawValue, rule, file, String(method == .stv && rule == "meek" ? 1 : runs),
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try! process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let fields = output.split(separator: " ").compactMap {
            Double($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let name = method == .stv ? "stv \(rule), \(min(10, candidates / 2)) seats" : method.rawValue
        let parse =
            method == .score || method == .cumulative
            ? "(values derived in memory)" : String(format: "%.0f ms", fields[0])
        let set = complete ? "\(candidates), complete rankings" : "\(candidates)"
        print(
            String(
                format: "| %@ | %@ | %.0f | %@ | %.1f ms | %.0f MB |", set, name, fields[3], parse, fields[1], fields[2]
            ))
    }
}
