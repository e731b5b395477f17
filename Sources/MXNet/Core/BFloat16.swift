/// Brain floating point: the top 16 bits of an IEEE float32 (MXNet type flag 12).
///
/// ```swift
/// let b = BFloat16(1.5 as Float)
/// print(Float(b))  // 1.5
/// ```
public struct BFloat16: Hashable, Sendable, CustomStringConvertible {
    /// The raw bits.
    public var bitPattern: UInt16

    public init(bitPattern: UInt16) { self.bitPattern = bitPattern }

    /// Rounds `value` to the nearest bfloat16 (ties to even), keeping NaN a NaN.
    @inline(__always)
    public init(_ value: Float) {
        let bits = value.bitPattern
        if value.isNaN {
            bitPattern = UInt16(truncatingIfNeeded: bits >> 16) | 0x40
        } else {
            let rounding: UInt32 = 0x7FFF + ((bits >> 16) & 1)
            bitPattern = UInt16(truncatingIfNeeded: (bits &+ rounding) >> 16)
        }
    }

    public var description: String { Float(self).description }
}

extension Float {
    /// Widens a bfloat16 exactly.
    @inline(__always)
    public init(_ value: BFloat16) { self.init(bitPattern: UInt32(value.bitPattern) << 16) }
}
