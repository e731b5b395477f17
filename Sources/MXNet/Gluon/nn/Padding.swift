extension nn {
    /// Pads the two spatial axes of (N, C, H, W) data with the reflection of the border, the edge itself not
    /// repeated (MXNet 2.0's `nn.ReflectionPad2D`): `[1, 2, 3]` padded by 2 is `[3, 2, 1, 2, 3, 2, 1]`.
    /// Each padding must be smaller than the axis it pads.
    ///
    /// ```swift
    /// let y = try nn.ReflectionPad2D(padding: 1)(np.ones([1, 3, 4, 4]))   // (1, 3, 6, 6)
    /// ```
    public final class ReflectionPad2D: HybridBlock {
        /// MXNet's flat `pad_width`: (before, after) for N, C, H and W; N and C are never padded.
        public let padWidth: [Int]

        /// Pads `padding` on every side of H and W.
        public init(padding: Int = 0) {
            padWidth = [0, 0, 0, 0, padding, padding, padding, padding]
            super.init()
        }

        /// Pads by MXNet's flat `pad_width` of 8 entries: (before, after) for N, C, H and W.
        public init(padWidth: [Int]) {
            self.padWidth = padWidth
            super.init()
        }

        public override func forward(_ x: NDArray) throws -> NDArray {
            guard padWidth.count == 8 else {
                throw MXNetError("ReflectionPad2D: padding must have 8 entries (before, after for N, C, H, W), got \(padWidth.count)")
            }
            guard padWidth.allSatisfy({ $0 >= 0 }) else {
                throw MXNetError("ReflectionPad2D: padding must not be negative, got \(padWidth)")
            }
            try nn.checkChannelsFirst(x, spatialAxes: 2, self)
            return try npx.pad(x, mode: .reflect, padWidth: padWidth)
        }
    }
}
