import Foundation
import MXNet
import TestSupport
import XCTest

/// NumPy and MXNet 1.x reductions against MXNet 1.9.1 (`Tests/Fixtures/gen_reduce.py`).
final class ReduceTests: XCTestCase {
    func testReduceConformance() throws {
        let cases = try Fixtures.cases("reduce")
        XCTAssertGreaterThan(cases.count, 300)
        var passed = 0
        for c in cases where OperatorConformance.check(c) { passed += 1 }
        XCTAssertEqual(passed, cases.count)
    }

    /// The generator's `patterned`: `x[i] = ((i * 7919) % 201 - 100) / 4`.
    static func patterned(_ shape: [Int]) throws -> NDArray {
        let n = shape.reduce(1, *)
        let values = (0..<n).map { Float(((($0 * 7919) % 201) - 100)) / 4 }
        return try np.array(values, shape: shape)
    }

    /// Large inputs (built from a shared formula) exercise every parallel kernel path.
    func testLargeReductions() throws {
        let url = Fixtures.directory.appendingPathComponent("reduce_large.json")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let cases = try XCTUnwrap(doc?["cases"] as? [[String: Any]])
        XCTAssertGreaterThan(cases.count, 25)
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let input = try XCTUnwrap((c["inputs"] as? [[String: Any]])?.first)
            let x = try Self.patterned(try XCTUnwrap(input["shape"] as? [Int]))
            let expected = try Fixtures.array(try XCTUnwrap((c["outputs"] as? [Any])?.first), name)
            let y = try Imperative.invoke(try XCTUnwrap(c["op"] as? String), [x],
                                          attributes: c["attrs"] as? [String: String] ?? [:])[0]
            XCTAssertEqual(y.shape, expected.shape, name)
            XCTAssertEqual(y.dtype, expected.dtype, name)
            assertClose(try y.asArray(Double.self), try expected.asArray(Double.self),
                        rtol: c["rtol"] as? Double ?? 1e-5, atol: c["atol"] as? Double ?? 1e-6, name)
        }
    }
}

/// np functions built from reductions (`linalg.norm`) and the true std/var gradients, against NumPy
/// (`Tests/Fixtures/gen_reduce_np.py`).
final class ReduceNumPyTests: XCTestCase {
    static func order(_ c: NumPyFunctionCase) -> NormOrder? {
        if let s = c.string("ord") {
            switch s {
            case "inf": return .inf
            case "-inf": return .negativeInf
            case "fro": return .fro
            default: return .nuc
            }
        }
        return c.double("ord").map { .p($0) }
    }

    func testNumPyFunctions() throws {
        let cases = try NumPyFunctionCase.load("reduce_np")
        XCTAssertGreaterThan(cases.count, 40)
        var passed = 0
        for c in cases {
            let ok = c.check { x in
                switch c.fn {
                case "linalg.norm":
                    return [try np.linalg.norm(x[0], ord: Self.order(c), axis: c.ints("axis"), keepdims: c.bool("keepdims"))]
                case "std":
                    return [try np.std(x[0], axis: c.ints("axis"), ddof: c.int("ddof") ?? 0, keepdims: c.bool("keepdims"))]
                case "var":
                    return [try np.var(x[0], axis: c.ints("axis"), ddof: c.int("ddof") ?? 0, keepdims: c.bool("keepdims"))]
                default:
                    throw MXNetError("unknown function \(c.fn)")
                }
            }
            if ok { passed += 1 }
        }
        XCTAssertEqual(passed, cases.count)
    }
}
