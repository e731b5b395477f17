extension nn {
    /// The `gamma` / `beta` pair of a normalisation layer: `(inChannels,)` (0: inferred on the first call),
    /// trainable unless `scale` / `center` is false (then still applied, with its initial value, as in MXNet).
    static func affine(inChannels: Int, center: Bool, scale: Bool, betaInitializer: Initializer?,
                       gammaInitializer: Initializer?) -> (gamma: Parameter, beta: Parameter) {
        (Parameter("gamma", shape: [inChannels], initializer: gammaInitializer ?? nn.ones,
                   gradReq: scale ? .write : .null),
         Parameter("beta", shape: [inChannels], initializer: betaInitializer ?? nn.zeros,
                   gradReq: center ? .write : .null))
    }

    /// `axis` of `x` made non-negative.
    /// - Throws: ``MXNetError`` naming `block` when `axis` is out of range.
    static func channelAxis(_ axis: Int, of x: NDArray, _ block: Block) throws -> Int {
        guard axis >= -x.ndim, axis < x.ndim else {
            throw MXNetError("\(type(of: block)): axis \(axis) is out of range for input \(Shape.text(x.shape))")
        }
        return axis < 0 ? axis + x.ndim : axis
    }

    /// Layer normalisation along `axis` (MXNet 2.0's `nn.LayerNorm`):
    /// `(x - mean) / sqrt(var + epsilon) · gamma + beta`, statistics over `axis` only.
    /// Parameters: `gamma` and `beta`, each `(x.shape[axis],)`.
    ///
    /// ```swift
    /// let norm = nn.LayerNorm()
    /// try norm.initialize()
    /// let y = try norm(np.ones([2, 5, 8]))   // gamma, beta: (8,)
    /// ```
    public final class LayerNorm: HybridBlock {
        public let gamma: Parameter
        public let beta: Parameter
        public let axis: Int
        public let epsilon: Double
        public let center: Bool, scale: Bool

        public init(axis: Int = -1, epsilon: Double = 1e-5, center: Bool = true, scale: Bool = true,
                    betaInitializer: Initializer? = nil, gammaInitializer: Initializer? = nil, inChannels: Int = 0) {
            (self.axis, self.epsilon, self.center, self.scale) = (axis, epsilon, center, scale)
            (gamma, beta) = nn.affine(inChannels: inChannels, center: center, scale: scale,
                                      betaInitializer: betaInitializer, gammaInitializer: gammaInitializer)
            super.init()
        }

        public override func inferShape(_ inputs: [NDArray]) throws {
            guard let x = inputs.first else { throw MXNetError("LayerNorm takes one input") }
            let c = x.shape[try nn.channelAxis(axis, of: x, self)]
            for p in [gamma, beta] { try p.setShape([c]) }
        }

        public override func forward(_ x: NDArray) throws -> NDArray {
            _ = try nn.channelAxis(axis, of: x, self)
            return try npx.layerNorm(x, gamma: gamma.data(), beta: beta.data(), axis: axis, eps: epsilon)
        }
    }

    /// Group normalisation of (N, C, ...) data (MXNet 2.0's `nn.GroupNorm`): the channels split into `numGroups`
    /// groups, each (sample, group) normalised by its own statistics, then scaled and shifted per channel.
    /// Parameters: `gamma` and `beta`, each `(C,)` — MXNet 1.x's GroupNorm has them per group, `(numGroups,)`.
    ///
    /// ```swift
    /// let norm = nn.GroupNorm(numGroups: 2)
    /// try norm.initialize()
    /// let y = try norm(np.ones([2, 4, 3, 3]))   // gamma, beta: (4,)
    /// ```
    public final class GroupNorm: HybridBlock {
        public let gamma: Parameter
        public let beta: Parameter
        public let numGroups: Int
        public let epsilon: Double
        public let center: Bool, scale: Bool

        public init(numGroups: Int = 1, epsilon: Double = 1e-5, center: Bool = true, scale: Bool = true,
                    betaInitializer: Initializer? = nil, gammaInitializer: Initializer? = nil, inChannels: Int = 0) {
            (self.numGroups, self.epsilon, self.center, self.scale) = (numGroups, epsilon, center, scale)
            (gamma, beta) = nn.affine(inChannels: inChannels, center: center, scale: scale,
                                      betaInitializer: betaInitializer, gammaInitializer: gammaInitializer)
            super.init()
        }

        func validate(_ x: NDArray) throws {
            guard x.ndim >= 3 else {
                throw MXNetError("GroupNorm: expected an (N, C, ...) input with at least 3 axes, got \(Shape.text(x.shape))")
            }
            guard numGroups > 0, x.shape[1] % numGroups == 0 else {
                throw MXNetError("GroupNorm: \(x.shape[1]) channels are not divisible by numGroups=\(numGroups)")
            }
        }

        public override func inferShape(_ inputs: [NDArray]) throws {
            guard let x = inputs.first else { throw MXNetError("GroupNorm takes one input") }
            try validate(x)
            for p in [gamma, beta] { try p.setShape([x.shape[1]]) }
        }

        public override func forward(_ x: NDArray) throws -> NDArray {
            try validate(x)
            guard gamma.shape == [x.shape[1]] else {
                throw MXNetError("GroupNorm: gamma and beta have shape \(Shape.text(gamma.shape)), " +
                                 "expected (\(x.shape[1]),)")
            }
            return try npx.groupNorm(x, gamma: gamma.data(), beta: beta.data(), numGroups: numGroups, eps: epsilon)
        }
    }

    /// Instance normalisation (MXNet 2.0's `nn.InstanceNorm`): each (sample, channel) slice normalised by its
    /// own statistics over the remaining axes, then scaled and shifted per channel; `axis` is the channel axis.
    /// Parameters: `gamma` and `beta`, each `(x.shape[axis],)`; `scale` is false by default (gamma keeps its
    /// initial ones and gets no gradient). For `axis` other than 1, the parameters are sized by `x.shape[axis]`
    /// as in MXNet 1.9.1 (2.0's `infer_shape` reads `x.shape[1]`, which cannot match its own forward).
    ///
    /// ```swift
    /// let norm = nn.InstanceNorm(scale: true)
    /// try norm.initialize()
    /// let y = try norm(np.ones([2, 3, 8, 8]))   // gamma, beta: (3,)
    /// ```
    public final class InstanceNorm: HybridBlock {
        public let gamma: Parameter
        public let beta: Parameter
        public let axis: Int
        public let epsilon: Double
        public let center: Bool, scale: Bool

        public init(axis: Int = 1, epsilon: Double = 1e-5, center: Bool = true, scale: Bool = false,
                    betaInitializer: Initializer? = nil, gammaInitializer: Initializer? = nil, inChannels: Int = 0) {
            (self.axis, self.epsilon, self.center, self.scale) = (axis, epsilon, center, scale)
            (gamma, beta) = nn.affine(inChannels: inChannels, center: center, scale: scale,
                                      betaInitializer: betaInitializer, gammaInitializer: gammaInitializer)
            super.init()
        }

        func channelAxis(_ x: NDArray) throws -> Int {
            guard x.ndim >= 2 else {
                throw MXNetError("InstanceNorm: expected an input with at least 2 axes, got \(Shape.text(x.shape))")
            }
            return try nn.channelAxis(axis, of: x, self)
        }

        public override func inferShape(_ inputs: [NDArray]) throws {
            guard let x = inputs.first else { throw MXNetError("InstanceNorm takes one input") }
            let c = x.shape[try channelAxis(x)]
            for p in [gamma, beta] { try p.setShape([c]) }
        }

        public override func forward(_ x: NDArray) throws -> NDArray {
            let a = try channelAxis(x)
            if a == 1 { return try npx.instanceNorm(x, gamma: gamma.data(), beta: beta.data(), eps: epsilon) }
            let y = try npx.instanceNorm(np.swapaxes(x, 1, a), gamma: gamma.data(), beta: beta.data(), eps: epsilon)
            return try np.swapaxes(y, 1, a)
        }
    }
}
