import Dispatch

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

#if canImport(Glibc)
import Glibc
#endif

/// Runs `body(start, end)` over `0..<count` in contiguous chunks, on all cores when `count * cost` is large.
///
/// ```swift
/// parallelFor(n) { lo, hi in for i in lo..<hi { out[i] = a[i] + b[i] } }
/// ```
@inline(__always)
func parallelFor(_ count: Int, cost: Int = 1, _ body: (Int, Int) -> Void) {
    if count * cost < parallelThreshold || coreCount == 1 || count < 2 {
        body(0, count)
        return
    }
    let chunks = min(coreCount, count)
    withoutActuallyEscaping(body) { body in
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lo = count * c / chunks, hi = count * (c + 1) / chunks
            body(lo, hi)
        }
    }
}
