/// One operand of a matrix product: a row-major matrix at `offset` elements into a buffer, `ld` elements between
/// rows, read transposed when `trans` is set.
struct MatrixOperand {
    var trans = false
    var ld: Int
}

/// General matrix multiply `C = alpha · op(A) · op(B) + beta · C` on row-major buffers: OpenBLAS `sgemm`/`dgemm`
/// for float32/float64, a plain loop for integers.
///
/// ```swift
/// GEMM.run(m: 2, n: 3, k: 4, a, MatrixOperand(ld: 4), b, MatrixOperand(ld: 3), c, ldc: 3)
/// ```
enum GEMM {
    /// Floats: OpenBLAS (single-threaded), with large products split across the cores by rows of `C` when
    /// `op(A)` is the larger operand and by columns otherwise, so the larger operand is never packed twice.
    @inline(__always)
    static func run<T: KernelFloat>(m: Int, n: Int, k: Int, alpha: T = 1, _ a: UnsafePointer<T>, _ oa: MatrixOperand,
                                    _ b: UnsafePointer<T>, _ ob: MatrixOperand, beta: T = 0,
                                    _ c: UnsafeMutablePointer<T>, ldc: Int) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            scaleMatrix(c, m: m, n: n, ldc: ldc, beta: beta)
            return
        }
        let byRows = m >= n
        let extent = byRows ? m : n
        // Chunks of whole 16-row/column panels (OpenBLAS's register blocks); small products stay on one call.
        let panels = (extent + 15) / 16
        if m * n * k < 1 << 20 || panels < 2 || coreCount == 1 || ParallelRegion.isInside {
            blas(m: m, n: n, k: k, alpha: alpha, a, oa, b, ob, beta: beta, c, ldc: ldc)
            return
        }
        parallelFor(panels, cost: parallelThreshold) { lo, hi in
            let start = lo * 16, end = min(extent, hi * 16)
            if byRows {
                let aRow = oa.trans ? start : start * oa.ld
                blas(m: end - start, n: n, k: k, alpha: alpha, a + aRow, oa, b, ob, beta: beta, c + start * ldc, ldc: ldc)
            } else {
                let bColumn = ob.trans ? start * ob.ld : start
                blas(m: m, n: end - start, k: k, alpha: alpha, a, oa, b + bColumn, ob, beta: beta, c + start, ldc: ldc)
            }
        }
    }

    /// One OpenBLAS call.
    @inline(__always)
    private static func blas<T: KernelFloat>(m: Int, n: Int, k: Int, alpha: T, _ a: UnsafePointer<T>, _ oa: MatrixOperand,
                                             _ b: UnsafePointer<T>, _ ob: MatrixOperand, beta: T,
                                             _ c: UnsafeMutablePointer<T>, ldc: Int) {
        let ta = oa.trans ? OpenBLAS.trans : OpenBLAS.noTrans, tb = ob.trans ? OpenBLAS.trans : OpenBLAS.noTrans
        let lib = OpenBLAS.library
        if T.self == Float.self {
            lib.sgemm(OpenBLAS.rowMajor, ta, tb, Int32(m), Int32(n), Int32(k), Float(alpha),
                      UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), Int32(max(oa.ld, 1)),
                      UnsafeRawPointer(b).assumingMemoryBound(to: Float.self), Int32(max(ob.ld, 1)), Float(beta),
                      UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self), Int32(max(ldc, 1)))
        } else {
            lib.dgemm(OpenBLAS.rowMajor, ta, tb, Int32(m), Int32(n), Int32(k), Double(alpha),
                      UnsafeRawPointer(a).assumingMemoryBound(to: Double.self), Int32(max(oa.ld, 1)),
                      UnsafeRawPointer(b).assumingMemoryBound(to: Double.self), Int32(max(ob.ld, 1)), Double(beta),
                      UnsafeMutableRawPointer(c).assumingMemoryBound(to: Double.self), Int32(max(ldc, 1)))
        }
    }

    /// Integers: a cache-friendly i-k-j loop with wrapping arithmetic (as C integer overflow in MXNet).
    static func runInteger<T: IntegerElement>(m: Int, n: Int, k: Int, alpha: T = 1, _ a: UnsafePointer<T>,
                                              _ oa: MatrixOperand, _ b: UnsafePointer<T>, _ ob: MatrixOperand,
                                              beta: T = 0, _ c: UnsafeMutablePointer<T>, ldc: Int) {
        if m == 0 || n == 0 { return }
        let (sai, sak) = oa.trans ? (1, oa.ld) : (oa.ld, 1)
        let (sbk, sbj) = ob.trans ? (1, ob.ld) : (ob.ld, 1)
        for i in 0..<m {
            let row = c + i * ldc
            if beta == 0 { for j in 0..<n { row[j] = 0 } } else if beta != 1 { for j in 0..<n { row[j] = row[j] &* beta } }
            for p in 0..<k {
                let x = alpha &* a[i * sai + p * sak]
                if x == 0 { continue }
                let brow = b + p * sbk
                if sbj == 1 {
                    for j in 0..<n { row[j] = row[j] &+ x &* brow[j] }
                } else {
                    for j in 0..<n { row[j] = row[j] &+ x &* brow[j * sbj] }
                }
            }
        }
    }

    private static func scaleMatrix<T: KernelFloat>(_ c: UnsafeMutablePointer<T>, m: Int, n: Int, ldc: Int, beta: T) {
        for i in 0..<m {
            let row = c + i * ldc
            if beta == 0 { for j in 0..<n { row[j] = 0 } } else { for j in 0..<n { row[j] *= beta } }
        }
    }
}

