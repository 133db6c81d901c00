// libFuzzer target: the BLT ballot-file reader.
//
// Oracle beyond "no crash": what it accepts is consistent (seats within the candidates, every
// ballot's choices naming a candidate).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBLT(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let contents = try? BLTReader.read(bytes) else { return 0 }
    precondition(contents.seats >= 1, "accepted \(contents.seats) seats")
    precondition(contents.box.candidates.count >= contents.seats, "more seats than candidates")
    let candidates = contents.box.candidates.count
    precondition(contents.box.choices.allSatisfy { Int($0) < candidates }, "a ballot names no candidate")
    return 0
}
