import Foundation
@testable import MXNet
import TestSupport
import XCTest

/// `Tests/MXNetTests/Fixtures/optimizers.json` (written by `Tests/Fixtures/gen_optimizers.py` from MXNet 1.9.1).
enum OptimizerFixtures {
    static func load() throws -> [String: Any] {
        let url = Fixtures.directory.appendingPathComponent("optimizers.json")
        guard let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw MXNetError("optimizers.json: not an object")
        }
        return doc
    }

    static func section(_ key: String) throws -> [[String: Any]] {
        guard let list = try load()[key] as? [[String: Any]] else { throw MXNetError("optimizers.json: no \(key)") }
        return list
    }

    /// A scheduler from its MXNet keyword arguments plus `kind`.
    static func scheduler(_ spec: [String: Any]) throws -> LRScheduler {
        func d(_ k: String, _ dflt: Double) -> Double { (spec[k] as? NSNumber)?.doubleValue ?? dflt }
        func i(_ k: String, _ dflt: Int) -> Int { (spec[k] as? NSNumber)?.intValue ?? dflt }
        let base = d("base_lr", 0.01), warm = i("warmup_steps", 0), begin = d("warmup_begin_lr", 0)
        let mode = LRScheduler.WarmupMode(rawValue: spec["warmup_mode"] as? String ?? "linear") ?? .linear
        switch spec["kind"] as? String {
        case "factor":
            return try FactorScheduler(step: i("step", 1), factor: d("factor", 1), stopFactorLR: d("stop_factor_lr", 1e-8),
                                       baseLR: base, warmupSteps: warm, warmupBeginLR: begin, warmupMode: mode)
        case "multifactor":
            return try MultiFactorScheduler(step: spec["step"] as? [Int] ?? [], factor: d("factor", 1), baseLR: base,
                                            warmupSteps: warm, warmupBeginLR: begin, warmupMode: mode)
        case "poly":
            return try PolyScheduler(maxUpdate: i("max_update", 1), baseLR: base, pwr: d("pwr", 2), finalLR: d("final_lr", 0),
                                     warmupSteps: warm, warmupBeginLR: begin, warmupMode: mode)
        case "cosine":
            return try CosineScheduler(maxUpdate: i("max_update", 1), baseLR: base, finalLR: d("final_lr", 0),
                                       warmupSteps: warm, warmupBeginLR: begin, warmupMode: mode)
        default:
            throw MXNetError("unknown scheduler \(spec)")
        }
    }

    /// An optimizer from MXNet's name and keyword arguments.
    static func optimizer(_ name: String, _ o: [String: Any], scheduler: LRScheduler?) throws -> Optimizer {
        func d(_ k: String) -> Double? { (o[k] as? NSNumber)?.doubleValue }
        let lr = d("learning_rate"), wd = d("wd") ?? 0, rescale = d("rescale_grad") ?? 1, clip = d("clip_gradient")
        switch name {
        case "sgd":
            return SGD(learningRate: lr, momentum: d("momentum") ?? 0, wd: wd, rescaleGrad: rescale, clipGradient: clip,
                       lrScheduler: scheduler)
        case "nag":
            return NAG(learningRate: lr, momentum: d("momentum") ?? 0, wd: wd, rescaleGrad: rescale, clipGradient: clip,
                       lrScheduler: scheduler)
        case "adam":
            return Adam(learningRate: lr ?? 0.001, beta1: d("beta1") ?? 0.9, beta2: d("beta2") ?? 0.999,
                        epsilon: d("epsilon") ?? 1e-8, wd: wd, rescaleGrad: rescale, clipGradient: clip, lrScheduler: scheduler)
        case "adamw":
            return AdamW(learningRate: lr ?? 0.001, beta1: d("beta1") ?? 0.9, beta2: d("beta2") ?? 0.999,
                         epsilon: d("epsilon") ?? 1e-6, correctBias: o["correct_bias"] as? Bool ?? true, wd: wd,
                         rescaleGrad: rescale, clipGradient: clip, lrScheduler: scheduler)
        case "rmsprop":
            return RMSProp(learningRate: lr ?? 0.001, gamma1: d("gamma1") ?? 0.9, gamma2: d("gamma2") ?? 0.9,
                           epsilon: d("epsilon") ?? 1e-8, centered: o["centered"] as? Bool ?? false,
                           clipWeights: d("clip_weights"), wd: wd, rescaleGrad: rescale, clipGradient: clip,
                           lrScheduler: scheduler)
        case "adagrad":
            return AdaGrad(learningRate: lr, epsilon: d("eps") ?? 1e-7, wd: wd, rescaleGrad: rescale, clipGradient: clip,
                           lrScheduler: scheduler)
        case "adadelta":
            return AdaDelta(rho: d("rho") ?? 0.9, epsilon: d("epsilon") ?? 1e-5, learningRate: lr, wd: wd,
                            rescaleGrad: rescale, clipGradient: clip, lrScheduler: scheduler)
        default:
            throw MXNetError("unknown optimizer \(name)")
        }
    }
}