/// A batch of matrix products `C[b] = alpha · op(A[b]) · op(B[b]) + beta · C[b]` where each batch entry's
/// operands sit at given element offsets (so broadcast batches share offsets and nothing is copied).
struct BatchedGEMM {
    var m: Int, n: Int, k: Int
    var a: MatrixOperand, b: MatrixOperand
    var ldc: Int
    var aOffsets: [Int], bOffsets: [Int], cOffsets: [Int]
    var alpha = 1.0, beta = 0.0

    /// Small products run one per core; large ones are split inside ``GEMM/run``.
    private var parallelBatches: Bool { aOffsets.count > 1 && m * n * k < 1 << 18 }

    func run<T: KernelFloat>(_ pa: UnsafePointer<T>, _ pb: UnsafePointer<T>, _ pc: UnsafeMutablePointer<T>) {
        let count = aOffsets.count
        let body = { (lo: Int, hi: Int) in
            for i in lo..<hi {
                GEMM.run(m: m, n: n, k: k, alpha: T(alpha), pa + aOffsets[i], a, pb + bOffsets[i], b,
                         beta: T(beta), pc + cOffsets[i], ldc: ldc)
            }
        }
        if parallelBatches { parallelFor(count, cost: max(1, m * n * k), body) } else { body(0, count) }
    }

    func runInteger<T: IntegerElement>(_ pa: UnsafePointer<T>, _ pb: UnsafePointer<T>, _ pc: UnsafeMutablePointer<T>) {
        let count = aOffsets.count
        let al = T(fromDouble: alpha), be = T(fromDouble: beta)
        parallelFor(count, cost: max(1, m * n * k)) { lo, hi in
            for i in lo..<hi {
                GEMM.runInteger(m: m, n: n, k: k, alpha: al, pa + aOffsets[i], a, pb + bOffsets[i], b,
                                beta: be, pc + cOffsets[i], ldc: ldc)
            }
        }
    }
}

/// Element types the linear-algebra kernels compute in: float32/float64 through BLAS, integers by loop with
/// wrapping arithmetic. (float16/bfloat16 are widened to float32 by the runner.)
protocol LinalgScalar: Element {
    static var linalgZero: Self { get }
    static func linalgAdd(_ a: Self, _ b: Self) -> Self
    static func linalgMul(_ a: Self, _ b: Self) -> Self
    static func gemm(_ plan: BatchedGEMM, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ c: UnsafeMutablePointer<Self>)
}

