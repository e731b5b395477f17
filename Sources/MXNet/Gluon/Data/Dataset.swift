/// A collection of samples, each a list of fields (data, label, ...), as Gluon's `gluon.data.Dataset`.
///
/// ```swift
/// let ds = try ArrayDataset(np.arange(10).reshaped([5, 2]), np.arange(5))
/// let (x, y) = try (ds.sample(1)[0], ds.sample(1)[1])   // [2, 3], 1
/// ```
public protocol Dataset {
    /// The number of samples.
    var count: Int { get }
    /// Sample `index` (0 ≤ index < count): its fields.
    func sample(_ index: Int) throws -> [NDArray]
    /// Samples `indices`, each field stacked along a new first axis (the default batchify). Datasets backed by
    /// whole arrays override this with one gather per field.
    func batch(_ indices: [Int]) throws -> [NDArray]
}

extension Dataset {
    public func batch(_ indices: [Int]) throws -> [NDArray] {
        try stackSamples(indices.map { try sample($0) })
    }

    /// The dataset with `body` applied to every sample when it is read (Gluon's `transform(fn, lazy=True)`).
    ///
    /// ```swift
    /// let scaled = ds.transform { s in [try np.divide(s[0], 255), s[1]] }
    /// ```
    public func transform(_ body: @escaping ([NDArray]) throws -> [NDArray]) -> TransformedDataset {
        TransformedDataset(base: self, body: body)
    }

    /// The dataset with `body` applied to the first field of every sample (Gluon's `transform_first`).
    public func transformFirst(_ body: @escaping (NDArray) throws -> NDArray) -> TransformedDataset {
        TransformedDataset(base: self) { s in
            guard let first = s.first else { return s }
            return [try body(first)] + s.dropFirst()
        }
    }

    /// Checks `index` against ``count``.
    func checkIndex(_ index: Int) throws {
        guard index >= 0 && index < count else {
            throw MXNetError("dataset index \(index) is out of range for \(count) samples")
        }
    }
}

/// Stacks samples field by field (every sample must have the same fields, of the same shapes).
/// - Throws: ``MXNetError`` for samples with different field counts or shapes.
public func stackSamples(_ samples: [[NDArray]]) throws -> [NDArray] {
    guard let first = samples.first else { return [] }
    guard samples.allSatisfy({ $0.count == first.count }) else {
        throw MXNetError("batchify: samples have different numbers of fields")
    }
    return try (0..<first.count).map { f in try np.stack(samples.map { $0[f] }) }
}

/// A dataset of samples given as arrays (Gluon's `SimpleDataset`).
public struct SimpleDataset: Dataset {
    public let samples: [[NDArray]]
    public init(_ samples: [[NDArray]]) { self.samples = samples }
    public var count: Int { samples.count }
    public func sample(_ index: Int) throws -> [NDArray] {
        try checkIndex(index)
        return samples[index]
    }
}

/// Arrays of equal length read together: sample `i` is `[a[i], b[i], ...]` (Gluon's `ArrayDataset`).
///
/// ```swift
/// let ds = try ArrayDataset(images, labels)      // images (N, 28, 28, 1), labels (N,)
/// ```
public struct ArrayDataset: Dataset {
    public let arrays: [NDArray]
    public let count: Int

    /// - Throws: ``MXNetError`` for no arrays, 0-d arrays or arrays of different lengths.
    public init(_ arrays: NDArray...) throws { try self.init(arrays: arrays) }

    public init(arrays: [NDArray]) throws {
        guard let first = arrays.first else { throw MXNetError("ArrayDataset needs at least one array") }
        guard arrays.allSatisfy({ $0.ndim > 0 }) else { throw MXNetError("ArrayDataset: arrays must have a first axis") }
        guard arrays.allSatisfy({ $0.shape[0] == first.shape[0] }) else {
            throw MXNetError("ArrayDataset: all arrays must have the same length, got " +
                             arrays.map { String($0.shape[0]) }.joined(separator: ", "))
        }
        self.arrays = arrays
        count = first.shape[0]
    }

    public func sample(_ index: Int) throws -> [NDArray] {
        try checkIndex(index)
        return try arrays.map { try $0[index] }
    }

    /// One `take` per array.
    public func batch(_ indices: [Int]) throws -> [NDArray] {
        for i in indices { try checkIndex(i) }
        let idx = try np.array(indices.map(Int64.init), shape: [indices.count])
        return try arrays.map { try np.take($0, idx, axis: 0) }
    }
}

/// A dataset whose samples pass through a function when read (see ``Dataset/transform(_:)``).
public struct TransformedDataset: Dataset {
    let base: any Dataset
    let body: ([NDArray]) throws -> [NDArray]
    public var count: Int { base.count }
    public func sample(_ index: Int) throws -> [NDArray] { try body(base.sample(index)) }
}
