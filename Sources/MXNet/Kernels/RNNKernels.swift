/// Float types the recurrent kernels run in; their matrix products go through the shared ``GEMM``.
protocol RNNScalar: KernelFloat {}

extension RNNScalar {
    /// Row-major `C = alpha · op(A) · op(B) + beta · C` with `op(A)` of `m × k` and `op(B)` of `k × n`.
    @inline(__always)
    static func gemm(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Self,
                     _ a: UnsafePointer<Self>, _ lda: Int, _ b: UnsafePointer<Self>, _ ldb: Int,
                     _ beta: Self, _ c: UnsafeMutablePointer<Self>, _ ldc: Int) {
        GEMM.run(m: m, n: n, k: k, alpha: alpha, a, MatrixOperand(trans: transA, ld: lda),
                 b, MatrixOperand(trans: transB, ld: ldb), beta: beta, c, ldc: ldc)
    }
}

extension Float: RNNScalar {}
extension Double: RNNScalar {}

/// Sizes of one RNN call and MXNet's packed parameter layout: first every (layer, direction)'s input weights
/// `Wx (G·H × inputs)`, recurrent weights `Wh (G·H × S)` and, for an LSTM with projection size P, the projection
/// `Whr (P × H)`; then every (layer, direction)'s biases `bx (G·H)` and `bh (G·H)`. Gates are ordered i, f, g, o
/// (LSTM) and r, z, n (GRU). S, the width of the h state and of each direction's output, is P with a projection
/// and H without.
struct RNNConfig {
    let mode: RNNParams.Mode
    let layers: Int, directions: Int, steps: Int, batch: Int, inputSize: Int, hidden: Int
    /// LSTM projection size P; 0 for none.
    let projection: Int

    var gates: Int { mode.gateCount }
    /// Rows of every gate matrix (`G · H`).
    var gateWidth: Int { gates * hidden }
    /// Features of the h state and of each direction's output (S).
    var stateWidth: Int { projection > 0 ? projection : hidden }
    func layerInput(_ l: Int) -> Int { l == 0 ? inputSize : directions * stateWidth }
    /// Elements of one (layer, direction)'s weight matrices `Wx`, `Wh` and `Whr`.
    func weightSize(_ l: Int) -> Int { gateWidth * (layerInput(l) + stateWidth) + projection * hidden }

    func weightOffset(_ l: Int, _ d: Int) -> Int {
        var offset = 0
        for i in 0..<l { offset += directions * weightSize(i) }
        return offset + d * weightSize(l)
    }
    var weightCount: Int { weightOffset(layers, 0) }
    func biasOffset(_ l: Int, _ d: Int) -> Int { weightCount + (l * directions + d) * 2 * gateWidth }
    var parameterCount: Int { weightCount + layers * directions * 2 * gateWidth }
    /// Elements of the dropout masks between layers: `(L - 1) × T × N × D·S`.
    var maskCount: Int { (layers - 1) * steps * batch * directions * stateWidth }
}

/// What the backward pass needs from a forward pass: each layer's input and, per (layer, direction) and time
/// step, the state before the step and the gate activations.
final class RNNTape<T: RNNScalar> {
    var layerInputs: [[T]] = []
    /// Per (layer, direction): h before step t, `[T, N, S]`.
    var hPrev: [[T]] = []
    /// LSTM with projection: the cell's hidden output before the projection, `[T, N, H]`.
    var cellOut: [[T]] = []
    /// LSTM: c before step t and after it, `[T, N, H]`.
    var cPrev: [[T]] = []
    var cNew: [[T]] = []
    /// Gate activations `[T, N, G·H]` (the new h for plain RNNs).
    var gates: [[T]] = []
    /// GRU: `Wh_n h + bh_n`, `[T, N, H]`.
    var hiddenCandidate: [[T]] = []
}

@inline(__always) private func sigmoid<T: KernelFloat>(_ x: T) -> T { 1 / (1 + T.exp(-x)) }

/// The forward and backward passes of a multi-layer, optionally bidirectional RNN/LSTM/GRU on `[T, N, C]` data.
struct RNNComputation<T: RNNScalar> {
    let cfg: RNNConfig
    let x: UnsafePointer<T>
    let w: UnsafePointer<T>
    let h0: UnsafePointer<T>
    let c0: UnsafePointer<T>?
    /// Valid steps per batch entry (nil: all). Later steps output zeros and leave the state unchanged.
    let lengths: [Int]?
    /// Dropout masks applied to each layer's output before the next layer (nil: none).
    let masks: UnsafePointer<T>?

