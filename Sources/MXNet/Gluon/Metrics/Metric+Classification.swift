import Foundation

/// Classification metrics: Accuracy, TopKAccuracy, F1, CrossEntropy, Perplexity (MXNet 1.9.1's semantics).
extension metric {
    /// The fraction of predictions equal to the labels; predictions shaped unlike the labels are first reduced by
    /// argmax along `axis`. Values compare as int32 (truncated), as MXNet does.
    ///
    /// ```swift
    /// let acc = metric.Accuracy()
    /// try acc.update(labels: [np.array([0, 1] as [Float])], preds: [probs])
    /// ```
    public final class Accuracy: EvalMetric {
        public let axis: Int

        public init(axis: Int = 1, name: String = "accuracy") {
            self.axis = axis
            super.init(name: name)
        }

        override public func update(labels: [NDArray], preds: [NDArray]) throws {
            try checkCounts(labels, preds)
            for (label, pred) in zip(labels, preds) {
                let p = pred.shape == label.shape ? pred : try np.argmax(pred, axis: axis)
                let pv = try host(p), lv = try host(label)
                guard pv.count == lv.count else {
                    throw MXNetError("\(name): \(lv.count) labels do not match \(pv.count) predicted labels")
                }
                let correct = zip(pv, lv).reduce(0) { $0 + (int32($1.0) == int32($1.1) ? 1 : 0) }
                accumulate(Double(correct), pv.count)
            }
        }
    }

    /// The fraction of samples whose label is among the `topK` highest-scored classes; predictions are
    /// `(batch, classes)`.
    ///
    /// ```swift
    /// let top3 = try metric.TopKAccuracy(topK: 3)
    /// ```
    public final class TopKAccuracy: EvalMetric {
        public let topK: Int

        /// - Throws: ``MXNetError`` unless `topK > 1` (use ``Accuracy`` for 1).
        public init(topK: Int = 2, name: String = "top_k_accuracy") throws {
            guard topK > 1 else { throw MXNetError("TopKAccuracy: top_k must be more than 1, got \(topK); use Accuracy") }
            self.topK = topK
            super.init(name: "\(name)_\(topK)")
        }

        override public func update(labels: [NDArray], preds: [NDArray]) throws {
            try checkCounts(labels, preds)
            for (label, pred) in zip(labels, preds) {
                guard pred.ndim == 2 else {
                    throw MXNetError("\(name): predictions must be (batch, classes), got \(Shape.text(pred.shape))")
                }
                let (n, c) = (pred.shape[0], pred.shape[1])
                let lv = try host(label)
                guard lv.count == n else { throw MXNetError("\(name): \(lv.count) labels for \(n) predictions") }
                guard topK <= c else { throw MXNetError("\(name): top_k \(topK) exceeds the \(c) classes") }
                let pv = try pred.asArray(Float.self)   // MXNet ranks the scores as float32
                var correct = 0
                for i in 0..<n {
                    let label = int32(lv[i])
                    guard label >= 0, label < c else { continue }
                    let score = pv[i * c + label]
                    // the label is in the top k when fewer than k scores beat it (ties count against it)
                    var above = 0
                    for j in 0..<c where pv[i * c + j] > score || (pv[i * c + j] == score && j > label) { above += 1 }
                    if above < topK { correct += 1 }
                }
                accumulate(Double(correct), n)
            }
        }
    }

    /// The F1 score of binary classification (predictions `(batch, 2)`, class 1 positive): `macro` averages the
    /// per-update scores, `micro` scores the pooled counts.
    ///
    /// ```swift
    /// let f1 = metric.F1(average: .micro)
    /// ```
    public final class F1: EvalMetric {
        public enum Average: String, Sendable { case macro, micro }

        public let average: Average
        var tp = 0, fp = 0, fn = 0, tn = 0

        public init(name: String = "f1", average: Average = .macro) {
            self.average = average
            super.init(name: name)
        }

        var fscore: Double {
            let precision = tp + fp > 0 ? Double(tp) / Double(tp + fp) : 0
            let recall = tp + fn > 0 ? Double(tp) / Double(tp + fn) : 0
            return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        }

