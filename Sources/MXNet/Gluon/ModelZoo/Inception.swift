extension model_zoo.vision {
    /// Inception v3 (MXNet's `Inception3`, "Rethinking the Inception Architecture for Computer Vision"): a
    /// convolutional stem, the A, B, C, D and E mixed blocks (parallel branches concatenated on channels through
    /// ``nn/HybridConcatenate``), an 8×8 average pool (so 299×299 inputs), dropout and a dense `output`. Every
    /// convolution is bias-free and followed by BatchNorm (epsilon 0.001) and ReLU. No auxiliary head.
    ///
    /// ```swift
    /// let net = model_zoo.vision.Inception3(classes: 10)
    /// try net.initialize(initializer.Xavier())
    /// let y = try net(np.ones([1, 3, 299, 299]))   // (1, 10)
    /// ```
    public final class Inception3: HybridBlock {
        public let features = nn.HybridSequential()
        public let output: nn.Dense

        public init(classes: Int = 1000) {
            typealias C = Inception3
            features.add(C.basicConv(32, [3], strides: [2]), C.basicConv(32, [3]), C.basicConv(64, [3], padding: [1]),
                         nn.MaxPool2D(poolSize: [3], strides: [2]),
                         C.basicConv(80, [1]), C.basicConv(192, [3]),
                         nn.MaxPool2D(poolSize: [3], strides: [2]),
                         C.mixedA(32), C.mixedA(64), C.mixedA(64), C.mixedB(),
                         C.mixedC(128), C.mixedC(160), C.mixedC(160), C.mixedC(192), C.mixedD(), C.mixedE(), C.mixedE(),
                         nn.AvgPool2D(poolSize: [8]), nn.Dropout(0.5))
            output = nn.Dense(classes)
            super.init()
        }

        public override func forward(_ x: NDArray) throws -> NDArray { try output(features(x)) }

        /// One convolution of a branch: channels, kernel, strides, padding (MXNet's conv settings tuples).
        struct Conv {
            let channels: Int, kernel: [Int], strides: [Int], padding: [Int]
            init(_ channels: Int, _ kernel: [Int], strides: [Int] = [1], padding: [Int] = [0]) {
                (self.channels, self.kernel, self.strides, self.padding) = (channels, kernel, strides, padding)
            }
        }

        /// Convolution without bias, BatchNorm (epsilon 0.001), ReLU (MXNet's `_make_basic_conv`).
        static func basicConv(_ channels: Int, _ kernel: [Int], strides: [Int] = [1], padding: [Int] = [0]) -> nn.HybridSequential {
            let out = nn.HybridSequential()
            out.add(nn.Conv2D(channels, kernelSize: kernel, strides: strides, padding: padding, useBias: false),
                    nn.BatchNorm(epsilon: 0.001), nn.Activation(.relu))
            return out
        }

        /// The pooling a branch starts with (MXNet's `use_pool`).
        enum BranchPool { case none, avg, max }

        /// An optional pool followed by basic convolutions (MXNet's `_make_branch`).
        static func branch(_ pool: BranchPool, _ convs: Conv...) -> nn.HybridSequential {
            let out = nn.HybridSequential()
            switch pool {
            case .none: break
            case .avg: out.add(nn.AvgPool2D(poolSize: [3], strides: [1], padding: [1]))
            case .max: out.add(nn.MaxPool2D(poolSize: [3], strides: [2]))
            }
            for c in convs { out.add(basicConv(c.channels, c.kernel, strides: c.strides, padding: c.padding)) }
            return out
        }

        static func concat(_ blocks: Block...) -> nn.HybridConcatenate {
            let out = nn.HybridConcatenate(axis: 1)
            for b in blocks { out.add(b) }
            return out
        }

        /// MXNet's `_make_A`: 1×1; 1×1-5×5; 1×1-3×3-3×3; avg pool-1×1 with `poolFeatures`.
        static func mixedA(_ poolFeatures: Int) -> nn.HybridConcatenate {
            concat(branch(.none, Conv(64, [1])),
                   branch(.none, Conv(48, [1]), Conv(64, [5], padding: [2])),
                   branch(.none, Conv(64, [1]), Conv(96, [3], padding: [1]), Conv(96, [3], padding: [1])),
                   branch(.avg, Conv(poolFeatures, [1])))
        }

        /// MXNet's `_make_B`: strided 3×3; 1×1-3×3-strided 3×3; max pool.
        static func mixedB() -> nn.HybridConcatenate {
            concat(branch(.none, Conv(384, [3], strides: [2])),
                   branch(.none, Conv(64, [1]), Conv(96, [3], padding: [1]), Conv(96, [3], strides: [2])),
                   branch(.max))
        }

        /// MXNet's `_make_C`: factorised 7×7 branches with `channels7x7` inner channels.
        static func mixedC(_ channels7x7: Int) -> nn.HybridConcatenate {
            let c = channels7x7
            return concat(branch(.none, Conv(192, [1])),
                          branch(.none, Conv(c, [1]), Conv(c, [1, 7], padding: [0, 3]), Conv(192, [7, 1], padding: [3, 0])),
                          branch(.none, Conv(c, [1]), Conv(c, [7, 1], padding: [3, 0]), Conv(c, [1, 7], padding: [0, 3]),
                                 Conv(c, [7, 1], padding: [3, 0]), Conv(192, [1, 7], padding: [0, 3])),
                          branch(.avg, Conv(192, [1])))
        }

        /// MXNet's `_make_D`: 1×1-strided 3×3; 1×1-1×7-7×1-strided 3×3; max pool.
        static func mixedD() -> nn.HybridConcatenate {
            concat(branch(.none, Conv(192, [1]), Conv(320, [3], strides: [2])),
                   branch(.none, Conv(192, [1]), Conv(192, [1, 7], padding: [0, 3]), Conv(192, [7, 1], padding: [3, 0]),
                          Conv(192, [3], strides: [2])),
                   branch(.max))
        }

        /// MXNet's `_make_E`: 1×1; 1×1 then split 1×3 | 3×1; 1×1-3×3 then split 1×3 | 3×1; avg pool-1×1.
        static func mixedE() -> nn.HybridConcatenate {
            func split() -> nn.HybridConcatenate {
                concat(branch(.none, Conv(384, [1, 3], padding: [0, 1])), branch(.none, Conv(384, [3, 1], padding: [1, 0])))
            }
            let branch3x3 = nn.HybridSequential()
            branch3x3.add(branch(.none, Conv(384, [1])), split())
            let branch3x3dbl = nn.HybridSequential()
            branch3x3dbl.add(branch(.none, Conv(448, [1]), Conv(384, [3], padding: [1])), split())
            return concat(branch(.none, Conv(320, [1])), branch3x3, branch3x3dbl, branch(.avg, Conv(192, [1])))
        }
    }
}
