import VoxPopCampaigns

/// The languages results speak: the results page and the published HTML files, every word of
/// them, with numbers in each language's own style.
///
/// A page's language is `?lang=` when VoxPop speaks it, then the first of the reader's
/// `Accept-Language` it speaks (by quality), then the campaign's first language (that of the
/// first translation of its title), else English (`pick`).
public enum ResultsLanguage: String, CaseIterable, Sendable {
    case en, sv, nb, da

    /// The language of a results page for this reader.
    public static func pick(query: String?, acceptLanguage: String?, campaign: Campaign?) -> ResultsLanguage {
        if let query, let language = parse(query) { return language }
        if let language = preferred(acceptLanguage ?? "") { return language }
        return first(of: campaign)
    }

    /// A language tag VoxPop speaks (`sv`, `sv-SE`, `SV`; Norwegian as `nb`, `no` or `nn`).
    public static func parse(_ tag: some StringProtocol) -> ResultsLanguage? {
        let primary = tag.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        switch primary.lowercased() {
        case "en": return .en
        case "sv": return .sv
        case "nb", "no", "nn": return .nb
        case "da": return .da
        default: return nil
        }
    }

    /// The campaign's first language: that of the first translation of its title, else English.
    public static func first(of campaign: Campaign?) -> ResultsLanguage {
        campaign?.title.translations.first.flatMap { parse($0.language) } ?? .en
    }

    /// The first language of an `Accept-Language` header (RFC 9110 §12.5.4) that VoxPop speaks,
    /// by quality, equal qualities in the header's order; `q=0` means "not this one".
    static func preferred(_ header: String) -> ResultsLanguage? {
        var ranges: [(tag: Substring, quality: Double)] = []
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";")
            guard let tag = pieces.first?.trimmingCharacters(in: .whitespaces), !tag.isEmpty else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "q" {
                    quality = Double(pair[1].trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            ranges.append((Substring(tag), quality))
        }
        let ordered = ranges.enumerated().sorted { ($0.element.quality, -$0.offset) > ($1.element.quality, -$1.offset) }
        for (_, range) in ordered where range.quality > 0 {
            if let language = parse(range.tag) { return language }
        }
        return nil
    }

    /// The tags to look for in a campaign's texts, best first.
    var campaignTags: [String] {
        switch self {
        case .nb: ["nb", "no", "nn", "en"]
        default: [rawValue, "en"]
        }
    }

    /// A campaign's text in this language when the file has it, else English, else its first.
    public func text(_ text: LocalizedText) -> String { text.text(preferring: campaignTags) }

    var words: ResultsWords {
        switch self {
        case .en: .english
        case .sv: .swedish
        case .nb: .norwegian
        case .da: .danish
        }
    }

    // MARK: Numbers

    /// A figure in units of 1/`scale`, rounded half up to at most `decimals` places (trailing
    /// zeros dropped unless `fixed`), with this language's separators: 1,234.5 in English;
    /// 1 234,5 in Swedish and Norwegian (a no-break space between groups); 1.234,5 in Danish.
    func number(_ units: Int64, scale: Int64 = 1, decimals: Int = 1, fixed: Bool = false) -> String {
        var step: Int64 = 1
        var places = 0
        while places < decimals, step < scale {
            step *= 10
            places += 1
        }
        // Units of 1/step, rounded half away from zero.
        let magnitude = units.magnitude
        let scaled = (magnitude * UInt64(step) * 2 + UInt64(scale)) / (UInt64(scale) * 2)
        var whole = String(scaled / UInt64(step))
        var fraction = places == 0 ? "" : String(scaled % UInt64(step))
        if places > 0 {
            fraction = String(repeating: "0", count: places - fraction.count) + fraction
            while !fixed, fraction.hasSuffix("0") { fraction.removeLast() }
        }
        whole = grouped(whole)
        let sign = units < 0 && scaled != 0 ? "-" : ""
        return sign + whole + (fraction.isEmpty ? "" : decimalSeparator + fraction)
    }

    /// `part` as a percentage of `whole`, to one decimal: 45.6% in English, 45,6 % elsewhere.
    func percent(_ part: Int64, of whole: Int64) -> String {
        guard whole > 0 else { return "–" }
        // Tenths of a percent, rounded half up, in integers so no float rounding shows.
        let tenths = (Int64(part) * 2_000 + whole) / (whole * 2)
        let text = number(tenths, scale: 10, decimals: 1, fixed: true)
        return self == .en ? text + "%" : text + "\u{00A0}%"
    }

    private var decimalSeparator: String { self == .en ? "." : "," }

    private func grouped(_ digits: String) -> String {
        let separator =
            switch self {
            case .en: ","
            case .sv, .nb: "\u{00A0}"
            case .da: "."
            }
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += separator }
            out.append(digit)
        }
        return out
    }

    /// A count with its noun: "1 vote", "2 votes"; "1 röst", "2 röster".
    func count(_ units: Int64, scale: Int64 = 1, _ noun: ResultsWords.Noun) -> String {
        // By the figure as shown: 1.04 shows as "1", and reads "1 vote".
        let text = number(units, scale: scale)
        return fill(text == "1" ? noun.one : noun.other, text)
    }

    /// Names as a list: "A, B and C".
    func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " " + words.and + " " + items.last!
    }
}

/// `template` with each `%@` replaced by the next of `values`, in order; the values themselves
/// are never searched, so a name holding `%@` stays as it is.
func fill(_ template: String, _ values: String...) -> String {
    var out = ""
    var rest = Substring(template)
    var values = values[...]
    while let range = rest.range(of: "%@"), let value = values.popFirst() {
        out += rest[..<range.lowerBound] + value
        rest = rest[range.upperBound...]
    }
    return out + rest
}
