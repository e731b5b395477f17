import MXNet
import XCTest

/// Attribute strings in MXNet's forms parse into typed parameters and print back the same way; bad ones throw
/// errors that name the operator and the attribute.
final class OpParamsTests: XCTestCase {
    func testTupleForms() throws {
        XCTAssertEqual(try AttributeValue.parseInts("(3, 3)"), [3, 3])
        XCTAssertEqual(try AttributeValue.parseInts("(3,)"), [3])
        XCTAssertEqual(try AttributeValue.parseInts("[1, -1]"), [1, -1])
        XCTAssertEqual(try AttributeValue.parseInts("()"), [])
        XCTAssertEqual(try AttributeValue.parseInts("4"), [4])
        XCTAssertEqual(try AttributeValue.parseOptionalInts("(None, 2)"), [nil, 2])
        XCTAssertEqual(AttributeValue.format([3]), "(3,)")
        XCTAssertEqual(AttributeValue.format([3, 3]), "(3, 3)")
        XCTAssertThrowsError(try AttributeValue.parseInts("(3, x)"))
        XCTAssertThrowsError(try AttributeValue.parseInts("(3, 3"))
    }

    func testScalarsBoolsAndNone() throws {
        XCTAssertEqual(try AttributeValue.parseDouble("1e-05"), 1e-05)
        XCTAssertEqual(try AttributeValue.parseDouble("-inf"), -.infinity)
        XCTAssertTrue(try AttributeValue.parseDouble("nan").isNaN)
        XCTAssertEqual(try AttributeValue.parseBool("True"), true)
        XCTAssertEqual(try AttributeValue.parseBool("0"), false)
        XCTAssertTrue(AttributeValue.isNone("None"))
        XCTAssertThrowsError(try AttributeValue.parseBool("yes"))
        XCTAssertEqual(AttributeValue.format(1.0), "1.0")
        XCTAssertEqual(AttributeValue.format(1e-05), "1e-05")
    }

    func testDTypeNames() throws {
        XCTAssertEqual(try DType(parsing: "float16"), .float16)
        XCTAssertEqual(try DType(parsing: "'int64'"), .int64)
        XCTAssertEqual(try DType(parsing: "<class 'numpy.float32'>"), .float32)
        XCTAssertEqual(try DType(flag: 12), .bfloat16)
        XCTAssertThrowsError(try DType(flag: 13))
        XCTAssertThrowsError(try DType(parsing: "complex64"))
    }

    func testParamsRoundTripThroughAttributes() throws {
        let op = try OperatorRegistry.shared.lookup("_np_sum")
        let p = try op.parse(["axis": "(0, -1)", "keepdims": "True"])
        let written = Dictionary(uniqueKeysWithValues: op.attributes(of: p))
        XCTAssertEqual(written["axis"], "(0, -1)")
        XCTAssertEqual(written["keepdims"], "True")
        XCTAssertNil(written["exclude"], "defaults are not written")
    }

    func testBadAttributesNameOpAndField() throws {
        let x = try np.ones([2, 3])
        XCTAssertThrowsError(try Imperative.invoke("_np_sum", [x], attributes: ["axis": "(0, x)"])) { e in
            XCTAssertTrue("\(e)".contains("sum") && "\(e)".contains("'axis'"), "\(e)")
        }
        XCTAssertThrowsError(try Imperative.invoke("_np_sum", [x], attributes: ["axes": "(0,)"])) { e in
            XCTAssertTrue("\(e)".contains("unknown parameter 'axes'"), "\(e)")
        }
        XCTAssertThrowsError(try Imperative.invoke("Cast", [x])) { e in
            XCTAssertTrue("\(e)".contains("required parameter 'dtype'"), "\(e)")
        }
        XCTAssertThrowsError(try Imperative.invoke("Cast", [x], attributes: ["dtype": "complex"])) { e in
            XCTAssertTrue("\(e)".contains("'dtype'"), "\(e)")
        }
        XCTAssertThrowsError(try Imperative.invoke("NoSuchOp", [x])) { e in
            XCTAssertTrue("\(e)".contains("unknown operator 'NoSuchOp'"), "\(e)")
        }
        XCTAssertThrowsError(try Imperative.invoke("_npi_add", [x])) { e in
            XCTAssertTrue("\(e)".contains("expected 2 inputs"), "\(e)")
        }
        XCTAssertThrowsError(try np.sum(x, axis: [2])) { e in
            XCTAssertTrue("\(e)".contains("axis 2 is out of bounds"), "\(e)")
        }
    }

    func testHiddenAttributesAreIgnoredByParams() throws {
        let op = try OperatorRegistry.shared.lookup("_np_sum")
        XCTAssertNoThrow(try op.parse(["__lr_mult__": "2.0", "axis": "(1,)"]))
    }
}
