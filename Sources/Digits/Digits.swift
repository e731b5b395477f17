// The UCI handwritten-digits example shared by `TrainDigits` and `mxv1 bench train`: the data (data/digits,
// written by scripts/export_digits.py), the two networks and one training epoch, as a Gluon 2.0 user writes them.
// scripts/bench_mxnet_training.py is the same program for MXNet 1.9.1's Gluon.
import Foundation
import MXNet

/// The digits example: data, models, training loop.
///
/// ```swift
/// let (x, y) = try Digits.load("data/digits", "train")
/// let net = Digits.mlp()
/// try net.initialize(initializer.Xavier()); net.hybridize()
/// let stats = try Digits.trainEpoch(net, trainer: Trainer(net.collectParams(), optimizer: SGD(learningRate: 0.1)),
///                                   loader: DataLoader(ArrayDataset(x, y), batchSize: 32, shuffle: true))
/// ```
public enum Digits {
    /// Images as (N, 1, 8, 8) float32 in [0, 1] and labels as float32, from `<dir>/<split>_images.npy` and
    /// `<dir>/<split>_labels.npy`.
    public static func load(_ dir: String, _ split: String) throws -> (images: NDArray, labels: NDArray) {
        let images = try np.load(npy: "\(dir)/\(split)_images.npy")
        let labels = try np.load(npy: "\(dir)/\(split)_labels.npy")
        guard images.ndim >= 2, images.shape.dropFirst().reduce(1, *) == 64, labels.shape == [images.shape[0]] else {
            throw MXNetError("\(dir): expected \(split)_images.npy (N, 8, 8) and \(split)_labels.npy (N,), got " +
                             "\(Shape.text(images.shape)) and \(Shape.text(labels.shape))")
        }
        // Pixels 0-16 → [0, 1].
        let x = try np.divide(images.astype(.float32), 16).reshaped([images.shape[0], 1, 8, 8])
        return (x, try labels.astype(.float32))
    }

    /// Flatten → Dense(128, relu) → Dense(64, relu) → Dense(10).
    public static func mlp() -> nn.HybridSequential {
        let net = nn.HybridSequential()
        net.add(nn.Flatten(), nn.Dense(128, activation: .relu), nn.Dense(64, activation: .relu), nn.Dense(10))
        return net
    }

    /// Conv(32, 3×3, relu) → Conv(32, 3×3, relu) → MaxPool(2) → Dense(64, relu) → Dense(10).
    public static func cnn() -> nn.HybridSequential {
        let net = nn.HybridSequential()
        net.add(nn.Conv2D(32, kernelSize: [3, 3], padding: [1, 1], activation: .relu),
                nn.Conv2D(32, kernelSize: [3, 3], padding: [1, 1], activation: .relu),
                nn.MaxPool2D(poolSize: [2, 2]),
                nn.Flatten(), nn.Dense(64, activation: .relu), nn.Dense(10))
        return net
    }

    /// What one epoch did.
    public struct EpochStats {
        public var loss: Double
        public var accuracy: Double
        public var samples: Int
        public var seconds: Double
        public var samplesPerSecond: Double { Double(samples) / seconds }
    }

    /// One pass over `loader`: forward under `autograd.record`, softmax cross-entropy, backward, `trainer.step`.
    /// With `statistics`, loss and accuracy are read back every batch (as a progress line needs); without, the
    /// loop never waits on a value (what a throughput measurement wants).
    public static func trainEpoch(_ net: HybridBlock, trainer: Trainer, loader: DataLoader,
                                  statistics: Bool = true) throws -> EpochStats {
        let lossFn = loss.SoftmaxCrossEntropyLoss()
        let start = Date()
        var total = 0.0, seen = 0, correct = 0.0
        var last: NDArray?
        try loader.forEach { batch in
            let (x, y) = (batch[0], batch[1])
            let (logits, l) = try autograd.record { () -> (NDArray, NDArray) in
                let logits = try net(x)
                return (logits, try lossFn(logits, y))
            }
            try l.backward()
            try trainer.step(batchSize: x.shape[0])
            seen += x.shape[0]
            last = l
            guard statistics else { return }
            total += try np.sum(l).item(Double.self)
            correct += try np.sum(np.equal(np.argmax(logits, axis: 1).astype(.float32), y).astype(.float32)).item(Double.self)
        }
        try last?.waitToRead()
        for (_, p) in net.collectParams() { try p.data().waitToRead() }
        let seconds = Date().timeIntervalSince(start)
        return EpochStats(loss: total / Double(max(seen, 1)), accuracy: correct / Double(max(seen, 1)),
                          samples: seen, seconds: seconds)
    }

    /// Fraction of `x` that `net` labels as `y`.
    public static func accuracy(_ net: HybridBlock, _ x: NDArray, _ y: NDArray) throws -> Double {
        let predicted = try np.argmax(net(x), axis: 1).astype(.float32)
        return try np.mean(np.equal(predicted, y).astype(.float32)).item(Double.self)
    }
}
