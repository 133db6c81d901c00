import Foundation
import Testing
import VoxPopTestSupport

@testable import VoxPopWeb

/// The media folder beside the campaign files is served as the campaigns name it: only their
/// files, by paths that cannot leave the folder, with types, validators and byte ranges.
@Suite struct MediaFilesTests {
    @Test func aNamedFileIsServedWithItsTypeAndCaching() throws {
        let web = try WebHarness(at: "2027-05-01T10:00Z")
        let drawing = web.send("GET", "/media/toys-2027/drawing-001.svg")
        #expect(drawing.status == 200)
        #expect(drawing.header("Content-Type") == "image/svg+xml")
        #expect(drawing.body.hasPrefix("<svg"))
        #expect(drawing.header("Content-Security-Policy")?.contains("sandbox") == true, "an SVG runs nothing")
        let etag = try #require(drawing.header("ETag"))
        #expect(web.send("GET", "/media/toys-2027/drawing-001.svg", headers: ["If-None-Match": etag]).status == 304)
        #expect(web.send("GET", "/media/ambassador/amir-haddad.webm").header("Content-Type") == "video/webm")
        #expect(
            web.send("GET", "/media/ambassador/amir-haddad.nb.vtt").header("Content-Type") == "text/vtt; charset=utf-8")
    }

    @Test func onlyFilesTheCampaignsNameAndNothingOutsideTheFolder() throws {
        let web = try WebHarness(at: "2027-05-01T10:00Z")
        for path in [
            "/media/README.md", "/media/../Package.swift", "/media/toys-2027/../../Package.swift",
            "/media/%2e%2e/Package.swift", "/media/toys-2027/drawing-999.svg", "/media/.git/config", "/media/",
        ] {
            #expect(web.send("GET", path).status == 404, "\(path)")
        }
    }

    @Test func byteRangesAsVideosAskForThem() {
        #expect(MediaFiles.range("bytes=0-99", size: 1000) == 0...99)
        #expect(MediaFiles.range("bytes=900-", size: 1000) == 900...999)
        #expect(MediaFiles.range("bytes=-100", size: 1000) == 900...999)
        #expect(MediaFiles.range("bytes=990-2000", size: 1000) == 990...999)
        for unusable in ["bytes=1000-", "bytes=5-1", "bytes=0-1,5-9", "lines=0-1", "bytes=-0", "bytes=a-b"] {
            #expect(MediaFiles.range(unusable, size: 1000) == nil, "\(unusable)")
        }
    }

    @Test func aRangeGets206() throws {
        let web = try WebHarness(at: "2027-05-01T10:00Z")
        let whole = web.send("GET", "/media/ambassador/amir-haddad.nb.vtt")
        let part = web.send("GET", "/media/ambassador/amir-haddad.nb.vtt", headers: ["Range": "bytes=0-5"])
        #expect(part.status == 206)
        #expect(part.body == String(whole.body.prefix(6)))
        #expect(part.header("Content-Range") == "bytes 0-5/\(whole.body.utf8.count)")
    }
}
