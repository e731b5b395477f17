import Foundation
import MXNet
import TestSupport
import XCTest

/// Every differentiable operator case in the fixtures, checked against central finite differences in float64:
/// d/dx sum(outputs · heads) computed numerically must match autograd's gradient.
final class GradientCheckTests: XCTestCase {
    /// Ops whose gradient is not the derivative of their forward output by design (loss-output ops ignore the
    /// head gradient; BlockGrad stops it), and random ops.
    static let notDerivatives: Set<String> = [
        "SoftmaxOutput", "Softmax", "LinearRegressionOutput", "LogisticRegressionOutput", "MAERegressionOutput",
        "SVMOutput", "MakeLoss", "make_loss", "BlockGrad", "stop_gradient", "Dropout", "_npx_dropout",
    ]

    /// Cases where MXNet 1.9.1's gradient (which we match) is deliberately not the derivative of the forward.
    static func mxnetQuirk(_ c: OperatorCase) -> String? {
        if c.op.contains("atch_norm") || c.op == "BatchNorm", !c.train {
            return "MXNet's BatchNorm backward uses batch statistics even after an inference forward"
        }
        if c.name.contains("ties") || c.name.contains("boundar") {
            return "ties and clip boundaries make the forward non-differentiable there; the case checks MXNet's choice"
        }
        if c.attributes["output_mean_var"] == "True" || c.attributes["output_mean_var"] == "1" {
            return "MXNet passes no gradient through the extra mean/var outputs"
        }
        return nil
    }

    func testGradientsMatchFiniteDifferences() throws {
        var checked = 0, failed: [String] = []
        for family in try Fixtures.families() {
            for c in try Fixtures.cases(family) {
                if let heads = c.headGradients, !c.finiteDifferenceInputs.isEmpty {
                    let marked: [NDArray?] = c.inputs.indices.map { i in
                        c.finiteDifferenceInputs.contains(i) ? c.inputs[i] : nil
                    }
                    if let problem = try check(c, grads: marked, heads: heads, expectedIsPlaceholder: true) {
                        failed.append(problem)
                    }
                    checked += 1
                    continue
                }
                guard let grads = c.inputGradients, let heads = c.headGradients,
                      !Self.notDerivatives.contains(c.op),
                      let op = try? OperatorRegistry.shared.lookup(c.op), !op.isRandom else { continue }
                // Piecewise-constant ops (comparisons, rounding) have zero gradients; their fixtures sit on the
                // steps, where finite differences are meaningless.
                let allZero = try grads.compactMap { $0 }.allSatisfy { try $0.asArray(Double.self).allSatisfy { $0 == 0 } }
                if allZero || Self.mxnetQuirk(c) != nil { continue }
                if let problem = try check(c, grads: grads, heads: heads) { failed.append(problem) }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 50)
        XCTAssertEqual(failed, [], "\(failed.count) of \(checked) gradient checks failed")
    }

    /// Returns a description of the first mismatch, or nil.
    /// `grads` marks the inputs to check (non-nil); unless `expectedIsPlaceholder`, an all-zero expected gradient
    /// marks an index-like input that is skipped.
    func check(_ c: OperatorCase, grads: [NDArray?], heads: [NDArray], expectedIsPlaceholder: Bool = false) throws -> String? {
        func widen(_ a: NDArray) throws -> NDArray { a.dtype.isFloatingPoint ? try np.astype(a, .float64) : a }
        let inputs = try c.inputs.map(widen)
        let heads64 = try heads.map(widen)
        func objective(_ xs: [NDArray]) throws -> Double {
            let outs = try autograd.pause(trainMode: c.train) { try Imperative.invoke(c.op, xs, attributes: c.attributes) }
            var total = 0.0
            for (o, h) in zip(outs, heads64) {
                let ov = try o.asArray(Double.self), hv = try h.asArray(Double.self)
                for i in 0..<min(ov.count, hv.count) { total += ov[i] * hv[i] }
            }
            return total
        }
        let diffInputs = try inputs.map { try np.copy($0) }
        for (i, g) in grads.enumerated() where g != nil { diffInputs[i].attachGrad() }
        let outs = try autograd.record(trainMode: c.train) { try Imperative.invoke(c.op, diffInputs, attributes: c.attributes) }
        try autograd.backward(Array(outs.prefix(heads64.count)), headGradients: heads64)
        for (i, g) in grads.enumerated() where g != nil {
            // Inputs with an all-zero gradient are indices, lengths or labels: perturbing them is meaningless.
            if !expectedIsPlaceholder, try g!.asArray(Double.self).allSatisfy({ $0 == 0 }) { continue }
            guard let analytic = try diffInputs[i].grad?.asArray(Double.self) else { return "\(c.name): no gradient for input \(i)" }
            var values = try inputs[i].asArray(Double.self)
            for k in 0..<values.count {
                let x0 = values[k]
                let eps = 1e-6 * max(1, abs(x0))
                values[k] = x0 + eps
                var plus = inputs; plus[i] = try np.array(values, shape: inputs[i].shape, dtype: .float64)
                values[k] = x0 - eps
                var minus = inputs; minus[i] = try np.array(values, shape: inputs[i].shape, dtype: .float64)
                values[k] = x0
                let numeric = (try objective(plus) - objective(minus)) / (2 * eps)
                if abs(numeric - analytic[k]) > 1e-4 + 1e-3 * abs(numeric) {
                    return "\(c.name): d/d input \(i)[\(k)] autograd \(analytic[k]) vs finite difference \(numeric)"
                }
            }
        }
        return nil
    }
}
