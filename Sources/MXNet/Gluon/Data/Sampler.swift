/// The order in which a ``DataLoader`` reads samples (Gluon's `Sampler`).
public protocol Sampler {
    /// The number of indices per epoch.
    var count: Int { get }
    /// One epoch's indices.
    func indices() throws -> [Int]
}

/// `0, 1, ..., count - 1`.
public struct SequentialSampler: Sampler {
    public let count: Int
    public init(_ count: Int) { self.count = max(0, count) }
    public func indices() throws -> [Int] { Array(0..<count) }
}

/// A fresh permutation of `0..<count` every epoch, drawn from the seeded stream (`np.random.seed`).
public struct RandomSampler: Sampler {
    public let count: Int
    public init(_ count: Int) { self.count = max(0, count) }
    public func indices() throws -> [Int] {
        guard count > 1 else { return Array(0..<count) }
        return try np.random.choice(count, size: [count], replace: false).asArray(Int64.self).map { Int($0) }
    }
}

/// What happens to the samples left over when the epoch does not divide into whole batches.
public enum LastBatch: String, CaseIterable, Sendable {
    /// A smaller last batch.
    case keep
    /// Dropped.
    case discard
    /// Carried over to the start of the next epoch.
    case rollover
}

/// Groups a sampler's indices into batches (Gluon's `BatchSampler`); with ``LastBatch/rollover`` it keeps the
/// leftover between epochs, so it is a class.
///
/// ```swift
/// let b = BatchSampler(SequentialSampler(10), batchSize: 3, lastBatch: .rollover)
/// try b.batches()   // [[0, 1, 2], [3, 4, 5], [6, 7, 8]]; the next epoch starts with 9
/// ```
public final class BatchSampler {
    public let sampler: any Sampler
    public let batchSize: Int
    public let lastBatch: LastBatch
    private var leftover: [Int] = []

    /// - Precondition: `batchSize > 0` (validated by ``DataLoader``).
    public init(_ sampler: any Sampler, batchSize: Int, lastBatch: LastBatch = .keep) {
        precondition(batchSize > 0, "batchSize must be positive")
        self.sampler = sampler; self.batchSize = batchSize; self.lastBatch = lastBatch
    }

    /// The number of batches the next epoch gives.
    public var count: Int {
        switch lastBatch {
        case .keep: return (sampler.count + batchSize - 1) / batchSize
        case .discard: return sampler.count / batchSize
        case .rollover: return (leftover.count + sampler.count) / batchSize
        }
    }

    /// One epoch's batches.
    public func batches() throws -> [[Int]] {
        var all = leftover + (try sampler.indices())
        leftover = []
        var out: [[Int]] = []
        var start = 0
        while all.count - start >= batchSize {
            out.append(Array(all[start..<start + batchSize]))
            start += batchSize
        }
        all.removeFirst(start)
        if !all.isEmpty {
            switch lastBatch {
            case .keep: out.append(all)
            case .discard: break
            case .rollover: leftover = all
            }
        }
        return out
    }
}
