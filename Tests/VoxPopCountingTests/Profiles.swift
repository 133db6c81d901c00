@testable import VoxPopCounting

/// Small ballot boxes written as the worked examples print them.
enum Profiles {
    /// `rankings`: weight and candidate names in preference order.
    static func ranked(_ candidates: [String], _ rankings: [(Int64, [String])]) -> BallotBox {
        var box = BallotBox(candidates: candidates)
        for (weight, names) in rankings {
            box.add(names.map { UInt16(candidates.firstIndex(of: $0)!) }, weight: weight)
        }
        return box
    }

    /// Wikipedia's Tennessee capital election, per 100 voters (the example of the articles on
    /// plurality, instant-runoff, Borda, Condorcet, Schulze, ranked pairs and Copeland).
    static let tennessee = ranked(
        ["Memphis", "Nashville", "Chattanooga", "Knoxville"],
        [
            (42, ["Memphis", "Nashville", "Chattanooga", "Knoxville"]),
            (26, ["Nashville", "Chattanooga", "Knoxville", "Memphis"]),
            (15, ["Chattanooga", "Knoxville", "Nashville", "Memphis"]),
            (17, ["Knoxville", "Chattanooga", "Nashville", "Memphis"]),
        ])

    /// The 45-voter example of Schulze's paper (section 3.1) and of Wikipedia's "Schulze method".
    static let schulze45 = ranked(
        ["A", "B", "C", "D", "E"],
        [
            (5, ["A", "C", "B", "E", "D"]), (5, ["A", "D", "E", "C", "B"]), (8, ["B", "E", "D", "A", "C"]),
            (3, ["C", "A", "B", "E", "D"]), (7, ["C", "A", "E", "B", "D"]), (2, ["C", "B", "A", "D", "E"]),
            (7, ["D", "C", "E", "B", "A"]), (8, ["E", "B", "A", "D", "C"]),
        ])

    static func names(_ tally: Tally, _ indexes: [Int]) -> [String] { indexes.map { tally.candidates[$0] } }
}
