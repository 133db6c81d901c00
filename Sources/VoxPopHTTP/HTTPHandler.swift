/// Answers requests; may answer later, from any thread (a vote answers after its commit).
public protocol HTTPHandler: Sendable {
    func handle(_ request: HTTPRequest, respond: @escaping @Sendable (HTTPResponse) -> Void)
}
