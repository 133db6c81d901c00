// libFuzzer target: the CSV ballot-file reader, for each ballot shape.
//
// Oracle beyond "no crash": what it accepts names only options from its header.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard !bytes.isEmpty else { return 0 }
    // The first byte picks the method, so one corpus reaches every shape.
    let methods: [CountingMethod] = [.plurality, .approval, .score, .cumulative, .irv, .schulze]
    let method = methods[Int(bytes[0]) % methods.count]
    guard let box = try? CSVBallotReader.read(Array(bytes.dropFirst()), method: method, maxScore: 5, budget: 10)
    else { return 0 }
    precondition(!box.candidates.isEmpty, "accepted a file with no options")
    let candidates = box.candidates.count
    precondition(box.choices.allSatisfy { Int($0) < candidates }, "a ballot names no option")
    return 0
}
