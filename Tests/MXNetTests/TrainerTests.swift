import Foundation
import MXNet
import TestSupport
import XCTest

/// `Trainer` trains the same MLP to the same weights as MXNet 1.9.1's `gluon.Trainer` (50 steps, same initial
/// weights and batches; `Tests/Fixtures/gen_trainer.py`).
final class TrainerTests: XCTestCase {
    func fixture() throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/trainer.json")
        guard let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw MXNetError("trainer.json is not an object")
        }
        return doc
    }

    func testMLPTrainingMatchesMXNet() throws {
        let doc = try fixture()
        let x = try Fixtures.array(XCTUnwrap(doc["x"])), y = try Fixtures.array(XCTUnwrap(doc["y"]))
        let initial = try XCTUnwrap(doc["init"] as? [String: Any]).mapValues { try Fixtures.array($0) }
        let batches = try XCTUnwrap(doc["batches"] as? [[Int]]), steps = try XCTUnwrap(doc["steps"] as? Int)
        let runs = try XCTUnwrap(doc["runs"] as? [[String: Any]])
        XCTAssertEqual(runs.count, 2)
        for run in runs {
            let name = try XCTUnwrap(run["name"] as? String)
            let net = nn.HybridSequential()
            net.add(nn.Dense(16, activation: .relu, inUnits: 8), nn.Dense(4, inUnits: 16))
            try net.initialize()
            let params = net.collectParams()
            XCTAssertEqual(Set(params.map(\.name)), Set(initial.keys))
            for (pname, p) in params { try p.setData(XCTUnwrap(initial[pname])) }
            net.hybridize()
            let optimizer: Optimizer = name == "adam" ? Adam(learningRate: 0.01, wd: 1e-4)
                                                      : SGD(learningRate: 0.1, momentum: 0.9, wd: 1e-4)
            let trainer = Trainer(params, optimizer: optimizer)
            let lossFn = loss.SoftmaxCrossEntropyLoss()
            let expectedLosses = try XCTUnwrap(run["losses"] as? [Double])
            for step in 0..<steps {
                let idx = try np.array(batches[step % batches.count].map(Int64.init))
                let xb = try np.take(x, idx, axis: 0), yb = try np.take(y, idx, axis: 0)
                let l = try autograd.record { try lossFn(net(xb), yb) }
                try l.backward()
                try trainer.step(batchSize: xb.shape[0])
                let mean = try np.mean(l).item(Double.self)
                XCTAssertEqual(mean, expectedLosses[step], accuracy: 1e-4 * max(1, abs(expectedLosses[step])),
                               "\(name) step \(step) loss")
            }
            let final = try XCTUnwrap(run["final"] as? [String: Any]).mapValues { try Fixtures.array($0) }
            for (pname, p) in params {
                let ours = try p.data().asArray(Double.self), theirs = try XCTUnwrap(final[pname]).asArray(Double.self)
                // rtol 1e-4 (the bar) with an absolute floor of 1e-5: 50 steps of float32 accumulate rounding.
                let bad = zip(ours, theirs).filter { abs($0 - $1) > 1e-4 * abs($1) + 1e-5 }
                XCTAssertEqual(bad.count, 0, "\(name) \(pname) after \(steps) steps: \(bad.prefix(3))")
            }
        }
    }

    func testStepValidatesAndSkipsFrozenParameters() throws {
        let net = nn.Dense(2, inUnits: 3)
        try net.initialize()
        let params = net.collectParams()
        let bias = try XCTUnwrap(params.first { $0.name == "bias" }).parameter
        bias.gradReq = .null
        let before = try bias.data().asArray(Double.self)
        let trainer = Trainer(params, optimizer: SGD(learningRate: 1))
        let l = try autograd.record { try np.sum(net(np.ones([4, 3]))) }
        try l.backward()
        try trainer.step(batchSize: 4)
        XCTAssertEqual(try bias.data().asArray(Double.self), before, "a frozen parameter is not updated")
        XCTAssertThrowsError(try trainer.step(batchSize: 0))
        XCTAssertEqual(trainer.learningRate, 1)
        try trainer.setLearningRate(0.5)
        XCTAssertEqual(trainer.learningRate, 0.5)
    }
}
