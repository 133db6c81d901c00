import Foundation
import VoxPopFoundation
import VoxPopHTTP

/// The files the pages load from the server itself: the style sheets (the voters' and the operator
/// console's) and the voting page's script.
///
/// Each is served under a name that carries the start of its SHA-256 (`/assets/voxpop-1a2b3c4d.js`),
/// so browsers may keep it for a year: a changed file is a new name. Serving them as files, not
/// inline, is what lets the Content-Security-Policy refuse every inline script and style.
enum WebAssets {
    struct Asset: Sendable {
        var path: String
        var contentType: String
        var bytes: [UInt8]

        init(path: String, bytes: [UInt8], contentType: String) {
            self.path = path
            self.bytes = bytes
            self.contentType = contentType
        }

        init(_ source: String, name: String, suffix: String, contentType: String) {
            bytes = Array(source.utf8)
            path = "/assets/\(name)-" + SHA256.hex(Array(SHA256.hash(bytes).prefix(6))) + "." + suffix
            self.contentType = contentType
        }
    }

    static let stylesheet = Asset(
        Stylesheet.source, name: "voxpop", suffix: "css", contentType: "text/css; charset=utf-8")
    static let consoleStylesheet = Asset(
        ConsoleStylesheet.source, name: "console", suffix: "css", contentType: "text/css; charset=utf-8")
    static let script = Asset(
        VotingScript.source, name: "voxpop", suffix: "js", contentType: "text/javascript; charset=utf-8")

    private static let byName = Dictionary(
        uniqueKeysWithValues: [stylesheet, consoleStylesheet, script].map {
            (String($0.path.dropFirst("/assets/".count)), $0)
        })

    /// `GET /assets/{name}`: the style sheet, the script, or a campaign's accent.
    static func response(_ name: String) throws(Problem) -> HTTPResponse {
        guard let asset = byName[name] ?? ThemeStylesheet(name: name)?.asset else {
            throw Problem(.notFound, "no such file: /assets/\(name)")
        }
        return HTTPResponse(
            status: 200,
            headers: [
                ("Content-Type", asset.contentType), ("Cache-Control", "public, max-age=31536000, immutable"),
                ("X-Content-Type-Options", "nosniff"),
            ], body: asset.bytes)
    }
}
