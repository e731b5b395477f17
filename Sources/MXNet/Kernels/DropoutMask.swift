import Foundation

/// The process-wide random stream of the neural-network ops that draw numbers (dropout masks, RReLU slopes):
/// xoshiro256** seeded through SplitMix64, behind a lock.
///
/// It is internal and deliberately small; it does not reproduce MXNet's stream (tests check statistics).
///
/// ```swift
/// RandomSource.shared.seed(42)
/// let u = RandomSource.shared.nextUniform()   // in [0, 1)
/// ```
final class RandomSource: @unchecked Sendable {
    /// The shared stream.
    static let shared = RandomSource(seed: 0x5EED_0F_4D58_4E45)

    private var state: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private let lock = NSLock()

    init(seed: UInt64) { reseed(seed) }

    /// Restarts the stream from `seed`.
    func seed(_ seed: UInt64) {
        lock.lock(); defer { lock.unlock() }
        reseed(seed)
    }

    private func reseed(_ seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    @inline(__always) private func next() -> UInt64 {
        let result = ((state.1 &* 5) << 7 | (state.1 &* 5) >> 57) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = state.3 << 45 | state.3 >> 19
        return result
    }

    /// One uniform double in [0, 1).
    func nextUniform() -> Double {
        lock.lock(); defer { lock.unlock() }
        return Double(next() >> 11) * 0x1.0p-53
    }

    /// Fills `out` with uniform values in [low, high).
    func fillUniform<T: BinaryFloatingPoint>(_ out: UnsafeMutablePointer<T>, count: Int, low: Double, high: Double) {
        lock.lock(); defer { lock.unlock() }
        let width = high - low
        for i in 0..<count { out[i] = T(low + width * (Double(next() >> 11) * 0x1.0p-53)) }
    }

    /// Fills `out` with an inverted-dropout mask: `1 / keep` with probability `keep`, else 0.
    func fillBernoulliMask<T: BinaryFloatingPoint>(_ out: UnsafeMutablePointer<T>, count: Int, keep: Double) {
        lock.lock(); defer { lock.unlock() }
        guard keep > 0 else {
            for i in 0..<count { out[i] = 0 }
            return
        }
        let scale = T(1 / keep)
        let threshold = UInt64(min(keep, 1) * 0x1.0p53)
        for i in 0..<count { out[i] = (next() >> 11) < threshold ? scale : 0 }
    }
}
