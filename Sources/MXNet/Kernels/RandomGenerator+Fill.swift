/// Bulk draws used by the neural-network ops (dropout masks, RReLU slopes, RNN dropout), from the same seeded
/// Philox stream as `np.random`, so `np.random.seed` makes them reproducible too.
extension RandomGenerator {
    /// Fills `out` with uniform values in [low, high).
    static func fillUniform<T: BinaryFloatingPoint>(_ out: UnsafeMutablePointer<T>, count: Int, low: Double, high: Double) {
        let s = stream(count: count), width = high - low
        parallelFor(count, cost: 8) { lo, hi in
            for i in lo..<hi { out[i] = T(low + width * s.uniform(i)) }
        }
    }

    /// Fills `out` with an inverted-dropout mask: `1 / keep` with probability `keep`, else 0.
    static func fillBernoulliMask<T: BinaryFloatingPoint>(_ out: UnsafeMutablePointer<T>, count: Int, keep: Double) {
        guard keep > 0 else {
            out.initialize(repeating: 0, count: count)
            return
        }
        let s = stream(count: count)
        let scale = T(1 / keep)
        parallelFor(count, cost: 8) { lo, hi in
            for i in lo..<hi { out[i] = s.uniform(i) < keep ? scale : 0 }
        }
    }
}