extension LinalgScalar where Self: KernelFloat {
    @inline(__always) static var linalgZero: Self { 0 }
    @inline(__always) static func linalgAdd(_ a: Self, _ b: Self) -> Self { a + b }
    @inline(__always) static func linalgMul(_ a: Self, _ b: Self) -> Self { a * b }
    static func gemm(_ plan: BatchedGEMM, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ c: UnsafeMutablePointer<Self>) {
        plan.run(a, b, c)
    }
}

extension LinalgScalar where Self: IntegerElement {
    @inline(__always) static var linalgZero: Self { 0 }
    @inline(__always) static func linalgAdd(_ a: Self, _ b: Self) -> Self { a &+ b }
    @inline(__always) static func linalgMul(_ a: Self, _ b: Self) -> Self { a &* b }
    static func gemm(_ plan: BatchedGEMM, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ c: UnsafeMutablePointer<Self>) {
        plan.runInteger(a, b, c)
    }
}

extension Float: LinalgScalar {}
extension Double: LinalgScalar {}
extension UInt8: LinalgScalar {}
extension Int8: LinalgScalar {}
extension Int16: LinalgScalar {}
extension UInt16: LinalgScalar {}
extension Int32: LinalgScalar {}
extension UInt32: LinalgScalar {}
extension Int64: LinalgScalar {}
extension UInt64: LinalgScalar {}

/// Generic code run once per linear-algebra element type (see ``LinalgScalar``).
protocol LinalgVisitor {
    func visit<T: LinalgScalar>(_ type: T.Type) throws
}

extension DType {
    /// Runs `v` for this dtype.
    /// - Throws: ``MXNetError`` for bool (and half types, which the runner widens before kernels run).
    func visitLinalg<V: LinalgVisitor>(_ v: V) throws {
        switch self {
        case .float32: try v.visit(Float.self)
        case .float64: try v.visit(Double.self)
        case .uint8: try v.visit(UInt8.self)
        case .int8: try v.visit(Int8.self)
        case .int16: try v.visit(Int16.self)
        case .uint16: try v.visit(UInt16.self)
        case .int32: try v.visit(Int32.self)
        case .uint32: try v.visit(UInt32.self)
        case .int64: try v.visit(Int64.self)
        case .uint64: try v.visit(UInt64.self)
        default: throw MXNetError("dtype \(self) is not supported")
        }
    }
}

/// Runs a ``BatchedGEMM`` on three tensors of one dtype.
struct BatchedGEMMKernel: LinalgVisitor {
    let plan: BatchedGEMM
    let a: TensorRef, b: TensorRef, c: TensorRef
    func visit<T: LinalgScalar>(_: T.Type) {
        T.gemm(plan, a.pointer(T.self), b.pointer(T.self), c.pointer(T.self))
    }
}

/// Element offsets of every batch entry of an array whose batch dimensions `shape` broadcast to `target`
/// (stride 0 along broadcast dimensions); `step` is the elements per batch entry.
func batchOffsets(_ shape: [Int], broadcastTo target: [Int], step: Int) -> [Int] {
    let n = Shape.count(target)
    let padded = [Int](repeating: 1, count: target.count - shape.count) + shape
    var strides = [Int](repeating: 0, count: target.count)
    var acc = step
    for d in stride(from: target.count - 1, through: 0, by: -1) {
        strides[d] = padded[d] == 1 ? 0 : acc
        acc *= padded[d]
    }
    var out = [Int](repeating: 0, count: n)
    var idx = [Int](repeating: 0, count: target.count)
    var off = 0
    for i in 0..<n {
        out[i] = off
        var d = target.count - 1
        while d >= 0 {
            idx[d] += 1; off += strides[d]
            if idx[d] < target[d] { break }
            off -= strides[d] * target[d]; idx[d] = 0
            d -= 1
        }
    }
    return out
}
