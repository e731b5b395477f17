/// Classification losses: softmax and sigmoid cross-entropy, KL divergence, hinge, squared hinge, logistic.
extension loss {
    /// Softmax cross-entropy: `-log softmax(pred)[label]` along `axis` (sparse labels: class indices with `pred`'s
    /// shape minus `axis`), or `-Σ label · log softmax(pred)` for dense labels; `fromLogits` takes `pred` as
    /// log-probabilities already.
    ///
    /// ```swift
    /// let l = try loss.SoftmaxCrossEntropyLoss()(logits, np.array([0, 2] as [Float]))
    /// ```
    public struct SoftmaxCrossEntropyLoss: GluonLoss {
        public var axis: Int
        public var sparseLabel: Bool
        public var fromLogits: Bool
        public var weight: Double?
        public var batchAxis: Int

        public init(axis: Int = -1, sparseLabel: Bool = true, fromLogits: Bool = false, weight: Double? = nil,
                    batchAxis: Int = 0) {
            self.axis = axis
            self.sparseLabel = sparseLabel
            self.fromLogits = fromLogits
            self.weight = weight
            self.batchAxis = batchAxis
        }

        /// - Throws: ``MXNetError`` for a bad `axis` or label shape.
        public func callAsFunction(_ pred: NDArray, _ label: NDArray, sampleWeight: NDArray? = nil) throws -> NDArray {
            let logp = fromLogits ? pred : try npx.logSoftmax(pred, axis: axis)
            let l = sparseLabel
                ? try np.negative(npx.pick(logp, label, axis: axis, keepdims: true))
                : try np.negative(np.sum(np.multiply(logp, reshapeLike(label, logp)), axis: [axis], keepdims: true))
            return try batchMean(applyWeighting(l, weight, sampleWeight), batchAxis)
        }
    }

    /// MXNet's alias for ``SoftmaxCrossEntropyLoss``.
    public typealias SoftmaxCELoss = SoftmaxCrossEntropyLoss

    /// Binary cross-entropy on logits (stable log-sum-exp form) or on probabilities (`fromSigmoid`), with an
    /// optional weight of positive examples (`posWeight`, broadcast against `pred`).
    ///
    /// ```swift
    /// let l = try loss.SigmoidBinaryCrossEntropyLoss()(logits, targets)
    /// ```
    public struct SigmoidBinaryCrossEntropyLoss: GluonLoss {
        public var fromSigmoid: Bool
        public var weight: Double?
        public var batchAxis: Int

        public init(fromSigmoid: Bool = false, weight: Double? = nil, batchAxis: Int = 0) {
            self.fromSigmoid = fromSigmoid
            self.weight = weight
            self.batchAxis = batchAxis
        }

        /// - Throws: ``MXNetError`` for mismatched shapes.
        public func callAsFunction(_ pred: NDArray, _ label: NDArray, sampleWeight: NDArray? = nil,
                                   posWeight: NDArray? = nil) throws -> NDArray {
            let label = try reshapeLike(label, pred)
            let l: NDArray
            if !fromSigmoid {
                if let posWeight {
                    // x - x·z + (1 + (pw - 1)·z) · (log(1 + exp(-|x|)) + max(-x, 0))
                    let logWeight = try np.add(np.multiply(np.subtract(posWeight, 1), label), 1)
                    let softplus = try npx.activation(np.negative(np.abs(pred)), actType: .softrelu)
                    let tail = try np.multiply(logWeight, np.add(softplus, npx.relu(np.negative(pred))))
                    l = try np.add(np.subtract(pred, np.multiply(pred, label)), tail)
                } else {
                    l = try logisticOnLogits(pred, label)
                }
            } else {
                let eps = 1e-12
                var pos = try np.multiply(np.log(np.add(pred, eps)), label)
                if let posWeight { pos = try np.multiply(pos, posWeight) }
                let neg = try np.multiply(np.log(np.add(np.rsubtract(1, pred), eps)), np.rsubtract(1, label))
                l = try np.negative(np.add(pos, neg))
            }
            return try batchMean(applyWeighting(l, weight, sampleWeight), batchAxis)
        }
    }

    /// MXNet's alias for ``SigmoidBinaryCrossEntropyLoss``.
    public typealias SigmoidBCELoss = SigmoidBinaryCrossEntropyLoss

    /// Kullback-Leibler divergence `label · (log label - pred)`, `pred` being log-probabilities (`fromLogits`)
    /// or raw scores turned into them by a log-softmax along `axis`. Averaged per sample (MXNet 2.0; 1.9.1 summed).
    ///
    /// ```swift
    /// let l = try loss.KLDivLoss(fromLogits: false)(scores, targetDistribution)
    /// ```
    public struct KLDivLoss: GluonLoss {
        public var fromLogits: Bool
        public var axis: Int
        public var weight: Double?
        public var batchAxis: Int

