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
        var out: [(String, String)] = [("blas_core", "\"\(OpenBLAS.coreName)\"")]
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
        out += try gemm()
        out.append(("conv3x3_gflops", String(format: "%.2f", try convolution())))
        return out
    }

    /// 1024×1024×1024 float32 matrix product through `np.matmul` (split across the cores by ``GEMM``), and the
    /// same product as one direct OpenBLAS call, which runs on one core (OpenBLAS is kept single-threaded).
    func gemm() throws -> [(String, String)] {
        let n = 1024
        let values = (0..<n * n).map { Float(($0 % 17) - 8) / 8 }
        let a = try np.array(values, shape: [n, n]), b = try np.array(values.reversed(), shape: [n, n])
        let flops = 2 * Double(n * n * n)
        // Raw buffers aligned as the framework's storage is (64 bytes), so only the framework's overhead differs.
        func buffer(_ v: [Float]) -> UnsafeMutablePointer<Float> {
            let raw = UnsafeMutableRawPointer.allocate(byteCount: n * n * 4, alignment: 64)
            let p = raw.bindMemory(to: Float.self, capacity: n * n)
            p.initialize(from: v, count: n * n)
            return p
        }
        let ra = buffer(values), rb = buffer(values.reversed()), rc = buffer(values)
        defer { ra.deallocate(); rb.deallocate(); rc.deallocate() }
        func direct() {
            OpenBLAS.sgemm(m: n, n: n, k: n, ra, rb, rc)
        }
        // Interleaved, so that load from other processes affects both sides alike.
        var framework: [Double] = [], raw: [Double] = []
        for i in 0..<17 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = try np.matmul(a, b)
            let t1 = DispatchTime.now().uptimeNanoseconds
            direct()
            let t2 = DispatchTime.now().uptimeNanoseconds
            if i >= 2 {
                framework.append(Double(t1 - t0) / 1e9)
                raw.append(Double(t2 - t1) / 1e9)
            }
        }
        let tf = framework.sorted()[framework.count / 2], tr = raw.sorted()[raw.count / 2]
        return [("sgemm_gflops", String(format: "%.2f", flops / tf / 1e9)),
                ("sgemm_openblas_one_core_gflops", String(format: "%.2f", flops / tr / 1e9)),
                ("sgemm_speedup_vs_one_core", String(format: "%.3f", tr / tf))]
    }

    /// A 3×3 convolution, 64 → 64 channels on 56×56, batch 1, pad 1 (a ResNet stage-1 layer), in GFLOP/s.
    func convolution() throws -> Double {
        let x = try np.full([1, 64, 56, 56], 0.5), w = try np.full([64, 64, 3, 3], 0.01), b = try np.zeros([64])
        let time = try median(repeats: 15) {
            _ = try npx.convolution(x, weight: w, bias: b, kernel: [3, 3], numFilter: 64, pad: [1, 1])
        }
        return 2 * Double(64 * 64 * 9 * 56 * 56) / time / 1e9
    }
}
