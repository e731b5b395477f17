/// AdaGrad (`mx.optimizer.AdaGrad`, MXNet 1.9.1's dense rule).
///
/// With `g = clip(rescaleGrad * grad)`: `history += g^2;
/// weight -= lr * (g / sqrt(history + epsilon) + wd * weight)`.
///
/// ```swift
/// let adagrad = AdaGrad(learningRate: 0.1)
/// ```
public final class AdaGrad: Optimizer {
    /// Added under the square root for stability (MXNet's `eps`).
    public let epsilon: Double

    public init(learningRate: Double? = nil, epsilon: Double = 1e-7, wd: Double = 0, rescaleGrad: Double = 1,
                clipGradient: Double? = nil, lrScheduler: LRScheduler? = nil, beginNumUpdate: Int = 0) {
        self.epsilon = epsilon
        super.init(learningRate: learningRate, wd: wd, rescaleGrad: rescaleGrad, clipGradient: clipGradient,
                   lrScheduler: lrScheduler, beginNumUpdate: beginNumUpdate)
    }

    /// The running sum of squared gradients.
    public override func createState(index: Int, weight: NDArray) throws -> [NDArray] { [try np.zerosLike(weight)] }

    public override func update(index: Int, weight: NDArray, grad: NDArray, state: [NDArray]) throws {
        try validate(weight, grad, state, stateCount: 1)
        countUpdate(index)
        let lr = learningRate(for: index), wd = weightDecay(for: index)
        try assign {
            let g = try rescaled(grad, clip: clipGradient)
            let history = try state[0] + np.square(g)
            let div = try g / np.sqrt(history + epsilon)
            return [(state[0], history), (weight, try weight + (div + weight * wd) * -lr)]
        }
    }
}

/// AdaDelta (`mx.optimizer.AdaDelta`); it uses no learning rate.
///
/// With `g = clip(rescaleGrad * grad)`: `accG = rho * accG + (1 - rho) * g^2;
/// delta = sqrt(accDelta + epsilon) / sqrt(accG + epsilon) * g; accDelta = rho * accDelta + (1 - rho) * delta^2;
/// weight -= delta + wd * weight`.
///
/// ```swift
/// let adadelta = AdaDelta(rho: 0.9)
/// ```
public final class AdaDelta: Optimizer {
    public let rho: Double
    public let epsilon: Double

    public init(rho: Double = 0.9, epsilon: Double = 1e-5, learningRate: Double? = nil, wd: Double = 0,
                rescaleGrad: Double = 1, clipGradient: Double? = nil, lrScheduler: LRScheduler? = nil,
                beginNumUpdate: Int = 0) {
        self.rho = rho
        self.epsilon = epsilon
        super.init(learningRate: learningRate, wd: wd, rescaleGrad: rescaleGrad, clipGradient: clipGradient,
                   lrScheduler: lrScheduler, beginNumUpdate: beginNumUpdate)
    }

    /// The accumulated squared gradients and squared updates.
    public override func createState(index: Int, weight: NDArray) throws -> [NDArray] {
        [try np.zerosLike(weight), try np.zerosLike(weight)]
    }

    public override func update(index: Int, weight: NDArray, grad: NDArray, state: [NDArray]) throws {
        try validate(weight, grad, state, stateCount: 2)
        let wd = weightDecay(for: index)
        countUpdate(index)
        try assign {
            let g = try rescaled(grad, clip: clipGradient)
            let accG = try state[0] * rho + g * (1 - rho) * g
            let delta = try np.sqrt(state[1] + epsilon) / np.sqrt(accG + epsilon) * g
            let accDelta = try state[1] * rho + delta * (1 - rho) * delta
            return [(state[0], accG), (state[1], accDelta), (weight, try weight - (delta + weight * wd))]
        }
    }
}
