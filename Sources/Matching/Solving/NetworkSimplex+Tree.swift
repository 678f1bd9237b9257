// The core tree's updates: re-hanging a subtree after a pivot (LEMON's method), and moving
// demands into and out of the core as they gain and lose children.
extension NetworkSimplex {
    /// Updates the tree after the flow change: a leaf target whose own arc left just moves to
    /// the entering arc's source; otherwise the target joins the core if it is a leaf, the
    /// core is re-hung and re-priced, and demands left without children become leaves.
    func updateTree() {
        let v = Int(target[inArc])
        if inCore[v] == 0 {
            if uOut == v {
                // The leaf swaps its tree arc for the entering one; nothing else moves.
                let u = Int(source[inArc])
                parent[v] = Int32(u)
                pred[v] = Int32(inArc)
                anchor[v] = Int32(u)
                offset[v] = cost[inArc]
                return
            }
            promote(v)
        }
        let oldParent = Int(parent[uOut])
        updateTreeStructure()
        updatePotential()
        // Only u_out and v_out can have lost children.
        demoteIfChildless(uOut)
        demoteIfChildless(oldParent)
    }

    @inline(__always)
    private func demoteIfChildless(_ u: Int) {
        // A demand's children can only be resources, which are all in the core, so a core
        // demand with subtree size 1 has no children at all.
        if u >= resourceCount && u != root && inCore[u] == 1 && succNum[u] == 1 { demote(u) }
    }

    /// Moves leaf demand `v` into the core, threaded right after its parent.
    func promote(_ v: Int) {
        let p = Int(parent[v])
        potential[v] = potentialOf(v)
        inCore[v] = 1
        anchor[v] = Int32(v)
        offset[v] = 0
        let next = Int(thread[p])
        thread[p] = Int32(v)
        revThread[v] = Int32(p)
        thread[v] = Int32(next)
        revThread[next] = Int32(v)
        succNum[v] = 1
        lastSucc[v] = Int32(v)
        // v is the last successor of p, and of the ancestors p was last of, iff p had no child.
        if Int(lastSucc[p]) == p {
            var a = p
            while a != -1 && Int(lastSucc[a]) == p {
                lastSucc[a] = Int32(v)
                a = Int(parent[a])
            }
        }
        var a = p
        while a != -1 {
            succNum[a] += 1
            a = Int(parent[a])
        }
    }

    /// Moves core demand `v`, which has no children, out of the core.
    func demote(_ v: Int) {
        let before = Int(revThread[v]), after = Int(thread[v])
        thread[before] = Int32(after)
        revThread[after] = Int32(before)
        var a = Int(parent[v])
        while a != -1 {
            succNum[a] -= 1
            if Int(lastSucc[a]) == v { lastSucc[a] = Int32(before) }
            a = Int(parent[a])
        }
        inCore[v] = 0
        anchor[v] = parent[v]
        offset[v] = cost[Int(pred[v])]   // π(v) = π(parent) + cost: its tree arc enters v
    }

    /// Re-hangs the subtree below the leaving arc from the entering arc, reversing the
    /// parent links along the *stem* from `uIn` to `uOut`, and repairs thread, reverse thread,
    /// subtree sizes and last successors.
    func updateTreeStructure() {
        let oldRevThread = Int(revThread[uOut])
        let oldSuccNum = succNum[uOut]
        let oldLastSucc = Int(lastSucc[uOut])
        let vOut = Int(parent[uOut])

        if uIn == uOut {
            parent[uIn] = Int32(vIn)
            pred[uIn] = Int32(inArc)
            predDir[uIn] = uIn == Int(source[inArc]) ? Self.up : Self.down
            if Int(thread[vIn]) != uOut {
                var after = thread[oldLastSucc]
                thread[oldRevThread] = after
                revThread[Int(after)] = Int32(oldRevThread)
                after = thread[vIn]
                thread[vIn] = Int32(uOut)
                revThread[uOut] = Int32(vIn)
                thread[oldLastSucc] = after
                revThread[Int(after)] = Int32(oldLastSucc)
            }
        } else {
            // When the node before u_out in the thread is v_in, v_out is the join.
            let threadContinue = oldRevThread == vIn ? Int(thread[oldLastSucc]) : Int(thread[vIn])
            var stem = uIn, parentStem = vIn
            var last = Int(lastSucc[uIn])
            var after = Int(thread[last])
            var dirtyCount = 0
            thread[vIn] = Int32(uIn)
            dirty[dirtyCount] = Int32(vIn)
            dirtyCount += 1
            while stem != uOut {
                // Insert the next stem node into the thread after the current stem's subtree.
                let nextStem = Int(parent[stem])
                thread[last] = Int32(nextStem)
                dirty[dirtyCount] = Int32(last)
                dirtyCount += 1
                // Cut the current stem's subtree out of its old place in the thread.
                let before = Int(revThread[stem])
                thread[before] = Int32(after)
                revThread[after] = Int32(before)
                // Reverse the parent link and move along the stem.
                parent[stem] = Int32(parentStem)
                parentStem = stem
                stem = nextStem
                last = lastSucc[stem] == lastSucc[parentStem] ? Int(revThread[parentStem]) : Int(lastSucc[stem])
                after = Int(thread[last])
            }
            parent[uOut] = Int32(parentStem)
            thread[last] = Int32(threadContinue)
            revThread[threadContinue] = Int32(last)
            lastSucc[uOut] = Int32(last)
            if oldRevThread != vIn {
                thread[oldRevThread] = Int32(after)
                revThread[after] = Int32(oldRevThread)
            }
            for index in 0..<dirtyCount {
                let u = Int(dirty[index])
                revThread[Int(thread[u])] = Int32(u)
            }
            // Predecessor arcs, directions, sizes and last successors along the reversed stem.
            var sizeSoFar: Int32 = 0
            let stemLast = lastSucc[uOut]
            var u = uOut
            while u != uIn {
                let p = Int(parent[u])
                pred[u] = pred[p]
                predDir[u] = -predDir[p]
                sizeSoFar += succNum[u] - succNum[p]
                succNum[u] = sizeSoFar
                lastSucc[p] = stemLast
                u = p
            }
            pred[uIn] = Int32(inArc)
            predDir[uIn] = uIn == Int(source[inArc]) ? Self.up : Self.down
            succNum[uIn] = oldSuccNum
        }

        // Last successors from v_in and from v_out towards the root.
        let upLimitOut = Int(lastSucc[join]) == vIn ? join : -1
        let lastSuccOut = lastSucc[uOut]
        var u = vIn
        while u != -1 && Int(lastSucc[u]) == vIn {
            lastSucc[u] = lastSuccOut
            u = Int(parent[u])
        }
        if join != oldRevThread && vIn != oldRevThread {
            u = vOut
            while u != upLimitOut && Int(lastSucc[u]) == oldLastSucc {
                lastSucc[u] = Int32(oldRevThread)
                u = Int(parent[u])
            }
        } else if Int(lastSuccOut) != oldLastSucc {
            u = vOut
            while u != upLimitOut && Int(lastSucc[u]) == oldLastSucc {
                lastSucc[u] = lastSuccOut
                u = Int(parent[u])
            }
        }

        // Subtree sizes between the moved subtree's old and new parents and the join.
        u = vIn
        while u != join {
            succNum[u] += oldSuccNum
            u = Int(parent[u])
        }
        u = vOut
        while u != join {
            succNum[u] -= oldSuccNum
            u = Int(parent[u])
        }
    }

}
