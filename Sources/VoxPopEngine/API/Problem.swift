import VoxPopHTTP

/// An error answer as RFC 9457 problem details: `type` is a stable URN whose last part names the
/// problem (`urn:voxpop:problem:already-voted`), `title` its short name, `detail` this instance.
struct Problem: Error {
    var status: Int
    var type: String
    var detail: String
    var extra: [(String, String?)] = []
    /// For already-voted: the first vote's receipt (a `receipt` member of the body too).
    var receipt: String?

    init(_ status: Int, _ type: String, _ detail: String, extra: [(String, String?)] = [], receipt: String? = nil) {
        self.status = status
        self.type = type
        self.detail = detail
        self.extra = extra + (receipt.map { [("receipt", JSONText.string($0))] } ?? [])
        self.receipt = receipt
    }

    var response: HTTPResponse {
        let title = type.replacingOccurrences(of: "-", with: " ")
        let body = JSONText.object(
            [
                ("type", JSONText.string("urn:voxpop:problem:" + type)),
                ("title", JSONText.string(title.prefix(1).uppercased() + title.dropFirst())),
                ("status", "\(status)"), ("detail", JSONText.string(detail)),
            ] + extra)
        var response = HTTPResponse(status: status, contentType: "application/problem+json", body: body)
        if status == 429 { response.headers.append(("Retry-After", "1")) }
        if status == 401 { response.headers.append(("WWW-Authenticate", "Bearer")) }
        return response
    }
}
