/// MXNet 2.0's `gluon.loss`: loss functions as plain values.
///
/// Each loss composes np/npx calls only, so it runs eagerly, records under ``autograd`` (gradients flow to the
/// prediction) and records under ``DeferredCompute`` (a hybridized block can wrap it). The result is one loss per
/// sample: the elementwise loss, times `sampleWeight` (broadcast) and `weight`, averaged over every axis except
/// `batchAxis`.
///
/// ```swift
/// let l = loss.SoftmaxCrossEntropyLoss()
/// let value = try autograd.record { try l(logits, labels) }   // shape [batch]
/// try value.backward()
/// ```
public enum loss {}

/// What every loss has: a global scalar `weight` and the axis that holds the batch.
public protocol GluonLoss {
    /// Global scalar weight (none: 1).
    var weight: Double? { get }
    /// The axis of the mini-batch; the others are averaged out.
    var batchAxis: Int { get }
}

extension loss {
    /// `loss * sampleWeight * weight` (MXNet's `_apply_weighting`).
    static func applyWeighting(_ l: NDArray, _ weight: Double?, _ sampleWeight: NDArray?) throws -> NDArray {
        var l = l
        if let sampleWeight { l = try np.multiply(l, sampleWeight) }
        if let weight { l = try np.multiply(l, weight) }
        return l
    }

    /// The axes of `l` other than `batchAxis` (which may be negative).
    static func nonBatchAxes(_ l: NDArray, _ batchAxis: Int) throws -> [Int] {
        let n = l.ndim
        guard batchAxis >= -n, batchAxis < n else {
            throw MXNetError("loss: batch_axis \(batchAxis) is out of range for a loss of shape \(Shape.text(l.shape))")
        }
        let b = batchAxis < 0 ? batchAxis + n : batchAxis
        return (0..<n).filter { $0 != b }
    }

    /// Mean over every axis but `batchAxis` (MXNet 2.0's `_batch_mean`).
    static func batchMean(_ l: NDArray, _ batchAxis: Int) throws -> NDArray {
        let axes = try nonBatchAxes(l, batchAxis)
        return axes.isEmpty ? l : try np.mean(l, axis: axes)
    }

    /// Sum over every axis but `batchAxis` (MXNet 2.0's `_batch_sum`).
    static func batchSum(_ l: NDArray, _ batchAxis: Int) throws -> NDArray {
        let axes = try nonBatchAxes(l, batchAxis)
        return axes.isEmpty ? l : try np.sum(l, axis: axes)
    }

    /// `x` reshaped to `like`'s shape (`npx.reshape_like`), so labels with the same element count fit.
    static func reshapeLike(_ x: NDArray, _ like: NDArray) throws -> NDArray {
        x.shape == like.shape ? x : try npx.reshapeLike(x, like)
    }

    /// `log(1 + exp(-|x|)) + max(x, 0) - x * z`: binary cross-entropy on logits, computed stably.
    static func logisticOnLogits(_ pred: NDArray, _ label: NDArray) throws -> NDArray {
        let softplus = try npx.activation(np.negative(np.abs(pred)), actType: .softrelu)
        return try np.add(np.subtract(npx.relu(pred), np.multiply(pred, label)), softplus)
    }
}
