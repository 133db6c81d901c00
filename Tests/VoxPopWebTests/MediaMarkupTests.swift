import Foundation
import Testing
import VoxPopEngine
import VoxPopTestSupport

@testable import VoxPopWeb

/// Pictures and videos are shown in the page: a picture as a lazily loaded thumbnail with its
/// size and text, larger on tap; a video as a player with its poster and captions that does not
/// play by itself. Media on another origin are allowed by the page's policy only when the
/// campaign lists that origin.
@Suite struct MediaMarkupTests {
    @Test func theDrawingsAreLazySizedDescribedThumbnails() throws {
        let pages = try VoterPagesHarness(at: "2027-04-07T12:00Z")
        let token = pages.token("drawings-to-toys", voter: "ann", secretOf: "TOYS_VOTER_SECRET")
        let page = pages.get("/c/drawings-to-toys?lang=sv&t=\(token)").body
        let images = page.components(separatedBy: "<img ").dropFirst().filter {
            $0.hasPrefix(#"src="/media/toys-2027/"#)
        }
        #expect(images.count == 100)
        #expect(images.allSatisfy { $0.contains(#"loading="lazy""#) && $0.contains(#"width="400" height="300""#) })
        #expect(
            page.contains(
                #"<a class="zoom" href="/media/toys-2027/drawing-001.svg"><img src="/media/toys-2027/drawing-001.svg" alt="Ellas teckning: Rainbow Dragon" width="400" height="300" loading="lazy"></a>"#
            ))
        #expect(!page.contains("See the picture") && !page.contains("Se bilden"), "no links off the page instead")
        #expect(page.contains(#"<ul class="options" data-close="Stäng">"#), "the larger picture's close button")
    }

    @Test func theInterviewsPlayInThePageWithPosterAndCaptions() throws {
        let pages = try VoterPagesHarness(at: "2027-03-02T12:00Z")
        let page = pages.get("/c/candidate-hires?lang=nb").body
        #expect(
            page.contains(
                #"<video class="clip" controls preload="none" playsinline width="320" height="180" poster="/media/ambassador/ingrid-solberg.png" aria-label="Intervju med Ingrid Solberg"><source src="/media/ambassador/ingrid-solberg.webm" type="video/webm"><track kind="captions" srclang="en" label="English" src="/media/ambassador/ingrid-solberg.en.vtt"><track kind="captions" srclang="nb" label="Norsk" src="/media/ambassador/ingrid-solberg.nb.vtt" default></video>"#
            ))
        #expect(page.components(separatedBy: "<video ").count == 7)
        #expect(!page.contains("autoplay"))
        let english = pages.get("/c/candidate-hires?lang=en").body
        #expect(
            english.contains(#"srclang="en" label="English" src="/media/ambassador/ingrid-solberg.en.vtt" default>"#))
    }

    @Test func mediaOnACampaignsOriginIsAllowedByThePolicy() throws {
        let pages = try VoterPagesHarness()
        let page = pages.get("/c/test")
        #expect(
            page.body.contains(
                #"<img src="https://cdn.example.com/one.png" alt="A one" width="400" height="300" loading="lazy">"#))
        let policy = try #require(page.header("Content-Security-Policy"))
        #expect(policy.contains("img-src 'self' data: https://cdn.example.com;"))
        #expect(policy.contains("media-src 'self' https://cdn.example.com;"))
        let other = try #require(pages.get("/c/quick-poll").header("Content-Security-Policy"))
        #expect(other.contains("img-src 'self' data:;") && !other.contains("cdn.example.com"))
    }

    @Test func sizesAreReadFromPNGAndSVG() throws {
        let sizes = MediaSizes(directory: EngineHarness.repository.appendingPathComponent("Campaigns/media"))
        #expect(sizes.size(of: "brand/hero-toys.png") == .init(width: 1200, height: 630))
        #expect(sizes.size(of: "toys-2027/drawing-042.svg") == .init(width: 400, height: 300))
        #expect(sizes.size(of: "ambassador/amir-haddad.png") == .init(width: 320, height: 180))
        #expect(sizes.size(of: "../Package.swift") == nil)
        #expect(sizes.size(of: "no/such.png") == nil)
        #expect(
            MediaSizes.size(of: Array(#"<svg viewBox="0 0 64 48"><path/></svg>"#.utf8)) == .init(width: 64, height: 48))
        #expect(MediaSizes.size(of: Array("not a picture".utf8)) == nil)
    }
}
