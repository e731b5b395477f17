import MXNet
import TestSupport
import XCTest

/// Every registered operator is exercised by at least one oracle fixture case, and every differentiable one by a
/// case with gradients (which GradientCheckTests also checks against finite differences).
final class OperatorCoverageTests: XCTestCase {
    /// Backward kernels are reached through their forward op's gradient, not called by name.
    func isInternal(_ op: Operator) -> Bool {
        op.name.hasPrefix("_backward_") || op.name == "_digamma"
    }

    func testEveryOperatorHasCases() throws {
        var forward = Set<ObjectIdentifier>(), gradient = Set<ObjectIdentifier>()
        for family in try Fixtures.families() {
            for c in try Fixtures.cases(family) {
                guard let op = OperatorRegistry.shared.find(c.op) else {
                    XCTFail("fixture \(family)/\(c.name) names unknown operator \(c.op)")
                    continue
                }
                forward.insert(ObjectIdentifier(op))
                if c.inputGradients?.contains(where: { $0 != nil }) == true || !c.finiteDifferenceInputs.isEmpty {
                    gradient.insert(ObjectIdentifier(op))
                }
            }
        }
        let ops = OperatorRegistry.shared.operators.filter { !isInternal($0) }
        let untested = ops.filter { !forward.contains(ObjectIdentifier($0)) }.map(\.name).sorted()
        let noGradient = ops.filter { $0.isDifferentiable && !$0.isRandom && !gradient.contains(ObjectIdentifier($0)) }
            .map(\.name).sorted()
        XCTAssertEqual(untested, [], "operators without a fixture case")
        XCTAssertEqual(noGradient, [], "differentiable operators without a gradient case")
        print("operator coverage: \(ops.count) operators, \(OperatorRegistry.shared.allNames.count) names, " +
              "\(forward.count) with cases, \(gradient.count) with gradient cases")
    }
}
