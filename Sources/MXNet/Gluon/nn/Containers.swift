extension nn {
    /// Feeds its input to every child and concatenates their outputs along `axis` (MXNet 2.0's
    /// `nn.Concatenate`; 1.x's `contrib.nn.Concurrent`). Children are named `0`, `1` ...
    ///
    /// ```swift
    /// let branches = nn.Concatenate(axis: 1)
    /// branches.add(nn.Dense(4), nn.Identity())
    /// try branches.initialize()
    /// let y = try branches(np.ones([2, 3]))   // (2, 7)
    /// ```
    public final class Concatenate: Block, BlockContainer {
        /// The axis the outputs are joined on.
        public let axis: Int

        /// A container joining its children's outputs along `axis` (MXNet's default is the last axis).
        public init(axis: Int = -1) { self.axis = axis; super.init() }

        public override func forward(_ x: NDArray) throws -> NDArray {
            try concatenatedChildren(x, axis: axis)
        }
    }

    /// A ``Concatenate`` that can be hybridized as a whole (MXNet 2.0's `nn.HybridConcatenate`; 1.x's
    /// `contrib.nn.HybridConcurrent`). DenseNet's dense layers and Inception's branches are built from it.
    ///
    /// ```swift
    /// let fire = nn.HybridConcatenate(axis: 1)
    /// fire.add(nn.Conv2D(4, kernelSize: [1, 1]), nn.Conv2D(4, kernelSize: [3, 3], padding: [1, 1]))
    /// try fire.initialize()
    /// let y = try fire(np.ones([1, 3, 8, 8]))   // (1, 8, 8, 8)
    /// ```
    public final class HybridConcatenate: HybridBlock, BlockContainer {
        /// The axis the outputs are joined on.
        public let axis: Int

        /// A container joining its children's outputs along `axis` (MXNet's default is the last axis).
        public init(axis: Int = -1) { self.axis = axis; super.init() }

        public override func forward(_ x: NDArray) throws -> NDArray {
            try concatenatedChildren(x, axis: axis)
        }
    }
}
