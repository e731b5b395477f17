import ArgumentParser
import Foundation
import MXNet

/// `mxv1 bench core`: dispatch, replay, GEMM, elementwise and convolution speed of the core, optionally next to
/// MXNet 1.9.1 measured in the same run.
struct BenchCoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "core", abstract: "Benchmark the 2.0 core (use a release build).",
        discussion: "With --mxnet-python, also runs scripts/bench_mxnet_core.py in that Python (MXNet 1.9.1) and prints ratios.")

    @Flag(help: "Print one JSON object with the figures on the last line.")
    var json = false

    @Option(help: "A Python with MXNet 1.9.1 (for example from ../shared/tools/mxnet-oracle.sh) to measure alongside.")
    var mxnetPython: String?

    @Option(help: "The MXNet side of the benchmark.")
    var mxnetScript = "scripts/bench_mxnet_core.py"

    func run() throws {
        var report = try CoreBenchmark().run()
        if let python = mxnetPython {
            let theirs = try BaselineScript.run(python: python, script: mxnetScript)
            func ours(_ key: String) -> Double? { report.first { $0.0 == key }.flatMap { Double($0.1) } }
            for (k, v) in theirs.sorted(by: { $0.key < $1.key }) { report.append(("mxnet_" + k, String(format: "%.3f", v))) }
            // Speed-ups: > 1 means faster than MXNet.
            if let e = ours("eager_add_us"), let m = theirs["np_eager_add_us"] { report.append(("eager_add_speedup_vs_mxnet_np", String(format: "%.1f", m / e))) }
            if let r = ours("replay_add_us"), let m = theirs["hybridized_add_us"] { report.append(("replay_add_speedup_vs_mxnet_hybridized", String(format: "%.1f", m / r))) }
            for key in ["add_1e7_gbps", "sgemm_gflops", "conv3x3_gflops"] {
                if let o = ours(key), let m = theirs[key] { report.append((key + "_vs_mxnet", String(format: "%.2f", o / m))) }
            }
        }
        for (k, v) in report { print("\(k): \(v)") }
        if json {
            print("{" + report.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
        }
    }
}

/// Runs the other side of a benchmark (MXNet 1.9.1, onnxruntime) as a Python script and parses its JSON line.
enum BaselineScript {
    static func run(python: String, script: String, arguments: [String] = []) throws -> [String: Double] {
        guard FileManager.default.fileExists(atPath: script) else {
            throw ValidationError("mxnet script not found: \(script) (run from the repository root or pass --mxnet-script)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [script] + arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { throw ValidationError("cannot run \(python): \(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let lastLine = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        guard p.terminationStatus == 0,
              let obj = try? JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as? [String: Double] else {
            throw ValidationError("\(script) failed in \(python) (exit \(p.terminationStatus))")
        }
        return obj
    }
}
