import MXNet
import TestSupport
import XCTest

/// Random operators: shapes, dtypes and rejected inputs against MXNet 1.9.1 (`Tests/Fixtures/gen_random.py`;
/// MXNet's streams cannot be matched, so values are not compared), then distribution properties and seeding.
final class RandomTests: XCTestCase {
    func testShapesDtypesAndErrorsMatchMXNet() throws {
        let cases = try Fixtures.cases("random")
        XCTAssertGreaterThan(cases.count, 45)
        var passed = 0
        for c in cases {
            do {
                let outs = try Imperative.invoke(c.op, c.inputs, attributes: c.attributes)
                for o in outs { try o.waitToRead() }
                if c.expectsError { XCTFail("\(c.name): expected an error"); continue }
                XCTAssertEqual(outs.map(\.shape), c.outputs.map(\.shape), c.name)
                XCTAssertEqual(outs.map(\.dtype), c.outputs.map(\.dtype), c.name)
                if outs.map(\.shape) == c.outputs.map(\.shape) && outs.map(\.dtype) == c.outputs.map(\.dtype) { passed += 1 }
            } catch {
                if c.expectsError { passed += 1 } else { XCTFail("\(c.name): \(error)") }
            }
        }
        XCTAssertEqual(passed, cases.count)
    }

