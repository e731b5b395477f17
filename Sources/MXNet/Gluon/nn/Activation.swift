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
