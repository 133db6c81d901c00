import Foundation
import VoxPopCampaigns
import VoxPopFoundation

/// The width and height of a picture in the media folder, read from the file itself (a PNG's
/// header, an SVG's `width`/`height` or `viewBox`) and kept, so a page can size each picture
/// before it loads and nothing jumps as the pictures arrive.
///
/// Read on the worker that renders a page; a file is read once, and a file that cannot be read
/// (or a URL on another origin) has no size: the page then uses the box the style sheet gives.
final class MediaSizes: Sendable {
    struct Size: Sendable, Equatable {
        var width: Int
        var height: Int
    }

    private let directory: URL
    private let known = Locked<[String: Size?]>([:])

    init(directory: URL) { self.directory = directory }

    /// The size of the file at a media path, or nil.
    func size(of path: String) -> Size? {
        if let found = known.withLock({ $0[path] }) { return found }
        let size = read(path)
        known.withLock { $0[path] = .some(size) }
        return size
    }

    private func read(_ path: String) -> Size? {
        guard MediaPath(path) != nil,
            let handle = FileHandle(forReadingAtPath: directory.appendingPathComponent(path).path)
        else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 4096) else { return nil }
        return Self.size(of: [UInt8](head))
    }

    /// A PNG's size from its IHDR chunk, or an SVG's from the root element's attributes.
    static func size(of head: [UInt8]) -> Size? {
        if head.count >= 24, head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            func word(_ at: Int) -> Int { head[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
            let size = Size(width: word(16), height: word(20))
            return size.width > 0 && size.height > 0 ? size : nil
        }
        let text = String(decoding: head, as: UTF8.self)
        guard let start = text.range(of: "<svg") else { return nil }
        let tag = text[start.upperBound...].prefix { $0 != ">" }
        func attribute(_ name: String) -> String? {
            guard let found = tag.range(of: " \(name)=\"") else { return nil }
            return String(tag[found.upperBound...].prefix { $0 != "\"" })
        }
        func number(_ text: String?) -> Int? {
            guard let text, let value = Double(text.hasSuffix("px") ? String(text.dropLast(2)) : text),
                value >= 1, value < 100_000
            else { return nil }
            return Int(value.rounded())
        }
        if let width = number(attribute("width")), let height = number(attribute("height")) {
            return Size(width: width, height: height)
        }
        let box = (attribute("viewBox") ?? "").split { $0 == " " || $0 == "," }.map(String.init)
        if box.count == 4, let width = number(box[2]), let height = number(box[3]) {
            return Size(width: width, height: height)
        }
        return nil
    }
}
