/// The base of every optimizer (`mx.optimizer.Optimizer`): options shared by all update rules, per-weight
/// learning-rate and weight-decay multipliers, and MXNet's update counters.
///
/// Weights are addressed by an integer index. Each ``update(index:weight:grad:state:)`` first counts the
/// update for its index (`indexUpdateCount[index]`) and raises `numUpdate` to the largest count, which drives
/// the ``lrScheduler``; the rule then rewrites `weight` and the arrays of `state` in place.
///
/// ```swift
/// let sgd = SGD(learningRate: 0.1, momentum: 0.9)
/// let w = try np.array([1, 2] as [Float]), g = try np.array([0.5, -0.5] as [Float])
/// let state = try sgd.createState(index: 0, weight: w)
/// try sgd.update(index: 0, weight: w, grad: g, state: state)
/// ```
open class Optimizer {
    /// Multiplier applied to gradients before the update (often `1 / batchSize`).
    public var rescaleGrad: Double
    /// Gradients are clipped to `[-clipGradient, clipGradient]` (after rescaling) when set.
    public var clipGradient: Double?
    /// The weight-decay coefficient.
    public var wd: Double
    /// The learning-rate schedule, queried with ``numUpdate``.
    public let lrScheduler: LRScheduler?
    /// The update count every index starts from.
    public let beginNumUpdate: Int
    /// The largest update count over all indices.
    public var numUpdate: Int
    /// Number of updates applied to each index (`_index_update_count`).
    public var indexUpdateCount: [Int: Int] = [:]
    /// Per-index learning-rate multipliers (a parameter's `lr_mult`).
    public var lrMult: [Int: Double] = [:]
    /// Per-index weight-decay multipliers (a parameter's `wd_mult`).
    public var wdMult: [Int: Double] = [:]
    private var lr: Double

    /// - Parameters:
    ///   - learningRate: The learning rate; when nil, the scheduler's (or 0.01 without one). When both are
    ///     given, the scheduler's base learning rate is overwritten, as in MXNet.
    public init(learningRate: Double? = nil, wd: Double = 0, rescaleGrad: Double = 1, clipGradient: Double? = nil,
                lrScheduler: LRScheduler? = nil, beginNumUpdate: Int = 0) {
        self.rescaleGrad = rescaleGrad
        self.clipGradient = clipGradient
        self.wd = wd
        self.lrScheduler = lrScheduler
        self.beginNumUpdate = beginNumUpdate
        self.numUpdate = beginNumUpdate
        if let learningRate, let lrScheduler { lrScheduler.baseLR = learningRate }
        self.lr = learningRate ?? lrScheduler?.baseLR ?? 0.01
    }

    /// The current learning rate: the scheduler's at ``numUpdate``, or the fixed one.
    public var learningRate: Double {
        if let lrScheduler { return lrScheduler(numUpdate) }
        return lr
    }

    /// Sets a fixed learning rate.
    /// - Throws: ``MXNetError`` when a scheduler drives the learning rate.
    public func setLearningRate(_ learningRate: Double) throws {
        guard lrScheduler == nil else {
            throw MXNetError("LRScheduler of the optimizer has already been defined; set_learning_rate only works without one")
        }
        lr = learningRate
    }

    /// Creates the auxiliary state arrays for `weight` (empty when the rule needs none).
    open func createState(index: Int, weight: NDArray) throws -> [NDArray] { [] }

    /// Applies one update to `weight` (and `state`) in place from `grad`.
    /// - Throws: ``MXNetError`` when shapes disagree or `state` is not what ``createState(index:weight:)`` made.
    open func update(index: Int, weight: NDArray, grad: NDArray, state: [NDArray]) throws {
        throw MXNetError("\(type(of: self)) does not implement update")
    }

    // MARK: - Helpers for update rules

    /// Counts an update of `index` (MXNet's `_update_count`).
    public func countUpdate(_ index: Int) {
        let count = (indexUpdateCount[index] ?? beginNumUpdate) + 1
        indexUpdateCount[index] = count
        numUpdate = max(numUpdate, count)
    }

    /// The learning rate for `index`, with its multiplier.
    public func learningRate(for index: Int) -> Double { learningRate * (lrMult[index] ?? 1) }

    /// The weight decay for `index`, with its multiplier.
    public func weightDecay(for index: Int) -> Double { wd * (wdMult[index] ?? 1) }

    /// The clip bound the fused MXNet kernels use: clipping happens only for a positive bound
    /// (MXNet passes `clip_gradient` only when it is truthy, and the kernels clip only when it is >= 0).
    var fusedClipBound: Double? {
        guard let c = clipGradient, c > 0 else { return nil }
        return c
    }

    /// `1 - x` as MXNet's fused kernels compute it: their parameters are `float`, so `1.f - beta` is rounded
    /// to float32 (`1 - 0.999` becomes 0.000999987...).
    static func oneMinus(_ x: Double) -> Double { Double(Float(1) - Float(x)) }

    /// Checks that `grad` and `state` match `weight` and that there are `stateCount` state arrays.
    func validate(_ weight: NDArray, _ grad: NDArray, _ state: [NDArray], stateCount: Int) throws {
        guard grad.shape == weight.shape else {
            throw MXNetError("grad of shape \(Shape.text(grad.shape)) does not match weight of shape \(Shape.text(weight.shape))")
        }
        guard state.count == stateCount else {
            throw MXNetError("\(type(of: self)) expects \(stateCount) state arrays, got \(state.count)")
        }
        for s in state where s.shape != weight.shape {
            throw MXNetError("state of shape \(Shape.text(s.shape)) does not match weight of shape \(Shape.text(weight.shape))")
        }
    }

    /// `rescaleGrad * grad (+ wd * weight)`, clipped to `bound` when given: the gradient the fused kernels use.
    func rescaled(_ grad: NDArray, weight: NDArray? = nil, wd: Double = 0, clip bound: Double?) throws -> NDArray {
        var g = rescaleGrad == 1 ? grad : try grad * rescaleGrad
        if let weight, wd != 0 { g = try g + weight * wd }
        if let bound { g = try np.clip(g, -bound, bound) }
        return g
    }

    /// Runs an update rule with recording paused and writes the new values into the given arrays in place.
    func assign(_ body: () throws -> [(NDArray, NDArray)]) throws {
        try autograd.pause {
            for (target, value) in try body() { try target.replaceValue(with: value) }
        }
    }
}
