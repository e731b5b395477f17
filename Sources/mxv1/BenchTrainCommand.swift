import ArgumentParser
import Digits
import Foundation
import MXNet

/// `mxv1 bench train`: training throughput (samples/s) of the digits MLP and CNN with hybridized Gluon blocks,
/// optionally next to MXNet 1.9.1's Gluon running the same program (scripts/bench_mxnet_training.py).
struct BenchTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Benchmark Gluon training throughput on the digits data (use a release build).",
        discussion: """
            Trains the MLP and the CNN of TrainDigits (batch 32, SGD-momentum / Adam, hybridized): one warm-up epoch, \
            then the median samples/s over --epochs epochs. With --mxnet-python, runs scripts/bench_mxnet_training.py \
            in that Python (MXNet 1.9.1) in the same run and prints ratios (> 1: faster than MXNet).
            """)

    @Option(help: "Folder with train_images.npy and train_labels.npy (scripts/export_digits.py).")
    var data = "data/digits"

    @Option(help: "Measured epochs per model (after one warm-up epoch).")
    var epochs = 5

    @Option(help: "Batch size.")
    var batchSize = 32

    @Option(help: "A Python with MXNet 1.9.1 (for example from ../shared/tools/mxnet-oracle.sh) to measure alongside.")
    var mxnetPython: String?

    @Option(help: "The MXNet side of the benchmark.")
    var mxnetScript = "scripts/bench_mxnet_training.py"

    func validate() throws {
        guard (1...1000).contains(epochs) else { throw ValidationError("--epochs must be between 1 and 1000, got \(epochs)") }
        guard (1...65536).contains(batchSize) else { throw ValidationError("--batch-size must be between 1 and 65536, got \(batchSize)") }
    }

    func run() throws {
        let (x, y) = try Digits.load(data, "train")
        var report: [(String, Double)] = []
        for (name, make, optimizer) in [("mlp", Digits.mlp, { SGD(learningRate: 0.1, momentum: 0.9) as Optimizer }),
                                        ("cnn", Digits.cnn, { Adam(learningRate: 0.002) as Optimizer })] {
            try np.random.seed(0)
            let net = make()
            try net.initialize(initializer.Xavier())
            net.hybridize()
            let trainer = Trainer(net.collectParams(), optimizer: optimizer())
            let loader = try DataLoader(try ArrayDataset(x, y), batchSize: batchSize, shuffle: true)
            _ = try Digits.trainEpoch(net, trainer: trainer, loader: loader, statistics: false)
            let rates = try (0..<epochs).map { _ in
                try Digits.trainEpoch(net, trainer: trainer, loader: loader, statistics: false).samplesPerSecond
            }.sorted()
            report.append(("\(name)_samples_per_s", rates[rates.count / 2]))
        }
        if let python = mxnetPython {
            let theirs = try BaselineScript.run(python: python, script: mxnetScript,
                                                arguments: [data, String(epochs), String(batchSize)])
            for (key, ours) in report {
                guard let m = theirs[key] else { continue }
                report.append(("mxnet_" + key, m))
                report.append((key.replacingOccurrences(of: "_samples_per_s", with: "") + "_speedup_vs_mxnet", ours / m))
            }
        }
        for (k, v) in report { print(String(format: k.hasSuffix("speedup_vs_mxnet") ? "%@: %.2f" : "%@: %.1f", k, v)) }
    }
}
