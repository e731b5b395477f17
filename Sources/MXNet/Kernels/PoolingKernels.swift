import RealModule

/// How a pooling window combines its elements.
enum PoolMode {
    case max
    /// Average; `countPadding` divides by the window size including padding (MXNet's `count_include_pad`).
    case average(countPadding: Bool)
    case sum
    /// `(Σ xᵖ)^(1/p)` for p in 1...3 (without absolute values, as MXNet computes it).
    case power(Int)
}

/// Pooling windows over 1-3 spatial dimensions, padded to three (leading size-1 dimensions, kernel 1).
struct PoolGeometry {
    var planes: Int
    var input: [Int]
    var output: [Int]
    var kernel: [Int]
    var stride: [Int]
    var pad: [Int]

    init(planes: Int, input: [Int], output: [Int], kernel: [Int], stride: [Int], pad: [Int]) {
        func three(_ v: [Int], _ fill: Int) -> [Int] { [Int](repeating: fill, count: 3 - v.count) + v }
        self.planes = planes
        self.input = three(input, 1); self.output = three(output, 1); self.kernel = three(kernel, 1)
        self.stride = three(stride, 1); self.pad = three(pad, 0)
    }

    var inputSize: Int { input[0] * input[1] * input[2] }
    var outputSize: Int { output[0] * output[1] * output[2] }

    /// Every output position's window along axis `d`: clipped bounds and the element count MXNet divides by
    /// when padding counts (padding is counted up to `input + pad`, so windows hanging past it count less).
    func axisWindows(_ d: Int) -> [(lo: Int, hi: Int, padded: Int)] {
        (0..<output[d]).map { o in
            let start = o * stride[d] - pad[d]
            let end = min(start + kernel[d], input[d] + pad[d])
            let lo = max(start, 0)
            return (lo, max(lo, min(end, input[d])), end - start)
        }
    }

    /// Calls `body(outputIndex, window)` for every output position of one plane, windows looked up in
    /// `table` (from ``windowTable()``).
    @inline(__always)
    func forEachWindow(_ table: WindowTable,
                       _ body: (Int, (lo: (Int, Int, Int), hi: (Int, Int, Int), padded: Int, clipped: Int)) -> Void) {
        var i = 0
        for z in table.z {
            for y in table.y {
                for x in table.x {
                    let clipped = (z.hi - z.lo) * (y.hi - y.lo) * (x.hi - x.lo)
                    body(i, ((z.lo, y.lo, x.lo), (z.hi, y.hi, x.hi), z.padded * y.padded * x.padded, clipped))
                    i += 1
                }
            }
        }
    }

    /// The per-axis windows, computed once per call rather than once per output element.
    struct WindowTable {
        let z: [(lo: Int, hi: Int, padded: Int)], y: [(lo: Int, hi: Int, padded: Int)], x: [(lo: Int, hi: Int, padded: Int)]
    }

    func windowTable() -> WindowTable { WindowTable(z: axisWindows(0), y: axisWindows(1), x: axisWindows(2)) }
}

/// How one pooling mode folds a window: a start value, a step per element and a final step (static, so that
/// each mode's loop is specialised with its arithmetic inlined).
protocol PoolReducer {
    static func start<T: KernelFloat>(_: T.Type) -> T
    static func combine<T: KernelFloat>(_ acc: T, _ v: T) -> T
    static func finish<T: KernelFloat>(_ acc: T, padded: Int, clipped: Int) -> T
}
extension PoolReducer {
    @inline(__always) static func start<T: KernelFloat>(_: T.Type) -> T { 0 }
    @inline(__always) static func finish<T: KernelFloat>(_ acc: T, padded: Int, clipped: Int) -> T { acc }
}
enum MaxPool: PoolReducer {
    @inline(__always) static func start<T: KernelFloat>(_: T.Type) -> T { -T.greatestFiniteMagnitude }
    @inline(__always) static func combine<T: KernelFloat>(_ acc: T, _ v: T) -> T { v > acc ? v : acc }
}
enum SumPool: PoolReducer {
    @inline(__always) static func combine<T: KernelFloat>(_ acc: T, _ v: T) -> T { acc + v }
}
enum AveragePool<Counting: PaddingCount>: PoolReducer {
    @inline(__always) static func combine<T: KernelFloat>(_ acc: T, _ v: T) -> T { acc + v }
    @inline(__always) static func finish<T: KernelFloat>(_ acc: T, padded: Int, clipped: Int) -> T {
        acc / T(Counting.includesPadding ? padded : clipped)
    }
}
protocol PaddingCount { static var includesPadding: Bool { get } }
enum CountingPadding: PaddingCount { static var includesPadding: Bool { true } }
enum NotCountingPadding: PaddingCount { static var includesPadding: Bool { false } }
enum L2Pool: PoolReducer {
    @inline(__always) static func combine<T: KernelFloat>(_ acc: T, _ v: T) -> T { acc + v * v }
    @inline(__always) static func finish<T: KernelFloat>(_ acc: T, padded: Int, clipped: Int) -> T { T.sqrt(acc) }
}
enum L3Pool: PoolReducer {
    @inline(__always) static func combine<T: KernelFloat>(_ acc: T, _ v: T) -> T { acc + v * v * v }
    @inline(__always) static func finish<T: KernelFloat>(_ acc: T, padded: Int, clipped: Int) -> T { T.root(acc, 3) }
}

