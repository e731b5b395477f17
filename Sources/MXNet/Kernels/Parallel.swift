import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Work below this many elements runs on the calling thread; above it, split across the cores.
let parallelThreshold = 1 << 16
let coreCount = max(1, min(ProcessInfoCores.count, 8))

enum ProcessInfoCores {
    static let count: Int = {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 2
        #endif
    }()
}

/// Marks the threads running a ``parallelFor`` chunk, so that a parallel loop inside one (a GEMM inside a
/// per-batch-item convolution, say) runs on its own thread instead of oversubscribing the cores.
enum ParallelRegion {
    static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
    static let marker = UnsafeMutableRawPointer(bitPattern: 1)

    /// Whether the calling thread is already running a chunk of a parallel loop.
    @inline(__always) static var isInside: Bool { pthread_getspecific(key) != nil }

    @inline(__always) static func run(_ body: () -> Void) {
        let outer = pthread_getspecific(key)
        pthread_setspecific(key, marker)
        body()
        pthread_setspecific(key, outer)
    }
}

/// Runs `body(start, end)` over `0..<count` in contiguous chunks, on all cores when `count * cost` is large
/// and the caller is not itself a chunk of a parallel loop.
///
/// ```swift
/// parallelFor(n) { lo, hi in for i in lo..<hi { out[i] = a[i] + b[i] } }
/// ```
@inline(__always)
func parallelFor(_ count: Int, cost: Int = 1, _ body: (Int, Int) -> Void) {
    if count * cost < parallelThreshold || coreCount == 1 || count < 2 || ParallelRegion.isInside {
        body(0, count)
        return
    }
    let chunks = min(coreCount, count)
    withoutActuallyEscaping(body) { body in
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lo = count * c / chunks, hi = count * (c + 1) / chunks
            ParallelRegion.run { body(lo, hi) }
        }
    }
}