/// Optimizer update rules against MXNet 1.9.1's `mx.optimizer` (AdamW: MXNet 2.0's rule on 1.9.1's kernel).
final class OptimizerTests: XCTestCase {
    func testOptimizersMatchMXNet() throws {
        let cases = try OptimizerFixtures.section("optimizers")
        XCTAssertGreaterThanOrEqual(cases.count, 30)
        var checkedSteps = 0
        for c in cases {
            let name = c["optimizer"] as? String ?? "?"
            let options = c["options"] as? [String: Any] ?? [:]
            let label = "\(name) \(options) \(c["dtype"] ?? "")"
            let scheduler = try (c["scheduler"] as? [String: Any]).map(OptimizerFixtures.scheduler)
            let opt = try OptimizerFixtures.optimizer(name, options, scheduler: scheduler)
            let rtol = (c["rtol"] as? NSNumber)?.doubleValue ?? 1e-5, atol = (c["atol"] as? NSNumber)?.doubleValue ?? 1e-6
            var weights: [Int: NDArray] = [:], states: [Int: [NDArray]] = [:]
            for (key, value) in c["initial"] as? [String: Any] ?? [:] {
                let index = Int(key) ?? 0
                weights[index] = try Fixtures.array(value, label)
                states[index] = try opt.createState(index: index, weight: weights[index]!)
            }
            for (n, step) in (c["steps"] as? [[String: Any]] ?? []).enumerated() {
                let index = step["index"] as? Int ?? 0
                guard let w = weights[index], let s = states[index] else { XCTFail("\(label): no weight \(index)"); break }
                try opt.update(index: index, weight: w, grad: try Fixtures.array(step["grad"] as Any, label), state: s)
                let expected = try Fixtures.array(step["weight"] as Any, label)
                XCTAssertEqual(w.dtype, expected.dtype, label)
                assertClose(try w.asArray(Double.self), try expected.asArray(Double.self), rtol: rtol, atol: atol,
                            "\(label) weight after step \(n)")
                let expectedStates = try (step["states"] as? [Any] ?? []).map { try Fixtures.array($0, label) }
                XCTAssertEqual(s.count, expectedStates.count, "\(label) state count")
                for (a, e) in zip(s, expectedStates) {
                    assertClose(try a.asArray(Double.self), try e.asArray(Double.self), rtol: rtol, atol: atol,
                                "\(label) state after step \(n)")
                }
                if let lr = (step["lr"] as? NSNumber)?.doubleValue {
                    assertClose([opt.learningRate], [lr], rtol: 1e-12, atol: 0, "\(label) learning rate")
                }
                checkedSteps += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checkedSteps, 180)
    }

    func testUpdateCounts() throws {
        let opt = SGD(learningRate: 0.1, beginNumUpdate: 3)
        let w = try np.zeros([2]), g = try np.ones([2])
        try opt.update(index: 0, weight: w, grad: g, state: [])
        try opt.update(index: 0, weight: w, grad: g, state: [])
        try opt.update(index: 5, weight: w, grad: g, state: [])
        XCTAssertEqual(opt.indexUpdateCount, [0: 5, 5: 4])
        XCTAssertEqual(opt.numUpdate, 5)
    }

    func testMultipliersScaleLearningRateAndDecay() throws {
        let opt = SGD(learningRate: 0.5, wd: 0.1)
        opt.lrMult[1] = 0.5
        opt.wdMult[1] = 0
        let w = try np.array([1, 1] as [Float]), g = try np.array([1, 2] as [Float])
        try opt.update(index: 1, weight: w, grad: g, state: [])
        // (1 - 0.25 * 0) * 1 - 0.25 * g
        assertClose(try w.asArray(Double.self), [0.75, 0.5])
    }

    func testLearningRateOverridesScheduler() throws {
        let schedule = try FactorScheduler(step: 1, factor: 0.5, baseLR: 1)
        let opt = SGD(learningRate: 0.2, lrScheduler: schedule)
        XCTAssertEqual(opt.learningRate, 0.2)
        XCTAssertThrowsError(try opt.setLearningRate(0.3))
        let plain = SGD()
        XCTAssertEqual(plain.learningRate, 0.01)
        try plain.setLearningRate(0.3)
        XCTAssertEqual(plain.learningRate, 0.3)
    }

    func testMismatchedShapesAndStatesThrow() throws {
        let adam = Adam()
        let w = try np.zeros([2, 3])
        let state = try adam.createState(index: 0, weight: w)
        XCTAssertThrowsError(try adam.update(index: 0, weight: w, grad: try np.zeros([3, 2]), state: state))
        XCTAssertThrowsError(try adam.update(index: 0, weight: w, grad: try np.zeros([2, 3]), state: []))
        XCTAssertThrowsError(try adam.update(index: 0, weight: w, grad: try np.zeros([2, 3]),
                                             state: [try np.zeros([2]), try np.zeros([2])]))
        XCTAssertTrue(adam.indexUpdateCount.isEmpty, "a rejected update is not counted")
    }

    func testUpdateKeepsIdentityAndGradientBuffer() throws {
        let w = try np.array([1, 2, 3] as [Float])
        w.attachGrad()
        let y = try autograd.record { try np.sum(w * w) }
        try y.backward()
        let opt = SGD(learningRate: 0.1, momentum: 0.9)
        let state = try opt.createState(index: 0, weight: w)
        guard let g = w.grad else { return XCTFail("no gradient") }
        try opt.update(index: 0, weight: w, grad: g, state: state)
        assertClose(try w.asArray(Double.self), [0.8, 1.6, 2.4])
        XCTAssertNotNil(w.grad)
    }
}

/// Saving and restoring optimizer states through ``Updater``.
final class UpdaterTests: XCTestCase {
    func testSavedStatesResumeTraining() throws {
        let grads = try (0..<6).map { k in try np.array((0..<6).map { Float($0 - k) * 0.3 }, shape: [2, 3]) }
        func run(_ steps: Range<Int>, _ updater: Updater, _ w: NDArray) throws {
            for k in steps { try updater.update(index: 3, weight: w, grad: grads[k]) }
        }
        let reference = try np.ones([2, 3])
        try run(0..<6, Updater(Adam(learningRate: 0.01)), reference)

        let w = try np.ones([2, 3])
        let first = Updater(Adam(learningRate: 0.01))
        try run(0..<3, first, w)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("updater-\(UUID()).states").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try first.save(path)
        let resumed = Updater(Adam(learningRate: 0.01))
        try resumed.load(path)
        XCTAssertEqual(resumed.optimizer.indexUpdateCount, [3: 3])
        XCTAssertEqual(resumed.optimizer.numUpdate, 3)
        XCTAssertEqual(resumed.states[3]?.count, 2)
        try run(3..<6, resumed, w)
        assertClose(try w.asArray(Double.self), try reference.asArray(Double.self), rtol: 1e-6, atol: 1e-7)
    }

    func testMalformedStatesThrow() throws {
        let updater = Updater(SGD(momentum: 0.9))
        XCTAssertThrowsError(try updater.loadStateArrays([("weight", try np.zeros([2]))]))
        XCTAssertThrowsError(try updater.loadStateArrays([("0.1", try np.zeros([2]))]))
        XCTAssertThrowsError(try updater.loadStateArrays([("update_counts", try np.zeros([2], dtype: .int64))]))
    }
}
