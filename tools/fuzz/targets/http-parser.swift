// libFuzzer target: the HTTP/1.1 request parser.
//
// Oracle beyond "no crash": bytes fed whole and bytes fed in two pieces (split where the first
// byte says) must give the same requests and the same error, so the parser's answer never
// depends on how TCP happened to cut the stream.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var whole = HTTPParser()
    whole.maximumBody = 4096
    whole.append(bytes)
    let expected = drain(&whole)

    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    var pieces = HTTPParser()
    pieces.maximumBody = 4096
    pieces.append(bytes[..<split])
    var seen = drain(&pieces)
    if seen.error == nil {
        pieces.append(bytes[split...])
        let rest = drain(&pieces)
        seen.requests += rest.requests
        seen.error = rest.error
    }
    precondition(seen.requests == expected.requests, "requests differ when the input is split at \(split)")
    precondition(seen.error == expected.error, "errors differ when the input is split at \(split)")
    return 0
}

private func drain(_ parser: inout HTTPParser) -> (requests: [HTTPRequest], error: HTTPParseError?) {
    var requests: [HTTPRequest] = []
    do {
        while let request = try parser.next() { requests.append(request) }
        return (requests, nil)
    } catch {
        return (requests, error)
    }
}
