/// A Swift type that can be stored in an ``NDArray``: the bridge between runtime ``DType`` and static types.
///
/// ```swift
/// let a = NDArray([1, 2, 3] as [Int32], shape: [3])
/// let back: [Int32] = try a.toArray()
/// ```
public protocol Element {
    /// The runtime dtype of this type.
    static var dtype: DType { get }
    /// Converts from a double with C semantics (truncation toward zero for integers; NaN and
    /// out-of-range values become the type's minimum, as x86 conversions do).
    init(fromDouble value: Double)
    /// Converts from an Int64, wrapping like a C cast.
    init(fromInt64 value: Int64)
    var doubleValue: Double { get }
    var int64Value: Int64 { get }
}

@inline(__always) func truncatingInt64(_ v: Double) -> Int64 {
    (v.isNaN || v >= 9.2233720368547758e18 || v < -9.2233720368547758e18) ? Int64.min : Int64(v)
}
@inline(__always) func truncatingInt32(_ v: Double) -> Int32 {
    (v.isNaN || v >= 2147483648.0 || v <= -2147483649.0) ? Int32.min : Int32(v)
}

extension Float: Element {
    public static var dtype: DType { .float32 }
    @inline(__always) public init(fromDouble value: Double) { self.init(value) }
    @inline(__always) public init(fromInt64 value: Int64) { self.init(value) }
    @inline(__always) public var doubleValue: Double { Double(self) }
    @inline(__always) public var int64Value: Int64 { truncatingInt64(Double(self)) }
}
extension Double: Element {
    public static var dtype: DType { .float64 }
    @inline(__always) public init(fromDouble value: Double) { self = value }
    @inline(__always) public init(fromInt64 value: Int64) { self.init(value) }
    @inline(__always) public var doubleValue: Double { self }
    @inline(__always) public var int64Value: Int64 { truncatingInt64(self) }
}
extension Float16: Element {
    public static var dtype: DType { .float16 }
    @inline(__always) public init(fromDouble value: Double) { self.init(Float(value)) }
    @inline(__always) public init(fromInt64 value: Int64) { self.init(Float(value)) }
    @inline(__always) public var doubleValue: Double { Double(Float(self)) }
    @inline(__always) public var int64Value: Int64 { truncatingInt64(Double(Float(self))) }
}
extension BFloat16: Element {
    public static var dtype: DType { .bfloat16 }
    @inline(__always) public init(fromDouble value: Double) { self.init(Float(value)) }
    @inline(__always) public init(fromInt64 value: Int64) { self.init(Float(value)) }
    @inline(__always) public var doubleValue: Double { Double(Float(self)) }
    @inline(__always) public var int64Value: Int64 { truncatingInt64(Double(Float(self))) }
}
extension Bool: Element {
    public static var dtype: DType { .bool }
    @inline(__always) public init(fromDouble value: Double) { self = value != 0 }
    @inline(__always) public init(fromInt64 value: Int64) { self = value != 0 }
    @inline(__always) public var doubleValue: Double { self ? 1 : 0 }
    @inline(__always) public var int64Value: Int64 { self ? 1 : 0 }
}

/// Integer element types share their conversions.
public protocol IntegerElement: Element, FixedWidthInteger {}
extension IntegerElement {
    @inline(__always) public init(fromDouble value: Double) {
        if Self.bitWidth == 64 {
            self.init(truncatingIfNeeded: truncatingInt64(value))
        } else {
            self.init(truncatingIfNeeded: truncatingInt32(value))
        }
    }
    @inline(__always) public init(fromInt64 value: Int64) { self.init(truncatingIfNeeded: value) }
    @inline(__always) public var doubleValue: Double { Double(self) }
    @inline(__always) public var int64Value: Int64 { Int64(truncatingIfNeeded: self) }
}
extension UInt8: IntegerElement { public static var dtype: DType { .uint8 } }
extension Int8: IntegerElement { public static var dtype: DType { .int8 } }
extension Int16: IntegerElement { public static var dtype: DType { .int16 } }
extension UInt16: IntegerElement { public static var dtype: DType { .uint16 } }
extension Int32: IntegerElement { public static var dtype: DType { .int32 } }
extension UInt32: IntegerElement { public static var dtype: DType { .uint32 } }
extension Int64: IntegerElement { public static var dtype: DType { .int64 } }
extension UInt64: IntegerElement { public static var dtype: DType { .uint64 } }
