/// MXNet's `mx.metric` (`gluon.metric` in 2.0): evaluation metrics accumulated over batches on the host.
///
/// ```swift
/// let acc = metric.Accuracy()
/// try acc.update(labels: [labels], preds: [probabilities])
/// print(acc.get())   // (name: "accuracy", value: 0.75)
/// ```
public enum metric {}

extension metric {
    /// The base of every metric: a running sum and instance count (`get() = sum / count`), kept twice — local
    /// (cleared by ``resetLocal()``) and global (cleared only by ``reset()``), as MXNet 1.9.1 does.
    open class EvalMetric {
        /// The metric's display name.
        public let name: String
        public var sumMetric = 0.0
        public var numInst = 0
        public var globalSumMetric = 0.0
        public var globalNumInst = 0

        public init(name: String) { self.name = name }

        /// Adds one batch: `labels[i]` against `preds[i]`.
        /// - Throws: ``MXNetError`` when the lists or shapes do not match.
        open func update(labels: [NDArray], preds: [NDArray]) throws {
            throw MXNetError("\(name): update is not implemented")
        }

        /// Clears local and global statistics.
        open func reset() {
            sumMetric = 0; numInst = 0; globalSumMetric = 0; globalNumInst = 0
        }

        /// Clears the local statistics only.
        open func resetLocal() {
            sumMetric = 0; numInst = 0
        }

        /// The current value (NaN before any instance).
        open func get() -> (name: String, value: Double) {
            (name, numInst == 0 ? .nan : sumMetric / Double(numInst))
        }

        /// The value over everything since the last ``reset()``.
        open func getGlobal() -> (name: String, value: Double) {
            (name, globalNumInst == 0 ? .nan : globalSumMetric / Double(globalNumInst))
        }

        /// Every (name, value) pair: one here, one per child for ``CompositeEvalMetric``.
        open func getNameValue() -> [(name: String, value: Double)] { [get()] }

        /// Adds `sum` over `count` instances to both the local and global statistics.
        func accumulate(_ sum: Double, _ count: Int) {
            sumMetric += sum; globalSumMetric += sum
            numInst += count; globalNumInst += count
        }

        /// Throws unless there are as many labels as predictions.
        func checkCounts(_ labels: [NDArray], _ preds: [NDArray]) throws {
            guard labels.count == preds.count else {
                throw MXNetError("\(name): \(labels.count) labels do not match \(preds.count) predictions")
            }
        }
    }

    /// Several metrics updated together; ``getAll()`` lists their names and values in order.
    ///
    /// ```swift
    /// let m = metric.CompositeEvalMetric([metric.Accuracy(), metric.CrossEntropy()])
    /// ```
    public final class CompositeEvalMetric: EvalMetric {
        public private(set) var metrics: [EvalMetric]

        public init(_ metrics: [EvalMetric] = [], name: String = "composite") {
            self.metrics = metrics
            super.init(name: name)
        }

        /// Appends a child metric.
        public func add(_ metric: EvalMetric) { metrics.append(metric) }

        override public func update(labels: [NDArray], preds: [NDArray]) throws {
            for m in metrics { try m.update(labels: labels, preds: preds) }
        }

        override public func reset() { for m in metrics { m.reset() } }
        override public func resetLocal() { for m in metrics { m.resetLocal() } }

        /// The children's names and values (MXNet's `get()` on a composite).
        public func getAll() -> (names: [String], values: [Double]) {
            let pairs = getNameValue()
            return (pairs.map(\.name), pairs.map(\.value))
        }

        /// The first child's value (use ``getAll()`` or ``getNameValue()`` for every child).
        override public func get() -> (name: String, value: Double) { metrics.first?.get() ?? (name, .nan) }
        override public func getGlobal() -> (name: String, value: Double) { metrics.first?.getGlobal() ?? (name, .nan) }
        override public func getNameValue() -> [(name: String, value: Double)] { metrics.flatMap { $0.getNameValue() } }
    }

    /// A metric by MXNet's registered name or alias: "acc"/"accuracy", "f1", "mae",
    /// "mse", "rmse", "ce"/"cross-entropy", "nll_loss"/"perplexity", "pearsonr"/"pearsoncorrelation".
    /// - Throws: ``MXNetError`` for an unknown name.
    public static func create(_ name: String) throws -> EvalMetric {
        switch name.lowercased() {
        case "acc", "accuracy": return Accuracy()
        case "f1": return F1()
        case "mae": return MAE()
        case "mse": return MSE()
        case "rmse": return RMSE()
        case "ce", "cross-entropy", "crossentropy": return CrossEntropy()
        case "nll_loss", "perplexity": return Perplexity(ignoreLabel: nil)
        case "pearsonr", "pearsoncorrelation": return PearsonCorrelation()
        default: throw MXNetError("metric.create: unknown metric \(name)")
        }
    }

    /// The values of `a` as doubles (the host copy every metric works on).
    static func host(_ a: NDArray) throws -> [Double] { try a.asArray(Double.self) }

    /// NumPy's `astype('int32')` of one value without trapping: truncation toward zero, saturated, NaN as Int32.min.
    static func int32(_ d: Double) -> Int {
        guard d.isFinite else { return Int(Int32.min) }
        return Int(Swift.max(Double(Int32.min), Swift.min(Double(Int32.max), d.rounded(.towardZero))))
    }
}
