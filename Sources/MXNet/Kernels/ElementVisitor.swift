/// Generic code specialised for each concrete element type: `dtype.visit(v)` calls `v.visit(Float.self)` for
/// float32, and so on, so the compiler emits one tight loop per dtype.
protocol ElementVisitor {
    associatedtype Result
    func visit<T: Element>(_ type: T.Type) -> Result
}

/// Like ``ElementVisitor`` for kernels written for float32 and float64 only (`Real` arithmetic).
protocol FloatVisitor {
    associatedtype Result
    func float<T: KernelFloat>(_ type: T.Type) -> Result
}

/// Like ``ElementVisitor`` for integer kernels.
protocol IntegerVisitor {
    associatedtype Result
    func integer<T: IntegerElement>(_ type: T.Type) -> Result
}

import RealModule

/// The float types kernels compute in: float16 and bfloat16 are widened to float32 around them.
public protocol KernelFloat: Element, Real, BinaryFloatingPoint {}
extension Float: KernelFloat {}
extension Double: KernelFloat {}

extension DType {
    @inline(__always)
    func visit<V: ElementVisitor>(_ v: V) -> V.Result {
        switch self {
        case .float32: return v.visit(Float.self)
        case .float64: return v.visit(Double.self)
        case .float16: return v.visit(Float16.self)
        case .bfloat16: return v.visit(BFloat16.self)
        case .uint8: return v.visit(UInt8.self)
        case .int8: return v.visit(Int8.self)
        case .int16: return v.visit(Int16.self)
        case .uint16: return v.visit(UInt16.self)
        case .int32: return v.visit(Int32.self)
        case .uint32: return v.visit(UInt32.self)
        case .int64: return v.visit(Int64.self)
        case .uint64: return v.visit(UInt64.self)
        case .bool: return v.visit(Bool.self)
        }
    }

    /// Dispatches float32 / float64 (other float types are widened by the executor before kernels run).
    @inline(__always)
    func visitFloat<V: FloatVisitor>(_ v: V) -> V.Result? {
        switch self {
        case .float32: return v.float(Float.self)
        case .float64: return v.float(Double.self)
        default: return nil
        }
    }

    /// Dispatches the integer dtypes.
    @inline(__always)
    func visitInteger<V: IntegerVisitor>(_ v: V) -> V.Result? {
        switch self {
        case .uint8: return v.integer(UInt8.self)
        case .int8: return v.integer(Int8.self)
        case .int16: return v.integer(Int16.self)
        case .uint16: return v.integer(UInt16.self)
        case .int32: return v.integer(Int32.self)
        case .uint32: return v.integer(UInt32.self)
        case .int64: return v.integer(Int64.self)
        case .uint64: return v.integer(UInt64.self)
        default: return nil
        }
    }
}

extension TensorRef {
    /// Runs `v` on this tensor's dtype: float32/float64 through `float`, integers through `integer`.
    /// - Throws: ``MXNetError`` for dtypes the kernel does not handle (bool, or integers when `v` has no path).
    @inline(__always)
    func dispatch<V: FloatVisitor & IntegerVisitor>(_ v: V) throws -> V.Result where V.Result == Void {
        if dtype.visitFloat(v) != nil { return }
        if dtype.visitInteger(v) != nil { return }
        throw MXNetError("dtype \(dtype) is not supported")
    }

    @inline(__always)
    func dispatchFloat<V: FloatVisitor>(_ v: V) throws where V.Result == Void {
        guard dtype.visitFloat(v) != nil else { throw MXNetError("dtype \(dtype) is not supported") }
    }
}
