import Foundation

/// What Adam and AdamW share: decay rates of the first and second moment estimates, `epsilon`, and the two
/// moment arrays per weight.
open class MomentEstimatingOptimizer: Optimizer {
    public let beta1: Double
    public let beta2: Double
    public let epsilon: Double

    public init(learningRate: Double?, beta1: Double, beta2: Double, epsilon: Double, wd: Double, rescaleGrad: Double,
                clipGradient: Double?, lrScheduler: LRScheduler?, beginNumUpdate: Int) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        super.init(learningRate: learningRate, wd: wd, rescaleGrad: rescaleGrad, clipGradient: clipGradient,
                   lrScheduler: lrScheduler, beginNumUpdate: beginNumUpdate)
    }

    /// The first and second moment estimates (`mean`, `var`).
    public override func createState(index: Int, weight: NDArray) throws -> [NDArray] {
        [try np.zerosLike(weight), try np.zerosLike(weight)]
    }

    /// `sqrt(1 - beta2^t) / (1 - beta1^t)`: the bias correction at update `t`, folded into the learning rate.
    func biasCorrection(_ t: Double) -> Double {
        (1 - Foundation.pow(beta2, t)).squareRoot() / (1 - Foundation.pow(beta1, t))
    }
}

/// Adam (`mx.optimizer.Adam`, MXNet 1.9.1's `adam_update` with bias correction folded into the learning rate).
///
/// At update `t` of a weight, `lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)` and, with
/// `g = clip(rescaleGrad * grad + wd * weight)`:
/// `mean = beta1 * mean + (1 - beta1) * g; var = beta2 * var + (1 - beta2) * g^2;
/// weight -= lr_t * mean / (sqrt(var) + epsilon)`.
///
/// ```swift
/// let adam = Adam(learningRate: 1e-3)
/// ```
public final class Adam: MomentEstimatingOptimizer {
    public override init(learningRate: Double? = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                wd: Double = 0, rescaleGrad: Double = 1, clipGradient: Double? = nil,
                lrScheduler: LRScheduler? = nil, beginNumUpdate: Int = 0) {
        super.init(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, wd: wd,
                   rescaleGrad: rescaleGrad, clipGradient: clipGradient, lrScheduler: lrScheduler,
                   beginNumUpdate: beginNumUpdate)
    }

    public override func update(index: Int, weight: NDArray, grad: NDArray, state: [NDArray]) throws {
        try validate(weight, grad, state, stateCount: 2)
        countUpdate(index)
        let t = Double(indexUpdateCount[index] ?? 1)
        let lr = learningRate(for: index) * biasCorrection(t)
        let wd = weightDecay(for: index)
        try assign {
            let g = try rescaled(grad, weight: weight, wd: wd, clip: fusedClipBound)
            let mean = try state[0] * beta1 + g * Optimizer.oneMinus(beta1)
            let variance = try state[1] * beta2 + np.square(g) * Optimizer.oneMinus(beta2)
            let step = try mean * lr / (np.sqrt(variance) + epsilon)
            return [(state[0], mean), (state[1], variance), (weight, try weight - step)]
        }
    }
}

/// Adam with decoupled weight decay (MXNet 2.0's `mx.optimizer.AdamW`, fused step; MXNet 1.9.1 has only the
/// `_adamw_update` kernel, which the 2.0 optimizer drives with `lr = 1`, `eta = lr_t`).
///
/// With `lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)` when `correctBias`, and `g = clip(rescaleGrad * grad)`:
/// `mean = beta1 * mean + (1 - beta1) * g; var = beta2 * var + (1 - beta2) * g^2;
/// weight -= lr_t * (mean / (sqrt(var) + epsilon) + wd * weight)`.
///
/// ```swift
/// let adamw = AdamW(learningRate: 1e-3, wd: 0.01)
/// ```
public final class AdamW: MomentEstimatingOptimizer {
    public let correctBias: Bool

    public init(learningRate: Double? = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-6,
                correctBias: Bool = true, wd: Double = 0, rescaleGrad: Double = 1, clipGradient: Double? = nil,
                lrScheduler: LRScheduler? = nil, beginNumUpdate: Int = 0) {
        self.correctBias = correctBias
        super.init(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, wd: wd,
                   rescaleGrad: rescaleGrad, clipGradient: clipGradient, lrScheduler: lrScheduler,
                   beginNumUpdate: beginNumUpdate)
    }

    public override func update(index: Int, weight: NDArray, grad: NDArray, state: [NDArray]) throws {
        try validate(weight, grad, state, stateCount: 2)
        countUpdate(index)
        let t = Double(indexUpdateCount[index] ?? 1)
        var lr = learningRate(for: index)
        if correctBias { lr *= biasCorrection(t) }
        let wd = weightDecay(for: index)
        try assign {
            let g = try rescaled(grad, clip: fusedClipBound)
            let mean = try state[0] * beta1 + g * Optimizer.oneMinus(beta1)
            let variance = try state[1] * beta2 + np.square(g) * Optimizer.oneMinus(beta2)
            let direction = try mean / (np.sqrt(variance) + epsilon) + weight * wd
            return [(state[0], mean), (state[1], variance), (weight, try weight - direction * lr)]
        }
    }
}
