import MXNet
import TestSupport
import XCTest

/// dot, matmul, tensordot, einsum, 1.x dot, batch_dot and linalg_gemm/gemm2 against MXNet 1.9.1
/// (`Tests/Fixtures/gen_linalg.py`).
final class LinearAlgebraTests: XCTestCase {
    func testLinearAlgebraConformance() throws {
        let cases = try Fixtures.cases("linalg")
        XCTAssertGreaterThan(cases.count, 110)
        var passed = 0
        for c in cases where OperatorConformance.check(c) { passed += 1 }
        XCTAssertEqual(passed, cases.count)
    }

    /// The np functions that compose the operators, against NumPy.
    func testComposedFunctions() throws {
        let functions: [String: ([NDArray]) throws -> NDArray] = [
            "outer": { try np.outer($0[0], $0[1]) },
            "inner": { try np.inner($0[0], $0[1]) },
            "vdot": { try np.vdot($0[0], $0[1]) },
            "tensordot": { try np.tensordot($0[0], $0[1]) },
            "einsum_three": { try np.einsum("ij,jk,k->i", $0[0], $0[1], $0[2]) },
            "matmul": { try np.matmul($0[0], $0[1]) },
            "dot": { try $0[0].dot($0[1]) },
        ]
        let cases = try Fixtures.cases("linalg_np")
        XCTAssertGreaterThanOrEqual(cases.count, 9)
        for c in cases {
            guard let f = functions[c.op] else { XCTFail("no function for \(c.op)"); continue }
            let out = try f(c.inputs)
            XCTAssertEqual(out.shape, c.outputs[0].shape, c.name)
            let a = try out.asArray(Double.self), e = try c.outputs[0].asArray(Double.self)
            for (x, y) in zip(a, e) { XCTAssertEqual(x, y, accuracy: c.atol + c.rtol * abs(y), c.name) }
        }
    }

    /// A 0-d operand of `dot` scales: its gradients equal those of `multiply` (MXNet 1.9.1 cannot run this backward).
    func testScalarDotGradientMatchesMultiply() throws {
        let s = try np.array([1.5] as [Float], shape: []), x = try np.array((0..<6).map { Float($0) }, shape: [2, 3])
        func grads(_ f: (NDArray, NDArray) throws -> NDArray) throws -> ([Float], [Float]) {
            let a = try np.copy(s), b = try np.copy(x)
            a.attachGrad(); b.attachGrad()
            let y = try autograd.record { try f(a, b) }
            try y.backward(np.onesLike(y))
            return (try a.grad!.asArray(Float.self), try b.grad!.asArray(Float.self))
        }
        let viaDot = try grads(np.dot), viaMultiply = try grads(np.multiply)
        XCTAssertEqual(viaDot.0, viaMultiply.0)
        XCTAssertEqual(viaDot.1, viaMultiply.1)
    }

    /// Cases MXNet 1.9.1 itself crashes on (so no fixture): they must throw here.
    func testRejectedAxes() throws {
        let a = try np.ones([2, 3]), b = try np.ones([3, 5])
        XCTAssertThrowsError(try np.tensordot(a, b, axes: 3))
        XCTAssertThrowsError(try np.tensordot(a, b, axes: ([1, 1], [0, 0])))
        XCTAssertThrowsError(try np.einsum("ij,jk->ii", a, b))
        XCTAssertThrowsError(try np.einsum("i.j", a))
    }
}
