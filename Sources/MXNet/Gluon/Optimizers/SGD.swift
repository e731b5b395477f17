/// The options and state SGD and NAG share: a momentum coefficient and, when it is non-zero, one momentum
/// array per weight.
open class MomentumOptimizer: Optimizer {
    /// The momentum coefficient (0 keeps no state).
    public let momentum: Double

    public init(learningRate: Double? = nil, momentum: Double = 0, wd: Double = 0, rescaleGrad: Double = 1,
                clipGradient: Double? = nil, lrScheduler: LRScheduler? = nil, beginNumUpdate: Int = 0) {
        self.momentum = momentum
        super.init(learningRate: learningRate, wd: wd, rescaleGrad: rescaleGrad, clipGradient: clipGradient,
                   lrScheduler: lrScheduler, beginNumUpdate: beginNumUpdate)
    }

    /// One momentum array when `momentum` is non-zero, otherwise none.
    public override func createState(index: Int, weight: NDArray) throws -> [NDArray] {
        momentum != 0 ? [try np.zerosLike(weight)] : []
    }
}

/// Stochastic gradient descent with optional momentum (`mx.optimizer.SGD`, the `sgd_update` /
/// `sgd_mom_update` rules of MXNet 1.9.1).
///
/// With `g = clip(rescaleGrad * grad)`:
/// - without momentum: `weight = (1 - lr * wd) * weight - lr * g`;
/// - with momentum: `mom = momentum * mom - lr * wd * weight - lr * g; weight += mom`.
///
/// ```swift
/// let sgd = SGD(learningRate: 0.1, momentum: 0.9, wd: 1e-4)
/// ```
public final class SGD: MomentumOptimizer {
    public override func update(index: Int, weight: NDArray, grad: NDArray, state: [NDArray]) throws {
        try validate(weight, grad, state, stateCount: momentum != 0 ? 1 : 0)
        countUpdate(index)
        let lr = learningRate(for: index), wd = weightDecay(for: index)
        try assign {
            let g = try rescaled(grad, clip: fusedClipBound)
            guard let mom = state.first else {
                return [(weight, try weight * (1 - lr * wd) - g * lr)]
            }
            let m = max(momentum, 0)  // MXNet passes the momentum to the kernel only when positive
            let newMom = try mom * m - weight * (lr * wd) - g * lr
            return [(mom, newMom), (weight, try weight + newMom)]
        }
    }
}

/// Nesterov accelerated gradient (`mx.optimizer.NAG`, MXNet 1.9.1's `nag_mom_update`).
///
/// With `gc = clip(rescaleGrad * grad)` and `m = momentum * mom`:
/// `weight' = weight + momentum * m - (1 + momentum) * lr * (gc + wd * weight); mom = m - lr * (gc + wd * weight')`.
/// The momentum uses the *new* weight in its decay term: MXNet 1.9.1's `nag_mom_update` kernel runs with
/// `out` aliasing `weight` and reads the weight after writing it; this reproduces that (it matters only with
/// `wd != 0`). Without momentum it is plain ``SGD``.
///
/// ```swift
/// let nag = NAG(learningRate: 0.1, momentum: 0.9)
/// ```
public final class NAG: MomentumOptimizer {
    public override func update(index: Int, weight: NDArray, grad: NDArray, state: [NDArray]) throws {
        try validate(weight, grad, state, stateCount: momentum != 0 ? 1 : 0)
        countUpdate(index)
        let lr = learningRate(for: index), wd = weightDecay(for: index)
        try assign {
            let g = try rescaled(grad, clip: fusedClipBound)
            guard let mom = state.first else {
                return [(weight, try weight * (1 - lr * wd) - g * lr)]
            }
            let m = max(momentum, 0)
            let decayed = try mom * m
            let newWeight = try weight + decayed * m - (g + weight * wd) * ((1 + m) * lr)
            let newMom = try decayed - (g + newWeight * wd) * lr
            return [(mom, newMom), (weight, newWeight)]
        }
    }
}
