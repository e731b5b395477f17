import Foundation
import MXNet
import TestSupport
import XCTest

/// Metrics against MXNet 1.9.1's `mx.metric` (Tests/Fixtures/gen_metrics.py): get() before any update and after
/// each of several update batches.
final class GluonMetricTests: XCTestCase {
    static func makeMetric(_ kind: String, _ o: [String: Any]) throws -> metric.EvalMetric {
        func num(_ key: String) -> Double? { (o[key] as? NSNumber)?.doubleValue }
        switch kind {
        case "Accuracy": return metric.Accuracy(axis: Int(num("axis") ?? 1))
        case "TopKAccuracy": return try metric.TopKAccuracy(topK: Int(num("top_k") ?? 2))
        case "F1": return metric.F1(average: metric.F1.Average(rawValue: o["average"] as? String ?? "macro") ?? .macro)
        case "MAE": return metric.MAE()
        case "MSE": return metric.MSE()
        case "RMSE": return metric.RMSE()
        case "CrossEntropy": return metric.CrossEntropy(eps: num("eps") ?? 1e-12)
        case "Perplexity": return metric.Perplexity(ignoreLabel: num("ignore_label"))
        case "PearsonCorrelation":
            return metric.PearsonCorrelation(
                average: metric.PearsonCorrelation.Average(rawValue: o["average"] as? String ?? "macro") ?? .macro)
        default: throw MXNetError("unknown metric \(kind)")
        }
    }

    func testMetricsMatchMXNet() throws {
        let url = Fixtures.directory.appendingPathComponent("metrics.json")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let cases = try XCTUnwrap(doc?["metrics"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(cases.count, 23)
        var checked = 0
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let kind = c["metric"] as? String ?? ""
            let m: metric.EvalMetric
            if kind == "CompositeEvalMetric" {
                let children = c["children"] as? [[String: Any]] ?? []
                let composite = metric.CompositeEvalMetric()
                for ch in children {
                    composite.add(try Self.makeMetric(ch["metric"] as? String ?? "", ch["opts"] as? [String: Any] ?? [:]))
                }
                m = composite
            } else {
                m = try Self.makeMetric(kind, c["opts"] as? [String: Any] ?? [:])
            }
            let steps = c["steps"] as? [[String: Any]] ?? []
            let batches = c["batches"] as? [[String: Any]] ?? []
            XCTAssertEqual(steps.count, batches.count + 1, name)
            func compare(_ step: [String: Any], _ when: String) {
                let names = step["names"] as? [String] ?? []
                let values: [Double] = (step["values"] as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
                let got = m.getNameValue()
                XCTAssertEqual(got.map(\.name), names, "\(name) \(when) names")
                assertClose(got.map(\.value), values, rtol: 1e-5, atol: 1e-7, "\(name) \(when)")
                checked += 1
            }
            compare(steps[0], "before updates")
            for (i, b) in batches.enumerated() {
                let labels = try (b["labels"] as? [Any] ?? []).map { try Fixtures.array($0, name) }
                let preds = try (b["preds"] as? [Any] ?? []).map { try Fixtures.array($0, name) }
                try m.update(labels: labels, preds: preds)
                compare(steps[i + 1], "after update \(i)")
            }
            m.reset()
            XCTAssertTrue(m.getNameValue().allSatisfy { $0.value.isNaN }, "\(name) after reset")
        }
        XCTAssertGreaterThanOrEqual(checked, 79)
    }

    func testCompositeGetAllAndCreate() throws {
        let composite = metric.CompositeEvalMetric([try metric.create("acc"), try metric.create("ce")])
        let labels = try np.array([0, 1] as [Float]), preds = try np.array([0.8, 0.2, 0.3, 0.7] as [Float], shape: [2, 2])
        try composite.update(labels: [labels], preds: [preds])
        let all = composite.getAll()
        XCTAssertEqual(all.names, ["accuracy", "cross-entropy"])
        XCTAssertEqual(all.values[0], 1)
        XCTAssertEqual(composite.get().name, "accuracy")
        XCTAssertThrowsError(try metric.create("nonsense"))
    }

    func testBadInputsThrow() throws {
        let p = try np.array([0.8, 0.2, 0.3, 0.7] as [Float], shape: [2, 2])
        XCTAssertThrowsError(try metric.Accuracy().update(labels: [np.zeros([3])], preds: [p]))
        XCTAssertThrowsError(try metric.Accuracy().update(labels: [np.zeros([2])], preds: []))
        XCTAssertThrowsError(try metric.Accuracy(axis: 3).update(labels: [np.zeros([2])], preds: [p]))
        XCTAssertThrowsError(try metric.TopKAccuracy(topK: 1))
        XCTAssertThrowsError(try metric.TopKAccuracy(topK: 3).update(labels: [np.zeros([2])], preds: [p]))
        XCTAssertThrowsError(try metric.F1().update(labels: [np.array([0, 1, 2] as [Float])], preds: [np.zeros([3, 2])]))
        XCTAssertThrowsError(try metric.CrossEntropy().update(labels: [np.array([0, 5] as [Float])], preds: [p]))
        XCTAssertThrowsError(try metric.CrossEntropy().update(labels: [np.array([0, .nan] as [Float])], preds: [p]))
        XCTAssertThrowsError(try metric.Perplexity(ignoreLabel: nil).update(labels: [np.zeros([3])], preds: [p]))
        XCTAssertThrowsError(try metric.PearsonCorrelation().update(labels: [np.zeros([4])], preds: [p]))
        XCTAssertThrowsError(try metric.MAE().update(labels: [np.zeros([3, 2])], preds: [p]))
    }
}
