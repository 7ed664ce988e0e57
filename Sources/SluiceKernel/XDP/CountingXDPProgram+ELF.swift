import SluiceEBPF

extension CountingXDPProgram {
    /// The counting program as an ELF object holds it (`ELFWriter.object(for:maps:)`):
    /// the instructions with the counters map's fd left 0, and the map's
    /// definition (`sluice_counts`, a per-CPU array of two `u64`) naming the
    /// `lddw` slots the loader (libbpf, in `ip`, `bpftool`, `xdp-loader`)
    /// patches with the fd of the map it creates. `sluice xdp status` then
    /// finds the counters by the map's name, whoever loaded the object.
    public static func objectParts(filter: [EBPFInstruction], verdict: XDPResultMode,
                                   onMatch: XDPAction) throws(KernelError) -> (program: EBPFProgram, maps: [ELFMapDefinition]) {
        let instructions = try wrapped(filter, verdict: verdict, onMatch: onMatch, countersFD: 0)
        let filterEnd = filter.count
        let references = instructions.indices.filter { slot in
            slot >= filterEnd && instructions[slot].code == Op.lddw && instructions[slot].src == 1  // BPF_PSEUDO_MAP_FD
        }
        let counters = ELFMapDefinition(name: XDPCounters.mapName, type: BPFMapType.perCPUArray.cValue.rawValue,
                                        keySize: 4, valueSize: 8, maxEntries: 2, references: references)
        return (EBPFProgram(instructions), [counters])
    }
}
