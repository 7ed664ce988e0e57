/// The BTF that describes one XDP function, `int NAME(struct xdp_md *ctx)`,
/// and its `license` variable, as clang emits them (`.BTF`), plus the
/// function record of `.BTF.ext` (include/uapi/linux/btf.h,
/// Documentation/bpf/btf.rst). libbpf passes them to the kernel as
/// `prog_btf_fd`/`func_info`; libxdp needs the function's BTF to put the
/// program behind its dispatcher. With maps, it also describes each
/// BTF-defined map and the `.maps` data section, which libbpf 1.x requires.
struct BTFWriter {
    /// BTF kinds used here (`BTF_KIND_*`).
    private enum Kind: UInt32 {
        case int = 1, pointer = 2, array = 3, structure = 4, typedef = 8
        case variable = 14, function = 12, functionPrototype = 13, dataSection = 15
    }

    private var strings = StringTable()
    private var types = LittleEndianWriter()

    /// BTF type id of the function (`BTF_KIND_FUNC`).
    private(set) var functionTypeID: UInt32 = 0

    private var sectionName: UInt32 = 0

    /// The next type id `type(...)` gives.
    private var nextTypeID: UInt32 = 1

    /// Describes `function` in section `section`, the license string, and
    /// the maps of `.maps`.
    init(function: String, section: String, licenseLength: Int, maps: [ELFMapDefinition] = []) {
        sectionName = strings.offset(of: section)
        // [1] struct xdp_md *
        type(.pointer, name: "", vlen: 0, sizeOrType: 2)
        // [2] struct xdp_md: six __u32 fields (linux/bpf.h).
        let fields = ["data", "data_end", "data_meta", "ingress_ifindex", "rx_queue_index", "egress_ifindex"]
        type(.structure, name: "xdp_md", vlen: fields.count, sizeOrType: 24)
        for (index, field) in fields.enumerated() { member(field, type: 3, third: UInt32(32 * index)) }
        // [3] typedef __u32, [4] unsigned int
        type(.typedef, name: "__u32", vlen: 0, sizeOrType: 4)
        type(.int, name: "unsigned int", vlen: 0, sizeOrType: 4)
        types.u32(32)
        // [5] int (struct xdp_md *ctx), [6] int
        type(.functionPrototype, name: "", vlen: 1, sizeOrType: 6)
        types.u32(strings.offset(of: "ctx"))
        types.u32(1)
        type(.int, name: "int", vlen: 0, sizeOrType: 4)
        types.u32(1 << 24 | 32)  // BTF_INT_SIGNED, 32 bits
        // [7] the function, global linkage (vlen carries the linkage).
        type(.function, name: function, vlen: 1, sizeOrType: 5)
        functionTypeID = 7
        // [8] char, [9] char[N], [10] the array index type
        type(.int, name: "char", vlen: 0, sizeOrType: 1)
        types.u32(1 << 24 | 8)
        type(.array, name: "", vlen: 0, sizeOrType: 0)
        types.u32(8)
        types.u32(10)
        types.u32(UInt32(licenseLength))
        type(.int, name: "__ARRAY_SIZE_TYPE__", vlen: 0, sizeOrType: 4)
        types.u32(32)
        // [11] _license, global; [12] its data section
        type(.variable, name: "_license", vlen: 0, sizeOrType: 9)
        types.u32(1)
        type(.dataSection, name: "license", vlen: 1, sizeOrType: UInt32(licenseLength))
        types.u32(11)
        types.u32(0)
        types.u32(UInt32(licenseLength))
        if !maps.isEmpty { describe(maps, int: 6, arrayIndex: 10) }
    }

    /// BTF-defined maps as clang emits `struct { __uint(type, T); ... } NAME SEC(".maps")`:
    /// each `__uint(field, N)` is a member `int (*field)[N]`; each map is a
    /// global variable of its anonymous struct; `.maps` is their data section.
    private mutating func describe(_ maps: [ELFMapDefinition], int: UInt32, arrayIndex: UInt32) {
        var pointerTo: [UInt32: UInt32] = [:]  // N → id of int (*)[N]
        var variables: [UInt32] = []
        for map in maps {
            for field in map.fields where pointerTo[field.value] == nil {
                let array = type(.array, name: "", vlen: 0, sizeOrType: 0)
                types.u32(int)
                types.u32(arrayIndex)
                types.u32(field.value)
                pointerTo[field.value] = type(.pointer, name: "", vlen: 0, sizeOrType: array)
            }
            let structure = type(.structure, name: "", vlen: map.fields.count, sizeOrType: UInt32(ELFMapDefinition.size))
            for (index, field) in map.fields.enumerated() {
                member(field.name, type: pointerTo[field.value] ?? 0, third: UInt32(64 * index))
            }
            variables.append(type(.variable, name: map.name, vlen: 0, sizeOrType: structure))
            types.u32(1)  // BTF_VAR_GLOBAL_ALLOCATED
        }
        type(.dataSection, name: ".maps", vlen: maps.count, sizeOrType: UInt32(maps.count * ELFMapDefinition.size))
        for (index, variable) in variables.enumerated() {
            types.u32(variable)
            types.u32(UInt32(index * ELFMapDefinition.size))
            types.u32(UInt32(ELFMapDefinition.size))
        }
    }

    /// Appends a type record and returns its id.
    @discardableResult
    private mutating func type(_ kind: Kind, name: String, vlen: Int, sizeOrType: UInt32) -> UInt32 {
        types.u32(strings.offset(of: name))
        types.u32(kind.rawValue << 24 | UInt32(vlen))
        types.u32(sizeOrType)
        defer { nextTypeID += 1 }
        return nextTypeID
    }

    private mutating func member(_ name: String, type: UInt32, third: UInt32) {
        types.u32(strings.offset(of: name))
        types.u32(type)
        types.u32(third)
    }

    /// The `.BTF` section: header, types, strings.
    func btfSection() -> [UInt8] {
        var out = LittleEndianWriter()
        out.u16(0xeb9f)  // BTF_MAGIC
        out.u8(1)        // version
        out.u8(0)        // flags
        out.u32(24)      // hdr_len
        out.u32(0)       // type_off
        out.u32(UInt32(types.bytes.count))
        out.u32(UInt32(types.bytes.count))  // str_off
        out.u32(UInt32(strings.bytes.count))
        out.bytes += types.bytes + strings.bytes
        return out.bytes
    }

    /// The `.BTF.ext` section: one `bpf_func_info` record (instruction byte
    /// offset 0 in the section → the function's type), no line info (libbpf
    /// rejects a line-info table without records, so its length is 0).
    func btfExtSection() -> [UInt8] {
        var out = LittleEndianWriter()
        out.u16(0xeb9f)
        out.u8(1)
        out.u8(0)
        out.u32(32)  // hdr_len (with the CO-RE relocation fields)
        out.u32(0)   // func_info_off
        out.u32(20)  // func_info_len: rec_size + one section header + one record
        out.u32(20)  // line_info_off
        out.u32(0)   // line_info_len
        out.u32(20)  // core_relo_off
        out.u32(0)   // core_relo_len
        out.u32(8)   // func_info rec_size
        out.u32(sectionName)
        out.u32(1)
        out.u32(0)   // insn_off (bytes)
        out.u32(functionTypeID)
        return out.bytes
    }
}
