extension nn {
    /// Max or average pooling over 1-3 spatial axes of channels-first data (MXNet 2.0's `_Pooling`).
    /// `strides` defaults to the pool size; `ceilMode` rounds the output size up (MXNet's `full` convention);
    /// `countIncludePad` (average pooling) divides by the padded window size. Only the channels-first layouts
    /// NCW, NCHW and NCDHW are supported.
    ///
    /// ```swift
    /// let y = try nn.MaxPool2D(poolSize: [2, 2])(np.ones([1, 1, 4, 4]))   // (1, 1, 2, 2)
    /// ```
    public class Pool: HybridBlock {
        public let poolSize: [Int], strides: [Int], padding: [Int]
        public let poolType: PoolingParams.PoolType
        public let ceilMode: Bool, globalPool: Bool
        public let countIncludePad: Bool?
        /// The number of spatial axes (1, 2 or 3).
        let spatialAxes: Int

        init(dims: Int, poolSize: [Int], strides: [Int]?, padding: [Int], ceilMode: Bool, globalPool: Bool,
             poolType: PoolingParams.PoolType, countIncludePad: Bool?) {
            self.spatialAxes = dims
            self.poolSize = nn.expand(poolSize, dims)
            self.strides = nn.expand(strides ?? poolSize, dims)
            self.padding = nn.expand(padding, dims)
            self.ceilMode = ceilMode
            self.globalPool = globalPool
            self.poolType = poolType
            self.countIncludePad = countIncludePad
            super.init()
        }

        /// A global pool: one value per channel.
        init(globalDims dims: Int, poolType: PoolingParams.PoolType) {
            self.spatialAxes = dims
            (poolSize, strides, padding) = ([Int](repeating: 1, count: dims), [Int](repeating: 1, count: dims),
                                            [Int](repeating: 0, count: dims))
            (ceilMode, globalPool, self.poolType, countIncludePad) = (true, true, poolType, nil)
            super.init()
        }

        public override func forward(_ x: NDArray) throws -> NDArray {
            for (label, value) in [("poolSize", poolSize), ("strides", strides), ("padding", padding)]
                where value.count != spatialAxes {
                throw MXNetError("\(type(of: self)): \(label) must have 1 or \(spatialAxes) entries, got \(value.count)")
            }
            try nn.checkChannelsFirst(x, spatialAxes: spatialAxes, self)
            return try npx.pooling(x, kernel: poolSize, poolType: poolType, globalPool: globalPool, stride: strides,
                                   pad: padding, poolingConvention: ceilMode ? .full : .valid,
                                   countIncludePad: countIncludePad)
        }
    }

    /// 1-d max pooling over (N, C, W) data (MXNet 2.0's `nn.MaxPool1D`).
    ///
    /// ```swift
    /// let y = try nn.MaxPool1D(poolSize: [3], strides: [2], padding: [1], ceilMode: true)(np.ones([2, 3, 8]))   // (2, 3, 5)
    /// ```
    public final class MaxPool1D: Pool {
        public init(poolSize: [Int] = [2], strides: [Int]? = nil, padding: [Int] = [0], ceilMode: Bool = false) {
            super.init(dims: 1, poolSize: poolSize, strides: strides, padding: padding, ceilMode: ceilMode,
                       globalPool: false, poolType: .max, countIncludePad: nil)
        }
    }

    /// 2-d max pooling over (N, C, H, W) data (MXNet 2.0's `nn.MaxPool2D`).
    ///
    /// ```swift
    /// let y = try nn.MaxPool2D(poolSize: [3, 3], strides: [2, 2])(np.ones([1, 3, 7, 7]))   // (1, 3, 3, 3)
    /// ```
    public final class MaxPool2D: Pool {
        public init(poolSize: [Int] = [2, 2], strides: [Int]? = nil, padding: [Int] = [0], ceilMode: Bool = false) {
            super.init(dims: 2, poolSize: poolSize, strides: strides, padding: padding, ceilMode: ceilMode,
                       globalPool: false, poolType: .max, countIncludePad: nil)
        }
    }

    /// 3-d max pooling over (N, C, D, H, W) data (MXNet 2.0's `nn.MaxPool3D`).
    ///
    /// ```swift
    /// let y = try nn.MaxPool3D()(np.ones([1, 2, 4, 4, 4]))   // (1, 2, 2, 2, 2)
    /// ```
    public final class MaxPool3D: Pool {
        public init(poolSize: [Int] = [2, 2, 2], strides: [Int]? = nil, padding: [Int] = [0], ceilMode: Bool = false) {
            super.init(dims: 3, poolSize: poolSize, strides: strides, padding: padding, ceilMode: ceilMode,
                       globalPool: false, poolType: .max, countIncludePad: nil)
        }
    }