    /// Mean and variance of `values`.
    func moments(_ values: [Double]) -> (mean: Double, variance: Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        return (mean, values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count))
    }

    func testUniformMomentsAndRange() throws {
        np.random.seed(1)
        let n = 200_000
        for dtype in [DType.float32, .float64, .float16] {
            let u = try np.random.uniform(low: -2, high: 3, size: [n], dtype: dtype)
            XCTAssertEqual(u.dtype, dtype)
            let v = try u.asArray(Double.self)
            XCTAssertTrue(v.allSatisfy { $0 >= -2 && $0 <= 3 }, "\(dtype)")
            if dtype != .float16 { XCTAssertTrue(v.allSatisfy { $0 < 3 }, "\(dtype)") }
            let m = moments(v)
            // mean (a+b)/2 = 0.5, variance (b-a)^2/12; 6 standard errors.
            XCTAssertEqual(m.mean, 0.5, accuracy: 6 * (25.0 / 12 / Double(n)).squareRoot(), "\(dtype)")
            XCTAssertEqual(m.variance, 25.0 / 12, accuracy: 0.03, "\(dtype)")
        }
    }

    func testNormalMoments() throws {
        np.random.seed(2)
        let n = 200_000
        let z = try np.random.normal(loc: 1.5, scale: 2, size: [n], dtype: .float64).asArray(Double.self)
        let m = moments(z)
        XCTAssertEqual(m.mean, 1.5, accuracy: 6 * 2 / Double(n).squareRoot())
        XCTAssertEqual(m.variance, 4, accuracy: 0.06)
        // Roughly 68.3% within one standard deviation.
        let within = Double(z.filter { abs($0 - 1.5) < 2 }.count) / Double(n)
        XCTAssertEqual(within, 0.6827, accuracy: 0.006)
    }

    func testArrayParametersBroadcast() throws {
        np.random.seed(3)
        let low = try np.array([0, 100] as [Float]), high = try np.array([1, 101] as [Float])
        let u = try np.random.uniform(low: low, high: high, size: [5000, 2])
        XCTAssertEqual(u.shape, [5000, 2])
        let v = try u.asArray(Double.self)
        for i in 0..<5000 {
            XCTAssertTrue(v[2 * i] >= 0 && v[2 * i] < 1 && v[2 * i + 1] >= 100 && v[2 * i + 1] < 101)
        }
        let z = try np.random.normal(loc: try np.array([-50, 50] as [Float]), scale: try np.array([0, 1] as [Float]))
        XCTAssertEqual(z.shape, [2])
        XCTAssertEqual(try z.asArray(Double.self)[0], -50)
        XCTAssertThrowsError(try np.random.normal(loc: np.zeros([2]), scale: np.array([-1, 1] as [Float])))
    }

    func testRandintCoversRangeUniformly() throws {
        np.random.seed(4)
        let n = 60_000
        let r = try np.random.randint(-3, 3, size: [n])
        XCTAssertEqual(r.dtype, .int64)
        let v = try r.asArray(Int64.self)
        var counts = [Int](repeating: 0, count: 6)
        for x in v {
            XCTAssertTrue(x >= -3 && x < 3)
            counts[Int(x + 3)] += 1
        }
        for c in counts { XCTAssertEqual(Double(c), Double(n) / 6, accuracy: 600) }
        XCTAssertEqual(try np.random.randint(5).shape, [])
        XCTAssertEqual(try np.random.randint(0, 1, size: [3], dtype: .int32).asArray(Int32.self), [0, 0, 0])
        XCTAssertThrowsError(try np.random.randint(3, 3))
        XCTAssertThrowsError(try np.random.randint(0, 3, dtype: .float32))
    }

    func testChoice() throws {
        np.random.seed(5)
        let noReplace = try np.random.choice(1000, size: [1000], replace: false).asArray(Int64.self)
        XCTAssertEqual(noReplace.sorted(), (0..<1000).map(Int64.init), "a permutation")
        let few = try np.random.choice(1_000_000_000, size: [5], replace: false).asArray(Int64.self)
        XCTAssertEqual(Set(few).count, 5)
        XCTAssertThrowsError(try np.random.choice(3, size: [4], replace: false))
        XCTAssertThrowsError(try np.random.choice(0, size: [1]))

        let p = try np.array([0.1, 0.0, 0.3, 0.6], dtype: .float64)
        let n = 100_000
        let w = try np.random.choice(4, size: [n], p: p).asArray(Int64.self)
        var counts = [Int](repeating: 0, count: 4)
        for x in w { counts[Int(x)] += 1 }
        XCTAssertEqual(counts[1], 0, "zero weight never drawn")
        for (k, pk) in [0.1, 0.0, 0.3, 0.6].enumerated() {
            XCTAssertEqual(Double(counts[k]) / Double(n), pk, accuracy: 0.01)
        }
        let wr = try np.random.choice(4, size: [3], replace: false, p: p).asArray(Int64.self)
        XCTAssertEqual(Set(wr), [0, 2, 3], "all non-zero weights, each once")
        XCTAssertThrowsError(try np.random.choice(4, size: [4], replace: false, p: p))
        XCTAssertThrowsError(try np.random.choice(4, size: [2], p: np.array([0.5, 0.5] as [Float])))
        XCTAssertThrowsError(try np.random.choice(2, size: [2], p: np.array([-0.5, 1.5] as [Float])))
    }

    func testShuffleInPlaceKeepsRows() throws {
        np.random.seed(6)
        let x = try np.arange(200).reshaped([100, 2])
        let before = try x.asArray(Float.self)
        let alias = try np.copy(x)
        try np.random.shuffle(x)
        let after = try x.asArray(Float.self)
        XCTAssertNotEqual(after, before)
        var rows = Set<[Float]>()
        for i in 0..<100 { rows.insert([after[2 * i], after[2 * i + 1]]) }
        let expected: [[Float]] = (0..<100).map { (i: Int) -> [Float] in [Float(2 * i), Float(2 * i + 1)] }
        XCTAssertEqual(rows, Set(expected))
        XCTAssertEqual(try alias.asArray(Float.self), before, "copies are unaffected")
        XCTAssertThrowsError(try np.random.shuffle(np.array([1] as [Float], shape: [])))
    }

    func testSeedReproducibility() throws {
        func draw() throws -> [Double] {
            var values: [Double] = try np.random.uniform(size: [5]).asArray(Double.self)
            values += try np.random.normal(size: [5]).asArray(Double.self)
            values += try np.random.randint(100, size: [5]).asArray(Double.self)
            values += try np.random.choice(50, size: [5], replace: false).asArray(Double.self)
            return values
        }
        np.random.seed(42)
        let a = try draw()
        np.random.seed(42)
        let b = try draw()
        XCTAssertEqual(a, b)
        np.random.seed(43)
        XCTAssertNotEqual(try draw(), a)
        let c = try draw()
        XCTAssertNotEqual(c, a, "successive calls differ")
    }

    /// A compiled graph draws fresh numbers on each call, and the same numbers after reseeding.
    func testRandomUnderDeferredCompute() throws {
        let x = try np.zeros([4])
        let g = try DeferredCompute.trace(inputs: ["x": x]) { v in [try np.add(v[0], np.random.uniform(size: [4]))] }
        XCTAssertTrue(g.nodes.contains { $0.op?.isRandom == true })
        np.random.seed(7)
        let first = try g([x])[0].asArray(Float.self)
        let second = try g([x])[0].asArray(Float.self)
        XCTAssertNotEqual(first, second)
        np.random.seed(7)
        XCTAssertEqual(try g([x])[0].asArray(Float.self), first)
    }
}
