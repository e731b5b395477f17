import ArgumentParser
import Foundation
import MXNet

/// `mxv1 bench model`: load time and forward latency of a 1.x model, optionally next to MXNet 1.9.1.
struct BenchModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model", abstract: "Time loading and inference of a model (use a release build).")

    @OptionGroup var model: ModelOptions

    @Option(name: .customLong("repeat"), help: "Timed forward passes.")
    var repeatCount: Int = 50

    @Option(help: "Untimed forward passes first.")
    var warmup = 5

    @Flag(help: "Print one JSON object with the figures on the last line.")
    var json = false

    @Option(help: "A Python with MXNet 1.9.1 to measure bind + forward alongside.")
    var mxnetPython: String?

    @Option(help: "The MXNet side of the benchmark.")
    var mxnetScript = "scripts/bench_mxnet_model.py"

    @Option(help: "The same model as ONNX (scripts/export_onnx.py writes it), to time in onnxruntime alongside.")
    var onnx: String?

    @Option(help: "A Python with onnxruntime, for --onnx.")
    var onnxruntimePython: String?

    @Option(help: "The onnxruntime side of the benchmark.")
    var onnxruntimeScript = "scripts/bench_onnxruntime_model.py"

    func validate() throws {
        guard repeatCount >= 1 else { throw ValidationError("--repeat must be at least 1") }
        guard warmup >= 0 else { throw ValidationError("--warmup must not be negative") }
        guard (onnx == nil) == (onnxruntimePython == nil) else {
            throw ValidationError("--onnx and --onnxruntime-python go together")
        }
    }

    func run() throws {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let files = try model.files()
        let loaded = try LoadedModel(files, inputFiles: try model.inputFiles())
        for o in try loaded.forward() { try o.waitToRead() }
        let loadMs = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
        for _ in 0..<warmup { _ = try loaded.forward() }
        var times: [Double] = []
        for _ in 0..<repeatCount {
            let t = DispatchTime.now().uptimeNanoseconds
            _ = try loaded.forward()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6)
        }
        times.sort()
        var report: [(String, String)] = [
            ("load_ms", String(format: "%.3f", loadMs)),
            ("median_ms", String(format: "%.3f", times[times.count / 2])),
            ("min_ms", String(format: "%.3f", times[0])),
            ("peak_rss_mb", String(format: "%.1f", peakResidentMegabytes())),
        ]
        if let python = mxnetPython {
            let args = [files.symbol, files.params ?? ""] + model.inputs + ["--repeat", String(repeatCount), "--warmup", String(warmup)]
            let theirs = try BaselineScript.run(python: python, script: mxnetScript, arguments: args)
            for key in ["load_ms", "median_ms", "min_ms", "peak_rss_mb"] {
                if let v = theirs[key] { report.append(("mxnet_" + key, String(format: "%.3f", v))) }
            }
            if let m = theirs["median_ms"] {
                report.append(("median_vs_mxnet", String(format: "%.3f", times[times.count / 2] / m)))
            }
        }
        if let onnx, let python = onnxruntimePython {
            let args = [onnx] + model.inputs + ["--repeat", String(repeatCount), "--warmup", String(warmup)]
            let theirs = try BaselineScript.run(python: python, script: onnxruntimeScript, arguments: args)
            for key in ["load_ms", "median_ms", "min_ms", "peak_rss_mb"] {
                if let v = theirs[key] { report.append(("onnxruntime_" + key, String(format: "%.3f", v))) }
            }
            if let m = theirs["median_ms"] {
                report.append(("median_vs_onnxruntime", String(format: "%.3f", times[times.count / 2] / m)))
            }
        }
        for (k, v) in report { print("\(k): \(v)") }
        if json { print("{" + report.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}") }
    }

    /// The process's peak resident set (VmHWM), in MiB.
    func peakResidentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }
}