    /// 1-d average pooling over (N, C, W) data (MXNet 2.0's `nn.AvgPool1D`).
    ///
    /// ```swift
    /// let y = try nn.AvgPool1D(poolSize: [3], padding: [1], countIncludePad: false)(np.ones([2, 3, 9]))   // (2, 3, 3)
    /// ```
    public final class AvgPool1D: Pool {
        public init(poolSize: [Int] = [2], strides: [Int]? = nil, padding: [Int] = [0], ceilMode: Bool = false,
                    countIncludePad: Bool = true) {
            super.init(dims: 1, poolSize: poolSize, strides: strides, padding: padding, ceilMode: ceilMode,
                       globalPool: false, poolType: .avg, countIncludePad: countIncludePad)
        }
    }

    /// 2-d average pooling over (N, C, H, W) data (MXNet 2.0's `nn.AvgPool2D`).
    ///
    /// ```swift
    /// let y = try nn.AvgPool2D(poolSize: [2, 2])(np.ones([1, 3, 4, 4]))   // (1, 3, 2, 2)
    /// ```
    public final class AvgPool2D: Pool {
        public init(poolSize: [Int] = [2, 2], strides: [Int]? = nil, padding: [Int] = [0], ceilMode: Bool = false,
                    countIncludePad: Bool = true) {
            super.init(dims: 2, poolSize: poolSize, strides: strides, padding: padding, ceilMode: ceilMode,
                       globalPool: false, poolType: .avg, countIncludePad: countIncludePad)
        }
    }

    /// 3-d average pooling over (N, C, D, H, W) data (MXNet 2.0's `nn.AvgPool3D`).
    ///
    /// ```swift
    /// let y = try nn.AvgPool3D(poolSize: [3], strides: [2], padding: [1], ceilMode: true)(np.ones([1, 2, 5, 5, 4]))
    /// ```
    public final class AvgPool3D: Pool {
        public init(poolSize: [Int] = [2, 2, 2], strides: [Int]? = nil, padding: [Int] = [0], ceilMode: Bool = false,
                    countIncludePad: Bool = true) {
            super.init(dims: 3, poolSize: poolSize, strides: strides, padding: padding, ceilMode: ceilMode,
                       globalPool: false, poolType: .avg, countIncludePad: countIncludePad)
        }
    }

    /// 1-d global max pooling to (N, C, 1) (MXNet 2.0's `nn.GlobalMaxPool1D`).
    ///
    /// ```swift
    /// let y = try nn.GlobalMaxPool1D()(np.ones([2, 3, 5]))   // (2, 3, 1)
    /// ```
    public final class GlobalMaxPool1D: Pool {
        public init() { super.init(globalDims: 1, poolType: .max) }
    }

    /// 2-d global max pooling to (N, C, 1, 1) (MXNet 2.0's `nn.GlobalMaxPool2D`).
    ///
    /// ```swift
    /// let y = try nn.GlobalMaxPool2D()(np.ones([2, 3, 5, 5]))   // (2, 3, 1, 1)
    /// ```
    public final class GlobalMaxPool2D: Pool {
        public init() { super.init(globalDims: 2, poolType: .max) }
    }

    /// 3-d global max pooling to (N, C, 1, 1, 1) (MXNet 2.0's `nn.GlobalMaxPool3D`).
    ///
    /// ```swift
    /// let y = try nn.GlobalMaxPool3D()(np.ones([2, 3, 4, 4, 4]))   // (2, 3, 1, 1, 1)
    /// ```
    public final class GlobalMaxPool3D: Pool {
        public init() { super.init(globalDims: 3, poolType: .max) }
    }

    /// 1-d global average pooling to (N, C, 1) (MXNet 2.0's `nn.GlobalAvgPool1D`).
    ///
    /// ```swift
    /// let y = try nn.GlobalAvgPool1D()(np.ones([2, 3, 5]))   // (2, 3, 1)
    /// ```
    public final class GlobalAvgPool1D: Pool {
        public init() { super.init(globalDims: 1, poolType: .avg) }
    }

    /// 2-d global average pooling to (N, C, 1, 1) (MXNet 2.0's `nn.GlobalAvgPool2D`).
    ///
    /// ```swift
    /// let y = try nn.GlobalAvgPool2D()(np.ones([2, 3, 5, 5]))   // (2, 3, 1, 1)
    /// ```
    public final class GlobalAvgPool2D: Pool {
        public init() { super.init(globalDims: 2, poolType: .avg) }
    }

    /// 3-d global average pooling to (N, C, 1, 1, 1) (MXNet 2.0's `nn.GlobalAvgPool3D`).
    ///
    /// ```swift
    /// let y = try nn.GlobalAvgPool3D()(np.ones([2, 3, 4, 4, 4]))   // (2, 3, 1, 1, 1)
    /// ```
    public final class GlobalAvgPool3D: Pool {
        public init() { super.init(globalDims: 3, poolType: .avg) }
    }
}