        override public func update(labels: [NDArray], preds: [NDArray]) throws {
            try checkCounts(labels, preds)
            for (label, pred) in zip(labels, preds) {
                guard pred.ndim == 2 else {
                    throw MXNetError("\(name): predictions must be (batch, classes), got \(Shape.text(pred.shape))")
                }
                let predicted = try host(np.argmax(pred, axis: 1)).map(int32)
                let lv = try host(label).map(int32)
                guard lv.count == predicted.count, label.ndim > 0, label.shape[0] == pred.shape[0] else {
                    throw MXNetError("\(name): labels \(Shape.text(label.shape)) do not match predictions \(Shape.text(pred.shape))")
                }
                guard Set(lv).count <= 2 else { throw MXNetError("\(name): only binary classification is supported") }
                for (p, l) in zip(predicted, lv) {
                    switch (p == 1, l == 1) {
                    case (true, true): tp += 1
                    case (true, false): fp += 1
                    case (false, true): fn += 1
                    case (false, false): tn += 1
                    }
                }
            }
            let total = tp + fp + fn + tn
            switch average {
            case .macro:
                accumulate(fscore, 1)
                (tp, fp, fn, tn) = (0, 0, 0, 0)
            case .micro:
                (sumMetric, globalSumMetric) = (fscore * Double(total), fscore * Double(total))
                (numInst, globalNumInst) = (total, total)
            }
        }

        override public func reset() {
            super.reset()
            (tp, fp, fn, tn) = (0, 0, 0, 0)
        }

        override public func resetLocal() {
            super.resetLocal()
            (tp, fp, fn, tn) = (0, 0, 0, 0)
        }
    }

    /// Mean negative log-probability of the labels: `-log(pred[i, label_i] + eps)` over samples of
    /// `(batch, classes)` probabilities.
    ///
    /// ```swift
    /// let ce = metric.CrossEntropy()
    /// ```
    public final class CrossEntropy: EvalMetric {
        public let eps: Double

        public init(eps: Double = 1e-12, name: String = "cross-entropy") {
            self.eps = eps
            super.init(name: name)
        }

        override public func update(labels: [NDArray], preds: [NDArray]) throws {
            try checkCounts(labels, preds)
            for (label, pred) in zip(labels, preds) {
                let lv = try host(label)
                guard pred.ndim == 2, pred.shape[0] == lv.count else {
                    throw MXNetError("\(name): \(lv.count) labels do not match predictions \(Shape.text(pred.shape))")
                }
                let c = pred.shape[1], pv = try host(pred)
                var sum = 0.0
                for (i, l) in lv.enumerated() {
                    guard l.isFinite, var k = Int(exactly: l.rounded(.towardZero)) else {
                        throw MXNetError("\(name): label \(l) is not a class index")
                    }
                    if k < 0 { k += c }
                    guard k >= 0, k < c else { throw MXNetError("\(name): label \(l) is out of range for \(c) classes") }
                    sum -= Foundation.log(pv[i * c + k] + eps)
                }
                accumulate(sum, lv.count)
            }
        }
    }

    /// Perplexity `exp(mean(-log p[label]))`, picking along `axis`; labels equal to `ignoreLabel` are skipped.
    ///
    /// ```swift
    /// let ppl = metric.Perplexity(ignoreLabel: 0)
    /// ```
    public final class Perplexity: EvalMetric {
        public let ignoreLabel: Double?
        public let axis: Int

        public init(ignoreLabel: Double?, axis: Int = -1, name: String = "perplexity") {
            self.ignoreLabel = ignoreLabel
            self.axis = axis
            super.init(name: name)
        }

        override public func update(labels: [NDArray], preds: [NDArray]) throws {
            try checkCounts(labels, preds)
            var loss = 0.0, num = 0
            for (label, pred) in zip(labels, preds) {
                guard pred.ndim > 0, let last = pred.shape.last, last > 0, label.size * last == pred.size else {
                    throw MXNetError("\(name): shape mismatch: \(Shape.text(label.shape)) vs. \(Shape.text(pred.shape))")
                }
                let flat = try np.reshape(label, [label.size])
                let picked = try host(npx.pick(pred, np.astype(flat, .int32), axis: axis))
                let lv = try host(flat)
                for (p, l) in zip(picked, lv) {
                    if let ignoreLabel, l == ignoreLabel {
                        num -= 1
                        continue   // MXNet replaces the probability by 1: log 1 = 0
                    }
                    loss -= Foundation.log(Swift.max(1e-10, p))
                }
                num += picked.count
            }
            accumulate(loss, num)
        }

        override public func get() -> (name: String, value: Double) {
            (name, numInst == 0 ? .nan : Foundation.exp(sumMetric / Double(numInst)))
        }

        override public func getGlobal() -> (name: String, value: Double) {
            (name, globalNumInst == 0 ? .nan : Foundation.exp(globalSumMetric / Double(globalNumInst)))
        }
    }
}
