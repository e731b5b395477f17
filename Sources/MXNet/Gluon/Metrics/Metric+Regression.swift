import Foundation

/// Regression metrics: MAE, MSE, RMSE (each the mean over updates of per-batch values, as MXNet 1.9.1) and
/// PearsonCorrelation.
extension metric {
    /// A per-batch statistic of `label - pred` (1-D arrays taken as columns, then broadcast), averaged over batches.
    public class BatchErrorMetric: EvalMetric {
        let statistic: ([Double]) -> Double

        init(name: String, statistic: @escaping ([Double]) -> Double) {
            self.statistic = statistic
            super.init(name: name)
        }

        override public func update(labels: [NDArray], preds: [NDArray]) throws {
            try checkCounts(labels, preds)
            func column(_ a: NDArray) throws -> NDArray {
                let a = try np.astype(a, .float64)
                return a.ndim == 1 ? try np.reshape(a, [a.shape[0], 1]) : a
            }
            for (label, pred) in zip(labels, preds) {
                let diff = try host(np.subtract(column(label), column(pred)))
                accumulate(diff.isEmpty ? .nan : statistic(diff), 1)
            }
        }
    }

    /// Mean absolute error, averaged over batches.
    public final class MAE: BatchErrorMetric {
        public init(name: String = "mae") {
            super.init(name: name) { d in d.reduce(0) { $0 + Swift.abs($1) } / Double(d.count) }
        }
    }

    /// Mean squared error, averaged over batches.
    public final class MSE: BatchErrorMetric {
        public init(name: String = "mse") {
            super.init(name: name) { d in d.reduce(0) { $0 + $1 * $1 } / Double(d.count) }
        }
    }

    /// Root mean squared error of each batch, averaged over batches.
    public final class RMSE: BatchErrorMetric {
        public init(name: String = "rmse") {
            super.init(name: name) { d in (d.reduce(0) { $0 + $1 * $1 } / Double(d.count)).squareRoot() }
        }
    }

    /// Pearson correlation of predictions and labels (same shapes, flattened): `macro` averages each pair's
    /// coefficient, `micro` pools every value with running means and sums of squares, as MXNet 1.9.1 does.
    ///
    /// ```swift
    /// let r = metric.PearsonCorrelation(average: .micro)
    /// ```
    public final class PearsonCorrelation: EvalMetric {
        public enum Average: String, Sendable { case macro, micro }

        public let average: Average
        var countL = 0, meanL = 0.0, sseL = 0.0
        var countP = 0, meanP = 0.0, sseP = 0.0
        var cov = 0.0

        public init(name: String = "pearsonr", average: Average = .macro) {
            self.average = average
            super.init(name: name)
        }

        override public func reset() {
            super.reset()
            (countL, meanL, sseL, countP, meanP, sseP, cov) = (0, 0, 0, 0, 0, 0, 0)
        }

        /// MXNet's running update: the mean moves by Σ(x - mean_old) / count_new, the sum of squares by
        /// Σ(x - mean_old)(x - mean_new).
        static func updateVariance(_ x: [Double], _ count: inout Int, _ mean: inout Double, _ sse: inout Double) {
            count += x.count
            let old = mean
            mean += x.reduce(0) { $0 + ($1 - old) / Double(count) }
            let new = mean
            sse += x.reduce(0) { $0 + ($1 - old) * ($1 - new) }
        }

        override public func update(labels: [NDArray], preds: [NDArray]) throws {
            try checkCounts(labels, preds)
            for (label, pred) in zip(labels, preds) {
                guard label.shape == pred.shape else {
                    throw MXNetError("\(name): labels \(Shape.text(label.shape)) do not match predictions \(Shape.text(pred.shape))")
                }
                let l = try host(label), p = try host(pred)
                switch average {
                case .macro:
                    accumulate(Self.correlation(p, l), 1)
                case .micro:
                    accumulate(0, 1)
                    Self.updateVariance(l, &countL, &meanL, &sseL)
                    let (ml, mp) = (meanL, meanP)
                    cov += zip(l, p).reduce(0) { $0 + ($1.0 - ml) * ($1.1 - mp) }
                    Self.updateVariance(p, &countP, &meanP, &sseP)
                }
            }
        }

        /// NumPy's `corrcoef(x, y)[0, 1]`.
        static func correlation(_ x: [Double], _ y: [Double]) -> Double {
            let n = Double(x.count)
            let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
            var sxy = 0.0, sxx = 0.0, syy = 0.0
            for (a, b) in zip(x, y) {
                sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx); syy += (b - my) * (b - my)
            }
            return sxy / (sxx.squareRoot() * syy.squareRoot())
        }

        override public func get() -> (name: String, value: Double) {
            guard numInst > 0 else { return (name, .nan) }
            guard average == .micro else { return super.get() }
            let n = Double(countL)
            return (name, cov / ((n - 1) * (sseP / (n - 1)).squareRoot() * (sseL / (n - 1)).squareRoot()))
        }

        override public func getGlobal() -> (name: String, value: Double) {
            average == .micro ? get() : super.getGlobal()
        }
    }
}
