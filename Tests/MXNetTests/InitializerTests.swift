import Foundation
import MXNet
import TestSupport
import XCTest

/// Initializers: deterministic ones exactly against MXNet 1.9.1's `mx.init` (`Tests/Fixtures/gen_optimizers.py`,
/// called through the name-based dispatch), random ones by bounds and statistics of their formulas.
final class InitializerTests: XCTestCase {
    func testDeterministicInitializersMatchMXNet() throws {
        let cases = try OptimizerFixtures.section("initializers")
        XCTAssertGreaterThanOrEqual(cases.count, 13)
        for c in cases {
            let args = c["args"] as? [String: Any] ?? [:]
            let initializer: any Initializer
            switch c["init"] as? String {
            case "constant": initializer = MXNet.initializer.Constant((args["value"] as? NSNumber)?.doubleValue ?? 0)
            case "zero": initializer = MXNet.initializer.Zero()
            case "one": initializer = MXNet.initializer.One()
            case "bilinear": initializer = MXNet.initializer.Bilinear()
            case "uniform": initializer = MXNet.initializer.Uniform()
            default: XCTFail("unknown \(c)"); continue
            }
            let name = c["name"] as? String ?? ""
            let expected = try Fixtures.array(c["expected"] as Any, name)
            let dtype = expected.dtype
            let actual = try initializer.initializeByName(name, shape: c["shape"] as? [Int] ?? [], dtype: dtype)
            XCTAssertEqual(actual.shape, expected.shape, name)
            XCTAssertEqual(actual.dtype, dtype, name)
            assertClose(try actual.asArray(Double.self), try expected.asArray(Double.self), rtol: 1e-7, atol: 0, "\(c["init"] ?? "") \(name)")
        }
    }

    func testNameDispatchDefaultsAndErrors() throws {
        let u = initializer.Uniform(scale: 0.5)
        for name in ["bn.running_mean", "bn_moving_mean", "x_moving_inv_var", "x_moving_avg"] {
            XCTAssertEqual(try u.initializeByName(name, shape: [3], dtype: .float32).asArray(Float.self), [0, 0, 0], name)
        }
        for name in ["bn.running_var", "bn_moving_var"] {
            XCTAssertEqual(try u.initializeByName(name, shape: [2], dtype: .float64).asArray(Double.self), [1, 1], name)
        }
        XCTAssertThrowsError(try u.initializeByName("prelu.alpha", shape: [1], dtype: .float32))
        // Without the dispatch an initializer always gives its own value (Gluon 2.0's `__init__` path).
        XCTAssertEqual(try initializer.Constant(0.25).initialize("dense.bias", shape: [2], dtype: .float32).asArray(Float.self),
                       [0.25, 0.25])
    }

    private func stats(_ a: NDArray) throws -> (mean: Double, std: Double, min: Double, max: Double) {
        let v = try a.asArray(Double.self)
        let mean = v.reduce(0, +) / Double(v.count)
        let std = (v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count)).squareRoot()
        return (mean, std, v.min() ?? 0, v.max() ?? 0)
    }

    func testUniformAndNormal() throws {
        np.random.seed(3)
        let u = try initializer.Uniform(scale: 0.2).initialize("w", shape: [200, 100], dtype: .float32)
        XCTAssertEqual(u.dtype, .float32)
        let su = try stats(u)
        XCTAssertGreaterThanOrEqual(su.min, -0.2); XCTAssertLessThan(su.max, 0.2)
        XCTAssertEqual(su.mean, 0, accuracy: 0.005)
        XCTAssertEqual(su.std, 0.2 / 3.0.squareRoot(), accuracy: 0.005)
        let n = try initializer.Normal(sigma: 0.5).initialize("w", shape: [200, 100], dtype: .float64)
        XCTAssertEqual(n.dtype, .float64)
        let sn = try stats(n)
        XCTAssertEqual(sn.mean, 0, accuracy: 0.02)
        XCTAssertEqual(sn.std, 0.5, accuracy: 0.01)
        np.random.seed(3)
        let again = try initializer.Uniform(scale: 0.2).initialize("w", shape: [200, 100], dtype: .float32)
        XCTAssertEqual(try again.asArray(Float.self), try u.asArray(Float.self), "seeded draws repeat")
    }

    func testXavierScalesByFans() throws {
        np.random.seed(11)
        let shape = [64, 32, 3, 3]
        let fanIn = 32.0 * 9, fanOut = 64.0 * 9
        for (factor, fan) in [(initializer.Xavier.FactorType.avg, (fanIn + fanOut) / 2), (.in, fanIn), (.out, fanOut)] {
            for magnitude in [3.0, 2.0] {
                let bound = (magnitude / fan).squareRoot()
                let u = try initializer.Xavier(rndType: .uniform, factorType: factor, magnitude: magnitude)
                    .initialize("conv.weight", shape: shape, dtype: .float32)
                let su = try stats(u)
                XCTAssertEqual(u.shape, shape)
                XCTAssertGreaterThanOrEqual(su.min, -bound); XCTAssertLessThanOrEqual(su.max, bound)
                XCTAssertEqual(su.std, bound / 3.0.squareRoot(), accuracy: bound * 0.03, "\(factor) \(magnitude)")
                let g = try initializer.Xavier(rndType: .gaussian, factorType: factor, magnitude: magnitude)
                    .initialize("conv.weight", shape: shape, dtype: .float32)
                let sg = try stats(g)
                XCTAssertEqual(sg.std, bound, accuracy: bound * 0.03, "\(factor) \(magnitude) gaussian")
                XCTAssertEqual(sg.mean, 0, accuracy: bound * 0.03)
            }
        }
        XCTAssertThrowsError(try initializer.Xavier().initialize("v.weight", shape: [5], dtype: .float32))
    }

    func testMSRAPrelu() throws {
        np.random.seed(5)
        let shape = [128, 64]
        let w = try initializer.MSRAPrelu(factorType: .in, slope: 0.25).initialize("w", shape: shape, dtype: .float32)
        let expected = (2 / (1 + 0.0625) / 64).squareRoot()
        XCTAssertEqual(try stats(w).std, expected, accuracy: expected * 0.03)
        XCTAssertEqual(initializer.MSRAPrelu().xavier.magnitude, 2 / 1.0625)
        XCTAssertEqual(initializer.MSRAPrelu().xavier.rndType, .gaussian)
    }

    func testOrthogonal() throws {
        np.random.seed(2)
        for (shape, randType) in [([4, 8], initializer.Orthogonal.RandomType.uniform), ([8, 2, 2], .normal),
                                  ([6, 6], .normal), ([12, 3], .uniform)] {
            let scale = 1.414
            let w = try initializer.Orthogonal(scale: scale, randType: randType).initialize("w", shape: shape, dtype: .float32)
            XCTAssertEqual(w.shape, shape)
            let rows = shape[0], cols = shape.dropFirst().reduce(1, *)
            let m = try w.reshaped([rows, cols]).astype(.float64)
            // Orthonormal rows when rows <= cols, orthonormal columns otherwise.
            let gram = rows <= cols ? try np.matmul(m, m.transposed()) : try np.matmul(m.transposed(), m)
            let k = min(rows, cols)
            let expected = try np.eye(k, dtype: .float64) * (scale * scale)
            assertClose(try gram.asArray(Double.self), try expected.asArray(Double.self), rtol: 1e-5, atol: 1e-5, "\(shape)")
        }
    }

    func testBilinearNeeds4D() {
        XCTAssertThrowsError(try initializer.Bilinear().initialize("up.weight", shape: [4, 4], dtype: .float32))
    }
}