/// `Pooling` forward over every (batch, channel) plane, planes split across cores.
struct PoolingForward: FloatVisitor {
    let geometry: PoolGeometry, mode: PoolMode
    let data: TensorRef, out: TensorRef

    func float<T: KernelFloat>(_: T.Type) {
        switch mode {
        case .max: run(T.self, MaxPool.self)
        case .sum, .power(1): run(T.self, SumPool.self)
        case .average(let countPadding):
            if countPadding { run(T.self, AveragePool<CountingPadding>.self) } else { run(T.self, AveragePool<NotCountingPadding>.self) }
        case .power(2): run(T.self, L2Pool.self)
        case .power: run(T.self, L3Pool.self)
        }
    }

    /// One specialised loop per mode.
    private func run<T: KernelFloat, R: PoolReducer>(_: T.Type, _: R.Type) {
        let g = geometry
        let x = data.pointer(T.self), y = out.pointer(T.self)
        let (H, W) = (g.input[1], g.input[2])
        let table = g.windowTable()
        parallelFor(g.planes, cost: g.outputSize * g.kernel.reduce(1, *)) { lo, hi in
            for plane in lo..<hi {
                let src = x + plane * g.inputSize, dst = y + plane * g.outputSize
                g.forEachWindow(table) { i, w in
                    var acc = R.start(T.self)
                    for z in w.lo.0..<w.hi.0 {
                        for yy in w.lo.1..<w.hi.1 {
                            let row = src + (z * H + yy) * W
                            for xx in w.lo.2..<w.hi.2 { acc = R.combine(acc, row[xx]) }
                        }
                    }
                    dst[i] = R.finish(acc, padded: w.padded, clipped: w.clipped)
                }
            }
        }
    }
}

/// `Pooling` backward: max sends the gradient to the first element equal to the output in scan order; average
/// and sum spread it; Lp scales it by `(x / y)^(p-1)`.
struct PoolingBackward: FloatVisitor {
    let geometry: PoolGeometry, mode: PoolMode
    let outGrad: TensorRef, data: TensorRef, output: TensorRef, dData: TensorRef

    func float<T: KernelFloat>(_: T.Type) {
        let g = geometry, mode = mode
        let dy = outGrad.pointer(T.self), x = data.pointer(T.self), y = output.pointer(T.self), dx = dData.pointer(T.self)
        let (H, W) = (g.input[1], g.input[2])
        dx.update(repeating: 0, count: dData.count)
        let table = g.windowTable()
        parallelFor(g.planes, cost: g.outputSize * g.kernel.reduce(1, *)) { lo, hi in
            for plane in lo..<hi {
                let src = x + plane * g.inputSize, grad = dx + plane * g.inputSize
                let yp = y + plane * g.outputSize, dyp = dy + plane * g.outputSize
                g.forEachWindow(table) { i, w in
                    let d = dyp[i]
                    var share = d
                    if case .average(let countPadding) = mode { share = d / T(countPadding ? w.padded : w.clipped) }
                    search: for z in w.lo.0..<w.hi.0 {
                        for yy in w.lo.1..<w.hi.1 {
                            let base = (z * H + yy) * W
                            for xx in w.lo.2..<w.hi.2 {
                                let j = base + xx
                                switch mode {
                                case .max:
                                    if src[j] == yp[i] { grad[j] += d; break search }
                                case .average, .sum, .power(1):
                                    grad[j] += share
                                case .power(let p):
                                    let r = src[j] / yp[i]
                                    grad[j] += d * (p == 2 ? r : r * r)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
