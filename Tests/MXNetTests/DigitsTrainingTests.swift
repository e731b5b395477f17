import Digits
import Foundation
import MXNet
import XCTest

/// The `TrainDigits` example learns: the hybridized MLP and CNN (the same code, `Digits`) trained on the UCI digits
/// exported by scripts/export_digits.py reach the accuracy on the held-out 360 images. (Fewer epochs
/// than `swift run -c release TrainDigits` runs, to keep the debug-build test short.)
final class DigitsTrainingTests: XCTestCase {
    static var dataDir: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/digits").path
    }

    func train(_ net: HybridBlock, _ optimizer: Optimizer, epochs: Int) throws -> (first: Double, last: Double, test: Double) {
        let (x, y) = try Digits.load(Self.dataDir, "train")
        let (tx, ty) = try Digits.load(Self.dataDir, "test")
        XCTAssertEqual(x.shape, [1437, 1, 8, 8])
        XCTAssertEqual(tx.shape, [360, 1, 8, 8])
        try net.initialize(initializer.Xavier())
        net.hybridize()
        let trainer = Trainer(net.collectParams(), optimizer: optimizer)
        let loader = try DataLoader(try ArrayDataset(x, y), batchSize: 32, shuffle: true)
        var losses: [Double] = []
        for _ in 0..<epochs { losses.append(try Digits.trainEpoch(net, trainer: trainer, loader: loader).loss) }
        // One graph per input signature: full batches and the last, partial one; training and inference.
        XCTAssertLessThanOrEqual(net.graphBuildCount, 3)
        return (losses[0], losses[epochs - 1], try Digits.accuracy(net, tx, ty))
    }

    func testMLPAndCNNLearnTheDigits() throws {
        try np.random.seed(0)
        let mlp = try train(Digits.mlp(), SGD(learningRate: 0.1, momentum: 0.9), epochs: 10)
        XCTAssertLessThan(mlp.last, mlp.first / 4, "MLP loss fell from \(mlp.first) to \(mlp.last)")
        XCTAssertGreaterThanOrEqual(mlp.test, 0.95, "MLP test accuracy \(mlp.test)")
        let cnn = try train(Digits.cnn(), Adam(learningRate: 0.002), epochs: 8)
        XCTAssertLessThan(cnn.last, cnn.first / 4, "CNN loss fell from \(cnn.first) to \(cnn.last)")
        XCTAssertGreaterThanOrEqual(cnn.test, 0.97, "CNN test accuracy \(cnn.test)")
        print("digits: MLP test accuracy \(mlp.test), CNN test accuracy \(cnn.test)")
    }
}
