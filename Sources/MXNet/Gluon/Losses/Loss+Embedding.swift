/// Embedding losses: triplet and cosine embedding.
extension loss {
    /// Triplet loss `max(0, Σ (positive - pred)² - Σ (negative - pred)² + margin)`, the sums over every axis but
    /// `batchAxis`.
    ///
    /// ```swift
    /// let l = try loss.TripletLoss(margin: 1)(anchor, positive, negative)   // shape [batch]
    /// ```
    public struct TripletLoss: GluonLoss {
        public var margin: Double
        public var weight: Double?
        public var batchAxis: Int

        public init(margin: Double = 1, weight: Double? = nil, batchAxis: Int = 0) {
            self.margin = margin
            self.weight = weight
            self.batchAxis = batchAxis
        }

        /// - Throws: ``MXNetError`` when `positive` or `negative` does not have `pred`'s element count.
        public func callAsFunction(_ pred: NDArray, _ positive: NDArray, _ negative: NDArray,
                                   sampleWeight: NDArray? = nil) throws -> NDArray {
            let dp = try np.square(np.subtract(reshapeLike(positive, pred), pred))
            let dn = try np.square(np.subtract(reshapeLike(negative, pred), pred))
            let l = try npx.relu(np.add(batchSum(np.subtract(dp, dn), batchAxis), margin))
            return try applyWeighting(l, weight, sampleWeight)
        }
    }

    /// Cosine embedding loss for pairs `(input1, input2)` of shape `(batch, features)`: `1 - cos` where the label
    /// is 1, else `clip(cos - margin, 0, 1 - margin)` (MXNet 2.0's formula).
    ///
    /// ```swift
    /// let l = try loss.CosineEmbeddingLoss()(a, b, np.array([1, -1] as [Float]))
    /// ```
    public struct CosineEmbeddingLoss: GluonLoss {
        public var margin: Double
        public var weight: Double?
        public var batchAxis: Int

        public init(weight: Double? = nil, batchAxis: Int = 0, margin: Double = 0) {
            self.weight = weight
            self.batchAxis = batchAxis
            self.margin = margin
        }

        /// - Throws: ``MXNetError`` when the inputs differ in element count or `label` has not one entry per pair.
        public func callAsFunction(_ input1: NDArray, _ input2: NDArray, _ label: NDArray,
                                   sampleWeight: NDArray? = nil) throws -> NDArray {
            let cos = try Self.cosineSimilarity(reshapeLike(input1, input2), input2)
            let label = try reshapeLike(label, cos)
            let l = try np.where(np.equal(label, 1), np.rsubtract(1, cos), np.clip(np.subtract(cos, margin), 0, 1 - margin))
            return try batchMean(applyWeighting(l, weight, sampleWeight), batchAxis)
        }

        /// `x · y / max(|x| |y|, 1e-12)` along the last axis, as a column `(-1, 1)`.
        static func cosineSimilarity(_ x: NDArray, _ y: NDArray) throws -> NDArray {
            let xn = try np.reshape(np.linalg.norm(x, axis: [-1]), [-1, 1])
            let yn = try np.reshape(np.linalg.norm(y, axis: [-1]), [-1, 1])
            let dot = try np.reshape(np.sum(np.multiply(x, y), axis: [-1]), [-1, 1])
            return try np.divide(dot, np.maximum(np.multiply(xn, yn), 1e-12))
        }
    }
}