    @inline(__always) func isPadding(_ t: Int, _ n: Int) -> Bool {
        if let lengths { return t >= lengths[n] } else { return false }
    }

    // MARK: Forward

    /// Writes `out [T, N, D·S]` and, when given, the final states `hy [L·D, N, S]` and `cy [L·D, N, H]`; records
    /// into `tape`.
    func forward(out: UnsafeMutablePointer<T>, hy: UnsafeMutablePointer<T>?, cy: UnsafeMutablePointer<T>?,
                 tape: RNNTape<T>?) {
        let (L, D, steps, N, H, S) = (cfg.layers, cfg.directions, cfg.steps, cfg.batch, cfg.hidden, cfg.stateWidth)
        var input = Array(UnsafeBufferPointer(start: x, count: steps * N * cfg.inputSize))
        for l in 0..<L {
            tape?.layerInputs.append(input)
            var y = [T](repeating: 0, count: steps * N * D * S)
            input.withUnsafeBufferPointer { xin in
                y.withUnsafeMutableBufferPointer { yb in
                    for d in 0..<D {
                        let ld = l * D + d
                        direction(l, d, xin.baseAddress!, yb.baseAddress!, hy.map { $0 + ld * N * S },
                                  cy.map { $0 + ld * N * H }, tape)
                    }
                }
            }
            if l == L - 1 {
                y.withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: y.count) }
            } else {
                if let masks {
                    let m = masks + l * y.count
                    for i in 0..<y.count { y[i] *= m[i] }
                }
                input = y
            }
        }
    }

    private func direction(_ l: Int, _ d: Int, _ xin: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>,
                           _ hy: UnsafeMutablePointer<T>?, _ cy: UnsafeMutablePointer<T>?, _ tape: RNNTape<T>?) {
        let (D, steps, N, H, gw) = (cfg.directions, cfg.steps, cfg.batch, cfg.hidden, cfg.gateWidth)
        let (S, P) = (cfg.stateWidth, cfg.projection)
        let inSize = cfg.layerInput(l)
        let wx = w + cfg.weightOffset(l, d), wh = wx + gw * inSize, whr = wh + gw * S
        let bx = w + cfg.biasOffset(l, d), bh = bx + gw
        let mode = cfg.mode
        var gx = [T](repeating: 0, count: steps * N * gw)
        gx.withUnsafeMutableBufferPointer { T.gemm(false, true, steps * N, gw, inSize, 1, xin, inSize, wx, inSize, 0, $0.baseAddress!, gw) }
        let ld = l * D + d
        var h = Array(UnsafeBufferPointer(start: h0 + ld * N * S, count: N * S))
        var c = mode == .lstm ? Array(UnsafeBufferPointer(start: c0! + ld * N * H, count: N * H)) : []
        var gh = [T](repeating: 0, count: N * gw)
        // With a projection: the cell's hidden output of this step, and its projection (the new h).
        var cellOut = [T](repeating: 0, count: P > 0 ? N * H : 0)
        var projected = [T](repeating: 0, count: N * P)
        let record = tape != nil
        var tHPrev = [T](), tCPrev = [T](), tCNew = [T](), tGates = [T](), tCand = [T](), tCellOut = [T]()
        if record {
            tHPrev = [T](repeating: 0, count: steps * N * S)
            tGates = [T](repeating: 0, count: steps * N * gw)
            let cells = [T](repeating: 0, count: steps * N * H)
            if mode == .lstm { tCPrev = cells; tCNew = cells }
            if mode == .gru { tCand = cells }
            if P > 0 { tCellOut = cells }
        }
        for i in 0..<steps {
            let t = d == 0 ? i : steps - 1 - i
            h.withUnsafeBufferPointer { hb in
                gh.withUnsafeMutableBufferPointer { T.gemm(false, true, N, gw, S, 1, hb.baseAddress!, S, wh, S, 0, $0.baseAddress!, gw) }
            }
            if record {
                tHPrev.replaceSubrange((t * N * S)..<((t + 1) * N * S), with: h)
                if mode == .lstm { tCPrev.replaceSubrange((t * N * H)..<((t + 1) * N * H), with: c) }
            }
            for n in 0..<N {
                let yRow = y + (t * N + n) * D * S + d * S
                if isPadding(t, n) {
                    for k in 0..<S { yRow[k] = 0 }
                    continue
                }
                let ax = (t * N + n) * gw, ah = n * gw, cell = (t * N + n) * H
                for k in 0..<H {
                    var hNew: T
                    switch mode {
                    case .rnnTanh, .rnnRelu:
                        let a = gx[ax + k] + gh[ah + k] + bx[k] + bh[k]
                        hNew = mode == .rnnTanh ? T.tanh(a) : (a > 0 ? a : 0)
                        if record { tGates[ax + k] = hNew }
                    case .lstm:
                        let ig = sigmoid(gx[ax + k] + gh[ah + k] + bx[k] + bh[k])
                        let fg = sigmoid(gx[ax + H + k] + gh[ah + H + k] + bx[H + k] + bh[H + k])
                        let gg = T.tanh(gx[ax + 2 * H + k] + gh[ah + 2 * H + k] + bx[2 * H + k] + bh[2 * H + k])
                        let og = sigmoid(gx[ax + 3 * H + k] + gh[ah + 3 * H + k] + bx[3 * H + k] + bh[3 * H + k])
                        let cNew = fg * c[n * H + k] + ig * gg
                        c[n * H + k] = cNew
                        hNew = og * T.tanh(cNew)
                        if record {
                            tGates[ax + k] = ig; tGates[ax + H + k] = fg; tGates[ax + 2 * H + k] = gg; tGates[ax + 3 * H + k] = og
                            tCNew[cell + k] = cNew
                        }
                    case .gru:
                        let r = sigmoid(gx[ax + k] + gh[ah + k] + bx[k] + bh[k])
                        let z = sigmoid(gx[ax + H + k] + gh[ah + H + k] + bx[H + k] + bh[H + k])
                        let cand = gh[ah + 2 * H + k] + bh[2 * H + k]
                        let nn = T.tanh(gx[ax + 2 * H + k] + bx[2 * H + k] + r * cand)
                        hNew = (1 - z) * nn + z * h[n * H + k]
                        if record {
                            tGates[ax + k] = r; tGates[ax + H + k] = z; tGates[ax + 2 * H + k] = nn
                            tCand[cell + k] = cand
                        }
                    }
                    if P > 0 {
                        cellOut[n * H + k] = hNew
                    } else {
                        h[n * H + k] = hNew
                        yRow[k] = hNew
                    }
                }
            }
            if P > 0 {
                // h = Whr · (cell output), for the entries past their length too (they keep their state below).
                cellOut.withUnsafeBufferPointer { cb in
                    projected.withUnsafeMutableBufferPointer {
                        T.gemm(false, true, N, P, H, 1, cb.baseAddress!, H, whr, H, 0, $0.baseAddress!, P)
                    }
                }
                for n in 0..<N where !isPadding(t, n) {
                    let yRow = y + (t * N + n) * D * S + d * S
                    for k in 0..<P {
                        h[n * P + k] = projected[n * P + k]
                        yRow[k] = projected[n * P + k]
                    }
                }
                if record { tCellOut.replaceSubrange((t * N * H)..<((t + 1) * N * H), with: cellOut) }
            }
        }
        if let hy { h.withUnsafeBufferPointer { hy.update(from: $0.baseAddress!, count: N * S) } }
        if let cy, mode == .lstm { c.withUnsafeBufferPointer { cy.update(from: $0.baseAddress!, count: N * H) } }
        if let tape {
            tape.hPrev.append(tHPrev); tape.gates.append(tGates)
            tape.cPrev.append(tCPrev); tape.cNew.append(tCNew); tape.hiddenCandidate.append(tCand)
            tape.cellOut.append(tCellOut)
        }
    }

    // MARK: Backward

    /// Back-propagation through time: recomputes the forward pass, then writes the gradients of the data
    /// `dx [T, N, I]`, the packed parameters `dw`, the initial states `dh0`/`dc0` from the gradients of the output
    /// and (optionally) of the final states.
    func backward(dout: UnsafePointer<T>, dhy: UnsafePointer<T>?, dcy: UnsafePointer<T>?,
                  dx: UnsafeMutablePointer<T>, dw: UnsafeMutablePointer<T>, dh0: UnsafeMutablePointer<T>,
                  dc0: UnsafeMutablePointer<T>?) {
        let (L, D, steps, N, H, S) = (cfg.layers, cfg.directions, cfg.steps, cfg.batch, cfg.hidden, cfg.stateWidth)
        let tape = RNNTape<T>()
        var out = [T](repeating: 0, count: steps * N * D * S)
        out.withUnsafeMutableBufferPointer { forward(out: $0.baseAddress!, hy: nil, cy: nil, tape: tape) }
        dw.initialize(repeating: 0, count: cfg.parameterCount)
        var dy = Array(UnsafeBufferPointer(start: dout, count: steps * N * D * S))
        for l in stride(from: L - 1, through: 0, by: -1) {
            var dxl = [T](repeating: 0, count: steps * N * cfg.layerInput(l))
            dy.withUnsafeBufferPointer { dyb in
                dxl.withUnsafeMutableBufferPointer { dxb in
                    for d in 0..<D {
                        let (s, c) = ((l * D + d) * N * S, (l * D + d) * N * H)
                        backDirection(l, d, tape, dyb.baseAddress!, dxb.baseAddress!, dw,
                                      dhy.map { $0 + s }, dcy.map { $0 + c }, dh0 + s, dc0.map { $0 + c })
                    }
                }
            }
            if l == 0 {
                dxl.withUnsafeBufferPointer { dx.update(from: $0.baseAddress!, count: dxl.count) }
            } else {
                if let masks {
                    let m = masks + (l - 1) * dxl.count
                    for i in 0..<dxl.count { dxl[i] *= m[i] }
                }
                dy = dxl
            }
        }
    }

    private func backDirection(_ l: Int, _ d: Int, _ tape: RNNTape<T>, _ dy: UnsafePointer<T>,
                               _ dxl: UnsafeMutablePointer<T>, _ dw: UnsafeMutablePointer<T>,
                               _ dhy: UnsafePointer<T>?, _ dcy: UnsafePointer<T>?,
                               _ dh0: UnsafeMutablePointer<T>, _ dc0: UnsafeMutablePointer<T>?) {
        let (D, steps, N, H, gw) = (cfg.directions, cfg.steps, cfg.batch, cfg.hidden, cfg.gateWidth)
        let (S, P) = (cfg.stateWidth, cfg.projection)
        let mode = cfg.mode, inSize = cfg.layerInput(l), ld = l * D + d
        let wo = cfg.weightOffset(l, d), bo = cfg.biasOffset(l, d)
        let wx = w + wo, wh = wx + gw * inSize, whr = wh + gw * S
        let gates = tape.gates[ld], hPrev = tape.hPrev[ld]
        let cPrev = tape.cPrev[ld], cNew = tape.cNew[ld], cand = tape.hiddenCandidate[ld]
        // dh: gradient of the h state (width S), the output gradient of each step added in.
        var dh = dhy.map { Array(UnsafeBufferPointer(start: $0, count: N * S)) } ?? [T](repeating: 0, count: N * S)
        var dc = mode == .lstm ? (dcy.map { Array(UnsafeBufferPointer(start: $0, count: N * H)) } ?? [T](repeating: 0, count: N * H)) : []
        var dax = [T](repeating: 0, count: steps * N * gw)
        var dah = mode == .gru ? dax : []
        var dhNext = [T](repeating: 0, count: N * S)
        // With a projection: the gradient of each step's projected output (zero past a length), and of the cell's
        // hidden output before the projection.
        var dProjected = [T](repeating: 0, count: steps * N * P)
        var dCellOut = [T](repeating: 0, count: P > 0 ? N * H : 0)
        for i in stride(from: steps - 1, through: 0, by: -1) {
            let t = d == 0 ? i : steps - 1 - i
            for n in 0..<N where !isPadding(t, n) {
                let yRow = dy + (t * N + n) * D * S + d * S
                for k in 0..<S { dh[n * S + k] += yRow[k] }
                if P > 0 {
                    for k in 0..<P { dProjected[(t * N + n) * P + k] = dh[n * P + k] }
                }
            }
            if P > 0 {
                dh.withUnsafeBufferPointer { db in
                    dCellOut.withUnsafeMutableBufferPointer {
                        T.gemm(false, false, N, H, P, 1, db.baseAddress!, P, whr, H, 0, $0.baseAddress!, H)
                    }
                }
            }
            for n in 0..<N where !isPadding(t, n) {
                let ax = (t * N + n) * gw, cell = (t * N + n) * H
                for k in 0..<H {
                    let g = P > 0 ? dCellOut[n * H + k] : dh[n * H + k]
                    switch mode {
                    case .rnnTanh:
                        let hv = gates[ax + k]
                        dax[ax + k] = g * (1 - hv * hv)
                    case .rnnRelu:
                        dax[ax + k] = gates[ax + k] > 0 ? g : 0
                    case .lstm:
                        let (ig, fg, gg, og) = (gates[ax + k], gates[ax + H + k], gates[ax + 2 * H + k], gates[ax + 3 * H + k])
                        let tc = T.tanh(cNew[cell + k])
                        let dct = dc[n * H + k] + g * og * (1 - tc * tc)
                        dax[ax + k] = dct * gg * ig * (1 - ig)
                        dax[ax + H + k] = dct * cPrev[cell + k] * fg * (1 - fg)
                        dax[ax + 2 * H + k] = dct * ig * (1 - gg * gg)
                        dax[ax + 3 * H + k] = g * tc * og * (1 - og)
                        dc[n * H + k] = dct * fg
                    case .gru:
                        let (r, z, nn) = (gates[ax + k], gates[ax + H + k], gates[ax + 2 * H + k])
                        let dan = g * (1 - z) * (1 - nn * nn)
                        let dar = dan * cand[cell + k] * r * (1 - r)
                        let daz = g * (hPrev[cell + k] - nn) * z * (1 - z)
                        dax[ax + k] = dar; dax[ax + H + k] = daz; dax[ax + 2 * H + k] = dan
                        dah[ax + k] = dar; dah[ax + H + k] = daz; dah[ax + 2 * H + k] = dan * r
                    }
                }
            }
            // dh_{t-1} = dA_h(t) · Wh (+ dh · z for GRU); padded entries pass dh through unchanged.
            let rec = mode == .gru ? dah : dax
            rec.withUnsafeBufferPointer { rb in
                dhNext.withUnsafeMutableBufferPointer {
                    T.gemm(false, false, N, S, gw, 1, rb.baseAddress! + t * N * gw, gw, wh, S, 0, $0.baseAddress!, S)
                }
            }
            for n in 0..<N {
                if isPadding(t, n) {
                    for k in 0..<S { dhNext[n * S + k] = dh[n * S + k] }
                } else if mode == .gru {
                    let ax = (t * N + n) * gw
                    for k in 0..<H { dhNext[n * H + k] += dh[n * H + k] * gates[ax + H + k] }
                }
            }
            swap(&dh, &dhNext)
        }
        dh.withUnsafeBufferPointer { dh0.update(from: $0.baseAddress!, count: N * S) }
        if let dc0, mode == .lstm { dc.withUnsafeBufferPointer { dc0.update(from: $0.baseAddress!, count: N * H) } }

        let rows = steps * N
        let xl = tape.layerInputs[l]
        let rec = mode == .gru ? dah : dax
        dax.withUnsafeBufferPointer { axb in
            rec.withUnsafeBufferPointer { ahb in
                let pa = axb.baseAddress!, ph = ahb.baseAddress!
                xl.withUnsafeBufferPointer { T.gemm(true, false, gw, inSize, rows, 1, pa, gw, $0.baseAddress!, inSize, 1, dw + wo, inSize) }
                hPrev.withUnsafeBufferPointer { T.gemm(true, false, gw, S, rows, 1, ph, gw, $0.baseAddress!, S, 1, dw + wo + gw * inSize, S) }
                T.gemm(false, false, rows, inSize, gw, 1, pa, gw, wx, inSize, 1, dxl, inSize)
                let dbx = dw + bo, dbh = dbx + gw
                for r in 0..<rows {
                    for j in 0..<gw { dbx[j] += pa[r * gw + j]; dbh[j] += ph[r * gw + j] }
                }
            }
        }
        if P > 0 {
            // dWhr = Σ_t dProjected(t)ᵀ · cellOut(t)
            dProjected.withUnsafeBufferPointer { dp in
                tape.cellOut[ld].withUnsafeBufferPointer {
                    T.gemm(true, false, P, H, rows, 1, dp.baseAddress!, P, $0.baseAddress!, H, 1, dw + wo + gw * (inSize + S), H)
                }
            }
        }
    }
}
