extension nn {
    /// Runs its children one after another (MXNet 2.0's `nn.Sequential`); children are named `0`, `1` ...
    ///
    /// ```swift
    /// let net = nn.Sequential()
    /// net.add(nn.Dense(8, activation: .relu), nn.Dense(2))
    /// ```
    public final class Sequential: Block {
        public override init() { super.init() }

        /// Appends blocks.
        public func add(_ blocks: Block...) { for b in blocks { registerChild(b) } }
        /// The number of children.
        public var count: Int { registeredChildren.count }
        /// The `i`-th child.
        public subscript(i: Int) -> Block { registeredChildren[i].1 }

        public override func forward(_ inputs: [NDArray]) throws -> [NDArray] {
            try registeredChildren.reduce(inputs) { x, child in try child.1(x) }
        }
    }

    /// A ``Sequential`` that can be hybridized as a whole (MXNet 2.0's `nn.HybridSequential`).
    ///
    /// ```swift
    /// let net = nn.HybridSequential()
    /// net.add(nn.Dense(8, activation: .relu), nn.Dense(2))
    /// net.hybridize()
    /// ```
    public final class HybridSequential: HybridBlock {
        public override init() { super.init() }

        /// Appends blocks.
        public func add(_ blocks: Block...) { for b in blocks { registerChild(b) } }
        /// The number of children.
        public var count: Int { registeredChildren.count }
        /// The `i`-th child.
        public subscript(i: Int) -> Block { registeredChildren[i].1 }

        public override func forward(_ inputs: [NDArray]) throws -> [NDArray] {
            try registeredChildren.reduce(inputs) { x, child in try child.1(x) }
        }
    }
}
