import MXNet
import XCTest

/// Asserts that `actual` matches `expected` elementwise: |a - e| <= atol + rtol * |e|, NaNs matching NaNs.
public func assertClose(_ actual: [Double], _ expected: [Double], rtol: Double = 1e-5, atol: Double = 1e-6,
                        _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) {
    guard actual.count == expected.count else {
        XCTFail("count \(actual.count) != \(expected.count) \(message())", file: file, line: line)
        return
    }
    for i in 0..<actual.count {
        let a = actual[i], e = expected[i]
        if a.isNaN && e.isNaN { continue }
        if a == e { continue }
        if !(abs(a - e) <= atol + rtol * abs(e)) {
            XCTFail("element \(i): \(a) != \(e) (rtol \(rtol), atol \(atol)) \(message())", file: file, line: line)
            return
        }
    }
}

/// Asserts that an array has `shape`, `dtype` and values close to `expected`.
public func assertClose(_ actual: NDArray, _ expected: [Double], shape: [Int], dtype: DType? = nil,
                        rtol: Double = 1e-5, atol: Double = 1e-6, _ message: @autoclosure () -> String = "",
                        file: StaticString = #filePath, line: UInt = #line) throws {
    XCTAssertEqual(actual.shape, shape, "shape \(message())", file: file, line: line)
    if let dtype { XCTAssertEqual(actual.dtype, dtype, "dtype \(message())", file: file, line: line) }
    assertClose(try actual.asArray(Double.self), expected, rtol: rtol, atol: atol, message(), file: file, line: line)
}
