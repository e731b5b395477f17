import ArgumentParser
import MXNet

/// `mxv1 bench core`: dispatch, replay, GEMM, elementwise and convolution speed of the core.
struct BenchCoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "core", abstract: "Benchmark the 2.0 core.")

    @Flag(help: "Print one JSON object with the figures on the last line.")
    var json = false

    func run() throws {
        let report = try CoreBenchmark().run()
        for (k, v) in report { print("\(k): \(v)") }
        if json {
            print("{" + report.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
        }
    }
}
