extension nn {
    /// Batch normalisation (MXNet 2.0's `nn.BatchNorm`): in training (``autograd/isTraining``) it normalises
    /// with batch statistics and updates `running_mean` / `running_var` with `momentum`; in inference, or with
    /// `useGlobalStats`, it uses the running statistics. Parameters: `gamma`, `beta` (trainable unless
    /// `scale` / `center` is false), `running_mean`, `running_var` (auxiliary states, no gradient).
    ///
    /// ```swift
    /// let bn = nn.BatchNorm()
    /// try bn.initialize()
    /// let y = try autograd.record { try bn(np.ones([4, 3, 2, 2])) }
    /// ```
    public final class BatchNorm: HybridBlock {
        public let gamma: Parameter
        public let beta: Parameter
        public let runningMean: Parameter
        public let runningVar: Parameter
        public let axis: Int
        public let momentum: Double, epsilon: Double
        public let center: Bool, scale: Bool, useGlobalStats: Bool

        public init(axis: Int = 1, momentum: Double = 0.9, epsilon: Double = 1e-5, center: Bool = true, scale: Bool = true,
                    useGlobalStats: Bool = false, betaInitializer: Initializer? = nil, gammaInitializer: Initializer? = nil,
                    runningMeanInitializer: Initializer? = nil, runningVarianceInitializer: Initializer? = nil,
                    inChannels: Int = 0, dtype: DType = .float32) {
            (self.axis, self.momentum, self.epsilon) = (axis, momentum, epsilon)
            (self.center, self.scale, self.useGlobalStats) = (center, scale, useGlobalStats)
            gamma = Parameter("gamma", shape: [inChannels], dtype: dtype, initializer: gammaInitializer ?? nn.ones,
                              gradReq: scale ? .write : .null)
            beta = Parameter("beta", shape: [inChannels], dtype: dtype, initializer: betaInitializer ?? nn.zeros,
                             gradReq: center ? .write : .null)
            runningMean = Parameter("running_mean", shape: [inChannels], dtype: dtype,
                                    initializer: runningMeanInitializer ?? nn.zeros, gradReq: .null)
            runningVar = Parameter("running_var", shape: [inChannels], dtype: dtype,
                                   initializer: runningVarianceInitializer ?? nn.ones, gradReq: .null)
            super.init()
        }

        public override func inferShape(_ inputs: [NDArray]) throws {
            guard let x = inputs.first, axis >= -x.ndim, axis < x.ndim else {
                throw MXNetError("BatchNorm: axis \(axis) is out of range for input \(Shape.text(inputs.first?.shape ?? []))")
            }
            let c = x.shape[axis < 0 ? axis + x.ndim : axis]
            for p in [gamma, beta, runningMean, runningVar] { try p.setShape([c]) }
        }

        public override func forward(_ x: NDArray) throws -> NDArray {
            try npx.batchNorm(x, gamma: gamma.data(), beta: beta.data(), runningMean: runningMean.data(),
                              runningVar: runningVar.data(), eps: epsilon, momentum: momentum, fixGamma: !scale,
                              useGlobalStats: useGlobalStats, axis: axis)
        }
    }
}
