import Foundation
import VoxPopCampaigns
import VoxPopHTTP

/// `GET /media/{path}`: the pictures, videos, posters and captions a campaign names by a path in
/// the media folder beside the campaign files.
///
/// Only files some loaded campaign names are served (not whatever else lies in the folder), by
/// paths that cannot leave it (`MediaPath`); with their content type, a validator (`ETag`, so a
/// browser revalidates with `If-None-Match` for a 304), an hour's caching, and byte ranges, which
/// browsers ask of videos. SVG is served under a policy that lets it run nothing.
struct MediaFiles: Sendable {
    let directory: URL
    /// The pictures' widths and heights, for the pages' `width` and `height`.
    let sizes: MediaSizes

    init(directory: URL) {
        self.directory = directory
        sizes = MediaSizes(directory: directory)
    }

    static let contentTypes = [
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp",
        "gif": "image/gif", "avif": "image/avif", "webm": "video/webm", "mp4": "video/mp4",
        "vtt": "text/vtt; charset=utf-8",
    ]

    /// Every media path the campaigns name.
    static func named(by campaigns: [Campaign]) -> Set<String> {
        var paths = Set<String>()
        for campaign in campaigns {
            for file in [campaign.theme?.logo, campaign.theme?.hero].compactMap({ $0 }) { paths.insert(file) }
            for ballot in campaign.ballots {
                for media in ballot.options.compactMap(\.media) {
                    paths.insert(media.url)
                    if let poster = media.poster { paths.insert(poster) }
                    for track in media.captions { paths.insert(track.url) }
                }
            }
        }
        return paths.filter { MediaPath($0) != nil }
    }

    func response(_ path: String, named: Set<String>, request: HTTPRequest) throws(Problem) -> HTTPResponse {
        guard let safe = MediaPath(path), named.contains(safe.path),
            let type = Self.contentTypes[(safe.path as NSString).pathExtension.lowercased()]
        else { throw Problem(.notFound, "no such media file: \(path)") }
        let url = directory.appendingPathComponent(safe.path)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
            let size = (attributes[.size] as? NSNumber)?.intValue,
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970
        else { throw Problem(.notFound, "no such media file: \(path)") }
        let etag = "\"\(String(size, radix: 16))-\(String(Int(modified * 1000), radix: 16))\""
        var headers: [(name: String, value: String)] = [
            ("Content-Type", type), ("Cache-Control", "public, max-age=3600"), ("ETag", etag),
            ("Accept-Ranges", "bytes"), ("X-Content-Type-Options", "nosniff"),
            ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox"),
        ]
        if request.header("If-None-Match") == etag { return HTTPResponse(status: 304, headers: headers) }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Problem(.notFound, "no such media file: \(path)")
        }
        let bytes = [UInt8](data)
        if let range = request.header("Range").flatMap({ Self.range($0, size: bytes.count) }) {
            headers.append(("Content-Range", "bytes \(range.lowerBound)-\(range.upperBound)/\(bytes.count)"))
            return HTTPResponse(status: 206, headers: headers, body: Array(bytes[range]))
        }
        return HTTPResponse(status: 200, headers: headers, body: bytes)
    }

    /// One range of `bytes=first-last`, `bytes=first-` or `bytes=-suffix` within `size`; nil
    /// for anything else (the whole file is sent then, as RFC 9110 allows).
    static func range(_ header: String, size: Int) -> ClosedRange<Int>? {
        guard header.hasPrefix("bytes="), size > 0 else { return nil }
        let spec = header.dropFirst(6)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return nil }
        let (first, last) = (spec[..<dash], spec[spec.index(after: dash)...])
        if first.isEmpty {
            guard let suffix = Int(last), suffix > 0 else { return nil }
            return max(0, size - suffix)...(size - 1)
        }
        guard let start = Int(first), start < size else { return nil }
        let end = last.isEmpty ? size - 1 : min(Int(last) ?? -1, size - 1)
        return end >= start ? start...end : nil
    }
}
