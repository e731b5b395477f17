extension nn {
    /// Max or average pooling over 1-3 spatial axes of channels-first data (MXNet 2.0's `_Pooling`).
    /// `strides` defaults to the pool size; `ceilMode` rounds the output size up (MXNet's `full` convention).
    ///
    /// ```swift
    /// let y = try nn.MaxPool2D(poolSize: [2, 2])(np.ones([1, 1, 4, 4]))   // (1, 1, 2, 2)
    /// ```
    public class Pool: HybridBlock {
        public let poolSize: [Int], strides: [Int], padding: [Int]
        public let poolType: PoolingParams.PoolType
        public let ceilMode: Bool, globalPool: Bool
        public let countIncludePad: Bool?

        init(dims: Int, poolSize: [Int], strides: [Int]?, padding: [Int], ceilMode: Bool, globalPool: Bool,
             poolType: PoolingParams.PoolType, countIncludePad: Bool?) {
            self.poolSize = nn.expand(poolSize, dims)
            self.strides = nn.expand(strides ?? poolSize, dims)
            self.padding = nn.expand(padding, dims)
            self.ceilMode = ceilMode
            self.globalPool = globalPool
            self.poolType = poolType
            self.countIncludePad = countIncludePad
            super.init()
        }

        public override func forward(_ x: NDArray) throws -> NDArray {
            try npx.pooling(x, kernel: poolSize, poolType: poolType, globalPool: globalPool, stride: strides, pad: padding,
                            poolingConvention: ceilMode ? .full : .valid, countIncludePad: countIncludePad)
        }
    }

    /// 2-d max pooling (MXNet 2.0's `nn.MaxPool2D`).
    public final class MaxPool2D: Pool {
        public init(poolSize: [Int] = [2, 2], strides: [Int]? = nil, padding: [Int] = [0], ceilMode: Bool = false) {
            super.init(dims: 2, poolSize: poolSize, strides: strides, padding: padding, ceilMode: ceilMode,
                       globalPool: false, poolType: .max, countIncludePad: nil)
        }
    }

    /// 2-d average pooling (MXNet 2.0's `nn.AvgPool2D`).
    public final class AvgPool2D: Pool {
        public init(poolSize: [Int] = [2, 2], strides: [Int]? = nil, padding: [Int] = [0], ceilMode: Bool = false,
                    countIncludePad: Bool = true) {
            super.init(dims: 2, poolSize: poolSize, strides: strides, padding: padding, ceilMode: ceilMode,
                       globalPool: false, poolType: .avg, countIncludePad: countIncludePad)
        }
    }

    /// 2-d global max pooling to (N, C, 1, 1) (MXNet 2.0's `nn.GlobalMaxPool2D`).
    public final class GlobalMaxPool2D: Pool {
        public init() {
            super.init(dims: 2, poolSize: [1, 1], strides: [1, 1], padding: [0], ceilMode: false, globalPool: true,
                       poolType: .max, countIncludePad: nil)
        }
    }

    /// 2-d global average pooling to (N, C, 1, 1) (MXNet 2.0's `nn.GlobalAvgPool2D`).
    public final class GlobalAvgPool2D: Pool {
        public init() {
            super.init(dims: 2, poolSize: [1, 1], strides: [1, 1], padding: [0], ceilMode: false, globalPool: true,
                       poolType: .avg, countIncludePad: nil)
        }
    }
}
