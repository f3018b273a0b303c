import CMSCore

/// A binary hash tree over many leaves, kept as one flat buffer per level so that a million
/// leaves cost a few tens of megabytes. A node is `H(sorted(left, right))`; the last node of an
/// odd level passes up unchanged (a group of one).
struct MerkleTree: Sendable {
    let algorithm: DigestAlgorithm
    let width: Int
    /// `levels[0]` are the leaves; the last level holds the root.
    private(set) var levels: [[UInt8]]
    private(set) var counts: [Int]

    /// Builds the tree over `leaves` (each `algorithm.outputByteCount` long, at least one).
    init(leaves: [[UInt8]], algorithm: DigestAlgorithm) {
        self.algorithm = algorithm
        width = algorithm.outputByteCount
        var flat = [UInt8]()
        flat.reserveCapacity(leaves.count * width)
        for leaf in leaves { flat += leaf }
        levels = [flat]
        counts = [leaves.count]
        while counts[counts.count - 1] > 1 {
            let below = levels[levels.count - 1]
            let count = counts[counts.count - 1]
            var above = [UInt8]()
            above.reserveCapacity((count + 1) / 2 * width)
            var index = 0
            while index + 1 < count {
                above += HashTreeRule.pairHash(below[index * width ..< (index + 1) * width],
                                               below[(index + 1) * width ..< (index + 2) * width], algorithm: algorithm)
                index += 2
            }
            if index < count { above += below[index * width ..< (index + 1) * width] }
            levels.append(above)
            counts.append((count + 1) / 2)
        }
    }

    var root: [UInt8] { Array(levels[levels.count - 1][0 ..< width]) }

    func node(level: Int, index: Int) -> [UInt8] {
        Array(levels[level][index * width ..< (index + 1) * width])
    }

    /// The siblings met from leaf `index` up to the root, lowest first (`nil` where a node passed up alone).
    func siblings(of index: Int) -> [[UInt8]?] {
        var result: [[UInt8]?] = []
        var position = index
        for level in 0 ..< levels.count - 1 {
            let sibling = position ^ 1
            result.append(sibling < counts[level] ? node(level: level, index: sibling) : nil)
            position /= 2
        }
        return result
    }

    /// The reduced hash tree for leaf `index`, whose leaf value is the group hash of `group`
    /// (the data object hashes, or the renewed values): the group alone first — so a record's
    /// first level names only its own data objects — then one level per sibling. `nil` when the
    /// tree is that one leaf of one value (the token then stamps it directly).
    func reducedHashtree(forLeaf index: Int, group: [[UInt8]]) -> [PartialHashtree]? {
        let siblings = siblings(of: index).compactMap { $0 }
        if group.count == 1 && siblings.isEmpty { return nil }
        return [PartialHashtree(group)] + siblings.map { PartialHashtree([$0]) }
    }
}
