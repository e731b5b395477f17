extension nn {
    /// Passes its input through unchanged (MXNet 2.0's `nn.Identity`), e.g. as the shortcut branch of a
    /// concatenation or residual block.
    ///
    /// ```swift
    /// let y = try nn.Identity()(np.ones([2, 3]))   // the same values
    /// ```
    public final class Identity: HybridBlock {
        public override init() { super.init() }
        public override func forward(_ x: NDArray) throws -> NDArray { x }
    }

    /// Wraps a function of one array built from np / npx calls as a block (MXNet 2.0's `nn.HybridLambda`);
    /// it hybridizes like any other block (the calls are recorded into the graph).
    ///
    /// ```swift
    /// let act = nn.HybridLambda("leaky") { try npx.leakyRelu($0, slope: 0.1) }
    /// act.hybridize()
    /// let y = try act(np.array([-1, 2] as [Float]))   // [-0.1, 2]
    /// ```
    public final class HybridLambda: HybridBlock {
        let function: (NDArray) throws -> NDArray
        /// A name for the function (MXNet's `_func_name`), used in descriptions.
        public let name: String

        /// - Parameters:
        ///   - name: how to describe the function.
        ///   - function: the computation; it should use only np / npx operations on its input.
        public init(_ name: String = "lambda", _ function: @escaping (NDArray) throws -> NDArray) {
            self.name = name
            self.function = function
            super.init()
        }

        public override func forward(_ x: NDArray) throws -> NDArray { try function(x) }
    }
}
