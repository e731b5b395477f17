extension nn {
    /// An activation function by name (MXNet 2.0's `nn.Activation`): relu, sigmoid, tanh, softrelu, softsign ...
    ///
    /// ```swift
    /// let y = try nn.Activation(.relu)(np.array([-1, 2] as [Float]))   // [0, 2]
    /// ```
    public final class Activation: HybridBlock {
        public let actType: ActivationParams.ActType
        public init(_ actType: ActivationParams.ActType) { self.actType = actType; super.init() }
        public override func forward(_ x: NDArray) throws -> NDArray { try npx.activation(x, actType: actType) }
    }

    /// Randomly zeroes a fraction `rate` of the elements in training, scaling the rest by `1 / (1 - rate)`
    /// (MXNet 2.0's `nn.Dropout`); identity in inference. `axes` share one mask value along those axes.
    ///
    /// ```swift
    /// let y = try autograd.record { try nn.Dropout(0.5)(x) }
    /// ```
    public final class Dropout: HybridBlock {
        public let rate: Double
        public let axes: [Int]
        public init(_ rate: Double, axes: [Int] = []) { self.rate = rate; self.axes = axes; super.init() }
        public override func forward(_ x: NDArray) throws -> NDArray {
            rate > 0 ? try npx.dropout(x, p: rate, axes: axes) : x
        }
    }

    /// Flattens every axis after the first: (N, a, b, ...) → (N, a·b·...) (MXNet 2.0's `nn.Flatten`).
    ///
    /// ```swift
    /// let y = try nn.Flatten()(np.ones([2, 3, 4]))   // shape (2, 12)
    /// ```
    public final class Flatten: HybridBlock {
        public override init() { super.init() }
        public override func forward(_ x: NDArray) throws -> NDArray { try npx.batchFlatten(x) }
    }
}

extension nn {
    /// Leaky ReLU, `x` for `x ≥ 0` and `alpha · x` below (MXNet 2.0's `nn.LeakyReLU`); `alpha` must be ≥ 0.
    ///
    /// ```swift
    /// let y = try nn.LeakyReLU(0.1)(np.array([-2, 3] as [Float]))   // [-0.2, 3]
    /// ```
    public final class LeakyReLU: HybridBlock {
        public let alpha: Double
        public init(_ alpha: Double) { self.alpha = alpha; super.init() }
        public override func forward(_ x: NDArray) throws -> NDArray {
            guard alpha >= 0 else { throw MXNetError("LeakyReLU: alpha must be at least 0, got \(alpha)") }
            return try npx.leakyRelu(x, actType: .leaky, slope: alpha)
        }
    }

    /// Parametric ReLU, `x` for `x ≥ 0` and `alpha · x` below with a learned `alpha` (MXNet 2.0's `nn.PReLU`).
    /// Parameter: `alpha`, `(inChannels,)` — one slope shared by every element, or one per channel (axis 1).
    /// `inChannels` 0 (an extension of 2.0, which needs it given) takes the channel count of the first input.
    ///
    /// ```swift
    /// let act = nn.PReLU(inChannels: 3)
    /// try act.initialize()
    /// let y = try act(np.ones([2, 3, 4]))   // alpha starts at 0.25
    /// ```
    public final class PReLU: HybridBlock {
        public let alpha: Parameter

        public init(alphaInitializer: Initializer = initializer.Constant(0.25), inChannels: Int = 1) {
            alpha = Parameter("alpha", shape: [inChannels], initializer: alphaInitializer)
            super.init()
        }

        public override func inferShape(_ inputs: [NDArray]) throws {
            guard let x = inputs.first, x.ndim >= 2 else {
                throw MXNetError("PReLU: inferring in_channels needs an (N, C, ...) input, got \(Shape.text(inputs.first?.shape ?? []))")
            }
            try alpha.setShape([x.shape[1]])
        }

        public override func forward(_ x: NDArray) throws -> NDArray {
            let n = alpha.shape.first ?? 1
            guard n == 1 || (x.ndim >= 2 && x.shape[1] == n) else {
                throw MXNetError("PReLU: alpha has \(n) entries; expected 1 or the input's channel count " +
                                 "(axis 1 of \(Shape.text(x.shape)))")
            }
            return try npx.leakyRelu(x, gamma: alpha.data(), actType: .prelu)
        }
    }

    /// Exponential linear unit, `x` for `x > 0` and `alpha · (exp(x) - 1)` below (MXNet 2.0's `nn.ELU`).
    ///
    /// ```swift
    /// let y = try nn.ELU(alpha: 0.5)(np.array([-1, 2] as [Float]))   // [-0.316, 2]
    /// ```
    public final class ELU: HybridBlock {
        public let alpha: Double
        public init(alpha: Double = 1) { self.alpha = alpha; super.init() }
        public override func forward(_ x: NDArray) throws -> NDArray { try npx.leakyRelu(x, actType: .elu, slope: alpha) }
    }

    /// Scaled exponential linear unit, `λ · (x if x > 0 else α · (exp(x) - 1))` with SELU's fixed λ and α
    /// (MXNet 2.0's `nn.SELU`).
    ///
    /// ```swift
    /// let y = try nn.SELU()(np.array([-1, 2] as [Float]))
    /// ```
    public final class SELU: HybridBlock {
        public override init() { super.init() }
        public override func forward(_ x: NDArray) throws -> NDArray { try npx.leakyRelu(x, actType: .selu) }
    }

    /// Gaussian error linear unit, `x · Φ(x)` (MXNet 2.0's `nn.GELU`), exactly (`.erf`) or with the tanh
    /// approximation `0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³)))` (`.tanh`; MXNet 1.x has only erf).
    ///
    /// ```swift
    /// let y = try nn.GELU(approximation: .tanh)(np.array([-1, 2] as [Float]))
    /// ```
    public final class GELU: HybridBlock {
        /// How Φ is computed.
        public enum Approximation: String, Sendable { case erf, tanh }
        public let approximation: Approximation
        public init(approximation: Approximation = .erf) { self.approximation = approximation; super.init() }
        public override func forward(_ x: NDArray) throws -> NDArray {
            try npx.leakyRelu(x, actType: approximation == .erf ? .gelu : .geluTanh)
        }
    }

    /// Swish, `x · sigmoid(beta · x)` (MXNet 2.0's `nn.Swish`).
    ///
    /// ```swift
    /// let y = try nn.Swish(beta: 2)(np.array([-1, 2] as [Float]))
    /// ```
    public final class Swish: HybridBlock {
        public let beta: Double
        public init(beta: Double = 1) { self.beta = beta; super.init() }
        public override func forward(_ x: NDArray) throws -> NDArray {
            try np.multiply(x, npx.sigmoid(np.multiply(x, beta)))
        }
    }

    /// Sigmoid linear unit, `x · sigmoid(x)` (MXNet 2.0's `nn.SiLU`; Swish with beta 1).
    ///
    /// ```swift
    /// let y = try nn.SiLU()(np.array([-1, 2] as [Float]))
    /// ```
    public final class SiLU: HybridBlock {
        public override init() { super.init() }
        public override func forward(_ x: NDArray) throws -> NDArray { try np.multiply(x, npx.sigmoid(x)) }
    }
}
