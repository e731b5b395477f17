import Foundation
import MXNet
import TestSupport
import XCTest

/// Gluon losses against MXNet 1.9.1 (Tests/Fixtures/gen_gluon_losses.py): outputs eagerly, outputs and the
/// gradient w.r.t. the first input under autograd, and replay under deferred compute.
final class GluonLossTests: XCTestCase {
    struct LossCase {
        let name: String
        let loss: String
        let opts: [String: Any]
        let inputs: [NDArray]
        let sampleWeight: NDArray?
        let posWeight: NDArray?
        let output: NDArray
        let grad: NDArray
        let rtol: Double
        let atol: Double
    }

    static func loadCases() throws -> [LossCase] {
        let url = Fixtures.directory.appendingPathComponent("gluon_losses.json")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        guard let list = doc?["losses"] as? [[String: Any]] else { throw MXNetError("gluon_losses.json: no losses") }
        return try list.map { c in
            let name = c["name"] as? String ?? "?"
            func opt(_ key: String) throws -> NDArray? {
                c[key] is NSNull || c[key] == nil ? nil : try Fixtures.array(c[key] as Any, name)
            }
            return LossCase(
                name: name, loss: c["loss"] as? String ?? "", opts: c["opts"] as? [String: Any] ?? [:],
                inputs: try (c["inputs"] as? [Any] ?? []).map { try Fixtures.array($0, name) },
                sampleWeight: try opt("sample_weight"), posWeight: try opt("pos_weight"),
                output: try Fixtures.array(c["output"] as Any, name), grad: try Fixtures.array(c["grad"] as Any, name),
                rtol: c["rtol"] as? Double ?? 1e-5, atol: c["atol"] as? Double ?? 1e-6)
        }
    }

    /// The loss a case names, as a function of its inputs.
    static func lossFunction(_ c: LossCase) throws -> ([NDArray]) throws -> NDArray {
        let o = c.opts
        let weight = (o["weight"] as? NSNumber)?.doubleValue
        let batchAxis = (o["batch_axis"] as? NSNumber)?.intValue ?? 0
        func num(_ key: String, _ d: Double) -> Double { (o[key] as? NSNumber)?.doubleValue ?? d }
        func flag(_ key: String, _ d: Bool) -> Bool { (o[key] as? NSNumber)?.boolValue ?? d }
        let sw = c.sampleWeight
        switch c.loss {
        case "L1Loss":
            let l = loss.L1Loss(weight: weight, batchAxis: batchAxis)
            return { try l($0[0], $0[1], sampleWeight: sw) }
        case "L2Loss":
            let l = loss.L2Loss(weight: weight ?? 1, batchAxis: batchAxis)
            return { try l($0[0], $0[1], sampleWeight: sw) }
        case "SoftmaxCrossEntropyLoss":
            let l = loss.SoftmaxCELoss(axis: Int(num("axis", -1)), sparseLabel: flag("sparse_label", true),
                                       fromLogits: flag("from_logits", false), weight: weight, batchAxis: batchAxis)
            return { try l($0[0], $0[1], sampleWeight: sw) }
        case "SigmoidBinaryCrossEntropyLoss":
            let l = loss.SigmoidBCELoss(fromSigmoid: flag("from_sigmoid", false), weight: weight, batchAxis: batchAxis)
            let pw = c.posWeight
            return { try l($0[0], $0[1], sampleWeight: sw, posWeight: pw) }
        case "KLDivLoss":
            let l = loss.KLDivLoss(fromLogits: flag("from_logits", true), axis: Int(num("axis", -1)), weight: weight,
                                   batchAxis: batchAxis)
            return { try l($0[0], $0[1], sampleWeight: sw) }
        case "HuberLoss":
            let l = loss.HuberLoss(rho: num("rho", 1), weight: weight, batchAxis: batchAxis)
            return { try l($0[0], $0[1], sampleWeight: sw) }
        case "HingeLoss":
            let l = loss.HingeLoss(margin: num("margin", 1), weight: weight, batchAxis: batchAxis)
            return { try l($0[0], $0[1], sampleWeight: sw) }
        case "SquaredHingeLoss":
            let l = loss.SquaredHingeLoss(margin: num("margin", 1), weight: weight, batchAxis: batchAxis)
            return { try l($0[0], $0[1], sampleWeight: sw) }
        case "LogisticLoss":
            let l = try loss.LogisticLoss(weight: weight, batchAxis: batchAxis,
                                          labelFormat: o["label_format"] as? String ?? "signed")
            return { try l($0[0], $0[1], sampleWeight: sw) }
        case "TripletLoss":
            let l = loss.TripletLoss(margin: num("margin", 1), weight: weight, batchAxis: batchAxis)
            return { try l($0[0], $0[1], $0[2], sampleWeight: sw) }
        case "CosineEmbeddingLoss":
            let l = loss.CosineEmbeddingLoss(weight: weight, batchAxis: batchAxis, margin: num("margin", 0))
            return { try l($0[0], $0[1], $0[2], sampleWeight: sw) }
        case "PoissonNLLLoss":
            let l = loss.PoissonNLLLoss(weight: weight, fromLogits: flag("from_logits", true), batchAxis: batchAxis,
                                        computeFull: flag("compute_full", false))
            return { try l($0[0], $0[1], sampleWeight: sw) }
        default:
            throw MXNetError("unknown loss \(c.loss)")
        }
    }

