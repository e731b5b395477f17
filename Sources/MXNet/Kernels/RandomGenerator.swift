import Foundation

/// The process-wide random number generator behind every random operator: Philox4x32-10 (Salmon et al., 2011),
/// a counter-based generator, keyed by the seed.
///
/// Each kernel call reserves a block of counters and element `i` draws from counter `base + i`, so kernels can
/// run in parallel and still give the same numbers for the same seed and call sequence. MXNet's own streams
/// are not reproduced: the same seed gives different (equally distributed) numbers than MXNet.
///
/// ```swift
/// np.random.seed(42)
/// let a = try np.random.uniform(size: [3])
/// np.random.seed(42)
/// let b = try np.random.uniform(size: [3])   // equal to a
/// ```
public enum RandomGenerator {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var key: UInt64 = 0
    nonisolated(unsafe) private static var counter: UInt64 = 0

    /// Restarts the generator from `seed` (MXNet's `mx.random.seed`, `np.random.seed`).
    public static func seed(_ seed: Int) {
        lock.lock(); defer { lock.unlock() }
        key = UInt64(bitPattern: Int64(seed))
        counter = 0
    }

    /// Reserves `count` counters for one kernel call.
    static func stream(count: Int) -> RandomStream {
        lock.lock(); defer { lock.unlock() }
        let base = counter
        counter &+= UInt64(max(count, 0))
        return RandomStream(key: key, base: base)
    }
}

/// The counters one kernel call reserved: `block(i)` is the i-th 128-bit random block.
struct RandomStream {
    let key: UInt64
    let base: UInt64

    /// Philox4x32-10 applied to counter `base + i` (high words of the counter hold nothing).
    @inline(__always)
    func block(_ i: Int) -> (UInt32, UInt32, UInt32, UInt32) {
        let n = base &+ UInt64(i)
        var c0 = UInt32(truncatingIfNeeded: n), c1 = UInt32(truncatingIfNeeded: n >> 32)
        var c2: UInt32 = 0, c3: UInt32 = 0
        var k0 = UInt32(truncatingIfNeeded: key), k1 = UInt32(truncatingIfNeeded: key >> 32)
        for round in 0..<10 {
            if round > 0 { k0 &+= 0x9E37_79B9; k1 &+= 0xBB67_AE85 }
            let p0 = UInt64(0xD251_1F53) &* UInt64(c0), p1 = UInt64(0xCD9E_8D57) &* UInt64(c2)
            let hi0 = UInt32(truncatingIfNeeded: p0 >> 32), lo0 = UInt32(truncatingIfNeeded: p0)
            let hi1 = UInt32(truncatingIfNeeded: p1 >> 32), lo1 = UInt32(truncatingIfNeeded: p1)
            (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
        }
        return (c0, c1, c2, c3)
    }

    /// 64 random bits.
    @inline(__always)
    func bits(_ i: Int) -> UInt64 {
        let b = block(i)
        return UInt64(b.0) << 32 | UInt64(b.1)
    }

    /// A double uniform in [0, 1) with 53 random bits.
    @inline(__always)
    func uniform(_ i: Int) -> Double { Double(bits(i) >> 11) * 0x1p-53 }

    /// A float uniform in [0, 1) with 24 random bits (never rounds up to 1).
    @inline(__always)
    func uniformFloat(_ i: Int) -> Float { Float(block(i).0 >> 8) * 0x1p-24 }

    /// A standard normal sample (Box–Muller on the block's two 64-bit halves).
    @inline(__always)
    func normal(_ i: Int) -> Double {
        let b = block(i)
        let u1 = 1 - Double((UInt64(b.0) << 32 | UInt64(b.1)) >> 11) * 0x1p-53  // (0, 1]
        let u2 = Double((UInt64(b.2) << 32 | UInt64(b.3)) >> 11) * 0x1p-53
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// An integer uniform in `0 ..< range` (`range > 0`), by Lemire's multiply-shift.
    @inline(__always)
    func below(_ range: UInt64, _ i: Int) -> UInt64 { bits(i).multipliedFullWidth(by: range).high }
}
