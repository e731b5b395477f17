/// Loads a ``Dataset`` in batches (Gluon's `DataLoader`): sequential or shuffled (seeded by `np.random.seed`),
/// the last batch kept, discarded or rolled over, samples combined by `batchify` (default: each field stacked).
///
/// ```swift
/// let loader = try DataLoader(ds, batchSize: 32, shuffle: true, lastBatch: .discard)
/// try loader.forEach { batch in let (x, y) = (batch[0], batch[1]) ... }
/// ```
public struct DataLoader {
    public let dataset: any Dataset
    public let batchSampler: BatchSampler
    let batchify: (([[NDArray]]) throws -> [NDArray])?

    /// - Parameters:
    ///   - batchSize: samples per batch (with no `batchSampler`).
    ///   - shuffle: a ``RandomSampler`` instead of a ``SequentialSampler`` (with no `sampler`).
    ///   - sampler: the order of samples; excludes `shuffle`.
    ///   - batchSampler: batches of indices; excludes `batchSize`, `shuffle`, `sampler` and `lastBatch`.
    ///   - batchify: combines a batch's samples; nil stacks each field (one gather per field for
    ///     ``ArrayDataset``).
    /// - Throws: ``MXNetError`` for contradicting or missing arguments, as Gluon's DataLoader refuses them.
    public init(_ dataset: any Dataset, batchSize: Int? = nil, shuffle: Bool = false, sampler: (any Sampler)? = nil,
                lastBatch: LastBatch? = nil, batchSampler: BatchSampler? = nil,
                batchify: (([[NDArray]]) throws -> [NDArray])? = nil) throws {
        self.dataset = dataset
        self.batchify = batchify
        if let batchSampler {
            guard batchSize == nil, !shuffle, sampler == nil, lastBatch == nil else {
                throw MXNetError("DataLoader: batch_size, shuffle, sampler and last_batch must not be given with batch_sampler")
            }
            self.batchSampler = batchSampler
            return
        }
        guard let batchSize else { throw MXNetError("DataLoader: batch_size must be given when batch_sampler is not") }
        guard batchSize > 0 else { throw MXNetError("DataLoader: batch_size must be positive, got \(batchSize)") }
        if sampler != nil && shuffle { throw MXNetError("DataLoader: shuffle must not be given with sampler") }
        let order: any Sampler = sampler ?? (shuffle ? RandomSampler(dataset.count) : SequentialSampler(dataset.count))
        self.batchSampler = BatchSampler(order, batchSize: batchSize, lastBatch: lastBatch ?? .keep)
    }

    /// Batches in the next epoch.
    public var count: Int { batchSampler.count }

    /// The batch of samples `indices`.
    public func load(_ indices: [Int]) throws -> [NDArray] {
        if let batchify { return try batchify(indices.map { try dataset.sample($0) }) }
        return try dataset.batch(indices)
    }

    /// Runs `body` on every batch of one epoch, in order.
    public func forEach(_ body: ([NDArray]) throws -> Void) throws {
        for indices in try batchSampler.batches() { try body(try load(indices)) }
    }

    /// One epoch's batches, read as they are asked for.
    public func epoch() throws -> Epoch { Epoch(loader: self, batches: try batchSampler.batches()) }

    /// The batches of one epoch: `while let batch = try epoch.next() { ... }`.
    public struct Epoch {
        let loader: DataLoader
        let batches: [[Int]]
        var position = 0
        public mutating func next() throws -> [NDArray]? {
            guard position < batches.count else { return nil }
            defer { position += 1 }
            return try loader.load(batches[position])
        }
    }
}
