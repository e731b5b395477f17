#if canImport(Glibc)
import Glibc
#endif

/// OpenBLAS, opened at first use rather than linked, so that its kernel family can be chosen before it starts.
///
/// OpenBLAS picks its kernels once, when the library is loaded. Releases before 0.3.22 (Debian 12 ships
/// 0.3.21) do not know AMD Zen 4 and fall back to the AVX2 "Haswell" kernels on a CPU that has AVX-512, which
/// halves GEMM throughput. When the user has not chosen (`OPENBLAS_CORETYPE` unset) and the CPU is an AMD one
/// with AVX-512 F/BW/DQ/VL/CD, we ask for the "SkylakeX" kernels — what newer OpenBLAS releases choose there.
///
/// ```swift
/// print(OpenBLAS.coreName)   // "SkylakeX" on a Zen 4 machine
/// ```
public enum OpenBLAS {
    typealias SGEMMFunction = @convention(c) (Int32, Int32, Int32, Int32, Int32, Int32, Float,
                                              UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32, Float,
                                              UnsafeMutablePointer<Float>?, Int32) -> Void
    typealias DGEMMFunction = @convention(c) (Int32, Int32, Int32, Int32, Int32, Int32, Double,
                                              UnsafePointer<Double>?, Int32, UnsafePointer<Double>?, Int32, Double,
                                              UnsafeMutablePointer<Double>?, Int32) -> Void
    static let rowMajor: Int32 = 101, noTrans: Int32 = 111, trans: Int32 = 112

    struct Library {
        let sgemm: SGEMMFunction
        let dgemm: DGEMMFunction
        let coreName: String
    }

    /// The loaded library, or why it could not be loaded.
    static let loaded: Result<Library, MXNetError> = load()

    /// Loads OpenBLAS now (it is otherwise loaded by the first matrix product).
    /// - Throws: ``MXNetError`` naming the library when it is missing or lacks CBLAS.
    public static func load() throws { _ = try loaded.get() }

    /// The kernel family OpenBLAS runs with ("Haswell", "SkylakeX", ...), or "unavailable".
    public static var coreName: String { (try? loaded.get().coreName) ?? "unavailable" }

    /// `c = a · b` for row-major float32 `m×k` and `k×n` matrices, straight into OpenBLAS (for benchmarks that
    /// compare the framework's overhead with a bare BLAS call).
    public static func sgemm(m: Int, n: Int, k: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                             _ c: UnsafeMutablePointer<Float>) {
        library.sgemm(rowMajor, noTrans, noTrans, Int32(m), Int32(n), Int32(k), 1, a, Int32(k), b, Int32(n), 0,
                      c, Int32(n))
    }

    static var library: Library {
        switch loaded {
        case .success(let lib): return lib
        case .failure(let error): fatalError(error.message)
        }
    }

    private static func load() -> Result<Library, MXNetError> {
        // The library reads these once, while it is being opened; they are put back afterwards so that child
        // processes (MXNet in `mxv1 bench`) start with the environment they were given.
        let savedCore = getenv("OPENBLAS_CORETYPE").map { String(cString: $0) }
        let savedThreads = getenv("OPENBLAS_NUM_THREADS").map { String(cString: $0) }
        if savedCore == nil, let core = preferredCoreType() { setenv("OPENBLAS_CORETYPE", core, 1) }
        // The cores are shared out by ``GEMM`` itself: OpenBLAS's own threads would compete with ours.
        setenv("OPENBLAS_NUM_THREADS", "1", 1)
        defer {
            if savedCore == nil { unsetenv("OPENBLAS_CORETYPE") }
            if let savedThreads { setenv("OPENBLAS_NUM_THREADS", savedThreads, 1) } else { unsetenv("OPENBLAS_NUM_THREADS") }
        }
        let names = ["libopenblas.so.0", "libopenblas.so", "libopenblasp.so.0"]
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            return .failure(MXNetError("OpenBLAS is not installed (libopenblas.so.0 not found; "
                                       + "apt-get install libopenblas0)"))
        }
        if let f = dlsym(handle, "openblas_set_num_threads") {
            unsafeBitCast(f, to: (@convention(c) (Int32) -> Void).self)(1)
        }
        guard let s = dlsym(handle, "cblas_sgemm"), let d = dlsym(handle, "cblas_dgemm") else {
            return .failure(MXNetError("the OpenBLAS library found has no cblas_sgemm/cblas_dgemm"))
        }
        var core = "unknown"
        if let f = dlsym(handle, "openblas_get_corename") {
            let corename = unsafeBitCast(f, to: (@convention(c) () -> UnsafePointer<CChar>?).self)
            if let c = corename() { core = String(cString: c) }
        }
        return .success(Library(sgemm: unsafeBitCast(s, to: SGEMMFunction.self),
                                dgemm: unsafeBitCast(d, to: DGEMMFunction.self), coreName: core))
    }

    /// "SkylakeX" on AMD CPUs with the AVX-512 subsets its kernels use; nil elsewhere (OpenBLAS decides).
    static func preferredCoreType() -> String? {
        guard let file = fopen("/proc/cpuinfo", "r") else { return nil }
        defer { fclose(file) }
        var vendor = "", flags: Set<Substring> = []
        var line: UnsafeMutablePointer<CChar>? = nil, capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line)
            if text.hasPrefix("vendor_id") { vendor = text }
            if text.hasPrefix("flags") {
                flags = Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }))
                break
            }
        }
        let needed: [Substring] = ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"]
        guard vendor.contains("AuthenticAMD"), needed.allSatisfy(flags.contains) else { return nil }
        return "SkylakeX"
    }
}
