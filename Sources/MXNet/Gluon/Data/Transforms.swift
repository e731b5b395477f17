/// Image transforms of `gluon.data.vision.transforms`, on HWC images (and CHW tensors after ``ToTensor``).
///
/// ```swift
/// let t = transforms.Compose([transforms.Resize(32), transforms.ToTensor(), transforms.Normalize(mean: [0.5], std: [0.25])])
/// let x = try t(image)   // (1, 32, 32) float32
/// ```
public enum transforms {
    /// One transform step.
    public typealias Transform = (NDArray) throws -> NDArray

    /// Applies `steps` in order.
    public struct Compose {
        public let steps: [Transform]
        public init(_ steps: [Transform]) { self.steps = steps }
        public func callAsFunction(_ x: NDArray) throws -> NDArray { try steps.reduce(x) { try $1($0) } }
    }

    /// HWC (or NHWC) uint8 in [0, 255] → CHW (NCHW) float32 in [0, 1].
    public struct ToTensor {
        public init() {}
        public func callAsFunction(_ x: NDArray) throws -> NDArray {
            guard x.ndim == 3 || x.ndim == 4 else {
                throw MXNetError("ToTensor: expected an HWC or NHWC image, got shape \(Shape.text(x.shape))")
            }
            let scaled = try np.divide(x.astype(.float32), 255)
            return try np.transpose(scaled, axes: x.ndim == 3 ? [2, 0, 1] : [0, 3, 1, 2])
        }
    }

    /// `(x - mean) / std` per channel of a CHW (or NCHW) float tensor; one value applies to every channel.
    public struct Normalize {
        public let mean: [Double], std: [Double]
        public init(mean: [Double], std: [Double]) { self.mean = mean; self.std = std }
        public func callAsFunction(_ x: NDArray) throws -> NDArray {
            guard x.ndim == 3 || x.ndim == 4 else {
                throw MXNetError("Normalize: expected a CHW or NCHW tensor, got shape \(Shape.text(x.shape))")
            }
            let channels = x.shape[x.ndim - 3]
            func perChannel(_ v: [Double], _ name: String) throws -> NDArray {
                guard v.count == 1 || v.count == channels else {
                    throw MXNetError("Normalize: \(name) has \(v.count) values for \(channels) channels")
                }
                let full = v.count == 1 ? [Double](repeating: v[0], count: channels) : v
                return try np.array(full, shape: [channels, 1, 1], dtype: x.dtype)
            }
            return try np.divide(np.subtract(x, perChannel(mean, "mean")), perChannel(std, "std"))
        }
    }

    /// Bilinear resize of an HWC (or NHWC) image to `(width, height)`; an Int size gives a square, or with
    /// `keepRatio` sets the short side. uint8 results are rounded (OpenCV, which MXNet uses, computes in fixed
    /// point, so values can differ by one).
    public struct Resize {
        public let width: Int, height: Int, keepRatio: Bool
        public init(_ size: Int, keepRatio: Bool = false) { width = size; height = size; self.keepRatio = keepRatio }
        public init(width: Int, height: Int) { self.width = width; self.height = height; keepRatio = false }

        public func callAsFunction(_ x: NDArray) throws -> NDArray {
            guard x.ndim == 3 || x.ndim == 4 else {
                throw MXNetError("Resize: expected an HWC or NHWC image, got shape \(Shape.text(x.shape))")
            }
            guard width > 0, height > 0 else { throw MXNetError("Resize: size must be positive") }
            let (h, w) = (x.shape[x.ndim - 3], x.shape[x.ndim - 2])
            var (oh, ow) = (height, width)
            if keepRatio {
                if h < w { oh = width; ow = Int(Double(w) * Double(width) / Double(h)) } else {
                    ow = width; oh = Int(Double(h) * Double(width) / Double(w))
                }
            }
            let batch = x.ndim == 4 ? x : try np.expandDims(x, axis: 0)
            let nchw = try np.transpose(batch.astype(.float32), axes: [0, 3, 1, 2])
            var p = BilinearResizeParams()
            p.height = oh; p.width = ow; p.alignCorners = false
            var out = try np.transpose(Imperative.call(Ops.bilinearResize2D, [nchw], p), axes: [0, 2, 3, 1])
            if x.dtype != .float32 && x.dtype != .float64 {
                out = try np.clip(np.rint(out), 0, 255).astype(x.dtype)
            } else {
                out = try out.astype(x.dtype)
            }
            return x.ndim == 4 ? out : try out[0]
        }
    }

    /// The central `(width, height)` window of an HWC (or NHWC) image.
    public struct CenterCrop {
        public let width: Int, height: Int
        public init(_ size: Int) { width = size; height = size }
        public init(width: Int, height: Int) { self.width = width; self.height = height }
        public func callAsFunction(_ x: NDArray) throws -> NDArray {
            guard x.ndim == 3 || x.ndim == 4 else {
                throw MXNetError("CenterCrop: expected an HWC or NHWC image, got shape \(Shape.text(x.shape))")
            }
            let (h, w) = (x.shape[x.ndim - 3], x.shape[x.ndim - 2])
            guard width > 0, height > 0, width <= w, height <= h else {
                throw MXNetError("CenterCrop: cannot crop \(width)×\(height) from a \(w)×\(h) image")
            }
            let y0 = (h - height) / 2, x0 = (w - width) / 2
            let rows = y0..<(y0 + height), cols = x0..<(x0 + width)
            return x.ndim == 3 ? try x[rows, cols] : try x[.ellipsis, rows, cols, 0...]
        }
    }

    /// Mirrors an HWC image left to right with probability 1/2 (seeded by `np.random.seed`).
    public struct RandomFlipLeftRight {
        public init() {}
        public func callAsFunction(_ x: NDArray) throws -> NDArray {
            guard x.ndim >= 2 else { throw MXNetError("RandomFlipLeftRight: expected an image, got shape \(Shape.text(x.shape))") }
            guard try np.random.uniform(size: [1]).item(Double.self) < 0.5 else { return x }
            return try np.flip(x, axis: [x.ndim - 2])
        }
    }
}
