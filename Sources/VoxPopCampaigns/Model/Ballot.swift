import Foundation
import VoxPopCounting

/// One question with one counting method and one schedule.
public struct Ballot: Sendable, Equatable {
    public var id: String
    public var question: LocalizedText
    public var description: LocalizedText?
    public var method: CountingMethod
    /// The fixed options; empty for a ballot whose options come from write-ins or another ballot.
    public var options: [BallotOption]
    public var optionsFrom: OptionsSource?
    /// Present when voters may write in an option of their own.
    public var writeIns: WriteInPolicy?

    /// An idea forum: a points or score ballot that takes write-ins, which arrive as suggested
    /// ideas (new options), not as votes.
    public var takesIdeas: Bool { writeIns != nil && method.ballotShape.takesValues }
    /// The most options a voter may choose or rank; nil means all of them.
    public var maxChoices: Int?
    /// Winners to elect (stv); 1 otherwise.
    public var seats: Int
    /// Points each voter spreads (cumulative only).
    public var budget: Int?
    /// The highest rating (score only); ratings run from 0 to it.
    public var maxScore: Int?
    /// How many of the top options the tally lists as the shortlist.
    public var shortlist: Int?
    public var opens: ScheduleTime?
    public var closes: ScheduleTime?
    public var revote: RevotePolicy
    public var results: ResultsVisibility
    /// The order options are shown in; nil for the method's default (`defaultOptionOrder`).
    public var optionOrder: OptionOrder? = nil

    /// Ranked, approval and plurality ballots show each voter their own order, so no option
    /// gains from coming first; points ballots (an idea forum) keep the file's order.
    public var shownOrder: OptionOrder {
        optionOrder ?? (method.ballotShape.takesValues ? .file : .shuffle)
    }
}

/// How a ballot's options are ordered on the voting page.
public enum OptionOrder: String, Sendable, CaseIterable {
    /// Each voter's own order, the same again on reload.
    case shuffle
    /// The order of the campaign file.
    case file
}

/// An option a voter can choose.
public struct BallotOption: Sendable, Equatable {
    public var id: String
    public var label: LocalizedText
    public var description: LocalizedText?
    public var media: Media?
}

/// A picture or a video that shows an option (a child's drawing, a filmed interview).
///
/// `url`, `poster` and the captions are media references: a path in the media folder beside the
/// campaign files (`toys-2027/drawing-001.svg`, served by VoxPop) or an absolute URL on one of the
/// campaign's `mediaOrigins`.
public struct Media: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case image, video }
    public var kind: Kind
    public var url: String
    /// What the picture or video shows, for voters who cannot see it.
    public var alt: LocalizedText?
    /// A video's still picture, shown before it plays.
    public var poster: String?
    /// A video's captions (WebVTT), by language.
    public var captions: [(language: String, url: String)] = []

    public static func == (lhs: Media, rhs: Media) -> Bool {
        lhs.kind == rhs.kind && lhs.url == rhs.url && lhs.alt == rhs.alt && lhs.poster == rhs.poster
            && lhs.captions.elementsEqual(rhs.captions) { $0.language == $1.language && $0.url == $1.url }
    }
}

/// "The top N of ballot X become my options": the airline's nominations feed its final.
public struct OptionsSource: Sendable, Equatable {
    public var ballot: String
    public var top: Int
    /// Stay scheduled once the source is counted until an operator opens the ballot, so write-ins
    /// can be reviewed and merged first.
    public var confirm: Bool

    public init(ballot: String, top: Int, confirm: Bool = false) {
        self.ballot = ballot
        self.top = top
        self.confirm = confirm
    }
}

/// How write-ins are taken: their length, and whether they wait for an operator.
public struct WriteInPolicy: Sendable, Equatable {
    public enum Moderation: String, Sendable, CaseIterable {
        /// A write-in counts at once; operators may reject or merge it later.
        case after
        /// A write-in counts only once an operator approves it.
        case before
    }
    public var maxLength: Int
    public var moderation: Moderation
    /// Spellings the campaign already knows to mean another (`"NYC": "New York"`), applied as
    /// votes are counted, by folded key.
    public var aliases: [(from: String, to: String)] = []

    public static func == (lhs: WriteInPolicy, rhs: WriteInPolicy) -> Bool {
        lhs.maxLength == rhs.maxLength && lhs.moderation == rhs.moderation
            && lhs.aliases.elementsEqual(rhs.aliases) { $0.from == $1.from && $0.to == $1.to }
    }

    public static let defaultMaxLength = 80
}

/// An instant a ballot opens or closes at.
public enum ScheduleTime: Sendable, Equatable {
    /// A fixed instant (local times are already resolved in the campaign's time zone).
    case at(Date)
    /// When the named ballot of the same campaign closes.
    case after(ballot: String)
}

public enum RevotePolicy: String, Sendable, CaseIterable {
    /// A second vote is refused and the first receipt returned.
    case once
    /// A new vote replaces the voter's earlier one.
    case replace
}

public enum ResultsVisibility: String, Sendable, CaseIterable {
    /// Anyone can watch the count while the ballot is open.
    case live
    /// Published automatically when the ballot closes.
    case onClose = "on-close"
    /// Counted at close, published when an operator says so.
    case manual
}
