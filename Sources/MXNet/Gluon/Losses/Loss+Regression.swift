/// Regression losses: L1, L2, Huber, PoissonNLL.
extension loss {
    /// Mean absolute error: `|label - pred|` averaged per sample.
    ///
    /// ```swift
    /// let l = try loss.L1Loss()(pred, label)   // shape [batch]
    /// ```
    public struct L1Loss: GluonLoss {
        public var weight: Double?
        public var batchAxis: Int

        public init(weight: Double? = nil, batchAxis: Int = 0) {
            self.weight = weight
            self.batchAxis = batchAxis
        }

        /// - Throws: ``MXNetError`` when `label` does not have `pred`'s element count or `sampleWeight` does
        ///   not broadcast.
        public func callAsFunction(_ pred: NDArray, _ label: NDArray, sampleWeight: NDArray? = nil) throws -> NDArray {
            let l = try np.abs(np.subtract(reshapeLike(label, pred), pred))
            return try batchMean(applyWeighting(l, weight, sampleWeight), batchAxis)
        }
    }

    /// Half the squared error: `(label - pred)² · weight / 2` averaged per sample (weight defaults to 1).
    ///
    /// ```swift
    /// let l = try loss.L2Loss()(pred, label)
    /// ```
    public struct L2Loss: GluonLoss {
        public var weight: Double?
        public var batchAxis: Int

        public init(weight: Double = 1, batchAxis: Int = 0) {
            self.weight = weight
            self.batchAxis = batchAxis
        }

        /// - Throws: ``MXNetError`` for mismatched shapes.
        public func callAsFunction(_ pred: NDArray, _ label: NDArray, sampleWeight: NDArray? = nil) throws -> NDArray {
            let l = try np.square(np.subtract(reshapeLike(label, pred), pred))
            return try batchMean(applyWeighting(l, (weight ?? 1) / 2, sampleWeight), batchAxis)
        }
    }

    /// Smoothed L1: `|d| - rho/2` where `|d| > rho`, else `d² / (2 rho)`.
    ///
    /// ```swift
    /// let l = try loss.HuberLoss(rho: 0.5)(pred, label)
    /// ```
    public struct HuberLoss: GluonLoss {
        public var rho: Double
        public var weight: Double?
        public var batchAxis: Int

        public init(rho: Double = 1, weight: Double? = nil, batchAxis: Int = 0) {
            self.rho = rho
            self.weight = weight
            self.batchAxis = batchAxis
        }

        /// - Throws: ``MXNetError`` for mismatched shapes.
        public func callAsFunction(_ pred: NDArray, _ label: NDArray, sampleWeight: NDArray? = nil) throws -> NDArray {
            let d = try np.abs(np.subtract(reshapeLike(label, pred), pred))
            let l = try np.where(np.greater(d, rho), np.subtract(d, 0.5 * rho), np.multiply(np.square(d), 0.5 / rho))
            return try batchMean(applyWeighting(l, weight, sampleWeight), batchAxis)
        }
    }

    /// Negative log-likelihood of a Poisson distribution: `exp(pred) - target · pred` on log-rates
    /// (`fromLogits`), else `pred - target · log(pred + epsilon)`; `computeFull` adds Stirling's approximation
    /// of `log(target!)` for targets above 1. Averaged per sample (MXNet 2.0; 1.9.1 returned one scalar mean).
    ///
    /// ```swift
    /// let l = try loss.PoissonNLLLoss(fromLogits: false)(rates, counts)
    /// ```
    public struct PoissonNLLLoss: GluonLoss {
        public var fromLogits: Bool
        public var computeFull: Bool
        public var weight: Double?
        public var batchAxis: Int

        public init(weight: Double? = nil, fromLogits: Bool = true, batchAxis: Int = 0, computeFull: Bool = false) {
            self.weight = weight
            self.fromLogits = fromLogits
            self.batchAxis = batchAxis
            self.computeFull = computeFull
        }

        /// - Throws: ``MXNetError`` for mismatched shapes.
        public func callAsFunction(_ pred: NDArray, _ target: NDArray, sampleWeight: NDArray? = nil,
                                   epsilon: Double = 1e-8) throws -> NDArray {
            let target = try reshapeLike(target, pred)
            var l = fromLogits
                ? try np.subtract(np.exp(pred), np.multiply(target, pred))
                : try np.subtract(pred, np.multiply(target, np.log(np.add(pred, epsilon))))
            if computeFull {
                // target·log(target) - target + ½·log(2π·target), only where target > 1
                let stirling = try np.add(np.subtract(np.multiply(target, np.log(target)), target),
                                          np.multiply(np.log(np.multiply(target, 2 * Double.pi)), 0.5))
                let gate = try np.astype(np.greater(target, 1), stirling.dtype)
                l = try np.add(l, np.multiply(stirling, gate))
            }
            return try batchMean(applyWeighting(l, weight, sampleWeight), batchAxis)
        }
    }
}
