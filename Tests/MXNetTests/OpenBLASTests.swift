import MXNet
import XCTest

/// OpenBLAS is opened at run time with a kernel family chosen for the CPU (see `OpenBLAS`).
final class OpenBLASTests: XCTestCase {
    func testCoreTypePolicy() {
        // An explicit MXNET_BLAS_CORETYPE wins.
        XCTAssertEqual(OpenBLAS.chosenCoreType(requested: "Haswell", inherited: nil, cpuHasAVX512: true), "Haswell")
        // AVX-512 CPUs get AVX-512 kernels, raising an inherited AVX2 workaround but keeping an AVX-512 choice.
        XCTAssertEqual(OpenBLAS.chosenCoreType(requested: nil, inherited: nil, cpuHasAVX512: true), "SkylakeX")
        XCTAssertEqual(OpenBLAS.chosenCoreType(requested: nil, inherited: "Haswell", cpuHasAVX512: true), "SkylakeX")
        XCTAssertNil(OpenBLAS.chosenCoreType(requested: nil, inherited: "cooperlake", cpuHasAVX512: true))
        // Without AVX-512 OpenBLAS decides (or the inherited setting stands).
        XCTAssertNil(OpenBLAS.chosenCoreType(requested: nil, inherited: "Haswell", cpuHasAVX512: false))
        XCTAssertNil(OpenBLAS.chosenCoreType(requested: "", inherited: nil, cpuHasAVX512: false))
    }

    func testLoadsWithTheChosenKernels() throws {
        try OpenBLAS.load()
        XCTAssertNotEqual(OpenBLAS.coreName, "unavailable")
        if OpenBLAS.cpuHasAVX512() && ProcessInfo.processInfo.environment["MXNET_BLAS_CORETYPE"] == nil {
            XCTAssertEqual(OpenBLAS.coreName.lowercased(), "skylakex")
        }
        // A product through the loaded library.
        let a = try np.array([1, 2, 3, 4] as [Float], shape: [2, 2])
        XCTAssertEqual(try np.matmul(a, a).asArray(Float.self), [7, 10, 15, 22])
    }
}
