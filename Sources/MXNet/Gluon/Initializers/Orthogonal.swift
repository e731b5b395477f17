extension initializer {
    /// Orthogonal initialization (`mx.init.Orthogonal`, Saxe et al. 2013): the weight, viewed as an
    /// `out × (product of the other dimensions)` matrix, has orthonormal rows (when out ≤ in) or orthonormal
    /// columns, times `scale`.
    ///
    /// MXNet takes the SVD factor of a random matrix; this orthonormalises the random matrix instead (Gram–Schmidt,
    /// applied twice), which gives the same kind of matrix but different numbers for the same draw.
    ///
    /// ```swift
    /// let w = try initializer.Orthogonal().initialize("rnn.weight", shape: [4, 8], dtype: .float32)
    /// ```
    public struct Orthogonal: Initializer {
        /// The distribution of the random matrix.
        public enum RandomType: String, Sendable { case uniform, normal }

        public let scale: Double
        public let randType: RandomType

        public init(scale: Double = 1.414, randType: RandomType = .uniform) {
            self.scale = scale
            self.randType = randType
        }

        /// - Throws: ``MXNetError`` for a 0-d shape.
        public func initialize(_ name: String, shape: [Int], dtype: DType) throws -> NDArray {
            guard let nout = shape.first else { throw MXNetError("Orthogonal initializer needs at least 1-d shape for \(name)") }
            let nin = Shape.count(Array(shape.dropFirst()))
            let draw = randType == .uniform
                ? try np.random.uniform(low: -1, high: 1, size: [nout, nin], dtype: .float64)
                : try np.random.normal(loc: 0, scale: 1, size: [nout, nin], dtype: .float64)
            var m = try draw.asArray(Double.self)
            if nout <= nin {
                Self.orthonormalizeRows(&m, rows: nout, cols: nin)
            } else {
                var t = Self.transposed(m, rows: nout, cols: nin)
                Self.orthonormalizeRows(&t, rows: nin, cols: nout)
                m = Self.transposed(t, rows: nin, cols: nout)
            }
            return try np.array(m.map { $0 * scale }, shape: shape, dtype: dtype)
        }

        static func transposed(_ m: [Double], rows: Int, cols: Int) -> [Double] {
            var t = [Double](repeating: 0, count: m.count)
            for r in 0..<rows { for c in 0..<cols { t[c * rows + r] = m[r * cols + c] } }
            return t
        }

        /// Modified Gram–Schmidt over the rows, twice for accuracy; a row that vanishes is left at zero.
        static func orthonormalizeRows(_ m: inout [Double], rows: Int, cols: Int) {
            for _ in 0..<2 {
                for r in 0..<rows {
                    for p in 0..<r {
                        var dot = 0.0
                        for c in 0..<cols { dot += m[r * cols + c] * m[p * cols + c] }
                        for c in 0..<cols { m[r * cols + c] -= dot * m[p * cols + c] }
                    }
                    var norm = 0.0
                    for c in 0..<cols { norm += m[r * cols + c] * m[r * cols + c] }
                    norm = norm.squareRoot()
                    let inv = norm > 0 ? 1 / norm : 0
                    for c in 0..<cols { m[r * cols + c] *= inv }
                }
            }
        }
    }
}
