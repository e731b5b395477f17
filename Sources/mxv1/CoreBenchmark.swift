import Foundation
import MXNet

/// The measurements behind `mxv1 bench core`.
struct CoreBenchmark {
    /// Median seconds of `body` over `repeats` runs after `warmup` runs.
    func median(repeats: Int, warmup: Int = 2, _ body: () throws -> Void) rethrows -> Double {
        for _ in 0..<warmup { try body() }
        var times: [Double] = []
        for _ in 0..<repeats {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        return times.sorted()[times.count / 2]
    }

    func run() throws -> [(String, String)] {
        var out: [(String, String)] = []
        let a = try np.array([1, 2, 3, 4] as [Float])
        let b = try np.array([5, 6, 7, 8] as [Float])
        let n = 100_000
        let eager = try median(repeats: 7) { for _ in 0..<n { _ = try np.add(a, b) } } / Double(n) * 1e6
        out.append(("eager_add_us", String(format: "%.3f", eager)))
        let graph = try DeferredCompute.trace(inputs: ["a": a, "b": b]) { v in [try np.add(v[0], v[1])] }
        let replay = try median(repeats: 7) { for _ in 0..<n { _ = try graph([a, b]) } } / Double(n) * 1e6
        out.append(("replay_add_us", String(format: "%.3f", replay)))
        let big = 10_000_000
        let x = try np.ones([big]), y = try np.ones([big])
        let addTime = try median(repeats: 9) { _ = try np.add(x, y) }
        out.append(("add_1e7_gbps", String(format: "%.2f", Double(big * 12) / addTime / 1e9)))
        return out
    }
}
