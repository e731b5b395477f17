extension nn {
    /// A fully connected layer, `activation(x · weightᵀ + bias)` (MXNet 2.0's `nn.Dense`).
    /// Parameters: `weight` (units, in_units) and `bias` (units); `inUnits` 0 infers it from the first input.
    ///
    /// ```swift
    /// let fc = nn.Dense(10, activation: .relu)
    /// try fc.initialize()
    /// let y = try fc(np.ones([2, 5]))   // weight becomes (10, 5)
    /// ```
    public final class Dense: HybridBlock {
        public let weight: Parameter
        public let bias: Parameter?
        let act: Activation?
        /// Output features.
        public let units: Int
        /// Whether every axis after the first is an input feature (otherwise only the last one is).
        public let flatten: Bool

        public init(_ units: Int, activation: ActivationParams.ActType? = nil, useBias: Bool = true,
                    flatten: Bool = true, dtype: DType = .float32, weightInitializer: Initializer? = nil,
                    biasInitializer: Initializer? = nil, inUnits: Int = 0) {
            self.units = units
            self.flatten = flatten
            weight = Parameter("weight", shape: [units, inUnits], dtype: dtype, initializer: weightInitializer)
            bias = useBias ? Parameter("bias", shape: [units], dtype: dtype, initializer: biasInitializer ?? nn.zeros) : nil
            act = activation.map { Activation($0) }
            super.init()
        }

        public override func inferShape(_ inputs: [NDArray]) throws {
            guard let x = inputs.first, x.ndim >= 1 else { throw MXNetError("Dense: expected an input with at least 1 dimension") }
            try weight.setShape([units, flatten ? x.shape.dropFirst().reduce(1, *) : x.shape[x.ndim - 1]])
        }

        public override func forward(_ x: NDArray) throws -> NDArray {
            let y = try npx.fullyConnected(x, weight: weight.data(), bias: bias?.data(), numHidden: units, flatten: flatten)
            return try act.map { try $0(y) } ?? y
        }
    }
}
