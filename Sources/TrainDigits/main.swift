// TrainDigits: trains an MLP and a small CNN on the UCI handwritten digits (data/digits, written by
// scripts/export_digits.py) with Gluon 2.0 on the Swift core — hybridized blocks, DataLoader, Trainer —
// printing one line per epoch; the last line is the CNN's test accuracy.
//
//     swift run -c release TrainDigits [data/digits]
import Foundation
import MXNet

func load(_ dir: String, _ split: String) throws -> (NDArray, NDArray) {
    let images = try np.load(npy: "\(dir)/\(split)_images.npy")
    let labels = try np.load(npy: "\(dir)/\(split)_labels.npy")
    // Pixels 0-16 → [0, 1], as (N, 1, 8, 8).
    let x = try np.divide(images.astype(.float32), 16).reshaped([images.shape[0], 1, 8, 8])
    return (x, try labels.astype(.float32))
}

func accuracy(_ net: HybridBlock, _ x: NDArray, _ y: NDArray) throws -> Double {
    let predicted = try np.argmax(net(x), axis: 1).astype(.float32)
    return try np.mean(np.equal(predicted, y).astype(.float32)).item(Double.self)
}

func train(_ name: String, _ net: HybridBlock, optimizer: Optimizer, epochs: Int,
           train: (NDArray, NDArray), test: (NDArray, NDArray)) throws -> Double {
    try net.initialize(initializer.Xavier())
    net.hybridize()
    let trainer = Trainer(net.collectParams(), optimizer: optimizer)
    let lossFn = loss.SoftmaxCrossEntropyLoss()
    let loader = try DataLoader(try ArrayDataset(train.0, train.1), batchSize: 32, shuffle: true)
    for epoch in 1...epochs {
        let start = Date()
        var total = 0.0, seen = 0, correct = 0.0
        try loader.forEach { batch in
            let (x, y) = (batch[0], batch[1])
            let out = try autograd.record { () -> (NDArray, NDArray) in
                let logits = try net(x)
                return (logits, try lossFn(logits, y))
            }
            try out.1.backward()
            try trainer.step(batchSize: x.shape[0])
            total += try np.sum(out.1).item(Double.self)
            correct += try np.sum(np.equal(np.argmax(out.0, axis: 1).astype(.float32), y).astype(.float32)).item(Double.self)
            seen += x.shape[0]
        }
        let seconds = Date().timeIntervalSince(start)
        print(String(format: "%@ epoch %2d  loss %.4f  train accuracy %.4f  %.0f samples/s", name, epoch,
                     total / Double(seen), correct / Double(seen), Double(seen) / seconds))
    }
    return try accuracy(net, test.0, test.1)
}

do {
    let dir = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "data/digits"
    let trainSet = try load(dir, "train"), testSet = try load(dir, "test")
    try np.random.seed(0)

    let mlp = nn.HybridSequential()
    mlp.add(nn.Flatten(), nn.Dense(128, activation: .relu), nn.Dense(64, activation: .relu), nn.Dense(10))
    let mlpAccuracy = try train("mlp", mlp, optimizer: SGD(learningRate: 0.1, momentum: 0.9), epochs: 15,
                                train: trainSet, test: testSet)
    print(String(format: "mlp test accuracy: %.4f", mlpAccuracy))

    let cnn = nn.HybridSequential()
    cnn.add(nn.Conv2D(32, kernelSize: [3, 3], padding: [1, 1], activation: .relu),
            nn.Conv2D(32, kernelSize: [3, 3], padding: [1, 1], activation: .relu),
            nn.MaxPool2D(poolSize: [2, 2]),
            nn.Flatten(), nn.Dense(64, activation: .relu), nn.Dense(10))
    let cnnAccuracy = try train("cnn", cnn, optimizer: Adam(learningRate: 0.002), epochs: 15,
                                train: trainSet, test: testSet)
    print(String(format: "test accuracy: %.4f", cnnAccuracy))
} catch {
    FileHandle.standardError.write(Data("TrainDigits: \(error)\n".utf8))
    exit(1)
}
