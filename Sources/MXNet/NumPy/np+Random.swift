extension np {
    /// MXNet's `np.random`: samplers drawing from the one process-wide ``RandomGenerator``.
    ///
    /// Each sampler is a registry operator marked random, so deferred compute records it and a compiled graph
    /// draws fresh numbers on every call. The same seed gives the same numbers, but not MXNet's numbers.
    ///
    /// ```swift
    /// np.random.seed(0)
    /// let u = try np.random.uniform(low: -1, high: 1, size: [2, 3])
    /// let i = try np.random.randint(10, size: [4])          // int64 in 0..<10
    /// ```
    public enum random {
        /// Restarts the generator (`mx.random.seed` / `np.random.seed`).
        public static func seed(_ seed: Int) { RandomGenerator.seed(seed) }

        /// Samples uniform in `[low, high)`; `size` nil gives a 0-d array (`_npi_uniform`).
        /// - Throws: ``MXNetError`` for a non-float dtype or negative size.
        public static func uniform(low: Double = 0, high: Double = 1, size: [Int]? = nil,
                                   dtype: DType = .float32) throws -> NDArray {
            try Imperative.call(Ops.uniform, [], DistributionParams(low, high, size: size, dtype: dtype))
        }

        /// Samples uniform between array bounds, broadcast together and to `size` (`_npi_uniform`).
        ///
        /// ```swift
        /// let u = try np.random.uniform(low: np.zeros([3]), high: np.array([1, 2, 3] as [Float]))
        /// ```
        public static func uniform(low: NDArray, high: NDArray, size: [Int]? = nil,
                                   dtype: DType = .float32) throws -> NDArray {
            try Imperative.call(Ops.uniform, [low, high], DistributionParams(nil, nil, size: size, dtype: dtype))
        }

        /// Samples a normal distribution (`_npi_normal`).
        /// - Throws: ``MXNetError`` for a negative scale.
        public static func normal(loc: Double = 0, scale: Double = 1, size: [Int]? = nil,
                                  dtype: DType = .float32) throws -> NDArray {
            try Imperative.call(Ops.normal, [], NormalParams(loc, scale, size: size, dtype: dtype))
        }

        /// Samples normals with array parameters, broadcast together and to `size` (`_npi_normal`).
        public static func normal(loc: NDArray, scale: NDArray, size: [Int]? = nil,
                                  dtype: DType = .float32) throws -> NDArray {
            try Imperative.call(Ops.normal, [loc, scale], NormalParams(nil, nil, size: size, dtype: dtype))
        }

        /// Integers uniform in `low ..< high`, or `0 ..< low` when `high` is nil (`_npi_random_randint`).
        ///
        /// ```swift
        /// let dice = try np.random.randint(1, 7, size: [10])
        /// ```
        /// - Throws: ``MXNetError`` when the range is empty or `dtype` is not an integer type.
        public static func randint(_ low: Int, _ high: Int? = nil, size: [Int]? = nil,
                                   dtype: DType = .int64) throws -> NDArray {
            let (lo, hi) = high.map { (low, $0) } ?? (0, low)
            return try Imperative.call(Ops.randint, [], RandintParams(low: lo, high: hi, shape: size ?? [], dtype: dtype))
        }

        /// Indices drawn from `0 ..< a` (int64), with or without replacement, weighted by `p` (`_npi_choice`).
        ///
        /// ```swift
        /// let pick = try np.random.choice(5, size: [3], replace: false)
        /// ```
        /// - Throws: ``MXNetError`` when `size` exceeds `a` without replacement, or `p` is not `a` non-negative weights.
        public static func choice(_ a: Int, size: [Int]? = nil, replace: Bool = true, p: NDArray? = nil) throws -> NDArray {
            let params = ChoiceParams(a: a, size: size, replace: replace, weighted: p != nil)
            return try Imperative.call(Ops.choice, p.map { [$0] } ?? [], params)
        }

        /// Shuffles `x` in place along its first axis (`_npi_shuffle`).
        ///
        /// ```swift
        /// let x = try np.arange(6).reshaped([3, 2])
        /// try np.random.shuffle(x)   // rows permuted
        /// ```
        /// - Throws: ``MXNetError`` for a 0-d array.
        public static func shuffle(_ x: NDArray) throws {
            try x.replaceValue(with: Imperative.call(Ops.shuffle, [x]))
        }
    }
}
