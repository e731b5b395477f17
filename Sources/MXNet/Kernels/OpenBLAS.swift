#if canImport(Glibc)
import Glibc
#endif

/// OpenBLAS, opened at first use rather than linked, so that its kernel family can be chosen before it starts.
///
/// OpenBLAS picks its kernels once, when the library is loaded. Releases before 0.3.22 (Debian 12 ships
/// 0.3.21) do not know AMD Zen 4/5 and fall back to AVX2 kernels on CPUs that have AVX-512, which halves GEMM
/// throughput; the usual workaround, `OPENBLAS_CORETYPE=Haswell`, keeps them there. The family is chosen here:
///
/// 1. `MXNET_BLAS_CORETYPE`, when set, is passed to OpenBLAS as given;
/// 2. on a CPU with AVX-512 F/BW/DQ/VL/CD, "SkylakeX" — unless `OPENBLAS_CORETYPE` already names an AVX-512
///    family (an AVX2-or-older setting such as "Haswell" is taken for that workaround and raised);
/// 3. otherwise `OPENBLAS_CORETYPE` or OpenBLAS's own detection.
///
/// OpenBLAS runs single-threaded: ``GEMM`` shares the cores out itself.
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
        if let core = chosenCoreType(requested: getenv("MXNET_BLAS_CORETYPE").map { String(cString: $0) },
                                     inherited: savedCore, cpuHasAVX512: cpuHasAVX512()) {
            setenv("OPENBLAS_CORETYPE", core, 1)
        }
        // The cores are shared out by ``GEMM`` itself: OpenBLAS's own threads would compete with ours.
        setenv("OPENBLAS_NUM_THREADS", "1", 1)
        defer {
            if let savedCore { setenv("OPENBLAS_CORETYPE", savedCore, 1) } else { unsetenv("OPENBLAS_CORETYPE") }
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

    /// OpenBLAS's AVX-512 kernel families (case-insensitive names `OPENBLAS_CORETYPE` accepts).
    static let avx512Families: Set<String> = ["skylakex", "cooperlake", "sapphirerapids"]

    /// The `OPENBLAS_CORETYPE` to load with (see ``OpenBLAS``), or nil to leave the environment as it is.
    ///
    /// ```swift
    /// OpenBLAS.chosenCoreType(requested: nil, inherited: "Haswell", cpuHasAVX512: true)   // "SkylakeX"
    /// ```
    public static func chosenCoreType(requested: String?, inherited: String?, cpuHasAVX512: Bool) -> String? {
        if let requested, !requested.isEmpty { return requested }
        guard cpuHasAVX512 else { return nil }
        if let inherited, avx512Families.contains(inherited.lowercased()) { return nil }
        return "SkylakeX"
    }

    /// Whether `/proc/cpuinfo` lists the AVX-512 subsets OpenBLAS's SkylakeX kernels use (Linux lists them
    /// only when the kernel saves AVX-512 state, so they are usable).
    public static func cpuHasAVX512() -> Bool {
        guard let file = fopen("/proc/cpuinfo", "r") else { return false }
        defer { fclose(file) }
        var flags: Set<Substring> = []
        var line: UnsafeMutablePointer<CChar>? = nil, capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let text = line.map({ String(cString: $0) }) {
            if text.hasPrefix("flags") {
                flags = Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }))
                break
            }
        }
        let needed: [Substring] = ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"]
        return needed.allSatisfy(flags.contains)
    }
}