    func check(_ actual: NDArray, _ expected: NDArray, _ c: LossCase, _ what: String) throws {
        try assertClose(actual, expected.asArray(Double.self), shape: expected.shape, dtype: expected.dtype,
                        rtol: c.rtol, atol: c.atol, "\(c.name) \(what)")
    }

    func testLossesMatchMXNet() throws {
        let cases = try Self.loadCases()
        XCTAssertGreaterThanOrEqual(cases.count, 60)
        var kinds = Set<String>()
        for c in cases {
            let f = try Self.lossFunction(c)
            try check(f(c.inputs), c.output, c, "eager output")
            let pred = try np.copy(c.inputs[0])
            pred.attachGrad()
            let out = try autograd.record { try f([pred] + c.inputs.dropFirst()) }
            try check(out, c.output, c, "recorded output")
            try out.backward()
            guard let g = pred.grad else { XCTFail("\(c.name): no gradient"); continue }
            try check(g, c.grad, c, "gradient")
            kinds.insert(c.loss)
        }
        XCTAssertEqual(kinds.count, 12, "every loss covered")
    }

    /// Every loss records under deferred compute and its compiled graph replays the eager result, also on
    /// new input values.
    func testLossesReplayUnderDeferredCompute() throws {
        var replayed = 0
        for c in try Self.loadCases() {
            let f = try Self.lossFunction(c)
            let names = c.inputs.indices.map { "in\($0)" }
            let graph = try DeferredCompute.trace(namedInputs: Array(zip(names, c.inputs))) { v in [try f(v)] }
            try check(graph(c.inputs)[0], c.output, c, "replay")
            let shifted = try [np.multiply(c.inputs[0], 0.5)] + c.inputs.dropFirst()
            let again = try graph(shifted)[0]
            try check(again, f(shifted), c, "replay on new values")
            replayed += 1
        }
        XCTAssertGreaterThanOrEqual(replayed, 60)
    }

    func testBadArgumentsThrow() throws {
        let p = try np.ones([2, 3]), l = try np.ones([3, 2, 2])
        XCTAssertThrowsError(try loss.L1Loss()(p, l))
        XCTAssertThrowsError(try loss.L2Loss(batchAxis: 2)(p, p))
        XCTAssertThrowsError(try loss.L1Loss(batchAxis: -3)(p, p))
        XCTAssertThrowsError(try loss.LogisticLoss(labelFormat: "onehot"))
        XCTAssertThrowsError(try loss.SoftmaxCELoss(axis: 4)(p, np.zeros([2])))
        XCTAssertThrowsError(try loss.HingeLoss()(p, p, sampleWeight: np.ones([3, 1])))
        XCTAssertEqual(try loss.L1Loss(batchAxis: -1)(p, p).shape, [3])
    }
}