        public init(fromLogits: Bool = true, axis: Int = -1, weight: Double? = nil, batchAxis: Int = 0) {
            self.fromLogits = fromLogits
            self.axis = axis
            self.weight = weight
            self.batchAxis = batchAxis
        }

        /// - Throws: ``MXNetError`` for a bad `axis` or mismatched shapes.
        public func callAsFunction(_ pred: NDArray, _ label: NDArray, sampleWeight: NDArray? = nil) throws -> NDArray {
            let logp = fromLogits ? pred : try npx.logSoftmax(pred, axis: axis)
            let l = try np.multiply(label, np.subtract(np.log(np.add(label, 1e-12)), logp))
            return try batchMean(applyWeighting(l, weight, sampleWeight), batchAxis)
        }
    }

    /// Hinge loss `max(0, margin - pred · label)` for labels in {-1, 1}.
    ///
    /// ```swift
    /// let l = try loss.HingeLoss(margin: 1)(scores, signs)
    /// ```
    public struct HingeLoss: GluonLoss {
        public var margin: Double
        public var weight: Double?
        public var batchAxis: Int

        public init(margin: Double = 1, weight: Double? = nil, batchAxis: Int = 0) {
            self.margin = margin
            self.weight = weight
            self.batchAxis = batchAxis
        }

        /// - Throws: ``MXNetError`` for mismatched shapes.
        public func callAsFunction(_ pred: NDArray, _ label: NDArray, sampleWeight: NDArray? = nil) throws -> NDArray {
            let l = try npx.relu(np.rsubtract(margin, np.multiply(pred, reshapeLike(label, pred))))
            return try batchMean(applyWeighting(l, weight, sampleWeight), batchAxis)
        }
    }

    /// Squared hinge loss `max(0, margin - pred · label)²` for labels in {-1, 1}.
    ///
    /// ```swift
    /// let l = try loss.SquaredHingeLoss()(scores, signs)
    /// ```
    public struct SquaredHingeLoss: GluonLoss {
        public var margin: Double
        public var weight: Double?
        public var batchAxis: Int

        public init(margin: Double = 1, weight: Double? = nil, batchAxis: Int = 0) {
            self.margin = margin
            self.weight = weight
            self.batchAxis = batchAxis
        }

        /// - Throws: ``MXNetError`` for mismatched shapes.
        public func callAsFunction(_ pred: NDArray, _ label: NDArray, sampleWeight: NDArray? = nil) throws -> NDArray {
            let h = try npx.relu(np.rsubtract(margin, np.multiply(pred, reshapeLike(label, pred))))
            return try batchMean(applyWeighting(np.square(h), weight, sampleWeight), batchAxis)
        }
    }

    /// Logistic loss `log(1 + exp(-pred · label))` for signed labels {-1, 1}, or binary labels {0, 1}.
    ///
    /// ```swift
    /// let l = try loss.LogisticLoss(labelFormat: .binary)(scores, bits)
    /// ```
    public struct LogisticLoss: GluonLoss {
        /// How labels are given.
        public enum LabelFormat: String, Sendable {
            case signed, binary
        }

        public var labelFormat: LabelFormat
        public var weight: Double?
        public var batchAxis: Int

        public init(weight: Double? = nil, batchAxis: Int = 0, labelFormat: LabelFormat = .signed) {
            self.weight = weight
            self.batchAxis = batchAxis
            self.labelFormat = labelFormat
        }

        /// `labelFormat` from MXNet's string spelling.
        /// - Throws: ``MXNetError`` unless it is "signed" or "binary".
        public init(weight: Double? = nil, batchAxis: Int = 0, labelFormat: String) throws {
            guard let f = LabelFormat(rawValue: labelFormat) else {
                throw MXNetError("LogisticLoss: label_format can only be signed or binary, got \(labelFormat)")
            }
            self.init(weight: weight, batchAxis: batchAxis, labelFormat: f)
        }

        /// - Throws: ``MXNetError`` for mismatched shapes.
        public func callAsFunction(_ pred: NDArray, _ label: NDArray, sampleWeight: NDArray? = nil) throws -> NDArray {
            var label = try reshapeLike(label, pred)
            if labelFormat == .signed { label = try np.divide(np.add(label, 1), 2) }   // {-1, 1} → {0, 1}
            return try batchMean(applyWeighting(logisticOnLogits(pred, label), weight, sampleWeight), batchAxis)
        }
    }
}
