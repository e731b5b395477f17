// TrainDigits: trains an MLP and a small CNN on the UCI handwritten digits (data/digits, written by
// scripts/export_digits.py) with Gluon 2.0 on the Swift core — hybridized blocks, DataLoader, Trainer —
// printing one line per epoch; the last line is the CNN's test accuracy.
//
//     swift run -c release TrainDigits [data/digits]
import Digits
import Foundation
import MXNet

func train(_ name: String, _ net: HybridBlock, optimizer: Optimizer, epochs: Int,
           train: (NDArray, NDArray), test: (NDArray, NDArray)) throws -> Double {
    try net.initialize(initializer.Xavier())
    net.hybridize()
    let trainer = Trainer(net.collectParams(), optimizer: optimizer)
    let loader = try DataLoader(try ArrayDataset(train.0, train.1), batchSize: 32, shuffle: true)
    for epoch in 1...epochs {
        let s = try Digits.trainEpoch(net, trainer: trainer, loader: loader)
        print(String(format: "%@ epoch %2d  loss %.4f  train accuracy %.4f  %.0f samples/s", name, epoch,
                     s.loss, s.accuracy, s.samplesPerSecond))
    }
    return try Digits.accuracy(net, test.0, test.1)
}

do {
    let dir = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "data/digits"
    let trainSet = try Digits.load(dir, "train"), testSet = try Digits.load(dir, "test")
    try np.random.seed(0)
    let mlpAccuracy = try train("mlp", Digits.mlp(), optimizer: SGD(learningRate: 0.1, momentum: 0.9), epochs: 15,
                                train: trainSet, test: testSet)
    print(String(format: "mlp test accuracy: %.4f", mlpAccuracy))
    let cnnAccuracy = try train("cnn", Digits.cnn(), optimizer: Adam(learningRate: 0.002), epochs: 15,
                                train: trainSet, test: testSet)
    print(String(format: "test accuracy: %.4f", cnnAccuracy))
} catch {
    FileHandle.standardError.write(Data("TrainDigits: \(error)\n".utf8))
    exit(1)
}
