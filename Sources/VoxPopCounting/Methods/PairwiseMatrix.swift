/// How many voters prefer each candidate to each other: the input of every Condorcet method.
///
/// A ballot prefers a to b when it ranks a above b, or ranks a and leaves b unranked; it says
/// nothing about two candidates it leaves unranked.
struct PairwiseMatrix {
    let size: Int
    /// `preferring[a * size + b]`: voters who prefer a to b.
    private(set) var preferring: [Int64]

    init(_ box: BallotBox) {
        let size = box.candidates.count
        self.size = size
        var counts = [Int64](repeating: 0, count: size * size)
        // A ranked candidate beats everyone not ranked above it: add the weight to its whole row,
        // then take it back from itself and from those ranked above it. This costs the ballot's
        // length squared, not the candidate count squared.
        var rowBonus = [Int64](repeating: 0, count: size)
        counts.withUnsafeMutableBufferPointer { matrix in
            for ballot in 0..<box.count {
                let weight = box.weights[ballot]
                let ranking = box.choices(of: ballot)
                var rank = ranking.startIndex
                while rank < ranking.endIndex {
                    let a = Int(ranking[rank])
                    rowBonus[a] += weight
                    var above = ranking.startIndex
                    while above <= rank {
                        matrix[a * size + Int(ranking[above])] -= weight
                        above += 1
                    }
                    rank += 1
                }
            }
            for a in 0..<size where rowBonus[a] != 0 {
                for b in 0..<size { matrix[a * size + b] += rowBonus[a] }
            }
        }
        preferring = counts
    }

    subscript(a: Int, b: Int) -> Int64 { preferring[a * size + b] }

    var rows: [[Int64]] { (0..<size).map { Array(preferring[$0 * size..<($0 + 1) * size]) } }
}
