import Foundation
import VoxPopCampaigns

/// An option's picture or video as the voting page shows it: a picture as a lazily loaded,
/// sized thumbnail that opens larger (the script shows it over the page; without the script the
/// link opens the picture), a video as a player in the page with its poster and captions, never
/// playing by itself.
struct MediaMarkup {
    var language: PageLanguage
    var sizes: MediaSizes

    /// Where the page loads a media reference from: `/media/PATH` for a path in the media folder,
    /// else the absolute URL the campaign gave (on one of its `mediaOrigins`).
    static func source(_ reference: String) -> String {
        reference.contains("://") ? reference : "/media/" + reference
    }

    /// A picture's size for its `width` and `height`, from the file when it is in the media
    /// folder; `fallback` (the style sheet's box) otherwise.
    func size(_ reference: String, fallback: MediaSizes.Size) -> MediaSizes.Size {
        reference.contains("://") ? fallback : sizes.size(of: reference) ?? fallback
    }

    func thumbnail(_ media: Media, label: String) -> String {
        let source = PageHTML.escape(Self.source(media.url))
        let size = size(media.url, fallback: .init(width: 400, height: 300))
        let alt = PageHTML.escape(media.alt.map { language.text($0) } ?? label)
        return "<a class=\"zoom\" href=\"\(source)\"><img src=\"\(source)\" alt=\"\(alt)\" "
            + "width=\"\(size.width)\" height=\"\(size.height)\" loading=\"lazy\"></a>"
    }

    func video(_ media: Media, label: String) -> String {
        let standard = MediaSizes.Size(width: 320, height: 180)
        let size = media.poster.map { self.size($0, fallback: standard) } ?? standard
        var html =
            "<video class=\"clip\" controls preload=\"none\" playsinline width=\"\(size.width)\" height=\"\(size.height)\""
        if let poster = media.poster { html += " poster=\"\(PageHTML.escape(Self.source(poster)))\"" }
        html += " aria-label=\"\(PageHTML.escape(media.alt.map { language.text($0) } ?? label))\">"
        let type = Self.videoType(media.url).map { " type=\"\($0)\"" } ?? ""
        html += "<source src=\"\(PageHTML.escape(Self.source(media.url)))\"\(type)>"
        // The page's own language is on by default when the campaign has captions in it.
        let shown = media.captions.first { PageLanguage.parse($0.language) == language }
        for track in media.captions {
            html +=
                "<track kind=\"captions\" srclang=\"\(PageHTML.escape(track.language))\" label=\"\(PageHTML.escape(PageLanguage.name(of: track.language)))\" src=\"\(PageHTML.escape(Self.source(track.url)))\""
                + (track.language == shown?.language ? " default>" : ">")
        }
        return html + "</video>"
    }

    static func videoType(_ url: String) -> String? {
        let path = url.split(separator: "?").first.map(String.init) ?? url
        switch (path as NSString).pathExtension.lowercased() {
        case "webm": return "video/webm"
        case "mp4", "m4v": return "video/mp4"
        case "ogv": return "video/ogg"
        default: return nil
        }
    }
}
