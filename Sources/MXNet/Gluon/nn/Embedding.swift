extension nn {
    /// Turns integer indices into dense vectors (MXNet 2.0's `nn.Embedding`): an input of shape `(d1, ..., dk)`
    /// gives `(d1, ..., dk, outputDim)`, row `i` of `weight` for index `i` (indices outside `0..<inputDim` are
    /// clipped to the table). Parameter: `weight` (inputDim, outputDim) of `dtype`. Indices may be integer or
    /// float arrays; there is no gradient with respect to them.
    ///
    /// ```swift
    /// let embed = nn.Embedding(inputDim: 100, outputDim: 16)
    /// try embed.initialize()
    /// let v = try embed(np.array([3, 7, 42] as [Int32]))   // (3, 16)
    /// ```
    public final class Embedding: HybridBlock {
        public let weight: Parameter
        /// Vocabulary size: the largest index + 1.
        public let inputDim: Int
        /// Length of each vector.
        public let outputDim: Int
        public let dtype: DType

        public init(inputDim: Int, outputDim: Int, dtype: DType = .float32, weightInitializer: Initializer? = nil) {
            (self.inputDim, self.outputDim, self.dtype) = (inputDim, outputDim, dtype)
            weight = Parameter("weight", shape: [inputDim, outputDim], dtype: dtype, initializer: weightInitializer)
            super.init()
        }

        func validate() throws {
            guard inputDim > 0, outputDim > 0 else {
                throw MXNetError("Embedding: inputDim and outputDim must be positive, got \(inputDim) and \(outputDim)")
            }
        }

        /// Only reached when a dimension is not positive (the weight's shape is otherwise known): reports it.
        public override func inferShape(_ inputs: [NDArray]) throws { try validate() }

        public override func forward(_ x: NDArray) throws -> NDArray {
            try validate()
            return try npx.embedding(x, weight.data(), inputDim: inputDim, outputDim: outputDim, dtype: dtype)
        }
    }
}
