/// RMSProp (`mx.optimizer.RMSProp`, MXNet 1.9.1's `rmsprop_update` and, when `centered`, Graves'
/// `rmspropalex_update`).
///
/// With `g = clip(rescaleGrad * grad + wd * weight)` and `n = (1 - gamma1) * g^2 + gamma1 * n`:
/// - plain: `weight -= lr * g / sqrt(n + epsilon)`;
/// - centered: `gbar = (1 - gamma1) * g + gamma1 * gbar;
///   delta = gamma2 * delta - lr * g / sqrt(n - gbar^2 + epsilon); weight += delta`.
/// The new weight is clipped to `[-clipWeights, clipWeights]` when `clipWeights` is set.
///
/// ```swift
/// let rmsprop = RMSProp(learningRate: 1e-3, centered: true)
/// ```
public final class RMSProp: Optimizer {
    public let gamma1: Double
    public let gamma2: Double
    public let epsilon: Double
    public let centered: Bool
    public let clipWeights: Double?

    public init(learningRate: Double? = 0.001, gamma1: Double = 0.9, gamma2: Double = 0.9, epsilon: Double = 1e-8,
                centered: Bool = false, clipWeights: Double? = nil, wd: Double = 0, rescaleGrad: Double = 1,
                clipGradient: Double? = nil, lrScheduler: LRScheduler? = nil, beginNumUpdate: Int = 0) {
        self.gamma1 = gamma1
        self.gamma2 = gamma2
        self.epsilon = epsilon
        self.centered = centered
        self.clipWeights = clipWeights
        super.init(learningRate: learningRate, wd: wd, rescaleGrad: rescaleGrad, clipGradient: clipGradient,
                   lrScheduler: lrScheduler, beginNumUpdate: beginNumUpdate)
    }

    /// `[n]`, or `[n, gbar, delta]` when centered.
    public override func createState(index: Int, weight: NDArray) throws -> [NDArray] {
        try (0..<(centered ? 3 : 1)).map { _ in try np.zerosLike(weight) }
    }

    public override func update(index: Int, weight: NDArray, grad: NDArray, state: [NDArray]) throws {
        try validate(weight, grad, state, stateCount: centered ? 3 : 1)
        countUpdate(index)
        let lr = learningRate(for: index), wd = weightDecay(for: index)
        let weightBound = clipWeights.flatMap { $0 > 0 ? $0 : nil }
        try assign {
            let g = try rescaled(grad, weight: weight, wd: wd, clip: fusedClipBound)
            let n = try np.square(g) * Optimizer.oneMinus(gamma1) + state[0] * gamma1
            var newWeight: NDArray
            var updates: [(NDArray, NDArray)] = [(state[0], n)]
            if centered {
                let gbar = try g * Optimizer.oneMinus(gamma1) + state[1] * gamma1
                let delta = try state[2] * gamma2 - g * lr / np.sqrt(n - np.square(gbar) + epsilon)
                newWeight = try weight + delta
                updates += [(state[1], gbar), (state[2], delta)]
            } else {
                newWeight = try weight - g * lr / np.sqrt(n + epsilon)
            }
            if let weightBound { newWeight = try np.clip(newWeight, -weightBound, weightBound) }
            return updates + [(weight, newWeight)]
        }
    }
}
